"""Concurrency and pacing for provider calls: from the provider's rate-limit headers, else adaptive (AIMD).

When answers carry rate-limit headers (Anthropic's and OpenAI's do), ``pacing.HeaderPacer`` paces call starts
so neither the request nor the input-token bucket runs dry, from the first report on: concurrency stays at the
ceiling, a 429 re-anchors the picture and only the rejected call waits out its ``retry-after``. A server that
sends no such headers gets the adaptive behaviour below, like TCP congestion control:

- Concurrency starts at the ceiling (``-j N``) and never exceeds it.
- A rate-limit answer (HTTP 429, or 529 "overloaded") pauses every new call for its ``retry-after``
  (or an exponential backoff when the provider gave none) and cuts the pace multiplicatively: calls are then
  *paced* at ``rate`` starts per second, just under what the account was shown to accept, so the batch does
  not storm the API with calls that will be rejected. Only calls started after the last cut can cut again,
  so one burst of rejections counts as one signal.
- Every success raises the pace additively (and the concurrency back towards the ceiling), so the batch
  climbs back to the account's limit and keeps probing it.

The clock and sleep are injectable, so tests drive it without waiting.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from ..providers.ratelimits import RateLimits
from .pacing import HeaderPacer, Send

_HISTORY = 60.0  # seconds of call starts kept to measure the pace a rejected call was sent at


@dataclass(frozen=True)
class Ticket:
    """Permission for one call; hand it back with ``success``, ``rate_limited`` or ``failed``."""

    started: float
    tokens: float = 0.0
    """the input tokens the call was expected to cost"""
    send: Send | None = None


class AdaptiveLimiter:
    def __init__(
        self,
        ceiling: int,
        *,
        floor: int = 1,
        decrease: float = 0.85,
        concurrency_decrease: float = 0.9,
        increase: float = 0.04,
        window: float = 1.0,
        max_backoff: float = 60.0,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[object]] = asyncio.sleep,
    ) -> None:
        if ceiling < 1:
            raise ValueError("ceiling must be >= 1")
        self.ceiling = ceiling
        self.floor = max(1, min(floor, ceiling))
        self.decrease = decrease
        self.concurrency_decrease = concurrency_decrease
        self.increase = increase
        self.window = window
        self.max_backoff = max_backoff
        self._clock = clock
        self._sleep = sleep
        self.concurrency: float = float(ceiling)
        self.rate: float | None = None
        """paced call starts per second; None until the first rate-limit answer"""
        self.in_flight = 0
        self.pause_until = 0.0
        self.calls = 0
        self.rejected = 0
        self.cuts = 0
        self._next_start = 0.0
        self._last_cut = float("-inf")
        self._streak = 0  # consecutive rate-limit answers without a retry-after (for backoff)
        self._starts: deque[float] = deque()
        self._changed: asyncio.Event | None = None
        self.pacer = HeaderPacer()

    # -- state

    @property
    def limit(self) -> int:
        """How many calls may be in flight now."""
        return max(self.floor, min(self.ceiling, int(self.concurrency)))

    def _event(self) -> asyncio.Event:
        if self._changed is None:
            self._changed = asyncio.Event()
        return self._changed

    def _notify(self) -> None:
        if self._changed is not None:
            self._changed.set()

    def _trim(self, now: float) -> None:
        horizon = now - max(self.window, _HISTORY)
        while self._starts and self._starts[0] < horizon:
            self._starts.popleft()

    def sent_rate(self, at: float, now: float) -> float:
        """The pace a call sent at ``at`` went out at: starts per second from ``window`` before it until ``now``."""
        since = at - self.window
        return sum(1 for t in self._starts if t >= since) / max(self.window, now - since)

    # -- acquiring

    def _wait_needed(self, now: float, tokens: float = 0.0) -> float | None:
        """Seconds to wait before a call may start (0 = now); None = wait for a call to finish."""
        if self.in_flight >= self.limit:
            return None
        wait = max(0.0, self.pause_until - now)
        if self.pacer.active:
            return max(wait, self.pacer.wait(tokens, now))
        if self.rate is not None:
            wait = max(wait, self._next_start - now)
        return wait

    @property
    def pacing(self) -> str:
        """How calls are paced now: 'headers', 'adaptive' (after a 429 without headers) or 'none'."""
        return "headers" if self.pacer.active else "adaptive" if self.rate is not None else "none"

    async def acquire(self, tokens: float = 0.0) -> Ticket:
        """Wait for a slot (and, when pacing from headers, for room for one call of ``tokens`` input tokens)."""
        while True:
            now = self._clock()
            wait = self._wait_needed(now, tokens)
            if wait == 0.0:
                break
            if wait is None:
                event = self._event()
                event.clear()
                await event.wait()
            else:
                await self._sleep(wait)
        self.in_flight += 1
        self.calls += 1
        if self.rate is not None:
            self._next_start = max(now, self._next_start) + 1.0 / self.rate
        self._starts.append(now)
        self._trim(now)
        return Ticket(started=now, tokens=tokens, send=self.pacer.sent(tokens, now))

    def _release(self) -> None:
        self.in_flight = max(0, self.in_flight - 1)
        self._notify()

    # -- outcomes

    def _observe(self, ticket: Ticket, limits: RateLimits | None) -> None:
        if limits is not None and ticket.send is not None:
            self.pacer.observe(ticket.send, limits, self._clock())

    def success(self, ticket: Ticket, limits: RateLimits | None = None) -> None:
        """Re-anchor on the headers, if any; else additive increase (~+1 concurrency per window, pace ~+4%/s)."""
        self._observe(ticket, limits)
        self._release()
        self._streak = 0
        if self.pacer.active:
            return
        if self.concurrency < self.ceiling:
            self.concurrency = min(float(self.ceiling), self.concurrency + 1.0 / max(1.0, self.concurrency))
        if self.rate is not None:
            self.rate += max(0.05, self.rate * self.increase) / max(1.0, self.rate)

    def failed(self, ticket: Ticket) -> None:
        """A non-rate-limit failure: release the slot, no change in pace."""
        self._release()

    def rate_limited(self, ticket: Ticket, retry_after: float | None = None,
                     limits: RateLimits | None = None) -> float:
        """A 429/529. Pacing from headers: re-anchor, and return the seconds this call waits before its retry
        (``retry_after``). Otherwise: multiplicative decrease, and a pause of every new call for ``retry_after``
        seconds (or an exponential backoff); returns 0 (the pause holds the retry back)."""
        self._observe(ticket, limits)
        self._release()
        self.rejected += 1
        now = self._clock()
        if self.pacer.active:
            if retry_after is not None and retry_after >= 0:
                return min(retry_after, self.max_backoff)
            self._streak += 1
            return min(self.max_backoff, 0.25 * 2 ** (self._streak - 1))
        if retry_after is not None and retry_after >= 0:
            pause = min(retry_after, self.max_backoff)
            self._streak = 0
        else:
            pause = min(self.max_backoff, 0.5 * 2**self._streak)
            self._streak += 1
        self.pause_until = max(self.pause_until, now + pause)
        if ticket.started >= self._last_cut:  # sent under the current pace: a real signal, cut once
            sent = self.sent_rate(ticket.started, now)  # the pace the rejected call was sent at
            base = min(self.rate, sent) if self.rate is not None else sent
            self.rate = max(0.05, base * self.decrease)
            self.concurrency = max(float(self.floor), self.concurrency * self.concurrency_decrease)
            self._last_cut = now
            self.cuts += 1
        self._next_start = max(self._next_start, self.pause_until)
        return 0.0
