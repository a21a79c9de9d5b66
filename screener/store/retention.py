"""Retention: transcripts are deleted a set number of days after they were stored (default 180).

What goes: the transcript text of each interview stored before the cutoff (``interviews.transcript`` becomes
null, ``transcript_removed`` says ``retention`` and when). What stays: the interview's metadata and the
transcript's sha256, every grading's scorecard, decisions, overrides, and the audit log's hashes, so a decision
can still be explained and checked (EU AI Act Art. 12 and 26(6): logs kept at least six months) without keeping
the conversation itself (GDPR Art. 5(1)(e), storage limitation).

The period is a workspace setting in the database (``retention_days``), so every app process applies the same
one; ``screener retention set --days N`` changes it and ``screener retention run`` (and the web app on start)
applies it. Each run that removes something writes one ``retention`` event to the audit log (counts, cutoff and
the removed transcripts' sha256s; no text).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import update
from sqlalchemy.orm import Session

from .engine import Store
from .errors import StoreValueError
from .models import Interview, Setting, utcnow

DEFAULT_DAYS = 180
MAX_DAYS = 3650
SETTING = "retention_days"


def check_days(days: int) -> int:
    if not 1 <= days <= MAX_DAYS:
        raise StoreValueError(f"--days {days}: give a retention between 1 and {MAX_DAYS} days")
    return days


def retention_days(s: Session) -> int:
    """The workspace's retention period in days (the default when none was set)."""
    setting = s.get(Setting, SETTING)
    return int(setting.value) if setting is not None else DEFAULT_DAYS


def set_retention_days(s: Session, days: int) -> None:
    check_days(days)
    setting = s.get(Setting, SETTING)
    if setting is None:
        s.add(Setting(key=SETTING, value=days))
    else:
        setting.value = days
    s.flush()


@dataclass
class RetentionResult:
    days: int
    cutoff: datetime
    removed: int = 0
    interview_ids: list[int] = field(default_factory=list)


def run_retention(store: Store, *, days: int | None = None, now: datetime | None = None,
                  audit_log: Path | None = None) -> RetentionResult:
    """Delete the transcripts stored more than ``days`` (default: the workspace setting) ago.

    The database change commits only after its audit event is written: an audit log that cannot be written
    leaves every transcript in place. Safe to run from several processes at once (each transcript is removed,
    and logged, once)."""
    from ..audit import append_event

    with store.session() as s:
        period = check_days(days) if days is not None else retention_days(s)
        when = now or utcnow()
        cutoff = when - timedelta(days=period)
        rows = s.execute(
            update(Interview)
            .where(Interview.transcript.is_not(None), Interview.created_at < cutoff)
            .values(transcript=None, transcript_removed="retention", transcript_removed_at=when)
            .returning(Interview.id, Interview.transcript_sha256)
            .execution_options(synchronize_session=False)
        ).all()
        result = RetentionResult(days=period, cutoff=cutoff, removed=len(rows), interview_ids=sorted(r[0] for r in rows))
        if rows:
            append_event(audit_log, {
                "event": "retention", "days": period, "cutoff": cutoff.isoformat(timespec="seconds"),
                "transcripts_removed": len(rows), "input_sha256": sorted({r[1] for r in rows}),
            })
    if result.removed:
        store.flush_deleted()
    return result
