"""Transcript parsing: every format interviewers actually have, into one ``Transcript``.

Formats (``FORMATS``; auto-detected, or forced with ``format=``):

- ``text``: ``Name: text`` lines; also ``Interviewer:``/``Candidate:``, ``Q:``/``A:``,
  ``INTERVIEWER (Name):`` and an optional ``[00:01:02]`` prefix. Unlabelled lines continue a turn.
- ``vtt``: WebVTT from Zoom (``Name: text`` cues) or Teams (``<v Name>text</v>``).
- ``srt``: SubRip, ``Name: text`` cues.
- ``otter``: Otter.ai text export (``Name  0:03`` header, text below).
- ``meet``: Google Meet / Docs export (``00:00:00`` lines, ``Name: text`` lines).
- ``json``: a list of ``{speaker|name|role, content|text}`` messages, or
  ``{"messages": [...], "roles": {"candidate": ..., "interviewer": ...}}``.
- ``markdown``: ``**Name:** text`` / ``**Name**: text``; headings are not turns.
- ``zoom_captions``: Zoom's saved captions, ``[Name] 14:03:12`` then the caption.
- ``zoom_chat``: Zoom's saved chat, ``14:05:33 From Name to Everyone:`` then the message.
- ``zoom_web``: Zoom's web transcript copied as text: a name line, a ``00:03`` line, the speech.
- ``teams_paste``: a Teams transcript pasted as Markdown, ``**Name** 10:30 AM`` then the speech.

Word (.docx) and PDF files are recognised by their bytes and read as the text they hold (``documents``):
Teams' and Otter's .docx and Otter's .pdf come out in the ``otter`` layout, Google Meet's .docx as ``meet``.

Speech with no speaker label (e.g. a Zoom cue without ``Name:``) goes to "Unknown speaker" with the
role "unknown" and is never attributed to the candidate. Consecutive cues of one speaker merge into
one turn (texts joined by a space, the first cue's start time). Roles: see ``roles``.
Every problem raises ``InputError`` with one line naming the problem and the fix; so does a transcript of
more than ``MAX_TURNS`` turns. Every scan is linear in the size of the text (at most 2 MB when read from a
file): a transcript of any content parses or fails in well under two seconds.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from ..errors import InputError, UsageError
from ..transcript import Transcript, Turn
from ..vocab import INPUT_FORMATS
from .cues import UNKNOWN_SPEAKER, Cue, is_unknown, merge_cues
from .detect import detect_format
from .loading import DEFAULT_MAX_BYTES, read_transcript_text
from .markdown import parse_markdown
from .meet import parse_meet
from .messages import check_text, parse_json
from .otter import parse_otter
from .plain import parse_text
from .roles import assign_roles
from .srt import parse_srt
from .teams_paste import parse_teams_paste
from .vtt import parse_vtt
from .zoom import parse_zoom_captions, parse_zoom_chat, parse_zoom_web

__all__ = [
    "FORMATS",
    "UNKNOWN_SPEAKER",
    "detect_format",
    "load_transcript",
    "parse_transcript",
    "read_transcript_text",
]

FORMATS: tuple[str, ...] = INPUT_FORMATS
MAX_TURNS = 10_000
"""The most speaker turns a transcript may have: an hour's screening has a few hundred."""

_PARSERS: dict[str, Callable[[str, str], list[Cue]]] = {
    "text": parse_text,
    "vtt": parse_vtt,
    "srt": parse_srt,
    "otter": parse_otter,
    "meet": parse_meet,
    "json": parse_json,
    "markdown": parse_markdown,
    "zoom_captions": parse_zoom_captions,
    "zoom_chat": parse_zoom_chat,
    "zoom_web": parse_zoom_web,
    "teams_paste": parse_teams_paste,
}
_COUNTED_LABELS: dict[str, Callable[[str, str, Sequence[str]], list[Cue]]] = {
    "text": parse_text,
    "vtt": parse_vtt,
    "srt": parse_srt,
    "meet": parse_meet,
}
"""The formats whose ``Name:`` labels are told from prose by counting them (``labels``): they take the names the
user gave, so a candidate who speaks once is still a speaker."""
_ALIASES = {
    "txt": "text",
    "plain": "text",
    "webvtt": "vtt",
    "zoom": "vtt",
    "zoom_vtt": "vtt",
    "teams": "vtt",
    "teams_vtt": "vtt",
    "subrip": "srt",
    "otter.ai": "otter",
    "google_meet": "meet",
    "md": "markdown",
    "captions": "zoom_captions",
    "chat": "zoom_chat",
}
_EXPECTED = {
    "text": "lines like 'Name: text'",
    "vtt": "cues with 'Name: text' or '<v Name>text</v>'",
    "srt": "subtitles whose text starts with 'Name: '",
    "otter": "'Name  0:03' header lines with the speech below",
    "meet": "'Name: text' lines under '00:00:00' timestamps",
    "json": "messages with a 'speaker' (or 'name'/'role') and 'content' (or 'text')",
    "markdown": "lines like '**Name:** text'",
    "zoom_captions": "'[Name] 14:03:12' lines with the caption below",
    "zoom_chat": "'14:05:33 From Name to Everyone:' lines with the message below",
    "zoom_web": "a name line, then a '00:03' line, then the speech",
    "teams_paste": "'**Name** 10:30 AM' lines with the speech below",
}


