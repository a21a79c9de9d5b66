"""The progress line on stderr: redrawn in place on a terminal, one plain final line otherwise."""

from __future__ import annotations

import sys
from typing import TextIO


class Progress:
    def __init__(self, total: int, stream: TextIO | None = None, enabled: bool = True) -> None:
        self.total = total
        self.stream = stream or sys.stderr
        self.enabled = enabled
        self.tty = enabled and bool(getattr(self.stream, "isatty", lambda: False)())
        self.done = self.passed = self.failed = self.errors = self.cached = 0

    def _line(self) -> str:
        return (f"screener: eval [{self.done}/{self.total}] {self.passed} passed, {self.failed} failed, "
                f"{self.errors} errors ({self.cached} cached)")

    def update(self, status: str, cached: bool) -> None:
        self.done += 1
        self.passed += status == "pass"
        self.failed += status == "fail"
        self.errors += status == "error"
        self.cached += cached
        if self.tty:
            self.stream.write("\r\x1b[2K" + self._line())
            self.stream.flush()

    def finish(self, seconds: float) -> None:
        if not self.enabled:
            return
        self.stream.write(("\r\x1b[2K" if self.tty else "") + self._line() + f" in {seconds:.2f}s\n")
        self.stream.flush()
