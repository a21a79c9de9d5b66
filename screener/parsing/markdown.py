"""Markdown: ``**Name:** text`` or ``**Name**: text`` (optionally as a list item ``- **Name:** text``).

``#`` headings and ``---`` rules are not speech: they end the current turn, and text below a
heading before the next label (section notes) is skipped rather than credited to a speaker.
Other unlabelled lines continue the previous turn.
"""

from __future__ import annotations

import re

from .cues import Cue
from .labels import classify, clean_name

LABEL = re.compile(r"^(?:[-*+][ \t]+)?\*\*(?P<label>[^*\n]{1,80}?)(?::\*\*|\*\*[ \t]*:)[ \t]*(?P<text>.*)$")
_BREAK = re.compile(r"^(?:#{1,6}(?:[ \t]|$)|(?:-[ \t]*){3,}$|(?:\*[ \t]*){3,}$|(?:_[ \t]*){3,}$)")


def parse_markdown(text: str, where: str) -> list[Cue]:
    cues: list[Cue] = []
    open_turn = False
    for raw in text.split("\n"):
        line = raw.strip()
        if not line:
            continue
        m = LABEL.match(line)
        if m is not None:
            speaker, hint = classify(clean_name(m.group("label")))
            cues.append(Cue(speaker, m.group("text").strip(), None, hint))
            open_turn = True
        elif _BREAK.match(line):
            open_turn = False
        elif open_turn:
            cues[-1].add(line)
    return cues
