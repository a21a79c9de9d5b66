"""The workspace schema: SQLAlchemy 2 declarative models (the Alembic migrations in ``migrations/`` match them).

Tables and what they hold::

    users                 username, argon2 password hash (null for SSO-only users), role, disabled
    requisitions          an opening: code (unique, e.g. "REQ-42"), title, job role
    requisition_members   which hiring managers / interviewers belong to which requisition
    candidates            name, optional ATS id (unique when set)
    interviews            one conversation: candidate, requisition, job role, transcript text (null once
                          retention or erasure removed it), its sha256 (kept), format, interviewers, date
    gradings              one grading of an interview: status queued/running/done/failed (+ error), the
                          scorecard JSON, grader provider/model/prompt version, tokens, cost
    reviews               a person's decision on a grading: advance/reject/hold, note, reviewer, decided_at;
                          a later review of the same grading amends the earlier one (both kept)
    overrides             a person's change of one competency score or the recommendation, with the required
                          reason; the grader's value is kept beside it (the scorecard is never rewritten)
    settings              key/value workspace settings every process reads (retention_days)
    login_throttle        failed sign-ins per client address and per username (sliding window, shared by every
                          app process): the key is an HMAC under the session secret, never the name or address
                          (revision 0002)

Enumerated values are strings guarded by CHECK constraints (portable, and simple to migrate); times are stored
in UTC and always come back timezone-aware.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from ..vocab import JOB_ROLES, RECOMMENDATIONS
from .vocab import DECISIONS, GRADING_STATUSES, USER_ROLES

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator):
    """A timestamp stored in UTC and read back timezone-aware (SQLite keeps no zone; PostgreSQL does)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the store; pass a timezone-aware time")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _one_of(column: str, values: tuple[str, ...], name: str) -> CheckConstraint:
    listed = ", ".join(f"'{v}'" for v in values)
    return CheckConstraint(f"{column} IN ({listed})", name=name)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class User(Base):
    __tablename__ = "users"
    __table_args__ = (_one_of("role", USER_ROLES, "role"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(150), unique=True)
    password_hash: Mapped[str | None] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(20), default="interviewer")
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    def __repr__(self) -> str:  # never the hash
        return f"User(id={self.id!r}, username={self.username!r}, role={self.role!r}, disabled={self.disabled!r})"


class Requisition(Base):
    __tablename__ = "requisitions"
    __table_args__ = (_one_of("role", JOB_ROLES, "role"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(100), unique=True)
    title: Mapped[str | None] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20), default="hybrid")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    members: Mapped[list[User]] = relationship(secondary="requisition_members", order_by="User.username")


