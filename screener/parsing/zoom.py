"""Zoom's text layouts besides WebVTT: saved captions, the meeting chat, and the web transcript copied as text.

- ``zoom_captions`` (Save captions in a meeting): ``[Chloé Dubois] 14:03:12`` then the caption below it.
- ``zoom_chat`` (the saved meeting chat): ``14:05:33 From Chloé Dubois to Everyone:`` then the message
  below it; the older one-line ``14:05:33 From Chloé Dubois : message`` too. Direct messages are kept.
- ``zoom_web`` (the recording's transcript on the Zoom web portal, selected and copied): a name line, a
  ``00:03`` (or ``1:02:03``) line, the speech below.

Captions and chat give the time of day (``clock``); the web transcript gives the time into the recording.
"""

from __future__ import annotations

import re

from .clock import clock_seconds
from .cues import Cue
from .headed import Header, cues_of, headed_cues, speaker_label, with_clock
from .labels import label_of
from .timecodes import to_seconds

_CAPTION = re.compile(r"^\[(?P<name>[^\[\]\n]{1,80})\][ \t]+(?P<time>\d{1,2}:\d{2}:\d{2})(?:[ \t]+(?P<text>.*))?$")
_CHAT = re.compile(r"^(?P<time>\d{1,2}:\d{2}:\d{2})[ \t]+From[ \t]+(?P<rest>.+)$")
DETECT_LINES = 2000
_RECORDING_TIME = re.compile(r"^(?:\d{1,3}:)?\d{1,2}:\d{2}$")


def caption_header(line: str) -> Header | None:
    if line[0] != "[":
        return None
    m = _CAPTION.match(line)
    if m is None:
        return None
    name = speaker_label(m.group("name"))
    return None if name is None else (name, clock_seconds(m.group("time")), (m.group("text") or "").strip())


def chat_header(line: str) -> Header | None:
    if not line[0].isdigit() or "From" not in line[:16]:
        return None
    m = _CHAT.match(line)
    if m is None:
        return None
    rest = m.group("rest")
    colon = rest.find(":")
    if colon < 0:
        return None
    head, text = rest[:colon].strip(), rest[colon + 1 :].strip()
    to = head.rfind(" to ")
    name = speaker_label(head[:to] if to > 0 else head)
    return None if name is None else (name, clock_seconds(m.group("time")), text)


def parse_zoom_captions(text: str, where: str) -> list[Cue]:
    return headed_cues(text.split("\n"), with_clock(caption_header))


def parse_zoom_chat(text: str, where: str) -> list[Cue]:
    return headed_cues(text.split("\n"), with_clock(chat_header))


def _is_recording_time(line: str) -> bool:
    return 4 <= len(line) <= 9 and line[0].isdigit() and _RECORDING_TIME.match(line) is not None


def web_rows(text: str, limit: int | None = None) -> list[tuple[Header | None, str]]:
    """(header or None, line) rows of a copied web transcript: a name line followed by a time line is a header.

    With ``limit``, only the first ``limit`` lines are read (detection looks at the start of the text)."""
    raws = text.split("\n", limit) if limit is not None else text.split("\n")
    lines = [line for line in (raw.strip() for raw in raws[:limit]) if line]
    rows: list[tuple[Header | None, str]] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if i + 1 < len(lines) and _is_recording_time(lines[i + 1]) and ":" not in line:
            name = speaker_label(line)
            if name is not None:
                rows.append(((name, to_seconds(lines[i + 1]), ""), line))
                i += 2
                continue
        rows.append((None, line))
        i += 1
    return rows


def parse_zoom_web(text: str, where: str) -> list[Cue]:
    return cues_of(web_rows(text))


def looks_like_zoom_web(text: str) -> bool:
    """Two or more speakers head name/time pairs, and more pairs than ``Name: text`` lines (Meet has those),
    in the first ``DETECT_LINES`` lines."""
    rows = web_rows(text, DETECT_LINES)
    names = {h[0] for h, _ in rows if h is not None}
    if len(names) < 2:
        return False
    pairs = sum(1 for h, _ in rows if h is not None)
    labelled = sum(1 for h, line in rows if h is None and label_of(line) is not None)
    return pairs > labelled
