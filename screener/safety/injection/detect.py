"""All finders over one turn's text, and the context a transcript gives them (its speakers' names)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from .cjk import cjk
from .context import Hit
from .encoded import encoded
from .normalise import fold, fold_text
from .signals import addressed, authority, indirect, overrides, roleplay, verdict_requests
from .structure import forged_turns, role_tags, scorecards
from .units import TurnText

_MAX_DEPTH = 2
_FINDERS = (overrides, addressed, verdict_requests, roleplay, authority, indirect, role_tags, scorecards, cjk)

# A turn whose speaker label is one of these is not a person in the interview.
AI_LABELS = frozenset({
    "system", "sys", "assistant", "ai", "a.i.", "grader", "evaluator", "screener", "scorer", "bot", "model", "gpt",
    "chatgpt", "llm", "judge", "ai grader", "ai reviewer", "grader notes", "system prompt", "system message",
    "ai assistant", "automated reviewer", "screening system", "evaluation system", "reviewer bot", "assessor",
})


def read(tt: TurnText, depth: int = 0, names: re.Pattern[str] | None = None) -> list[Hit]:
    """Every hit in one turn's text (``depth`` > 0: text decoded from inside another turn)."""
    hits: list[Hit] = []
    for finder in _FINDERS:
        _collect(tt, finder.__name__, finder(tt), hits)
    _collect(tt, "forged_turns", forged_turns(tt, names), hits)
    if depth < _MAX_DEPTH:
        hits.extend(encoded(tt, read, depth))
    return hits


def _collect(tt: TurnText, finder: str, found: Iterable[Hit], hits: list[Hit]) -> None:
    for hit in found:
        if hit.mode != "span":
            tt.mark(finder, hit.start)
        hits.append(hit)


def names_pattern(speakers: Iterable[str]) -> re.Pattern[str] | None:
    """A label made of a speaker's name ("Ines:", "Rachel Cohen:"), for forged turns inside speech."""
    names: set[str] = set()
    for speaker in speakers:
        name = " ".join(fold_text(speaker).split())
        if not name or len(name) > 80:
            continue
        names.add(name)
        first = name.split()[0]
        if len(first) >= 3 and len(name.split()) > 1:
            names.add(first)
        if len(names) > 60:
            break
    if not names:
        return None
    alternation = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternation})(?:\s*\([^()\n]{{0,40}}\))?\s*:(?!\d)")


def scan_turn(text: str, names: re.Pattern[str] | None = None) -> tuple[TurnText, list[Hit]]:
    tt = TurnText(fold(text))
    return tt, read(tt, 0, names)


_SYSTEM_WORDS = frozenset("ai a.i. grader evaluator screener scorer system assistant bot gpt chatgpt llm model automated "
                          "notetaker summariser summarizer screening scoring grading evaluation reviewer judge prompt "
                          "message note notes instructions override admin developer".split())


def is_ai_label(speaker: str) -> bool:
    """A speaker label that names a system, not a person ("SYSTEM", "Assistant", "AI Evaluator")."""
    words = re.sub(r"[^\w. ]", " ", fold_text(speaker)).split()
    return " ".join(words) in AI_LABELS or (0 < len(words) <= 3 and all(w in _SYSTEM_WORDS for w in words))