class RequisitionMember(Base):
    __tablename__ = "requisition_members"

    requisition_id: Mapped[int] = mapped_column(ForeignKey("requisitions.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)


class Candidate(Base):
    __tablename__ = "candidates"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), index=True)
    external_id: Mapped[str | None] = mapped_column(String(200), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    interviews: Mapped[list[Interview]] = relationship(back_populates="candidate", cascade="all, delete-orphan",
                                                       passive_deletes=True, order_by="Interview.id")


class Interview(Base):
    __tablename__ = "interviews"
    __table_args__ = (
        _one_of("role", JOB_ROLES, "role"),
        CheckConstraint("transcript_removed IS NULL OR transcript_removed IN ('retention', 'erasure')",
                        name="transcript_removed"),
        Index("ix_interviews_created_at", "created_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidates.id", ondelete="CASCADE"), index=True)
    requisition_id: Mapped[int | None] = mapped_column(ForeignKey("requisitions.id", ondelete="SET NULL"), index=True)
    role: Mapped[str] = mapped_column(String(20), default="hybrid")
    format: Mapped[str | None] = mapped_column(String(20))
    """the transcript's input format (text, vtt, srt, ...; not constrained: formats are added over time)"""
    interviewers: Mapped[list[str]] = mapped_column(JSON, default=list)
    interviewed_on: Mapped[date | None] = mapped_column(Date)
    source: Mapped[str | None] = mapped_column(String(500))
    transcript: Mapped[str | None] = mapped_column(Text)
    transcript_sha256: Mapped[str] = mapped_column(String(64), index=True)
    transcript_removed: Mapped[str | None] = mapped_column(String(20))
    transcript_removed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    candidate: Mapped[Candidate] = relationship(back_populates="interviews")
    requisition: Mapped[Requisition | None] = relationship()
    created_by: Mapped[User | None] = relationship()
    gradings: Mapped[list[Grading]] = relationship(back_populates="interview", cascade="all, delete-orphan",
                                                   passive_deletes=True, order_by="Grading.id")


class Grading(Base):
    __tablename__ = "gradings"
    __table_args__ = (
        _one_of("status", GRADING_STATUSES, "status"),
        CheckConstraint("recommendation IS NULL OR recommendation IN ("
                        + ", ".join(f"'{r}'" for r in RECOMMENDATIONS) + ")", name="recommendation"),
        Index("ix_gradings_status_id", "status", "id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    interview_id: Mapped[int] = mapped_column(ForeignKey("interviews.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(10), default="queued")
    error: Mapped[str | None] = mapped_column(Text)
    options: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    scorecard: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    scorecard_sha256: Mapped[str | None] = mapped_column(String(64))
    recommendation: Mapped[str | None] = mapped_column(String(20), index=True)
    provider: Mapped[str | None] = mapped_column(String(200))
    model: Mapped[str | None] = mapped_column(String(200))
    prompt_version: Mapped[str | None] = mapped_column(String(100))
    input_tokens: Mapped[int] = mapped_column(Integer, default=0)
    output_tokens: Mapped[int] = mapped_column(Integer, default=0)
    cost_usd: Mapped[float | None] = mapped_column(Float)
    worker: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    interview: Mapped[Interview] = relationship(back_populates="gradings")
    reviews: Mapped[list[Review]] = relationship(back_populates="grading", cascade="all, delete-orphan",
                                                 passive_deletes=True, order_by="Review.id")
    overrides: Mapped[list[Override]] = relationship(back_populates="grading", cascade="all, delete-orphan",
                                                     passive_deletes=True, order_by="Override.id")


class Review(Base):
    __tablename__ = "reviews"
    __table_args__ = (_one_of("decision", DECISIONS, "decision"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    grading_id: Mapped[int] = mapped_column(ForeignKey("gradings.id", ondelete="CASCADE"), index=True)
    decision: Mapped[str] = mapped_column(String(10))
    note: Mapped[str | None] = mapped_column(Text)
    reviewer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    reviewer_name: Mapped[str] = mapped_column(String(200))
    amends_id: Mapped[int | None] = mapped_column(ForeignKey("reviews.id", ondelete="SET NULL"))
    decided_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    grading: Mapped[Grading] = relationship(back_populates="reviews")
    reviewer: Mapped[User | None] = relationship()


class Override(Base):
    __tablename__ = "overrides"
    __table_args__ = (
        CheckConstraint("length(reason) > 0", name="reason_given"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    grading_id: Mapped[int] = mapped_column(ForeignKey("gradings.id", ondelete="CASCADE"), index=True)
    field: Mapped[str] = mapped_column(String(100))
    """a competency id, or ``recommendation``"""
    grader_value: Mapped[str | None] = mapped_column(String(50))
    value: Mapped[str | None] = mapped_column(String(50))
    reason: Mapped[str] = mapped_column(Text)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    reviewer_name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    grading: Mapped[Grading] = relationship(back_populates="overrides")
    user: Mapped[User | None] = relationship()


class Setting(Base):
    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[Any] = mapped_column(JSON)


class LoginThrottle(Base):
    """Recent sign-in attempts of one key (``ip:<address>`` or ``user:<name>``, HMAC'd): see ``store.throttle``."""

    __tablename__ = "login_throttle"

    key_hmac: Mapped[str] = mapped_column(String(64), primary_key=True)
    attempts: Mapped[list[float]] = mapped_column(JSON, default=list)
    """epoch seconds of the attempts within the window that have not (yet) succeeded"""
    version: Mapped[int] = mapped_column(Integer, default=0)
    """bumped by every change: the compare-and-set that keeps concurrent sign-ins from overrunning the limit"""
    last_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)


ALL_MODELS = (User, Requisition, RequisitionMember, Candidate, Interview, Grading, Review, Override, Setting,
              LoginThrottle)
assert {m.__tablename__ for m in ALL_MODELS} == set(Base.metadata.tables)
