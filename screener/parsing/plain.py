"""Plain text: ``Name: text`` lines (optionally ``[00:01:02] Name: text``).

Lines without a label continue the previous turn; lines before the first label (a title, a date)
are a header and are skipped.
"""

from __future__ import annotations

import re

from .cues import Cue
from .labels import Row, line_cues, split_label
from .timecodes import to_seconds

_TIME_PREFIX = re.compile(r"^\[?(?P<time>(?:\d{1,3}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?)\]?[ \t]+")


def parse_text(text: str, where: str) -> list[Cue]:
    rows: list[Row] = []
    for raw in text.split("\n"):
        line = raw.strip()
        if not line:
            continue
        start = None
        m = _TIME_PREFIX.match(line)
        if m is not None:
            start = to_seconds(m.group("time"))
            line = line[m.end() :]
        rows.append((split_label(line), line, start))
    return line_cues(rows)
