"""The adaptive limiter: backs off on 429, honours retry-after, climbs again on success; and the retrying caller."""

from __future__ import annotations

import asyncio

import pytest

from screener.batch.calls import LimitedProvider
from screener.batch.limiter import AdaptiveLimiter
from screener.errors import ProviderError
from screener.providers.base import GenerateRequest, Message
from screener.providers.fake import FakeProvider
from screener.scorecard import GradeOutput


class Clock:
    """A fake monotonic clock; ``sleep`` advances it instead of waiting."""

    def __init__(self) -> None:
        self.now = 100.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def limiter(ceiling: int = 8, **kw) -> tuple[AdaptiveLimiter, Clock]:
    clock = Clock()
    return AdaptiveLimiter(ceiling, clock=clock, sleep=clock.sleep, **kw), clock


def test_starts_at_the_ceiling_and_never_exceeds_it() -> None:
    lim, clock = limiter(4)

    async def go() -> None:
        tickets = [await lim.acquire() for _ in range(4)]
        assert lim.in_flight == 4
        fifth = asyncio.create_task(lim.acquire())
        await asyncio.sleep(0)
        assert not fifth.done()  # the ceiling holds the fifth call back
        lim.success(tickets[0])
        await asyncio.wait_for(fifth, 1)
        assert lim.in_flight == 4

    asyncio.run(go())


def test_a_429_cuts_concurrency_and_paces_calls_below_the_rate_that_was_rejected() -> None:
    lim, clock = limiter(10)

    async def go() -> None:
        tickets = [await lim.acquire() for _ in range(10)]  # a burst of 10 calls within the same second
        lim.rate_limited(tickets[0], retry_after=0.0)
        assert lim.rate is not None and lim.rate == pytest.approx(10 * lim.decrease)
        assert lim.limit < 10
        assert lim.rejected == 1 and lim.cuts == 1

    asyncio.run(go())


def test_one_burst_of_rejections_is_one_signal() -> None:
    lim, clock = limiter(10)

    async def go() -> None:
        tickets = [await lim.acquire() for _ in range(6)]
        clock.now += 0.1
        for t in tickets:  # all six were sent before the first cut
            lim.rate_limited(t, retry_after=0.0)
        assert lim.cuts == 1
        assert lim.rejected == 6
        later = await lim.acquire()  # sent after the cut: a new signal
        lim.rate_limited(later, retry_after=0.0)
        assert lim.cuts == 2

    asyncio.run(go())


def test_retry_after_pauses_every_new_call() -> None:
    lim, clock = limiter(4)

    async def go() -> None:
        t = await lim.acquire()
        start = clock.now
        lim.rate_limited(t, retry_after=2.5)
        await lim.acquire()
        assert clock.now - start >= 2.5  # nobody starts before the provider's retry-after

    asyncio.run(go())


def test_without_retry_after_the_backoff_grows() -> None:
    lim, clock = limiter(4)

    async def go() -> list[float]:
        pauses = []
        for _ in range(3):
            t = await lim.acquire()
            before = clock.now
            lim.rate_limited(t, retry_after=None)
            pauses.append(lim.pause_until - before)
        return pauses

    pauses = asyncio.run(go())
    assert pauses[0] < pauses[1] < pauses[2]


def test_successes_climb_back_towards_the_ceiling() -> None:
    lim, clock = limiter(16)

    async def go() -> None:
        tickets = [await lim.acquire() for _ in range(16)]
        lim.rate_limited(tickets[0], retry_after=0.0)
        for t in tickets[1:]:
            lim.success(t)
        low_rate, low_limit = lim.rate, lim.concurrency
        assert low_rate is not None
        for _ in range(300):
            clock.now += 0.05
            lim.success(await lim.acquire())
        assert lim.rate > low_rate  # pace climbs
        assert lim.concurrency > low_limit  # and concurrency comes back
        assert lim.limit <= 16

    asyncio.run(go())


def test_paced_calls_are_spaced_by_the_rate() -> None:
    lim, clock = limiter(8)

    async def go() -> None:
        tickets = [await lim.acquire() for _ in range(8)]
        lim.rate_limited(tickets[0], retry_after=0.0)
        for t in tickets[1:]:
            lim.success(t)
        rate = lim.rate
        assert rate is not None
        starts = []
        for _ in range(5):
            t = await lim.acquire()
            starts.append(t.started)
            lim.success(t)
        gaps = [b - a for a, b in zip(starts, starts[1:], strict=False)]
        assert all(g >= 1 / (rate * 1.2) for g in gaps)

    asyncio.run(go())


def _request() -> GenerateRequest:
    return GenerateRequest(system="s", messages=[Message(role="user", content="u")], output_type=GradeOutput)


def test_limited_provider_retries_429s_itself_and_reports_them_to_the_limiter() -> None:
    inner = FakeProvider([ProviderError("slow down", status=429, retry_after=0.0),
                          ProviderError("slow down", status=429, retry_after=0.0), '{"ok": 1}'])
    lim = AdaptiveLimiter(4)
    provider = LimitedProvider(inner, lim, retries=0)
    gen = asyncio.run(provider.generate(_request()))
    assert gen.text == '{"ok": 1}'
    assert len(inner.calls) == 3  # rate limits are retried even with retries=0
    assert lim.rejected == 2 and provider.stats.rate_limited == 2
    assert lim.in_flight == 0


