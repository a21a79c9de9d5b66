"""Login rate limiting in the store (``screener.store.throttle``), on SQLite and PostgreSQL: the policy, its
atomicity under concurrent sign-ins, pruning, and that the table holds keyed hashes only."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import select
from store_fixtures import *  # noqa: F403 - the db_url and store fixtures

from screener.store import Store
from screener.store.models import LoginThrottle
from screener.store.throttle import Throttled, clear, prune, reserve, throttle_key

SECRET = "throttle-test-secret-" + "t" * 32


def _try(store: Store, keys: list[str], now: float, attempts: int = 3, window: float = 300) -> float:
    try:
        with store.session() as s:
            reserve(s, keys, attempts=attempts, window=window, now=now)
    except Throttled as e:
        return e.wait
    return 0.0


def test_the_sliding_window_policy_of_the_in_memory_limiter(store: Store) -> None:
    user = [throttle_key(SECRET, "user", "bob")]
    assert [_try(store, user, now) for now in (1000, 1100, 1200)] == [0, 0, 0]
    assert _try(store, user, 1250) == pytest.approx(50)  # the 1000 failure ages out at 1300
    assert _try(store, user, 1301) == 0  # one place again (the oldest aged out), not three
    assert _try(store, user, 1302) == pytest.approx(98)  # the next frees at 1400
    with store.session() as s:
        clear(s, user)  # a successful sign-in
    assert _try(store, user, 1303) == 0


def test_a_refused_attempt_counts_under_no_key(store: Store) -> None:
    ip, bob, alice = (throttle_key(SECRET, "ip", "10.0.0.1"), throttle_key(SECRET, "user", "bob"),
                      throttle_key(SECRET, "user", "alice"))
    for now in (1, 2, 3):
        assert _try(store, [ip, bob], now) == 0
    assert _try(store, [ip, alice], 4) > 0  # the address is blocked: alice's key is not charged for it
    with store.reader() as s:
        assert s.get(LoginThrottle, alice) is None or s.get(LoginThrottle, alice).attempts == []


def test_concurrent_sign_ins_get_no_more_places_than_the_limit(store: Store) -> None:
    key = [throttle_key(SECRET, "user", "target")]
    results: list[float] = []
    lock = threading.Lock()
    start = threading.Barrier(12)

    def attempt() -> None:
        start.wait(timeout=60)
        for _ in range(3):
            wait = _try(store, key, 5000.0, attempts=5)
            with lock:
                results.append(wait)

    threads = [threading.Thread(target=attempt) for _ in range(12)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert len(results) == 36 and sum(1 for w in results if w == 0) == 5
    with store.reader() as s:
        assert len(s.get(LoginThrottle, key[0]).attempts) == 5


def test_old_rows_are_pruned_and_the_table_holds_no_name_or_address(store: Store) -> None:
    _try(store, [throttle_key(SECRET, "ip", "192.0.2.7"), throttle_key(SECRET, "user", "mallory")], 100)
    with store.reader() as s:
        rows = s.scalars(select(LoginThrottle)).all()
    assert len(rows) == 2
    for row in rows:
        assert "mallory" not in row.key_hmac and "192.0.2.7" not in row.key_hmac and len(row.key_hmac) == 64
    assert throttle_key("another-secret-" + "x" * 32, "user", "mallory") not in {r.key_hmac for r in rows}
    _try(store, [throttle_key(SECRET, "user", "later")], 100 + 301)  # every reservation prunes the stale rows
    with store.reader() as s:
        assert [r.key_hmac for r in s.scalars(select(LoginThrottle))] == [throttle_key(SECRET, "user", "later")]
    with store.session() as s:
        assert prune(s, 300, now=100 + 301 + 301) == 1


def test_the_address_is_checked_before_and_charged_after_a_failure(store: Store) -> None:
    from screener.store.throttle import count_failure, waiting

    ip = [throttle_key(SECRET, "ip", "10.0.0.9")]
    with store.session() as s:
        assert waiting(s, ip, attempts=3, window=300, now=10) == 0
        assert s.get(LoginThrottle, ip[0]) is None  # checking counts nothing: fifty sign-ins at once all pass
        for now in (10, 20, 30):
            count_failure(s, ip, window=300, now=now)
        assert waiting(s, ip, attempts=3, window=300, now=40) == pytest.approx(270)
        assert waiting(s, ip, attempts=3, window=300, now=311) == 0
