"""Plain text: ``Name: text`` lines (optionally ``[00:01:02] Name: text``).

Lines without a label continue the previous turn; lines before the first label (a title, a date)
are a header and are skipped.
"""

from __future__ import annotations

import re

from .cues import Cue
from .labels import Row, line_cues, split_label
from .timecodes import to_seconds

_STAMP_START = frozenset("[0123456789")
_TIME_PREFIX = re.compile(r"^\[?(?P<time>(?:\d{1,3}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?)\]?[ \t]+")


def parse_text(text: str, where: str) -> list[Cue]:
    rows: list[Row] = []
    append, stamp_start = rows.append, _STAMP_START  # a 2 MB text can be 600,000 lines: keep the loop lean
    for raw in text.split("\n"):
        line = raw.strip()
        if not line:
            continue
        start = None
        if line[0] in stamp_start:
            m = _TIME_PREFIX.match(line)
            if m is not None:
                start = to_seconds(m.group("time"))
                line = line[m.end() :]
        append((split_label(line) if ":" in line or not line.isascii() else None, line, start))
    return line_cues(rows)
