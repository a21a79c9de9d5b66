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

Speech with no speaker label (e.g. a Zoom cue without ``Name:``) goes to "Unknown speaker" with the
role "unknown" and is never attributed to the candidate. Consecutive cues of one speaker merge into
one turn (texts joined by a space, the first cue's start time). Roles: see ``roles``.
Every problem raises ``InputError`` with one line naming the problem and the fix; so does a transcript of
more than ``MAX_TURNS`` turns. Every scan is linear in the size of the text (at most 2 MB when read from a
file): a transcript of any content parses or fails in well under two seconds.
"""

from __future__ import annotations

from collections.abc import Callable
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
from .vtt import parse_vtt

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
}
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
}
_EXPECTED = {
    "text": "lines like 'Name: text'",
    "vtt": "cues with 'Name: text' or '<v Name>text</v>'",
    "srt": "subtitles whose text starts with 'Name: '",
    "otter": "'Name  0:03' header lines with the speech below",
    "meet": "'Name: text' lines under '00:00:00' timestamps",
    "json": "messages with a 'speaker' (or 'name'/'role') and 'content' (or 'text')",
    "markdown": "lines like '**Name:** text'",
}


def resolve_format(format: str) -> str:
    """A name from ``FORMATS`` for ``format`` (case-insensitive; ``md``, ``webvtt``... accepted)."""
    name = format.strip().lower()
    name = _ALIASES.get(name, name)
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
    turns = merge_cues(_PARSERS[fmt](text, where))
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
