"""Progress on stderr: a live line on a terminal, plain periodic lines in logs, a summary at the end."""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from ..scorecard import Scorecard


@dataclass
class Tally:
    graded: int = 0
    failed: int = 0
    skipped: int = 0
    """already graded in the results file (--resume)"""
    duplicates: int = 0
    """same content and role as an earlier input of this run"""
    input_tokens: int = 0
    output_tokens: int = 0
    cost_usd: float = 0.0
    fallbacks: int = 0
    cached_input_tokens: int = 0
    """input tokens the provider read from its prompt cache (as its usage reported)"""
    saved_usd: float = 0.0
    """what the cache reads saved at the model's list prices"""
    """inputs graded on the fallback provider because the primary was down"""
    total: int | None = None
    started: float = field(default_factory=time.monotonic)

    def count_cache(self, card: Scorecard, discount: float = 1.0) -> None:
        """Add a graded card's cache reads, and what they saved against full-price input."""
        cached = card.grader.cached_input_tokens
        if not cached:
            return
        self.cached_input_tokens += cached
        from ..providers.pricing import price_for

        price = price_for(card.grader.model)
        if price is not None:
            self.saved_usd += cached * (price.input - price.cached_input) / 1e6 * discount

    @property
    def finished(self) -> int:
        return self.graded + self.failed

    @property
    def processed(self) -> int:
        return self.finished + self.skipped + self.duplicates


def _duration(seconds: float) -> str:
    seconds = max(0, int(round(seconds)))
    if seconds >= 3600:
        return f"{seconds // 3600}h{seconds % 3600 // 60:02d}m"
    if seconds >= 60:
        return f"{seconds // 60}m{seconds % 60:02d}s"
    return f"{seconds}s"


def _safe(text: str) -> str:
    """A line for the terminal: credentials masked, control characters (a file name's ANSI escape) gone."""
    from ..util.secrets import scrub
    from ..util.text import strip_controls

    return strip_controls(scrub(text))


def _tokens(n: int) -> str:
    return f"{n / 1_000_000:.1f}M" if n >= 1_000_000 else f"{n / 1000:.1f}k" if n >= 1000 else str(n)


class Progress:
    """``update()`` after each input; it prints when it is time (live line on a tty, else every ``interval``)."""

    def __init__(self, tally: Tally, *, stream: TextIO | None = None, tty: bool | None = None,
                 interval: float | None = None, quiet: bool = False) -> None:
        self.tally = tally
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty() if tty is None else tty
        self.interval = interval if interval is not None else (0.2 if self.tty else 10.0)
        self.quiet = quiet
        self.extra = ""
        """appended to the line, e.g. the limiter's state"""
        self._last = 0.0
        self._live = False
        self._first: tuple[float, int] | None = None
        """(when, how many) at the first finished result: the ETA's rate is measured from there"""

    MIN_RESULTS_FOR_ETA = 5

    def eta(self, now: float | None = None) -> float | None:
        """Seconds left, from the pace since the first result; None until a few results are in (start-up,
        the first calls' latency and already-done inputs would make an early estimate far off)."""
        t = self.tally
        now = time.monotonic() if now is None else now
        if self._first is None and t.finished:
            self._first = (now, t.finished)
        if t.total is None or self._first is None or t.finished - self._first[1] < self.MIN_RESULTS_FOR_ETA:
            return None
        span = now - self._first[0]
        if span <= 0:
            return None
        rate = (t.finished - self._first[1]) / span
        return max(0.0, (t.total - t.processed) / rate)

    def line(self) -> str:
        t = self.tally
        elapsed = max(1e-9, time.monotonic() - t.started)
        rate = t.finished / elapsed
        total = f"/{t.total}" if t.total is not None else ""
        parts = [f"{t.processed}{total} done", f"{t.graded} graded", f"{t.failed} failed"]
        if t.skipped:
            parts.append(f"{t.skipped} already done")
        parts.append(f"{rate:.1f}/s")
        eta = self.eta()
        if eta is not None:
            parts.append(f"ETA {_duration(eta)}")
        if t.input_tokens or t.output_tokens:
            parts.append(f"{_tokens(t.input_tokens)}+{_tokens(t.output_tokens)} tokens")
        if t.cost_usd:
            parts.append(f"${t.cost_usd:.2f}")
        if self.extra:
            parts.append(_safe(self.extra))
        return "batch: " + " · ".join(parts)

    def update(self, force: bool = False) -> None:
        if self.quiet:
            return
        now = time.monotonic()
        if self._first is None and self.tally.finished:
            self._first = (now, self.tally.finished)
        if not force and now - self._last < self.interval:
            return
        self._last = now
        if self.tty:
            self.stream.write("\r\x1b[2K" + self.line())
            self._live = True
        else:
            self.stream.write(self.line() + "\n")
        self.stream.flush()

    def note(self, text: str) -> None:
        """A message on its own line (clears the live line first); credentials and control characters removed."""
        if self.quiet:
            return
        text = _safe(text)
        if self._live:
            self.stream.write("\r\x1b[2K")
            self._live = False
        self.stream.write(text + "\n")
        self.stream.flush()

    def finish(self, summary: str) -> None:
        summary = _safe(summary)
        if self._live:
            self.stream.write("\r\x1b[2K")
            self._live = False
        self.stream.write(summary + "\n")
        self.stream.flush()
