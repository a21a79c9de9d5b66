"""Clock times (``14:03:12``, ``10:30 AM``) as seconds since midnight, kept as the file shows them.

Zoom's saved captions and chat, and Teams' copy-paste, give the time of day rather than the time into the
recording; a turn keeps that time (``14:03:12`` shows as ``14:03:12``) so a reviewer finds it in the file.
A meeting that runs past midnight keeps counting up (``23:59:50`` then ``00:00:05`` is 86,405 s).
"""

from __future__ import annotations

import re

_CLOCK = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?(?:[ \t]*([AaPp])\.?[Mm]\.?)?$")
_HALF_DAY = 12 * 3600


def clock_seconds(stamp: str) -> float | None:
    """Seconds since midnight for ``HH:MM[:SS]`` (24-hour) or ``H:MM[:SS] AM/PM``; None when not a time."""
    m = _CLOCK.match(stamp.strip())
    if m is None:
        return None
    hours, minutes, secs = int(m.group(1)), int(m.group(2)), int(m.group(3) or 0)
    half = m.group(4)
    if minutes >= 60 or secs >= 60:
        return None
    if half is not None:
        if not 1 <= hours <= 12:
            return None
        hours = hours % 12 + (12 if half in "Pp" else 0)
    elif hours >= 24:
        return None
    return float(hours * 3600 + minutes * 60 + secs)


class Clock:
    """Turns successive clock times into a rising count: past midnight, a day is added."""

    __slots__ = ("days", "last")

    def __init__(self) -> None:
        self.days = 0
        self.last: float | None = None

    def __call__(self, seconds: float | None) -> float | None:
        if seconds is None:
            return None
        if self.last is not None and seconds + self.days * 86400 < self.last - _HALF_DAY:
            self.days += 1
        value = seconds + self.days * 86400
        self.last = value
        return value
