"""A Microsoft Teams transcript or chat copied from the app and pasted as Markdown:
``**Chloé Dubois** 10:30 AM`` (optionally with a date, ``12/1 10:30 AM`` or ``Yesterday 10:30 AM``), then the
speech on the lines below it. Times are the time of day (see ``clock``).
"""

from __future__ import annotations

import re

from .clock import clock_seconds
from .cues import Cue
from .headed import Header, headed_cues, speaker_label, with_clock

_HEADER = re.compile(
    r"^\*\*(?P<name>[^*\n]{1,80})\*\*[ \t]+(?:(?:\d{1,2}/\d{1,2}(?:/\d{2,4})?|yesterday|today),?[ \t]+)?"
    r"(?P<time>\d{1,2}:\d{2}(?::\d{2})?(?:[ \t]*[AaPp]\.?[Mm]\.?)?)[ \t]*$",
    re.I,
)


def header(line: str) -> Header | None:
    if not line.startswith("**") or line[-1] not in "0123456789Mm.":
        return None
    m = _HEADER.match(line)
    if m is None:
        return None
    name = speaker_label(m.group("name"))
    return None if name is None else (name, clock_seconds(m.group("time")), "")


def parse_teams_paste(text: str, where: str) -> list[Cue]:
    return headed_cues(text.split("\n"), with_clock(header))
