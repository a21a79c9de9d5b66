"""Plain text: ``Name: text`` lines (optionally ``[00:01:02] Name: text``).

Lines without a label continue the previous turn; lines before the first label (a title, a date)
are a header and are skipped. Names the user gave (``--candidate``, ``--interviewer``) are speakers however
often they speak: a candidate who answers once beside labels that occur twice is not folded into the turn above.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .cues import Cue
from .labels import label_of, line_cues
from .timecodes import to_seconds

_STAMP_START = frozenset("[0123456789")
_TIME_PREFIX = re.compile(r"^\[?(?P<time>(?:\d{1,3}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?)\]?[ \t]+")


def parse_text(text: str, where: str, known: Iterable[str] = ()) -> list[Cue]:
    labels: list[str | None] = []
    lines: list[str] = []
    starts: list[float | None] | None = None  # only when some line has a time
    for raw in text.split("\n"):  # a 2 MB text can be 600,000 lines: the loop allocates nothing per line
        line = raw.strip()
        if not line:
            continue
        if line[0] in _STAMP_START:
            m = _TIME_PREFIX.match(line)
            if m is not None:
                if starts is None:
                    starts = [None] * len(lines)
                starts.append(to_seconds(m.group("time")))
                line = line[m.end() :]
            elif starts is not None:
                starts.append(None)
        elif starts is not None:
            starts.append(None)
        lines.append(line)
        labels.append(label_of(line))
    return line_cues(labels, lines, starts, known=known)
