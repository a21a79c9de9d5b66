"""Requisitions, candidates, interviews and gradings: creating them, and grading as a background job.

A grading made on the spot (the CLI) is saved ``done`` with :func:`save_grading`. The web app queues one
(:func:`queue_grading`); any process's worker claims the oldest queued job with :func:`claim_grading` (an
atomic compare-and-set, so two workers on one PostgreSQL never take the same job), then calls
:func:`finish_grading` or :func:`fail_grading`. :func:`requeue_stale` puts back jobs whose worker died.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import Any, TypeVar, cast

from sqlalchemy import CursorResult, Select, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..audit import scorecard_sha256, sha256_hex
from ..scorecard import Scorecard
from .errors import NotFound, StoreValueError
from .models import Candidate, Grading, Interview, Requisition, User, utcnow

MAX_ERROR_CHARS = 2000
T = TypeVar("T")


def get_or_create_requisition(s: Session, code: str, *, title: str | None = None, role: str = "hybrid") -> Requisition:
    """The requisition with this code, created (with ``title`` and job ``role``) when there is none."""
    code = code.strip()
    if not code:
        raise StoreValueError("a requisition needs a code, e.g. REQ-42")
    lookup = select(Requisition).where(Requisition.code == code)
    req = s.scalar(lookup)
    if req is None:
        req = insert_or_get(s, Requisition(code=code, title=title, role=role), lookup)
    return req


def get_or_create_candidate(s: Session, name: str, *, external_id: str | None = None) -> Candidate:
    """The candidate with this ATS id (when given), else with exactly this name; created when there is none.

    Without an ATS id, two candidates with the same name are one candidate: give ``external_id`` to tell them
    apart.
    """
    name = " ".join(name.split())
    if not name:
        raise StoreValueError("a candidate needs a name")
    if external_id:
        cand = s.scalar(select(Candidate).where(Candidate.external_id == external_id))
    else:
        cand = s.scalar(select(Candidate).where(Candidate.name == name, Candidate.external_id.is_(None))
                        .order_by(Candidate.id).limit(1))
    if cand is None:
        cand = insert_or_get(s, Candidate(name=name, external_id=external_id or None),
                             select(Candidate).where(Candidate.external_id == external_id) if external_id else None)
    return cand


def insert_or_get(s: Session, obj: T, lookup: Select | None) -> T:
    """Insert ``obj``; when another process inserted the same unique key meanwhile (PostgreSQL: two requests at
    once), return that row instead of failing. The insert runs in a savepoint, so the session carries on."""
    try:
        with s.begin_nested():
            s.add(obj)
            s.flush()
        return obj
    except IntegrityError:
        if lookup is None:
            raise
        found = s.scalar(lookup)
        if found is None:
            raise
        return found


def add_interview(s: Session, *, candidate: Candidate, transcript: str | None, role: str = "hybrid",
                  requisition: Requisition | None = None, format: str | None = None,
                  interviewers: Iterable[str] = (), interviewed_on: date | None = None, source: str | None = None,
                  created_by: User | None = None, transcript_sha256: str | None = None) -> Interview:
    """One interview of ``candidate``. ``transcript_sha256`` defaults to the sha256 of ``transcript`` (the audit
    log's ``input_sha256``); give it when the transcript text is not kept (an import of batch results)."""
    if transcript is None and not transcript_sha256:
        raise StoreValueError("an interview needs its transcript or the transcript's sha256")
    interview = Interview(candidate=candidate, requisition=requisition, role=role, format=format,
                          interviewers=[i for i in interviewers if i], interviewed_on=interviewed_on, source=source,
                          transcript=transcript, transcript_sha256=transcript_sha256 or sha256_hex(transcript or ""),
                          created_by=created_by)
    s.add(interview)
    s.flush()
    return interview


def get_interview(s: Session, interview_id: int) -> Interview:
    interview = s.get(Interview, interview_id)
    if interview is None:
        raise NotFound(f"no interview {interview_id}")
    return interview


def get_grading(s: Session, grading_id: int) -> Grading:
    grading = s.get(Grading, grading_id)
    if grading is None:
        raise NotFound(f"no grading {grading_id}")
    return grading


def _apply_card(grading: Grading, card: Scorecard) -> None:
    from ..audit import graded_form

    g = card.grader
    grading.scorecard = card.model_dump(mode="json")
    grading.scorecard_sha256 = scorecard_sha256(graded_form(card))
    grading.recommendation = card.recommendation
    grading.provider, grading.model, grading.prompt_version = g.provider, g.model, g.prompt_version
    grading.input_tokens, grading.output_tokens, grading.cost_usd = g.input_tokens, g.output_tokens, g.cost_usd


def save_grading(s: Session, interview: Interview, card: Scorecard, *, options: dict[str, Any] | None = None,
                 finished_at: datetime | None = None) -> Grading:
    """A finished grading of ``interview`` (status ``done``; ``finished_at`` defaults to now). The scorecard is
    stored as the grader made it (a person's review goes to ``reviews``); ``scorecard_sha256`` is the audit log's
    hash of it."""
    now = finished_at or utcnow()
    grading = Grading(interview=interview, status="done", options=dict(options or {}), started_at=now, finished_at=now)
    _apply_card(grading, card.model_copy(update=dict(status="draft", review=None)))
    s.add(grading)
    s.flush()
    return grading


def queue_grading(s: Session, interview: Interview, options: dict[str, Any] | None = None) -> Grading:
    """A grading job for a worker: ``options`` is what the worker needs (JSON: provider id, role, samples...)."""
    grading = Grading(interview=interview, status="queued", options=dict(options or {}))
    s.add(grading)
    s.flush()
    return grading


def claim_grading(s: Session, worker: str) -> Grading | None:
    """The oldest queued job, now ``running`` for ``worker``; None when nothing is queued.

    Commit the session right after, so other workers see the claim. Safe across processes and hosts: the
    update only succeeds while the job is still queued.
    """
    for _ in range(20):
        job_id = s.scalar(select(Grading.id).where(Grading.status == "queued").order_by(Grading.id).limit(1))
        if job_id is None:
            return None
        claimed = s.execute(update(Grading).where(Grading.id == job_id, Grading.status == "queued")
                            .values(status="running", worker=worker[:200], started_at=utcnow())
                            .execution_options(synchronize_session=False))
        if cast(CursorResult[Any], claimed).rowcount == 1:
            return s.get(Grading, job_id, populate_existing=True)
    return None


def finish_grading(s: Session, grading: Grading | int, card: Scorecard) -> Grading:
    """Mark a job ``done`` with its scorecard."""
    grading = grading if isinstance(grading, Grading) else get_grading(s, grading)
    _apply_card(grading, card.model_copy(update=dict(status="draft", review=None)))
    grading.status, grading.error, grading.finished_at = "done", None, utcnow()
    s.flush()
    return grading


def fail_grading(s: Session, grading: Grading | int, error: str) -> Grading:
    """Mark a job ``failed``; ``error`` is the one line shown to the user (keep secrets out of it)."""
    grading = grading if isinstance(grading, Grading) else get_grading(s, grading)
    grading.status, grading.error, grading.finished_at = "failed", (error or "failed")[:MAX_ERROR_CHARS], utcnow()
    s.flush()
    return grading


def requeue_stale(s: Session, older_than: timedelta, *, now: datetime | None = None) -> int:
    """Put ``running`` jobs started more than ``older_than`` ago back in the queue; returns how many."""
    cutoff = (now or utcnow()) - older_than
    result = s.execute(update(Grading).where(Grading.status == "running", Grading.started_at < cutoff)
                       .values(status="queued", worker=None, started_at=None)
                       .execution_options(synchronize_session=False))
    return int(cast(CursorResult[Any], result).rowcount or 0)


def scorecard_of(grading: Grading) -> Scorecard | None:
    """The grader's scorecard as a ``Scorecard`` (None while queued/running or after a failure)."""
    return Scorecard.model_validate(grading.scorecard) if grading.scorecard else None


def latest_grading(interview: Interview, *, done_only: bool = False) -> Grading | None:
    for grading in reversed(interview.gradings):
        if not done_only or grading.status == "done":
            return grading
    return None
