"""The rate-limit state a provider reports on every response, read from either vendor's headers.

- Anthropic: ``anthropic-ratelimit-requests-limit``/``-remaining``/``-reset`` and
  ``anthropic-ratelimit-input-tokens-*`` (falling back to ``anthropic-ratelimit-tokens-*``); ``-reset`` is an
  RFC 3339 time at which the bucket is full again.
- OpenAI: ``x-ratelimit-limit-requests``/``x-ratelimit-remaining-requests``/``x-ratelimit-reset-requests`` and
  the same with ``-tokens``; ``-reset-*`` is a duration until the bucket is full again ("1.5s", "20ms", "6m0s").

Both vendors refill their buckets continuously, so ``(limit - remaining) / reset`` is the refill rate; the
limiter (``screener.batch.pacing``) paces from that. ``parse_rate_limits`` returns None when a server sends
none of these headers (an OpenAI-compatible local server): the limiter then adapts as before.
"""

from __future__ import annotations

import re
import time
from collections.abc import Mapping
from datetime import datetime

from pydantic import BaseModel, ConfigDict


class Bucket(BaseModel):
    """One limit: its size, what is left, and seconds until it is full again (None when not sent)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    limit: float
    remaining: float
    reset: float | None = None
    absolute: bool = False
    """True when the server sent a reset time (Anthropic), not a duration counted from its answer (OpenAI)"""

    def refill_rate(self, since_counted: float = 0.0) -> float | None:
        """Units per second the bucket refills at, when the headers show it (something used, a reset given).

        ``since_counted``: seconds between the server counting this state (about when the call was sent) and
        the headers being read; a reset *time* is that much further from the count than from now.
        """
        reset = None if self.reset is None else self.reset + (since_counted if self.absolute else 0.0)
        if reset is None or reset <= 0 or self.remaining >= self.limit:
            return None
        return (self.limit - self.remaining) / reset


class RateLimits(BaseModel):
    """The request and input-token buckets of one response; ``observed`` is ``time.monotonic()`` at parsing."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    requests: Bucket | None = None
    input_tokens: Bucket | None = None
    observed: float = 0.0


_DURATION = re.compile(r"(\d+(?:\.\d+)?)(ms|h|m|s)")


def parse_duration(text: str) -> float | None:
    """OpenAI's reset durations: "1.5s", "20ms", "6m0s", "1h2m3.5s" -> seconds; None when unreadable."""
    text = text.strip()
    if not text:
        return None
    pos, total = 0, 0.0
    for match in _DURATION.finditer(text):
        if match.start() != pos:
            return None
        value, unit = float(match.group(1)), match.group(2)
        total += value * {"h": 3600.0, "m": 60.0, "s": 1.0, "ms": 0.001}[unit]
        pos = match.end()
    if pos != len(text):
        try:
            return max(float(text), 0.0)  # a bare number of seconds
        except ValueError:
            return None
    return total


def parse_reset_time(text: str, *, now: float | None = None) -> float | None:
    """Anthropic's RFC 3339 reset time -> seconds from now (0 when past); None when unreadable."""
    try:
        when = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if when.tzinfo is None:
        return None
    return max(when.timestamp() - (time.time() if now is None else now), 0.0)


def _number(value: str | None) -> float | None:
    if value is None:
        return None
    try:
        return float(value)
    except ValueError:
        return None


def _bucket(limit: str | None, remaining: str | None, reset: float | None, absolute: bool = False) -> Bucket | None:
    lim, rem = _number(limit), _number(remaining)
    if lim is None or rem is None or lim <= 0:
        return None
    return Bucket(limit=lim, remaining=max(0.0, min(rem, lim)), reset=reset, absolute=absolute)


def parse_rate_limits(headers: Mapping[str, str] | None, *, now: float | None = None) -> RateLimits | None:
    """The buckets in a response's headers (either vendor's spelling), or None when it reports none."""
    if not headers:
        return None
    h = {str(k).lower(): str(v) for k, v in headers.items()}
    requests = tokens = None
    if any(k.startswith("anthropic-ratelimit-") for k in h):
        a = "anthropic-ratelimit-"

        def reset(name: str) -> float | None:
            raw = h.get(f"{a}{name}-reset")
            return parse_reset_time(raw, now=now) if raw else None

        requests = _bucket(h.get(f"{a}requests-limit"), h.get(f"{a}requests-remaining"), reset("requests"), True)
        tokens = _bucket(h.get(f"{a}input-tokens-limit"), h.get(f"{a}input-tokens-remaining"),
                         reset("input-tokens"), True)
        if tokens is None:
            tokens = _bucket(h.get(f"{a}tokens-limit"), h.get(f"{a}tokens-remaining"), reset("tokens"), True)
    elif any(k.startswith("x-ratelimit-") for k in h):

        def duration(name: str) -> float | None:
            raw = h.get(f"x-ratelimit-reset-{name}")
            return parse_duration(raw) if raw else None

        requests = _bucket(h.get("x-ratelimit-limit-requests"), h.get("x-ratelimit-remaining-requests"),
                           duration("requests"))
        tokens = _bucket(h.get("x-ratelimit-limit-tokens"), h.get("x-ratelimit-remaining-tokens"), duration("tokens"))
    if requests is None and tokens is None:
        return None
    return RateLimits(requests=requests, input_tokens=tokens, observed=time.monotonic())
