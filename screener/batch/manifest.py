"""Manifests: a JSONL or CSV list of transcripts with what the ATS knows about each.

Columns / keys (case-insensitive; other columns, e.g. an ATS export's extra fields, are ignored):

- ``path`` (or ``file``, ``transcript``): the transcript file, relative to the manifest's folder; required.
- ``candidate`` (or ``name``, ``candidate_name``): the candidate's name, shown in the results and exports.
- ``role``: ``ai_engineer``, ``ml_engineer`` or ``hybrid``; overrides ``--role`` for that row.
- ``requisition`` (or ``requisition_id``, ``req_id``, ``job_id``): carried into the results.
- ``speaker``: the candidate's speaker label in the transcript, when detection needs help.

A CSV without a path column is a usage error (one line, before anything runs). A bad row (not JSON, no
path, an unknown role) becomes a failure record naming the manifest line, and the batch goes on.
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Iterator
from pathlib import Path

from ..errors import UsageError
from ..util.text import without_surrogates
from ..vocab import JOB_ROLES
from .inputs import BatchInput

ROLES = JOB_ROLES
_ALIASES: dict[str, tuple[str, ...]] = {
    "path": ("path", "file", "transcript", "transcript_path", "filename"),
    "candidate": ("candidate", "name", "candidate_name"),
    "role": ("role",),
    "requisition": ("requisition", "requisition_id", "req_id", "req", "job_id"),
    "speaker": ("speaker", "candidate_speaker", "speaker_label"),
}
_COLUMNS_HINT = "path (required), candidate, role, requisition, speaker"


def _field(row: dict[str, object], name: str) -> str | None:
    lowered = {str(k).strip().lower(): v for k, v in row.items() if k is not None}
    for alias in _ALIASES[name]:
        value = lowered.get(alias)
        if value is not None and str(value).strip():
            return without_surrogates(str(value).strip())  # a JSON "\ud800" cannot be written back
    return None


def _item(row: dict[str, object], where: str, base: Path) -> BatchInput:
    path = _field(row, "path")
    candidate, role = _field(row, "candidate"), _field(row, "role")
    requisition, speaker = _field(row, "requisition"), _field(row, "speaker")
    if path is None:
        return BatchInput(path=where, candidate=candidate, requisition=requisition,
                          error=f"{where}: the row has no path; give each row a {_COLUMNS_HINT.split(' (')[0]}")
    full = path if os.path.isabs(path) else str(base / path)
    if role is not None and role not in ROLES:
        return BatchInput(path=full, candidate=candidate, requisition=requisition,
                          error=f"{where}: unknown role {role!r}; use one of: {', '.join(ROLES)}")
    return BatchInput(path=full, candidate=candidate, role=role, requisition=requisition, speaker=speaker)


def _open(path: str):
    try:
        return open(path, encoding="utf-8-sig", errors="replace", newline="")
    except OSError as e:
        raise UsageError(f"{path}: cannot read the manifest ({e.strerror}); check the path") from None


def _jsonl_rows(path: str) -> Iterator[BatchInput]:
    base = Path(path).parent
    with _open(path) as f:
        for number, line in enumerate(f, 1):
            if not line.strip():
                continue
            where = f"{path}:{number}"
            try:
                row = json.loads(line)
            except ValueError as e:
                yield BatchInput(path=where, error=f"{where}: not valid JSON ({getattr(e, 'msg', e)}); "
                                                   "each line must be one JSON object")
                continue
            if isinstance(row, str):
                row = {"path": row}
            if not isinstance(row, dict):
                yield BatchInput(path=where, error=f"{where}: expected a JSON object with a \"path\" key")
                continue
            yield _item(row, where, base)


def _csv_header(reader: csv.DictReader, path: str) -> None:
    try:
        fields = reader.fieldnames
    except csv.Error as e:
        raise UsageError(f"{path}: not a readable CSV manifest ({e}); save it as UTF-8 CSV") from None
    names = {str(f).strip().lower() for f in fields or ()}
    if not names & set(_ALIASES["path"]):
        raise UsageError(f"{path}: the manifest has no path column; its header needs {_COLUMNS_HINT}")


def _csv_rows(path: str) -> Iterator[BatchInput]:
    base = Path(path).parent
    with _open(path) as f:
        reader = csv.DictReader(f)
        _csv_header(reader, path)
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as e:
                raise UsageError(f"{path}:{reader.line_num}: not readable CSV ({e}); save it as UTF-8 CSV") from None
            yield _item(row, f"{path}:{reader.line_num}", base)


def check_manifest(path: str) -> None:
    """Raise ``UsageError`` when a manifest cannot be used at all (unreadable, a CSV with no path column)."""
    with _open(path) as f:
        if path.lower().endswith(".csv"):
            _csv_header(csv.DictReader(f), path)


def read_manifest(path: str) -> Iterator[BatchInput]:
    """The manifest's rows as ``BatchInput`` items, streamed."""
    if path.lower().endswith(".csv"):
        return _csv_rows(path)
    return _jsonl_rows(path)