def resolve_format(format: str) -> str:
    """A name from ``FORMATS`` for ``format`` (case-insensitive; ``md``, ``webvtt``... accepted)."""
    name = format.strip().lower()
    name = _ALIASES.get(name, name)
    if name in ("docx", "pdf", "word"):
        raise UsageError(f"{format!r} is a file type, not a transcript layout: leave the format unset (Word and PDF "
                         "files are recognised by their content) or pass the layout inside, e.g. 'otter' or 'meet'")
    if name not in _PARSERS:
        raise UsageError(f"unknown transcript format {format!r}; choose one of: {', '.join(FORMATS)}")
    return name


def parse_transcript(
    text: str,
    *,
    format: str | None = None,
    candidate: str | None = None,
    interviewer: str | None = None,
    source: str | None = None,
) -> Transcript:
    """Parse transcript ``text`` (format auto-detected unless given) and assign speaker roles."""
    where = source or "transcript"
    fmt = resolve_format(format) if format is not None else None
    check_text(text, "the text", where)
    if "\x00" in text:
        raise InputError(
            f"{where}: looks binary (it contains NUL characters), not a text transcript; export it as text"
        )
    text = text.lstrip("\ufeff")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError(f"{where}: the transcript is empty; export it again, with the speech in it")
    fmt = fmt or detect_format(text)
    named = [name for name in (candidate, interviewer) if name]
    cues = _COUNTED_LABELS[fmt](text, where, named) if fmt in _COUNTED_LABELS else _PARSERS[fmt](text, where)
    turns = merge_cues(cues)
    if len(turns) > MAX_TURNS:
        raise InputError(
            f"{where}: {len(turns):,} speaker turns is more than one interview holds (at most {MAX_TURNS:,}); "
            "pass only the interview's transcript"
        )
    speakers = list(dict.fromkeys(t.speaker for t in turns if t.speaker and not is_unknown(t.speaker)))
    if not speakers:
        raise InputError(
            f"{where}: no speaker turns found; expected {_EXPECTED[fmt]}"
            f"{_try_other(text, fmt, format) or '; re-export the transcript with speaker names'}"
        )
    if len(speakers) == 1:
        raise InputError(
            f"{where}: only one speaker ({speakers[0]!r}) found; a screening transcript needs the candidate and "
            f"an interviewer: re-export it with a speaker name on every turn{_try_other(text, fmt, format)}"
        )
    roles = assign_roles(turns, speakers, candidate=candidate, interviewer=interviewer, where=where)
    return Transcript(
        turns=[
            Turn(
                index=i,
                speaker=t.speaker or UNKNOWN_SPEAKER,
                role=roles.get(t.speaker or "", "unknown"),
                text=t.text,
                start=t.start,
            )
            for i, t in enumerate(turns)
        ],
        format=fmt,
        source=source,
    )


def load_transcript(
    path: str | Path,
    *,
    format: str | None = None,
    candidate: str | None = None,
    interviewer: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Transcript:
    """Read and parse a transcript file (``"-"`` = stdin); ``source`` is the path as given."""
    if format is not None:
        resolve_format(format)  # a bad --format fails before the file is read
    text = read_transcript_text(path, max_bytes=max_bytes)
    return parse_transcript(
        text, format=format, candidate=candidate, interviewer=interviewer, source=str(path)
    )


def _try_other(text: str, fmt: str, forced: str | None) -> str:
    if forced is None:
        return ""
    detected = detect_format(text)
    if detected == fmt:
        return ""
    return f" (read as {fmt}, but it looks like {detected}: pass format {detected!r} or leave it unset)"
