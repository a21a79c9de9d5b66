"""What must survive an interruption of a ``--via batch-api`` run: the submitted batches and their items.

Beside ``results.jsonl``: ``results.jsonl.batch-state.json`` lists the pending provider batches (id, backend,
provider), and ``results.jsonl.batch-<n>.jsonl`` holds, per batch, one line per request (custom id, input
path, content hash, role, manifest fields). The item file is written before the batch is submitted; the
state file is rewritten atomically right after the provider returns the batch id. ``--resume`` polls and
fetches the pending batches instead of submitting their inputs again.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from ...errors import UsageError
from ...util.files import atomic_write_text


@dataclass
class PendingBatch:
    id: str
    backend: str
    provider: str
    items: str
    """the item file's name (beside the results file)"""
    count: int


@dataclass
class Item:
    custom_id: str
    input: str
    sha256: str
    key: str
    role: str
    candidate: str | None = None
    requisition: str | None = None
    speaker: str | None = None


class BatchState:
    def __init__(self, results: Path) -> None:
        self.results = results
        self.path = results.with_name(results.name + ".batch-state.json")
        self.pending: list[PendingBatch] = []

    def exists(self) -> bool:
        return self.path.exists()

    def load(self) -> BatchState:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            self.pending = [PendingBatch(**b) for b in data["pending"]]
        except (OSError, ValueError, KeyError, TypeError) as e:
            raise UsageError(f"{self.path}: unreadable batch state ({e}); delete it to submit the batch again") from None
        return self

    def save(self) -> None:
        if not self.pending:
            self.path.unlink(missing_ok=True)
            return
        atomic_write_text(self.path, json.dumps({"version": 1, "pending": [asdict(b) for b in self.pending]}, indent=1))

    def item_file(self, name: str) -> Path:
        return self.results.with_name(name)

    def new_item_file(self) -> Path:
        n = 1
        while True:
            path = self.results.with_name(f"{self.results.name}.batch-{n}.jsonl")
            if not path.exists() and all(b.items != path.name for b in self.pending):
                return path
            n += 1

    def add(self, batch: PendingBatch) -> None:
        self.pending.append(batch)
        self.save()

    def remove(self, batch: PendingBatch) -> None:
        self.pending = [b for b in self.pending if b.id != batch.id]
        self.save()
        self.item_file(batch.items).unlink(missing_ok=True)


def write_items(path: Path, items: list[Item]) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        for item in items:
            f.write(json.dumps(asdict(item)) + "\n")
        f.flush()
        os.fsync(f.fileno())


def read_items(path: Path) -> Iterator[Item]:
    try:
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    data: dict[str, Any] = json.loads(line)
                    yield Item(**data)
    except FileNotFoundError:
        raise UsageError(f"{path}: the batch's item list is missing; delete the batch state file to start over") from None
