"""Timestamps as the formats write them (``01:02:03.500``, ``00:00:01,000``, ``1:02``) to seconds."""

from __future__ import annotations

import re

_STAMP = re.compile(r"^(?:(\d{1,3}):)?(\d{1,2}):(\d{2})(?:[.,](\d{1,3}))?$")


def to_seconds(stamp: str) -> float | None:
    """Seconds for ``[H:]MM:SS[.mmm]`` (``,`` also accepted), or None when it is not a valid time."""
    m = _STAMP.match(stamp.strip())
    if m is None:
        return None
    hours, minutes, secs, frac = m.groups()
    if int(secs) >= 60 or (hours is not None and int(minutes) >= 60):
        return None
    value = int(hours or 0) * 3600 + int(minutes) * 60 + int(secs)
    if frac:
        value += int(frac) / 10 ** len(frac)
    return float(value)
