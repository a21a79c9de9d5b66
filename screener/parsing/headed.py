"""Layouts where a header line names the speaker (and a time) and the speech follows on the lines below.

Zoom's saved captions (``[Name] 14:03:12``), Zoom's meeting chat (``14:05:33 From Name to Everyone:``),
text copied from Zoom's web transcript (a name line, then a ``00:03`` line) and a Teams copy-paste
(``**Name** 10:30 AM``). Each layout is a function from one stripped line to its header, or None; lines
before the first header (a title, a date) are skipped and every other line continues the speech above it.
The header lines are structural (a bracketed name and a clock, ``From ... to ...:``), not prose that
happens to hold a colon, so every header's name is a speaker, even one who speaks once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import lru_cache

from .clock import Clock
from .cues import Cue
from .labels import classify, clean_name, looks_like_name

Header = tuple[str, float | None, str]
"""(speaker label, start seconds or None, speech on the header line itself, often '')."""


def headed_cues(lines: Iterable[str], header: Callable[[str], Header | None]) -> list[Cue]:
    """Cues of a headed layout; ``header`` returns the header a stripped, non-empty line is, else None."""
    rows: list[tuple[Header | None, str]] = []
    for raw in lines:
        line = raw.strip()
        if line:
            rows.append((header(line), line))
    return cues_of(rows)


def cues_of(rows: list[tuple[Header | None, str]]) -> list[Cue]:
    """Cues from (header or None, line) rows: a header starts a cue, any other line continues it."""
    cues: list[Cue] = []
    for found, line in rows:
        if found is not None:
            speaker, hint = classify(found[0])
            cues.append(Cue(speaker, found[2], found[1], hint))
        elif cues:
            cues[-1].add(line)
    return cues


def with_clock(header: Callable[[str], Header | None]) -> Callable[[str], Header | None]:
    """``header`` with its time-of-day starts made a rising count (``clock.Clock``: past midnight adds a day)."""
    clock = Clock()

    def timed(line: str) -> Header | None:
        found = header(line)
        return None if found is None else (found[0], clock(found[1]), found[2])

    return timed


@lru_cache(maxsize=4096)
def speaker_label(text: str) -> str | None:
    """``text`` cleaned when it reads as a speaker's name, else None."""
    name = clean_name(text)
    return name if name and looks_like_name(name) else None


def count_headers(lines: Iterable[str], header: Callable[[str], Header | None], enough: int = 2) -> int:
    """How many lines are headers, counting up to ``enough`` (detection stops there)."""
    found = 0
    for raw in lines:
        line = raw.strip()
        if line and header(line) is not None:
            found += 1
            if found >= enough:
                break
    return found
