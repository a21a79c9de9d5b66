"""Erasure of one candidate (GDPR Art. 17): their transcripts, scorecards, decisions, notes and overrides go.

``erase_candidate`` deletes the candidate row and, with it, every interview (transcript text included), grading
(scorecard), decision (note) and override of theirs, in one transaction, and writes an ``erase`` event to the
audit log: the candidate's store id, counts, and the sha256s of the erased transcripts and scorecards (so an
auditor can see that the ``grade`` events naming those hashes were erased on request, not tampered with), plus a
keyed pseudonym of who erased. No name, no text. The database change commits only after the event is written.

Not erased here: results files, exports and scorecard files on disk (the CLI's file mode), and the audit log's
hashes, which the log keeps by design (README: Retention and erasure).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from .engine import Store
from .errors import NotFound
from .models import Candidate, Grading, Interview


@dataclass
class ErasureResult:
    candidate_id: int
    interviews: int = 0
    gradings: int = 0
    decisions: int = 0
    overrides: int = 0
    input_sha256: list[str] = field(default_factory=list)
    scorecard_sha256: list[str] = field(default_factory=list)
    dry_run: bool = False


def _find(s, ref: str | int) -> Candidate:
    text = str(ref).strip()
    query = select(Candidate).options(
        selectinload(Candidate.interviews).selectinload(Interview.gradings).selectinload(Grading.reviews),
        selectinload(Candidate.interviews).selectinload(Interview.gradings).selectinload(Grading.overrides))
    cand = None
    if text.isdigit():
        cand = s.scalar(query.where(Candidate.id == int(text)))
    if cand is None and text:
        cand = s.scalar(query.where(Candidate.external_id == text))
    if cand is None:
        like = list(s.execute(select(Candidate.id, Candidate.name).where(
            func.lower(Candidate.name).contains(text.lower(), autoescape=True)).order_by(Candidate.id).limit(5)))
        hint = ("; candidates named like it: " + ", ".join(f"{i} ({n})" for i, n in like)) if like and text else ""
        raise NotFound(f"no candidate {text!r} in the store: give the candidate's id (or ATS id) as the web app "
                       f"shows it{hint}")
    return cand


def erase_candidate(store: Store, ref: str | int, *, by: str, audit_log: Path | None = None,
                    dry_run: bool = False) -> ErasureResult:
    """Erase candidate ``ref`` (store id, or ATS id) and log it; ``dry_run`` only counts what would go."""
    from ..audit import append_event, load_key, resolve_path

    with store.session() as s:
        cand = _find(s, ref)
        result = ErasureResult(candidate_id=cand.id, dry_run=dry_run)
        for interview in cand.interviews:
            result.interviews += 1
            result.input_sha256.append(interview.transcript_sha256)
            for grading in interview.gradings:
                result.gradings += 1
                result.decisions += len(grading.reviews)
                result.overrides += len(grading.overrides)
                if grading.scorecard_sha256:
                    result.scorecard_sha256.append(grading.scorecard_sha256)
        result.input_sha256 = sorted(set(result.input_sha256))
        result.scorecard_sha256 = sorted(set(result.scorecard_sha256))
        if dry_run:
            return result
        s.delete(cand)
        s.flush()
        log = resolve_path(audit_log)
        key = load_key(log) or (None if log.exists() and log.stat().st_size else load_key(log, create=True))
        event = {"event": "erase", "candidate_id": cand.id, "interviews": result.interviews,
                 "gradings": result.gradings, "decisions": result.decisions, "overrides": result.overrides,
                 "input_sha256": result.input_sha256, "scorecard_sha256": result.scorecard_sha256}
        if key is not None:
            event["by_hmac"] = key.pseudonym("reviewer", by)
        append_event(audit_log, event)
    store.flush_deleted()
    return result
