"""Pacing from the rate-limit headers providers send: spend what the account has, never more.

Anthropic and OpenAI refill their request and input-token buckets continuously and report each bucket's
``limit``, ``remaining`` and time to full (``screener.providers.ratelimits``) on every answer. ``BucketModel``
keeps a local picture of one server bucket: it refills at the rate the headers show (``(limit - remaining) /
reset``), drops by what each call we send is expected to cost, and is re-anchored on every report: the
``remaining`` a report carries is the server's count just after it admitted that call, so the picture now is
that count, refilled since, minus every call we sent after it. Reports arrive out of order; only one newer
than the last anchor moves the picture. ``HeaderPacer`` holds a request and an input-token model; a call
starts when both have room for it.

``TokenEstimator`` guesses a call's input tokens before it is sent: characters / 4 for the user turns, the
output schema and, once per prompt prefix (the static system prompt is cached after its first use, and cache
reads do not count at Anthropic), the system prompt; scaled by the ratio of the tokens the provider reported
to the guesses so far.
"""

from __future__ import annotations

import json
import statistics
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from pydantic import BaseModel

from ..providers.base import GenerateRequest, Usage
from ..providers.ratelimits import Bucket, RateLimits

SAFETY = 0.98
"""pace at this share of the refill rate the headers show (their counts are whole numbers, rounded down)"""


class BucketModel:
    """The local picture of one server bucket (requests, or input tokens)."""

    def __init__(self) -> None:
        self.limit: float | None = None
        self.rate = 0.0
        self.level = 0.0
        self.stamp = 0.0
        self.anchor = -1
        """the send number of the call whose report the picture is anchored on"""
        self._rates: deque[float] = deque(maxlen=15)

    @property
    def known(self) -> bool:
        return self.limit is not None and self.rate > 0

    def refill(self, now: float) -> None:
        if self.limit is not None:
            self.level = min(self.limit, self.level + max(0.0, now - self.stamp) * self.rate)
        self.stamp = max(self.stamp, now)

    def wait(self, cost: float, now: float) -> float:
        """Seconds until ``cost`` fits (0 = now); a cost bigger than the whole bucket waits for a full one."""
        if not self.known:
            return 0.0
        self.refill(now)
        assert self.limit is not None
        need = min(cost, self.limit) - self.level
        return 0.0 if need <= 1e-6 else need / self.rate  # a rounding error never waits (nor loops)

    def take(self, cost: float, now: float) -> None:
        if self.known:
            self.refill(now)
            self.level -= cost

    def observe(self, bucket: Bucket, sent_at: float, seq: int, later: Iterable[tuple[float, float]],
                now: float) -> None:
        """Re-anchor on a report for call number ``seq``, sent at ``sent_at``; ``later``: (time, cost) of the
        calls sent after it."""
        rate = bucket.refill_rate(max(0.0, now - sent_at))
        if rate is not None:
            self._rates.append(rate)
        self.limit = bucket.limit
        self.rate = SAFETY * (statistics.median(self._rates) if self._rates else bucket.limit / 60.0)
        if seq < self.anchor:
            return  # an older picture than the one we hold
        self.anchor = seq
        level, at = bucket.remaining, sent_at
        for when, cost in later:
            level = min(bucket.limit, level + max(0.0, when - at) * self.rate) - cost
            at = max(at, when)
        self.level = min(bucket.limit, level + max(0.0, now - at) * self.rate)
        self.stamp = now


@dataclass(frozen=True)
class Send:
    seq: int
    at: float
    tokens: float


class HeaderPacer:
    """Request and input-token pacing from the headers; inactive (never waits) until a report arrives."""

    def __init__(self, history: float = 120.0) -> None:
        self.requests = BucketModel()
        self.tokens = BucketModel()
        self.active = False
        self.history = history
        self._sends: deque[Send] = deque()
        self._seq = 0

    def wait(self, tokens: float, now: float) -> float:
        if not self.active:
            return 0.0
        return max(self.requests.wait(1.0, now), self.tokens.wait(tokens, now))

    def sent(self, tokens: float, now: float) -> Send:
        self._seq += 1
        send = Send(self._seq, now, tokens)
        self._sends.append(send)
        while self._sends and self._sends[0].at < now - self.history:
            self._sends.popleft()
        self.requests.take(1.0, now)
        self.tokens.take(tokens, now)
        return send

    def _after(self, send: Send) -> list[Send]:
        if not self._sends:
            return []
        start = send.seq - self._sends[0].seq + 1
        return list(self._sends)[max(0, start):] if start < len(self._sends) else []

    def observe(self, send: Send, limits: RateLimits | None, now: float) -> None:
        if limits is None:
            return
        later = self._after(send)
        if limits.requests is not None:
            self.requests.observe(limits.requests, send.at, send.seq, ((s.at, 1.0) for s in later), now)
        if limits.input_tokens is not None:
            self.tokens.observe(limits.input_tokens, send.at, send.seq, ((s.at, s.tokens) for s in later), now)
        self.active = self.requests.known or self.tokens.known


@lru_cache(maxsize=16)
def _schema_chars(output_type: type[BaseModel]) -> int:
    return len(json.dumps(output_type.model_json_schema()))


class TokenEstimator:
    """A call's input tokens before it is sent, calibrated on the usage providers report."""

    def __init__(self, cached_counts: bool = True, window: int = 32) -> None:
        self.cached_counts = cached_counts
        """whether prompt-cache reads count against the limit (OpenAI) or not (Anthropic)"""
        self._prefixes: set[str] = set()
        self._history: deque[tuple[float, float]] = deque(maxlen=window)

    @property
    def ratio(self) -> float:
        guessed = sum(g for g, _ in self._history)
        return sum(a for _, a in self._history) / guessed if guessed > 0 else 1.0

    def guess(self, request: GenerateRequest) -> float:
        """The raw guess (characters / 4) for ``request``; the system prompt once per prefix."""
        chars = sum(len(m.content) for m in request.messages) + _schema_chars(request.output_type)
        if self.cached_counts or request.system not in self._prefixes:
            chars += len(request.system)
            self._prefixes.add(request.system)
        return chars / 4.0

    def estimate(self, guess: float) -> float:
        return guess * self.ratio

    def calibrate(self, guess: float, usage: Usage) -> None:
        counted = usage.input_tokens - (0 if self.cached_counts else usage.cached_input_tokens)
        if guess > 0 and counted > 0:
            self._history.append((guess, float(counted)))
