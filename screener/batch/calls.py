"""Provider calls under the adaptive limiter, with screener's own retries.

In a batch the SDK's retries are set to 0, so every 429/529 reaches ``LimitedProvider``: it tells the
limiter (which pauses and slows everyone down) and retries the call itself. Other transient failures
(5xx, timeouts, connection errors) are retried ``retries`` times with exponential backoff and jitter;
anything else (a 400, a bad key) fails the call at once.
"""

from __future__ import annotations

import asyncio
import random
from dataclasses import dataclass

from ..errors import ProviderError
from ..providers.base import GenerateRequest, Generation, Provider, ProviderWrapper
from .limiter import AdaptiveLimiter
from .pacing import TokenEstimator


@dataclass
class CallStats:
    calls: int = 0
    rate_limited: int = 0
    transient_errors: int = 0
    input_tokens: int = 0
    output_tokens: int = 0
    cached_input_tokens: int = 0
    counted_input_tokens: int = 0
    """input tokens that counted against the provider's input-token limit (cache reads do not, at Anthropic)"""
    first_answered: float | None = None
    last_answered: float | None = None
    """when the first and last answered calls were sent (monotonic): the span a limit was used over"""


OVERLOADED = 529
"""Anthropic's "overloaded": the provider is down for everyone, not this account over its limit"""


class LimitedProvider(ProviderWrapper):
    """``inner`` behind the limiter; same id and privacy properties as ``inner``."""

    def __init__(self, inner: Provider, limiter: AdaptiveLimiter, *, retries: int = 3,
                 max_rate_limited: int = 30, backoff: float = 0.5, stats: CallStats | None = None) -> None:
        super().__init__(inner)
        self.limiter = limiter
        self.retries = retries
        self.max_rate_limited = max_rate_limited
        self.backoff = backoff
        self.stats = stats or CallStats()
        self.estimator = TokenEstimator(cached_counts=inner.cached_input_counts_toward_limit)

    async def generate(self, request: GenerateRequest) -> Generation:
        transient = rate_limited = 0
        guess = self.estimator.guess(request)
        while True:
            ticket = await self.limiter.acquire(self.estimator.estimate(guess))
            self.stats.calls += 1
            try:
                gen = await self.inner.generate(request)
            except ProviderError as e:
                # a 429 is the account's quota: pace and try again; a 529 ("overloaded") is the provider's
                # outage: retried like a 5xx, so that after the retries a --fallback can take the input
                if e.kind == "rate_limit" and e.status != OVERLOADED:
                    wait = self.limiter.rate_limited(ticket, e.retry_after, e.rate_limits)
                    self.stats.rate_limited += 1
                    rate_limited += 1
                    if rate_limited > self.max_rate_limited:
                        raise ProviderError(f"{e} (still rate limited after {rate_limited} tries)", status=e.status,
                                            body=e.body, retry_after=e.retry_after, kind=e.kind) from e
                    if wait > 0:
                        await asyncio.sleep(wait)  # this call honours retry-after; the others keep their pace
                    continue
                self.limiter.failed(ticket)
                if (e.retryable or e.status == OVERLOADED) and transient < self.retries:
                    transient += 1
                    self.stats.transient_errors += 1
                    hinted = e.retry_after
                    delay = hinted if hinted is not None else self.backoff * 2 ** (transient - 1)
                    await asyncio.sleep(delay * (0.5 + random.random()))
                    continue
                raise
            except BaseException:
                self.limiter.failed(ticket)
                raise
            self.limiter.success(ticket, gen.rate_limits)
            self.estimator.calibrate(guess, gen.usage)
            self.stats.input_tokens += gen.usage.input_tokens
            self.stats.output_tokens += gen.usage.output_tokens
            self.stats.cached_input_tokens += gen.usage.cached_input_tokens
            cached = 0 if self.estimator.cached_counts else gen.usage.cached_input_tokens
            self.stats.counted_input_tokens += gen.usage.input_tokens - cached
            if self.stats.first_answered is None or ticket.started < self.stats.first_answered:
                self.stats.first_answered = ticket.started
            self.stats.last_answered = max(self.stats.last_answered or ticket.started, ticket.started)
            return gen
