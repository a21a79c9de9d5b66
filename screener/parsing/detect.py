"""Which format a transcript is in, from its text alone (linear scans with compiled patterns)."""

from __future__ import annotations

import re
from collections.abc import Callable

from .markdown import LABEL as MARKDOWN_LABEL
from .meet import FOOTER as MEET_FOOTER
from .meet import STAMP as MEET_STAMP
from .otter import FOOTER as OTTER_FOOTER
from .otter import header as otter_header
from .teams_paste import header as teams_paste_header
from .zoom import caption_header, chat_header, looks_like_zoom_web

_SRT_TIMING = re.compile(r"^[ \t]*\d{1,3}:\d{2}:\d{2},\d{1,3}[ \t]+-->", re.M)
_ANY_TIMING = re.compile(r"^[ \t]*\d[\d:.,]*[ \t]+-->", re.M)
_OTTER_FOOTER = re.compile(OTTER_FOOTER.pattern, re.I | re.M)
_MEET_FOOTER = re.compile(MEET_FOOTER.pattern, re.I | re.M)
_MEET_STAMP = re.compile(MEET_STAMP.pattern, re.M)
_ENDS_WITH_MINUTES = re.compile(r":\d\d[ \t]*$", re.M)
_BARE_TIME = re.compile(r"^[ \t]*(?:\d{1,3}:)?\d{1,2}:\d{2}[ \t]*$", re.M)
_MARKDOWN = re.compile(MARKDOWN_LABEL.pattern, re.M)
_JSON_START = re.compile(r"^\s*(?:\{\s*(?:\"|\})|\[\s*(?:\{|\]|$))")


def looks_like_json(text: str) -> bool:
    """Starts like a JSON object or a list of objects (not ``[00:01] Name: text``)."""
    return _JSON_START.match(text[:200]) is not None


def detect_format(text: str) -> str:
    """The most likely of ``FORMATS`` for ``text``; ``"text"`` when nothing more specific matches."""
    head = text.lstrip("\ufeff \t\n")
    if looks_like_json(head):
        return "json"
    if head.startswith("WEBVTT"):
        return "vtt"
    if "-->" in text:
        if _SRT_TIMING.search(text):
            return "srt"
        if _ANY_TIMING.search(text):
            return "vtt"
    if "otter.ai" in text and _OTTER_FOOTER.search(text):
        return "otter"
    if "] " in text and _headers(text, "[", caption_header) >= 2:
        return "zoom_captions"
    if " From " in text and _headers(text, "0123456789", chat_header) >= 2:
        return "zoom_chat"
    if "**" in text and _headers(text, "*", teams_paste_header) >= 2:
        return "teams_paste"
    # a line ending in ":dd" is needed for a bare time line (Zoom web, Meet): a scan led by a literal, cheap
    timed_lines = _ENDS_WITH_MINUTES.search(text) is not None
    if timed_lines and _BARE_TIME.search(text) and looks_like_zoom_web(text):
        return "zoom_web"
    if ("ended after" in text and _MEET_FOOTER.search(text)) or (timed_lines and _MEET_STAMP.search(text)):
        return "meet"
    if _otter_headers(text) >= 2:
        return "otter"
    if "**" in text and _MARKDOWN.search(text):
        return "markdown"
    return "text"


def _headers(text: str, first: str, header: Callable[[str], object | None]) -> int:
    """How many lines (up to 2) starting with one of ``first`` are headers of a headed layout."""
    found = 0
    for raw in text.split("\n"):
        line = raw.strip()
        if line and line[0] in first and header(line) is not None:
            found += 1
            if found >= 2:
                break
    return found


_ENDS_WITH_TIME = re.compile(r"\d:\d\d[ \t]*$", re.M)


def _otter_headers(text: str) -> int:
    """How many ``Name  0:03`` header lines follow a blank line (or open the text), up to 2."""
    if _ENDS_WITH_TIME.search(text) is None:  # no line ends in a time: no header (one C-speed scan)
        return 0
    found = 0
    previous_blank = True
    for raw in text.split("\n"):
        line = raw.strip()
        if not line:
            previous_blank = True
            continue
        if previous_blank and otter_header(line) is not None:
            found += 1
            if found >= 2:
                break
        previous_blank = False
    return found
