"""SubRip (SRT): numbered cues, ``00:00:01,000 --> 00:00:04,000`` timings, ``Name: text`` text.

Cues without a speaker label go to "Unknown speaker", exactly as in WebVTT.
"""

from __future__ import annotations

from collections.abc import Iterable

from .cues import Cue
from .labels import accepted_labels, resolve, split_label
from .timed import cue_blocks, strip_tags

TIMING_EXAMPLE = "00:00:01,000 --> 00:00:04,000"


def parse_srt(text: str, where: str, known: Iterable[str] = ()) -> list[Cue]:
    rows = []
    for block in cue_blocks(text, where, TIMING_EXAMPLE):
        body = strip_tags(" ".join(block.lines)).strip()
        if body:
            rows.append((block.start, body, split_label(body) if block.start is not None else None))
    accepted = accepted_labels((split[0] for _, _, split in rows if split is not None), known)
    cues: list[Cue] = []
    for start, body, split in rows:
        if start is None and cues:
            cues[-1].add(body)
            continue
        speaker, hint, text = resolve(split, body, accepted)
        cues.append(Cue(speaker, text, start, hint))
    return cues
