"""The results file: append-only JSONL, one flushed line per finished input, resumable after a crash.

Durability: every record is written with one ``write`` and flushed, so a crashed or ``kill -9``-ed process
loses only the records still in flight. ``fsync`` runs at most every ``fsync_interval`` seconds (and at the
end), bounding what a power cut can lose without paying a disk sync per transcript.

Resume: a graded record's key is done and skipped. Failed records are *retried* on resume (that is what users
expect after fixing a key or waiting out a rate limit); the new record replaces the old one. A truncated last
line (a crash mid-write) is dropped. Whenever the file holds superseded or broken lines, it is compacted
(rewritten to a temporary file, fsync'd, renamed over), so each input appears exactly once.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import UsageError
from ..util.files import fsync_dir
from ..util.text import without_surrogates
from .records import BatchRecord, to_line


class ResultStore:
    """``ResultStore.open(path, resume=...)``, then ``append(record)`` per input, then ``close()``."""

    def __init__(self, path: Path, *, fsync_interval: float = 1.0) -> None:
        self.path = path
        self.fsync_interval = fsync_interval
        self.done: set[str] = set()
        """keys with a graded record"""
        self.previous_failures: set[str] = set()
        """keys whose latest record is a failure (retried on resume)"""
        self.dropped_lines = 0
        """unreadable lines dropped while resuming (a truncated tail from a crash)"""
        self._failed_inputs: set[str] = set()
        self._superseded = False
        self._file: Any = None
        self._end = 0
        """the file's size in bytes: where the next record starts"""
        self._last_sync = time.monotonic()

    @classmethod
    def open(cls, path: Path, *, resume: bool, fsync_interval: float = 1.0) -> ResultStore:
        store = cls(path, fsync_interval=fsync_interval)
        exists = path.exists() and path.stat().st_size > 0
        if exists and not resume:
            raise UsageError(f"{path}: already has results; pass --resume to continue it, or choose another -o")
        if path.exists() and path.is_dir():
            raise UsageError(f"{path}: is a directory; -o takes a .jsonl file name")
        if exists:
            store._scan()
            if store._superseded or store.dropped_lines or not _ends_with_newline(path):
                store.compact()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)  # results hold personal data
        except OSError as e:
            raise UsageError(f"{path}: cannot write results ({e.strerror}); choose another -o") from None
        store._file = os.fdopen(fd, "a", encoding="utf-8")
        store._end = os.fstat(fd).st_size
        return store

    # -- reading

    def _scan(self) -> None:
        latest: dict[str, str] = {}
        for data in iter_records(self.path, on_bad_line=self._count_bad):
            key, status = str(data["key"]), str(data["status"])
            if key in latest or data.get("input") in self._failed_inputs:
                self._superseded = True
            if latest.get(key) != "graded":  # a graded record is never replaced by a later failure
                latest[key] = status
            if status != "graded":
                self._failed_inputs.add(str(data.get("input")))
        self.done = {k for k, s in latest.items() if s == "graded"}
        self.previous_failures = {k for k, s in latest.items() if s != "graded"}

    def _count_bad(self, number: int, line: str) -> None:
        self.dropped_lines += 1

    # -- writing

    def append(self, record: BatchRecord) -> int:
        """Write one record as one line, flushed (fsync'd when the interval has passed); returns where the line
        starts in the file (``read_at`` reads it back, so a run need not keep its records in memory)."""
        return self.append_line(to_line(record), record.key, record.input, record.status)

    def append_line(self, line: str, key: str, input: str, status: str) -> int:
        """``append`` of a record already serialised (``to_line``), with its key, input and status."""
        if key in self.done or key in self.previous_failures or input in self._failed_inputs:
            self._superseded = True
        offset = self._end
        self._file.write(line)
        self._file.flush()
        self._end += len(line.encode("utf-8"))
        if status == "graded":
            self.done.add(key)
            self.previous_failures.discard(key)
        now = time.monotonic()
        if now - self._last_sync >= self.fsync_interval:
            os.fsync(self._file.fileno())
            self._last_sync = now
        return offset

    def read_at(self, offset: int) -> BatchRecord:
        """The record ``append`` wrote at ``offset`` in this run (before any compaction)."""
        with open(self.path, "rb") as f:
            f.seek(offset)
            return BatchRecord.model_validate_json(f.readline())

    def close(self) -> None:
        """Sync and close; compact when a retried input left an older record behind."""
        if self._file is not None:
            self._file.flush()
            os.fsync(self._file.fileno())
            self._file.close()
            self._file = None
        if self._superseded:
            self.compact()

    def compact(self) -> None:
        """Rewrite the file with one record per input, crash-safely (temporary file, fsync, rename).

        Kept: the first graded record of each key; a failure only when nothing later has the same key or the
        same input path (a failure is superseded by the retry of that file, even when its content changed).
        """
        first_graded: dict[str, int] = {}
        last_of_key: dict[str, int] = {}
        last_of_input: dict[str, int] = {}
        for number, data in enumerate(iter_records(self.path)):
            key = str(data["key"])
            last_of_key[key] = number
            last_of_input[str(data.get("input"))] = number
            if data["status"] == "graded":
                first_graded.setdefault(key, number)

        def keep(number: int, data: dict[str, Any]) -> bool:
            key = str(data["key"])
            if data["status"] == "graded":
                return first_graded[key] == number
            return (key not in first_graded and last_of_key[key] == number
                    and last_of_input[str(data.get("input"))] == number)

        tmp = self.path.with_name(self.path.name + ".compacting")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            for number, (line, data) in enumerate(_lines(self.path)):
                if keep(number, data):
                    out.write(line.rstrip("\r\n") + "\n")  # kept as written: nothing to re-encode
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, self.path)
        fsync_dir(self.path.parent)
        self._superseded = False


def _ends_with_newline(path: Path) -> bool:
    with open(path, "rb") as f:
        f.seek(-1, os.SEEK_END)
        return f.read(1) == b"\n"


def iter_records(path: Path, on_bad_line: Any = None) -> Iterator[dict[str, Any]]:
    """The parseable records of a results file, streamed; a broken line (a crash's truncated tail) is skipped."""
    for _, data in _lines(path, on_bad_line):
        yield data


def _lines(path: Path, on_bad_line: Any = None) -> Iterator[tuple[str, dict[str, Any]]]:
    """``(line, record)`` for each parseable record. Text that cannot be written back as UTF-8 (an unpaired
    surrogate escaped in a hand-edited or older file) is replaced, so resume and the exports never crash on it.
    """
    try:
        f = open(path, encoding="utf-8", errors="replace")
    except FileNotFoundError:
        return
    except OSError as e:
        raise UsageError(f"{path}: cannot read results ({e.strerror})") from None
    with f:
        for number, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                data = json.loads(line)
                if not isinstance(data, dict) or "key" not in data or "status" not in data:
                    raise ValueError("not a batch record")
            except (ValueError, RecursionError):
                if on_bad_line is not None:
                    on_bad_line(number, line)
                continue
            if "\\ud" in line.lower():
                data = _without_surrogates(data)
            yield line, data


def _without_surrogates(value: Any) -> Any:
    if isinstance(value, str):
        return without_surrogates(value)
    if isinstance(value, dict):
        return {without_surrogates(str(k)): _without_surrogates(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_without_surrogates(v) for v in value]
    return value
