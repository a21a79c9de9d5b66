"""Otter.ai text export: a ``Name  0:03`` header line (or ``Name 1:02:03``), the speech below it.

A header is recognised at the start or after a blank line. Lines before the first header (a title)
and the ``Transcribed by https://otter.ai`` footer are skipped.
"""

from __future__ import annotations

import re

from .cues import Cue
from .labels import classify, clean_name, looks_like_name
from .timecodes import to_seconds

HEADER = re.compile(
    r"^(?P<name>[^\W\d_][^\n]{0,60}?)(?:[ \t]{2,}(?P<short>(?:\d{1,3}:)?\d{1,2}:\d{2})"
    r"|[ \t](?P<long>\d{1,3}:\d{2}:\d{2}))[ \t]*$"
)
FOOTER = re.compile(r"^transcribed by\s+(?:https?://)?otter\.ai", re.I)


def parse_otter(text: str, where: str) -> list[Cue]:
    cues: list[Cue] = []
    after_blank = True
    for raw in text.split("\n"):
        line = raw.strip()
        if not line:
            after_blank = True
            continue
        was_blank, after_blank = after_blank, False
        if FOOTER.match(line):
            continue
        m = HEADER.match(line) if was_blank else None
        if m is not None and looks_like_name(clean_name(m.group("name"))):
            speaker, hint = classify(m.group("name"))
            cues.append(Cue(speaker, "", to_seconds(m.group("short") or m.group("long")), hint))
        elif cues:
            cues[-1].add(line)
    return cues
