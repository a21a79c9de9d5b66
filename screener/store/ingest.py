"""Putting the CLI's gradings into the store: one graded transcript (``grade``, ``batch``) or a whole earlier
results file (``screener import results.jsonl``).

A batch record carries no transcript text, only the file's path and sha256: the text is read back from that
path when the file is still there and still hashes the same (else the interview keeps only the hash). An import
is idempotent: a scorecard already in the store (same ``scorecard_sha256``) is skipped, so importing a results
file twice, or importing the results of a batch that already wrote to the store, adds nothing.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..audit import graded_form, scorecard_sha256, sha256_hex
from ..errors import InputError
from ..scorecard import Scorecard
from .decisions import record_decision
from .engine import Store
from .models import Grading, User, utcnow
from .records import add_interview, get_or_create_candidate, get_or_create_requisition, save_grading

MAX_TRANSCRIPT_BYTES = 20 * 1024 * 1024


def _interviewers(transcript: Any) -> list[str]:
    turns = getattr(transcript, "interviewer_turns", None) or []
    return list(dict.fromkeys(t.speaker for t in turns if t.speaker))


def find_grading(s: Session, card: Scorecard) -> Grading | None:
    """The stored grading of this scorecard (its review ignored), by the audit log's scorecard hash."""
    sha = scorecard_sha256(graded_form(card))
    return s.scalar(select(Grading).where(Grading.scorecard_sha256 == sha).order_by(Grading.id.desc()).limit(1))


def store_scorecard(s: Session, card: Scorecard, *, transcript_sha256: str, transcript_text: str | None,
                    role: str, candidate: str | None = None, requisition: str | None = None,
                    transcript: Any = None, source: str | None = None, created_by: User | None = None,
                    options: dict[str, Any] | None = None, finished_at: datetime | None = None) -> Grading:
    """One graded interview: candidate and requisition found or created, the interview, the done grading,
    and the scorecard's review (if it has one) as a decision."""
    name = candidate or card.candidate or (Path(source).stem if source and source != "-" else "") or "unnamed candidate"
    req = get_or_create_requisition(s, requisition, role=role) if requisition else None
    interview = add_interview(s, candidate=get_or_create_candidate(s, name), transcript=transcript_text,
                              transcript_sha256=transcript_sha256, role=role, requisition=req,
                              format=getattr(transcript, "format", None), interviewers=_interviewers(transcript),
                              source=source, created_by=created_by)
    grading = save_grading(s, interview, card, options=options, finished_at=finished_at)
    if card.review is not None:
        review = record_decision(s, grading, decision=card.review.decision, reviewer_name=card.review.reviewer,
                                 note=card.review.note)
        review.decided_at = parse_time(card.review.at)
    return grading


def parse_time(value: str) -> datetime:
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return utcnow()
    return parsed if parsed.tzinfo else utcnow()


def read_kept_transcript(path: str | None, sha256: str | None) -> str | None:
    """The transcript at ``path`` when it is still there and still hashes to ``sha256``; else None."""
    if not path or not sha256 or path == "-":
        return None
    try:
        file = Path(path)
        if not file.is_file() or file.stat().st_size > MAX_TRANSCRIPT_BYTES:
            return None
        data = file.read_bytes()
    except OSError:
        return None
    if sha256_hex(data) != sha256:
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def store_batch_record(s: Session, record: dict[str, Any], *, base: Path | None = None,
                       options: dict[str, Any] | None = None) -> Grading | None:
    """A graded ``results.jsonl`` record into the store; None when it is already there (or not graded).
    ``base``: the folder relative input paths are read from (the results file's folder for an import)."""
    if record.get("status") != "graded" or not isinstance(record.get("scorecard"), dict):
        return None
    card = Scorecard.model_validate(record["scorecard"])
    if find_grading(s, card) is not None:
        return None
    source = str(record.get("input") or "")
    path = Path(source)
    if base is not None and source and not path.is_absolute() and not path.exists():
        path = base / path
    text = read_kept_transcript(str(path) if source else None, record.get("sha256"))
    return store_scorecard(s, card, transcript_sha256=record.get("sha256") or sha256_hex(source),
                           transcript_text=text, role=record.get("role") or "hybrid",
                           candidate=record.get("candidate"), requisition=record.get("requisition"),
                           source=source or None, options=options or {"imported": True},
                           finished_at=parse_time(record["finished_at"]) if record.get("finished_at") else None)


@dataclass
class ImportCounts:
    imported: int = 0
    with_transcript: int = 0
    already_there: int = 0
    not_graded: int = 0


def _lines(path: Path) -> Iterable[tuple[int, dict[str, Any]]]:
    try:
        f = path.open(encoding="utf-8")
    except OSError as e:
        raise InputError(f"{path}: cannot read ({e.strerror}); give the results.jsonl of `screener batch`") from None
    with f:
        for no, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                data = json.loads(line)
            except json.JSONDecodeError:
                raise InputError(f"{path}:{no}: not JSON; give the results.jsonl of `screener batch`") from None
            if not isinstance(data, dict) or "status" not in data:
                raise InputError(f"{path}:{no}: not a batch result record (no status); give the results.jsonl "
                                 "of `screener batch`")
            yield no, data


def import_results(store: Store, path: Path, *, batch_size: int = 200) -> ImportCounts:
    """Load a results file into the store, ``batch_size`` records per transaction. A record that is no valid
    scorecard stops the import with its line number (the records before it stay imported)."""
    counts = ImportCounts()
    pending: list[tuple[int, dict[str, Any]]] = []

    def flush() -> None:
        with store.session() as s:
            for no, data in pending:
                if data.get("status") != "graded" or not isinstance(data.get("scorecard"), dict):
                    counts.not_graded += 1
                    continue
                try:
                    grading = store_batch_record(s, data, base=path.parent)
                except ValidationError as e:
                    raise InputError(f"{path}:{no}: the scorecard does not validate ({e.error_count()} "
                                     "error(s)); was the file edited?") from None
                if grading is None:
                    counts.already_there += 1
                    continue
                counts.imported += 1
                counts.with_transcript += grading.interview.transcript is not None
        pending.clear()

    for item in _lines(path):
        pending.append(item)
        if len(pending) >= batch_size:
            flush()
    if pending:
        flush()
    return counts
