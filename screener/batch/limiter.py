"""Adaptive concurrency and pacing for provider calls (AIMD, like TCP congestion control).

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

_HISTORY = 60.0  # seconds of call starts kept to measure the pace a rejected call was sent at


@dataclass(frozen=True)
class Ticket:
    """Permission for one call; hand it back with ``success``, ``rate_limited`` or ``failed``."""

    started: float


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

    def _wait_needed(self, now: float) -> float | None:
        """Seconds to wait before a call may start (0 = now); None = wait for a call to finish."""
        if self.in_flight >= self.limit:
            return None
        wait = max(0.0, self.pause_until - now)
        if self.rate is not None:
            wait = max(wait, self._next_start - now)
        return wait

    async def acquire(self) -> Ticket:
        while True:
            now = self._clock()
            wait = self._wait_needed(now)
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
        return Ticket(started=now)

    def _release(self) -> None:
        self.in_flight = max(0, self.in_flight - 1)
        self._notify()

    # -- outcomes

    def success(self, ticket: Ticket) -> None:
        """Additive increase: ~+1 concurrency per window of successes, pace up by ``increase`` (~4%/s)."""
        self._release()
        self._streak = 0
        if self.concurrency < self.ceiling:
            self.concurrency = min(float(self.ceiling), self.concurrency + 1.0 / max(1.0, self.concurrency))
        if self.rate is not None:
            self.rate += max(0.05, self.rate * self.increase) / max(1.0, self.rate)

    def failed(self, ticket: Ticket) -> None:
        """A non-rate-limit failure: release the slot, no change in pace."""
        self._release()

    def rate_limited(self, ticket: Ticket, retry_after: float | None = None) -> None:
        """Multiplicative decrease, and a pause for ``retry_after`` seconds (or exponential backoff)."""
        self._release()
        self.rejected += 1
        now = self._clock()
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
