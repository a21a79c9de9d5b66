"""Speaker labels: ``Name: text`` lines and the role words some transcripts carry.

Role labels give an explicit role: ``Interviewer``/``Candidate``/``Interviewee``/``Applicant`` (also numbered,
``Interviewer 2``), ``Q``/``A``, ``INTERVIEWER (Name)`` (the speaker is *Name*) and
``Name (Candidate)``.

A ``Word: text`` line may just be prose (``Result: we went from 62% to 81%``), so in line-based
formats a label counts as a speaker only when it is a role label or occurs at least twice; when that
would leave fewer than two speakers, every label counts.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

from ..transcript import Role
from .cues import Cue

_LABEL_LINE = re.compile(r"^(?P<label>[^\W\d_][^:\n]{0,59}?)[ \t]*:(?:[ \t]+|$)(?P<text>.*)$")
_NAME = re.compile(r"^[^\W\d_][\w .'’\-]{0,59}?(?:[ \t]*\([^()\n]{1,40}\))?$")
_PAREN = re.compile(r"\s*\([^()]*\)$")
_SPACES = re.compile(r"\s+")

_ROLE_WORDS: dict[str, Role] = {
    "interviewer": "interviewer",
    "candidate": "candidate",
    "interviewee": "candidate",
    "applicant": "candidate",
    "q": "interviewer",
    "question": "interviewer",
    "a": "candidate",
    "answer": "candidate",
}
_ROLE = r"(?P<role>interviewer|candidate|interviewee|applicant)"
_ROLE_NUMBERED = re.compile(rf"^{_ROLE}[ \t]*#?[ \t]*\w{{1,3}}$", re.I)
_ROLE_THEN_NAME = re.compile(rf"^{_ROLE}[ \t]*\((?P<name>[^()]+)\)$", re.I)
_NAME_THEN_ROLE = re.compile(rf"^(?P<name>[^()]+?)[ \t]*\({_ROLE}\)$", re.I)


def clean_name(name: str) -> str:
    """A speaker label with surrounding space removed and inner runs of space collapsed."""
    return _SPACES.sub(" ", name).strip()


@lru_cache(maxsize=4096)
def looks_like_name(label: str) -> bool:
    """A plausible speaker label: starts with a letter, at most 5 words, no sentence punctuation.

    Multi-word labels must start upper-case, so ``for example: ...`` is prose, not a speaker.
    """
    if not _NAME.match(label):
        return False
    words = _PAREN.sub("", label).split()
    if not 1 <= len(words) <= 5:
        return False
    return len(words) == 1 or label[0].isupper()


def split_label(line: str) -> tuple[str, str] | None:
    """``(label, text)`` when ``line`` reads ``Label: text`` with a name-like label, else None."""
    m = _LABEL_LINE.match(line)
    if m is None:
        return None
    label = clean_name(m.group("label"))
    if not looks_like_name(label):
        return None
    return label, m.group("text").strip()


@lru_cache(maxsize=4096)
def classify(label: str) -> tuple[str, Role | None]:
    """The speaker a label names and the role it states, if any.

    ``INTERVIEWER (Dana)`` -> ``("Dana", "interviewer")``; ``Q`` -> ``("Q", "interviewer")``;
    ``Dana`` -> ``("Dana", None)``.
    """
    label = clean_name(label)
    role = _ROLE_WORDS.get(label.casefold())
    if role is not None:
        return label, role
    for pattern in (_ROLE_NUMBERED, _ROLE_THEN_NAME, _NAME_THEN_ROLE):
        m = pattern.match(label)
        if m is not None:
            speaker = clean_name(m.group("name")) if "name" in pattern.groupindex else label
            return speaker, _ROLE_WORDS[m.group("role").casefold()]
    return label, None


def accepted_labels(labels: Iterable[str]) -> set[str]:
    """The labels that count as speakers (see the module docstring)."""
    counts = Counter(labels)
    accepted = {label for label, n in counts.items() if n >= 2 or classify(label)[1] is not None}
    if len({classify(label)[0] for label in accepted}) < 2:
        return set(counts)
    return accepted


def resolve(
    split: tuple[str, str] | None, raw: str, accepted: set[str]
) -> tuple[str | None, Role | None, str]:
    """``(speaker, role hint, text)`` of a line; speaker None when it has no accepted label."""
    if split is None or split[0] not in accepted:
        return None, None, raw
    speaker, hint = classify(split[0])
    return speaker, hint, split[1]


Row = tuple[tuple[str, str] | None, str, float | None]
"""A line of a line-based format: its ``split_label``, the line, its start time."""


def line_cues(rows: list[Row]) -> list[Cue]:
    """Cues of a line-based format: a labelled line starts a cue, other lines continue the last one.

    Lines before the first labelled line are a header and are dropped.
    """
    accepted = accepted_labels(split[0] for split, _, _ in rows if split is not None)
    cues: list[Cue] = []
    for split, line, start in rows:
        speaker, hint, body = resolve(split, line, accepted)
        if speaker is not None:
            cues.append(Cue(speaker, body, start, hint))
        elif cues:
            cues[-1].add(line)
    return cues
