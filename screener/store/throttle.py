"""Login rate limiting kept in the database, so every app process (uvicorn workers, hosts) counts the same
failed sign-ins: N processes no longer allow N times the attempts.

The policy is the one the in-memory limiter had: at most ``attempts`` failed sign-ins per key (``ip:<address>``
and ``user:<username>``) within ``window`` seconds, a sliding window (each failure counts for ``window``
seconds after it); past that, refused until the oldest counted failure ages out; a successful sign-in clears
its keys.

Atomic under concurrency: for the username, an attempt takes its place *before* the password is checked
(:func:`reserve`), with a compare-and-set (``UPDATE ... WHERE version = :seen``) on the key's row, created by
``INSERT ... ON CONFLICT DO NOTHING`` (SQLite and PostgreSQL), several keys in one transaction in sorted order
(no deadlock). Twenty guesses at one account at once get ``attempts`` places, never more, however many
processes they reach. An attempt that fails keeps its place (it is the failure); :func:`clear` removes the
keys of one that succeeded. The address is checked before (:func:`waiting`) and charged after a failure
(:func:`count_failure`, the same compare-and-set): reserving places for it too would refuse the sixth of
fifty colleagues signing in at once from one office address, although none of them failed.

Personal data: a row's key is an HMAC-SHA256 of the address or the casefolded username under the session
secret (:func:`throttle_key`), which every process of a team shares; the table holds no name and no address.
Rows whose newest attempt is older than the window are deleted by every :func:`reserve` (``prune``).
"""

from __future__ import annotations

import hashlib
import hmac
import sys
import time
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any, cast

from sqlalchemy import CursorResult, delete, select, update
from sqlalchemy.orm import Session

from .models import LoginThrottle

_CAS_TRIES = 100


class Throttled(Exception):
    """Too many recent failed sign-ins: ``wait`` seconds until one may be tried again."""

    def __init__(self, wait: float) -> None:
        super().__init__(f"try again in {wait:.0f} s")
        self.wait = wait


def throttle_key(secret: str, kind: str, value: str) -> str:
    """The row key for ``kind`` (``ip`` or ``user``) and ``value``: a keyed hash, never the value itself."""
    message = f"screener-login-throttle\n{kind}\n{value}".encode()
    return hmac.new(secret.encode("utf-8"), message, hashlib.sha256).hexdigest()


def _insert_missing(s: Session, key: str, now: float) -> None:
    from sqlalchemy.dialects import postgresql, sqlite

    values = dict(key_hmac=key, attempts=[], version=0, last_at=datetime.fromtimestamp(now, UTC))
    if s.get_bind().dialect.name == "postgresql":
        s.execute(postgresql.insert(LoginThrottle).values(**values).on_conflict_do_nothing(index_elements=["key_hmac"]))
    else:
        s.execute(sqlite.insert(LoginThrottle).values(**values).on_conflict_do_nothing(index_elements=["key_hmac"]))


def _take(s: Session, key: str, *, attempts: int, window: float, now: float) -> float:
    """Take a place under ``key``: 0.0 when taken, else the seconds to wait (nothing taken)."""
    for _ in range(_CAS_TRIES):
        row = s.execute(select(LoginThrottle.attempts, LoginThrottle.version)
                        .where(LoginThrottle.key_hmac == key)).one_or_none()
        if row is None:
            _insert_missing(s, key, now)
            continue
        recent = sorted(float(t) for t in (row.attempts or []) if now - float(t) <= window)
        if len(recent) >= attempts:
            return max(0.001, window - (now - recent[len(recent) - attempts]))
        changed = s.execute(update(LoginThrottle)
                            .where(LoginThrottle.key_hmac == key, LoginThrottle.version == row.version)
                            .values(attempts=[*recent, now], version=row.version + 1,
                                    last_at=datetime.fromtimestamp(now, UTC))
                            .execution_options(synchronize_session=False))
        if cast(CursorResult[Any], changed).rowcount == 1:
            return 0.0
    return 1.0  # a key fought over this hard: refuse for a second rather than let an attempt through uncounted


def reserve(s: Session, keys: Iterable[str], *, attempts: int, window: float, now: float | None = None) -> None:
    """Count one sign-in attempt under every key, or raise :class:`Throttled` with the longest wait (then
    nothing is counted: roll the session back, which the exception does when raised inside ``store.session()``).
    """
    now = time.time() if now is None else now
    waits = [_take(s, key, attempts=attempts, window=window, now=now) for key in sorted(set(keys))]
    if max(waits, default=0.0) > 0:
        raise Throttled(max(waits))
    prune(s, window, now=now)


def waiting(s: Session, keys: Iterable[str], *, attempts: int, window: float, now: float | None = None) -> float:
    """Seconds until a sign-in may be tried under all ``keys`` (0.0: now), counting nothing."""
    now = time.time() if now is None else now
    rows = s.execute(select(LoginThrottle.attempts).where(LoginThrottle.key_hmac.in_(sorted(set(keys))))).scalars()
    waits = [0.0]
    for times in rows:
        recent = sorted(float(t) for t in (times or []) if now - float(t) <= window)
        if len(recent) >= attempts:
            waits.append(max(0.001, window - (now - recent[len(recent) - attempts])))
    return max(waits)


def count_failure(s: Session, keys: Iterable[str], *, window: float, now: float | None = None) -> None:
    """Count a failed sign-in under ``keys`` after the fact (the address key: see :func:`reserve`)."""
    now = time.time() if now is None else now
    for key in sorted(set(keys)):
        _take(s, key, attempts=sys.maxsize, window=window, now=now)


def clear(s: Session, keys: Iterable[str]) -> None:
    """A sign-in succeeded: forget the keys' failures (as the in-memory limiter did)."""
    s.execute(delete(LoginThrottle).where(LoginThrottle.key_hmac.in_(sorted(set(keys))))
              .execution_options(synchronize_session=False))


def prune(s: Session, window: float, *, now: float | None = None) -> int:
    """Delete the rows whose newest attempt is older than ``window``; rows another transaction holds are
    skipped (PostgreSQL ``SKIP LOCKED``), so pruning never waits on, or deadlocks with, a sign-in."""
    cutoff = datetime.fromtimestamp((time.time() if now is None else now) - window, UTC)
    stale = (select(LoginThrottle.key_hmac).where(LoginThrottle.last_at < cutoff)
             .with_for_update(skip_locked=True).scalar_subquery())
    result = s.execute(delete(LoginThrottle).where(LoginThrottle.key_hmac.in_(stale))
                       .execution_options(synchronize_session=False))
    return int(cast(CursorResult[Any], result).rowcount or 0)
