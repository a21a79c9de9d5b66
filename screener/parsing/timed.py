"""Cue blocks of subtitle formats (WebVTT, SRT): an optional id line, a timing line, text lines."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import InputError
from .timecodes import to_seconds

_TIME = r"(?:\d{1,3}:)?[0-5]?\d:[0-5]\d[.,]\d{1,3}"
_TIMING = re.compile(rf"^(?P<start>{_TIME})[ \t]+-->[ \t]+{_TIME}(?:[ \t].*)?$")
_VTT_HEADERS = ("WEBVTT", "NOTE", "STYLE", "REGION")
# a tag's attributes stop at the next "<" too, so a run of unclosed "<c" is one linear pass, not quadratic
_TAG = re.compile(r"</?(?:c|i|b|u|v|ruby|rt|lang|font)(?:[.\s][^<>\n]*)?>|<\d[\d:.]*>", re.I)


@dataclass(slots=True)
class Block:
    start: float | None  # None: a block without a timing line (text split by a blank line)
    lines: list[str]


def strip_tags(text: str) -> str:
    """Remove subtitle markup (``<i>``, ``<c.red>``, ``<00:00:01.000>``), keep everything else."""
    return _TAG.sub("", text) if "<" in text else text


def cue_blocks(text: str, where: str, example: str) -> list[Block]:
    """Blocks of a subtitle file. A malformed timing line raises InputError naming its line number."""
    blocks: list[Block] = []
    lines: list[tuple[int, str]] = []
    for number, raw in enumerate([*text.split("\n"), ""], start=1):
        line = raw.strip()
        if line:
            lines.append((number, line))
            continue
        if lines:
            block = _block(lines, where, example)
            if block is not None:
                blocks.append(block)
            lines = []
    return blocks


def _block(lines: list[tuple[int, str]], where: str, example: str) -> Block | None:
    first = lines[0][1]
    if first.startswith(_VTT_HEADERS) and "-->" not in first:
        return None
    for i, (number, line) in enumerate(lines[:2]):
        if "-->" not in line:
            continue
        m = _TIMING.match(line)
        start = to_seconds(m.group("start")) if m else None
        if start is None:
            raise InputError(
                f"{where}: line {number}: malformed timing line {line[:60]!r}; expected {example!r}"
            )
        return Block(start, [text for _, text in lines[i + 1 :]])
    if first.isdigit() and len(lines) > 1:
        number = lines[1][0]
        raise InputError(
            f"{where}: line {number}: cue {first} has no timing line; expected {example!r} there"
        )
    return Block(None, [text for _, text in lines])
