"""WebVTT from Zoom (``Name: text`` cues) and Microsoft Teams (``<v Name>text</v>`` voice spans).

A cue without a speaker (no ``Name:`` prefix, no ``<v>`` span) is attributed to "Unknown speaker"
(role "unknown") rather than guessed from the previous cue: words are never credited to the
candidate unless the transcript says they spoke them. Text of a cue that a blank line split in two
continues the cue before it.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from .cues import Cue
from .labels import accepted_labels, classify, clean_name, resolve, split_label
from .timed import Block, cue_blocks, strip_tags

TIMING_EXAMPLE = "00:01:02.500 --> 00:01:09.100"
# the class and name stop at "<" too: a run of unclosed "<v" spans is one linear pass, not quadratic
_VOICE = re.compile(r"<v(?:\.[^\s<>]*)?(?:[ \t]+(?P<name>[^<>\n]*))?>(?P<body>.*?)(?=</v>|<v[\s.>]|\Z)", re.S)


def parse_vtt(text: str, where: str, known: Iterable[str] = ()) -> list[Cue]:
    # per block: the block, its text (None: Teams voice spans), its "Name: text" split
    rows: list[tuple[Block, str | None, tuple[str, str] | None]] = []
    for block in cue_blocks(text, where, TIMING_EXAMPLE):
        if any("<v" in line for line in block.lines):
            rows.append((block, None, None))
        else:
            body = _plain(" ".join(block.lines))
            rows.append((block, body, split_label(body) if block.start is not None else None))
    accepted = accepted_labels((split[0] for _, _, split in rows if split is not None), known)
    cues: list[Cue] = []
    for block, said, split in rows:
        if said is None:
            cues.extend(_voices("\n".join(block.lines), block.start))
        elif not said:
            continue
        elif block.start is None and cues:
            cues[-1].add(said)
        else:
            speaker, hint, text = resolve(split, said, accepted)
            cues.append(Cue(speaker, text, block.start, hint))
    return cues


def _voices(body: str, start: float | None) -> list[Cue]:
    cues: list[Cue] = []
    before = _plain(body[: body.find("<v")].replace("\n", " "))
    if before:
        cues.append(Cue(None, before, start))
    for m in _VOICE.finditer(body):
        name = clean_name(html.unescape(m.group("name") or ""))
        speaker, hint = classify(name) if name else (None, None)
        cues.append(Cue(speaker, _plain(m.group("body").replace("\n", " ")), start, hint))
    return cues


def _plain(text: str) -> str:
    text = strip_tags(text)
    return (html.unescape(text) if "&" in text else text).strip()
