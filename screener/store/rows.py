"""The store as batch results: one dict per finished grading in the shape of a ``results.jsonl`` line.

``export_records`` is the hook for the JSONL/CSV/Markdown exports (``screener.batch.exports`` reads dicts of
exactly this shape from a results file): every dict validates as a ``BatchRecord``. The scorecard is the
grader's, with the current decision applied as its ``review`` (as ``screener review`` writes it into a results
file); overrides are not part of a batch record and are not exported here.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from ..batch.records import record_key
from .decisions import current_decision
from .models import Grading, Interview, Requisition, User
from .people import interview_visible_to

PAGE = 500


def record_of(grading: Grading) -> dict[str, Any]:
    """One grading as a results.jsonl record (dict)."""
    interview = grading.interview
    card = dict(grading.scorecard) if grading.scorecard else None
    decision = current_decision(grading)
    if card is not None and decision is not None:
        card["status"] = "reviewed"
        card["review"] = {"reviewer": decision.reviewer_name, "decision": decision.decision, "note": decision.note,
                          "at": decision.decided_at.isoformat(timespec="milliseconds").replace("+00:00", "Z")}
    source = interview.source or f"store:interview/{interview.id}"
    finished = grading.finished_at or grading.created_at
    return {
        "input": source,
        "sha256": interview.transcript_sha256,
        "key": record_key(interview.transcript_sha256, interview.role, source),
        "candidate": interview.candidate.name,
        "role": interview.role,
        "requisition": interview.requisition.code if interview.requisition else None,
        "status": "graded" if grading.status == "done" else "failed",
        "scorecard": card,
        "error": grading.error if grading.status == "failed" else None,
        "error_type": None,
        "attempts": int((card or {}).get("grader", {}).get("attempts", 0) or 0) if card else 0,
        "finished_at": finished.isoformat(timespec="seconds"),
    }


def export_records(s: Session, *, requisition: str | None = None, user: User | None = None,
                   include_failed: bool = False) -> Iterator[dict[str, Any]]:
    """Every finished grading (``done``; ``failed`` too when asked), oldest first, page by page (memory stays
    flat), as results.jsonl records; ``user`` limits it to what that user may see."""
    statuses = ("done", "failed") if include_failed else ("done",)
    query = (select(Grading).join(Interview, Interview.id == Grading.interview_id)
             .where(Grading.status.in_(statuses))
             .options(selectinload(Grading.interview).selectinload(Interview.candidate),
                      selectinload(Grading.interview).selectinload(Interview.requisition),
                      selectinload(Grading.reviews)))
    if requisition:
        query = query.join(Requisition, Requisition.id == Interview.requisition_id).where(Requisition.code == requisition)
    if user is not None:
        query = query.where(interview_visible_to(user))
    last = 0
    while True:
        page = list(s.scalars(query.where(Grading.id > last).order_by(Grading.id).limit(PAGE)))
        if not page:
            return
        for grading in page:
            yield record_of(grading)
        last = page[-1].id
