"""Google Meet transcript (saved to Google Docs): ``00:00:00`` timestamp lines, ``Name: text`` lines.

Everything before the first timestamp (the title, "Attendees", the attendee list) is a header (the attendees
are speakers even when they speak once), and
everything from ``Transcription ended after 00:41:12`` (or, in the .docx Meet saves to Drive,
``Meeting ended after 00:41:12``) on is a footer; both are skipped, and so is the "This editable transcript
was computer generated..." disclaimer wherever it stands. Each line
takes the start time of the timestamp above it; lines without a label continue the previous one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .cues import Cue
from .labels import clean_name, label_of, line_cues
from .timecodes import to_seconds

STAMP = re.compile(r"^\d{1,2}:\d{2}:\d{2}$")
FOOTER = re.compile(r"^(?:transcription|meeting) ended after\b", re.I)
_DISCLAIMER = "computer generated"


def parse_meet(text: str, where: str, known: Iterable[str] = ()) -> list[Cue]:
    lines = [line.strip() for line in text.split("\n")]
    # a stamp starts with a digit and a footer with "t": the patterns run only on lines that could match
    first = next((i for i, line in enumerate(lines) if line[:1].isdigit() and STAMP.match(line)), 0)
    labels: list[str | None] = []
    kept: list[str] = []
    starts: list[float | None] = []
    start: float | None = None
    for line in lines[first:]:
        if not line:
            continue
        head = line[0]
        if head in "TtMm" and FOOTER.match(line):
            break
        if head in "Tt" and _DISCLAIMER in line and line.startswith("This "):
            continue
        if head.isdigit() and STAMP.match(line):
            start = to_seconds(line)
            continue
        labels.append(label_of(line))
        kept.append(line)
        starts.append(start)
    return line_cues(labels, kept, starts, known=[*attendees(lines[:first]), *known])


def attendees(header: list[str]) -> list[str]:
    """The names on the line after ``Attendees`` in the header (comma-separated): each is a speaker, even one
    who speaks once."""
    header = [line for line in header if line]
    for i, line in enumerate(header[:-1]):
        if line.casefold() == "attendees":
            return [clean_name(name) for name in header[i + 1].split(",") if name.strip()][:100]
    return []