def test_an_overloaded_529_is_an_outage_retried_like_a_5xx_not_paced_as_a_quota() -> None:
    inner = FakeProvider([ProviderError("overloaded", status=529, retry_after=0.0), '{"ok": 1}'])
    lim = AdaptiveLimiter(4)
    provider = LimitedProvider(inner, lim, retries=1, backoff=0.0)
    assert asyncio.run(provider.generate(_request())).text == '{"ok": 1}'
    assert lim.rejected == 0 and provider.stats.rate_limited == 0 and provider.stats.transient_errors == 1
    down = LimitedProvider(FakeProvider([ProviderError("overloaded", status=529)] * 3), AdaptiveLimiter(4),
                           retries=1, backoff=0.0)
    with pytest.raises(ProviderError, match="overloaded"):  # after its retries: for --fallback to take
        asyncio.run(down.generate(_request()))


def test_limited_provider_gives_up_on_transient_errors_after_retries() -> None:
    inner = FakeProvider([ProviderError("boom", status=500)] * 3 + ['{"ok": 1}'])
    provider = LimitedProvider(inner, AdaptiveLimiter(2), retries=1, backoff=0.0)
    with pytest.raises(ProviderError, match="boom"):
        asyncio.run(provider.generate(_request()))
    assert len(inner.calls) == 2  # the call and one retry


def test_limited_provider_does_not_retry_a_bad_request() -> None:
    inner = FakeProvider([ProviderError("bad request", status=400), '{"ok": 1}'])
    provider = LimitedProvider(inner, AdaptiveLimiter(2), retries=3, backoff=0.0)
    with pytest.raises(ProviderError, match="bad request"):
        asyncio.run(provider.generate(_request()))
    assert len(inner.calls) == 1


def _limits(requests=None, tokens=None):
    from screener.providers.ratelimits import Bucket, RateLimits

    def bucket(spec):
        return None if spec is None else Bucket(limit=spec[0], remaining=spec[1], reset=spec[2])

    return RateLimits(requests=bucket(requests), input_tokens=bucket(tokens))


def test_with_headers_it_spends_the_reported_burst_then_paces_at_the_refill_rate() -> None:
    lim, clock = limiter(32)

    async def go() -> list[float]:
        first = await lim.acquire()
        # 10 requests per 10 s; after this call 9 are left, full again in 1 s: 1 request per second
        lim.success(first, _limits(requests=(10, 9, 1.0)))
        assert lim.pacing == "headers"
        starts = []
        for _ in range(12):
            t = await lim.acquire()
            starts.append(clock.now)
            lim.success(t)
        return starts

    starts = asyncio.run(go())
    assert starts[:9] == [100.0] * 9  # the burst the server said is left, at once
    gaps = [b - a for a, b in zip(starts[8:], starts[9:], strict=False)]
    assert all(0.95 <= g <= 1.1 for g in gaps)  # then one per refill interval (with a 2% margin)
    assert lim.limit == 32  # no concurrency cut


def test_with_headers_an_expensive_call_waits_for_input_tokens() -> None:
    lim, clock = limiter(32)

    async def go() -> float:
        t = await lim.acquire(tokens=1000)
        lim.success(t, _limits(tokens=(10_000, 1_000, 9.0)))  # 1,000 tokens/s refill, 1,000 left
        await lim.acquire(tokens=900)  # fits now
        started = clock.now
        await lim.acquire(tokens=3000)  # needs ~2.9 s more refill
        return clock.now - started

    waited = asyncio.run(go())
    assert 2.8 <= waited <= 3.1


def test_with_headers_a_429_re_anchors_and_only_that_call_waits_its_retry_after() -> None:
    lim, clock = limiter(8)

    async def go() -> tuple[float, float]:
        t = await lim.acquire()
        lim.success(t, _limits(requests=(100, 99, 0.5)))
        rejected = await lim.acquire()
        wait = lim.rate_limited(rejected, retry_after=2.0, limits=_limits(requests=(100, 0, 50.0)))
        return wait, lim.pause_until

    wait, pause = asyncio.run(go())
    assert wait == 2.0 and pause == 0.0  # no global pause: the picture says when the others may go
    assert lim.pacer.requests.level < 1 and lim.concurrency == 8


def test_a_report_older_than_the_anchor_does_not_move_the_picture() -> None:
    lim, clock = limiter(8)

    async def go() -> float:
        old, new = await lim.acquire(), await lim.acquire()
        lim.success(new, _limits(requests=(10, 2, 8.0)))
        level = lim.pacer.requests.level
        lim.success(old, _limits(requests=(10, 9, 1.0)))  # answered later, but sent earlier
        return level, lim.pacer.requests.level

    before, after = asyncio.run(go())
    assert before == after == pytest.approx(2.0)
