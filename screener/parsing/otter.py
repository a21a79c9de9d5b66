"""Otter.ai text export: a ``Name  0:03`` header line (or ``Name 1:02:03``), the speech below it.

A header is recognised at the start or after a blank line. Lines before the first header (a title)
and the ``Transcribed by https://otter.ai`` footer are skipped.

Microsoft Teams' .docx transcript has the same layout (``Chloé Dubois   0:03``, the speech in the next
paragraph, after a title, a date and a duration line); its ``Chloé Dubois started transcription`` and
``... stopped transcription`` lines are not speech and are skipped too. So are Otter's .docx and .pdf
exports (``SUMMARY KEYWORDS`` and ``SPEAKERS`` come before the first header).
"""

from __future__ import annotations

import re

from .cues import Cue
from .labels import classify, clean_name, looks_like_name
from .timecodes import to_seconds

_SHORT = re.compile(r"(?:\d{1,3}:)?\d{1,2}:\d{2}")
_LONG = re.compile(r"\d{1,3}:\d{2}:\d{2}")
_MAX_NAME = 61
FOOTER = re.compile(r"^transcribed by\s+(?:https?://)?otter\.ai", re.I)
_TRANSCRIPTION_NOTICES = ("started transcription", "stopped transcription")


def header(line: str) -> tuple[str, str] | None:
    """``(name, stamp)`` when the stripped ``line`` is a header: a name, two or more spaces and ``M:SS`` (or
    ``H:MM:SS``), or one space and ``H:MM:SS``. Linear: only the line's last word is matched against a pattern.
    """
    if not line or not line[-1].isdigit():
        return None
    gap_end = max(line.rfind(" "), line.rfind("\t")) + 1
    if gap_end == 0 or len(line) - gap_end > 9:
        return None
    stamp = line[gap_end:]
    name_end = gap_end
    while name_end > 0 and line[name_end - 1] in " \t":
        name_end -= 1
    name = line[:name_end]
    if not 1 <= len(name) <= _MAX_NAME or not name[0].isalpha():
        return None
    gap = gap_end - name_end
    if (gap >= 2 and _SHORT.fullmatch(stamp)) or (gap == 1 and _LONG.fullmatch(stamp)):
        return name, stamp
    return None


def parse_otter(text: str, where: str) -> list[Cue]:
    cues: list[Cue] = []
    after_blank = True
    for raw in text.split("\n"):
        line = raw.strip()
        if not line:
            after_blank = True
            continue
        was_blank, after_blank = after_blank, False
        if FOOTER.match(line) or (line[-1] == "n" and line.endswith(_TRANSCRIPTION_NOTICES)):
            continue
        found = header(line) if was_blank else None
        if found is not None and looks_like_name(clean_name(found[0])):
            speaker, hint = classify(found[0])
            cues.append(Cue(speaker, "", to_seconds(found[1]), hint))
        elif cues:
            cues[-1].add(line)
    return cues
