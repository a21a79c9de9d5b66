"""Reading the workspace: the interview list with filters, a candidate's interviews, a requisition's comparison.

Every function takes the ``user`` whose view it is (None: everything, for the CLI and admins' tools) and
applies :func:`screener.store.people.interview_visible_to`, so a page cannot forget the permission check.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session, selectinload

from .decisions import current_decision
from .models import Candidate, Grading, Interview, Requisition, Review, User
from .people import interview_visible_to
from .records import latest_grading


@dataclass(frozen=True)
class InterviewRow:
    """One line of the interview list: the interview, its latest grading, and the current decision."""

    interview: Interview
    grading: Grading | None
    decision: Review | None

    @property
    def recommendation(self) -> str | None:
        return self.grading.recommendation if self.grading is not None else None


def _latest_grading_id():
    return select(func.max(Grading.id)).where(Grading.interview_id == Interview.id).correlate(Interview).scalar_subquery()


def _current_review_of(grading_id_expr: Any):
    return select(func.max(Review.id)).where(Review.grading_id == grading_id_expr).scalar_subquery()


def _day_start(d: date) -> datetime:
    return datetime.combine(d, time.min, tzinfo=UTC)


def interview_query(*, user: User | None = None, candidate: str | int | None = None, requisition: str | None = None,
                    recommendation: str | None = None, decision: str | None = None, reviewer: str | None = None,
                    date_from: date | None = None, date_to: date | None = None) -> Select:
    """The filtered ``select(Interview)``, newest first. ``candidate``: an id, or part of a name (any case);
    ``requisition``: its code; ``decision``: advance/reject/hold, or ``none`` for not decided yet; dates are
    the interview's date (else the day it was stored), inclusive."""
    q = select(Interview).join(Candidate, Candidate.id == Interview.candidate_id)
    if user is not None:
        q = q.where(interview_visible_to(user))
    if isinstance(candidate, int):
        q = q.where(Interview.candidate_id == candidate)
    elif candidate:
        q = q.where(func.lower(Candidate.name).contains(candidate.lower(), autoescape=True))
    if requisition:
        q = q.join(Requisition, Requisition.id == Interview.requisition_id).where(Requisition.code == requisition)
    latest = _latest_grading_id()
    if recommendation:
        q = q.where(select(Grading.recommendation).where(Grading.id == latest).scalar_subquery() == recommendation)
    if decision or reviewer:
        current = select(Review).where(Review.id == _current_review_of(latest))
        if decision == "none":
            q = q.where(~current.exists())
        else:
            if decision:
                current = current.where(Review.decision == decision)
            if reviewer:
                current = current.where(Review.reviewer_name == reviewer)
            q = q.where(current.exists())
    undated = Interview.interviewed_on.is_(None)
    if date_from:
        q = q.where(or_(Interview.interviewed_on >= date_from, undated & (Interview.created_at >= _day_start(date_from))))
    if date_to:
        end = _day_start(date_to + timedelta(days=1))
        q = q.where(or_(Interview.interviewed_on <= date_to, undated & (Interview.created_at < end)))
    return q.order_by(Interview.id.desc())


def list_interviews(s: Session, *, limit: int = 100, offset: int = 0, **filters: Any) -> list[InterviewRow]:
    """A page of the interview list (filters as in :func:`interview_query`)."""
    q = interview_query(**filters).options(
        selectinload(Interview.candidate), selectinload(Interview.requisition),
        selectinload(Interview.gradings).selectinload(Grading.reviews),
        selectinload(Interview.gradings).selectinload(Grading.overrides),
    ).limit(limit).offset(offset)
    return [_row(i) for i in s.scalars(q)]


def count_interviews(s: Session, **filters: Any) -> int:
    return int(s.scalar(select(func.count()).select_from(interview_query(**filters).subquery())) or 0)


def _row(interview: Interview) -> InterviewRow:
    grading = latest_grading(interview)
    return InterviewRow(interview, grading, current_decision(grading) if grading is not None else None)


def candidate_interviews(s: Session, candidate_id: int, *, user: User | None = None) -> list[InterviewRow]:
    """All of one candidate's interviews that ``user`` may see, newest first."""
    return list_interviews(s, candidate=candidate_id, user=user, limit=10_000)


def requisition_candidates(s: Session, code: str, *, user: User | None = None) -> dict[Candidate, list[InterviewRow]]:
    """For the side-by-side comparison: each candidate of requisition ``code`` with their interviews."""
    grouped: dict[Candidate, list[InterviewRow]] = {}
    for row in list_interviews(s, requisition=code, user=user, limit=10_000):
        grouped.setdefault(row.interview.candidate, []).append(row)
    return grouped
