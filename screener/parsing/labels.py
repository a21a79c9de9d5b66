"""Speaker labels: ``Name: text`` lines and the role words some transcripts carry.

Role labels give an explicit role: ``Interviewer``/``Candidate``/``Interviewee``/``Applicant`` (also numbered,
``Interviewer 2``), ``Q``/``A``, ``INTERVIEWER (Name)`` (the speaker is *Name*) and
``Name (Candidate)``.

A name is any script (``王伟``, ``Дмитрий Соколов``, ``محمد علي``, ``राहुल शर्मा``) and up to ten words: up to
five when it starts upper-case (or in a script without case), six or more when every word does, name
particles aside (``María de los Ángeles García López``), or "Surname, Given" as a company directory shows it
(``O'Brien, Siobhán``). A full-width colon (``王伟：你好``) also ends a label.

A ``Word: text`` line may just be prose (``Result: we went from 62% to 81%``), so in line-based
formats a label counts as a speaker only when it is a role label or occurs at least twice, and never when it
is a word people use to structure speech (``Note``, ``Step 3``, ``Result``, ``Update``...); when that would
leave fewer than two speakers, every other label counts, and then every label. A name the user passed
(``--candidate``, ``--interviewer``) or the file lists as an attendee always counts.

Every scan here is linear: a label is looked for only in a line's first ``MAX_LABEL`` characters.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

from ..transcript import Role
from ..util.text import strip_controls
from .cues import Cue

MAX_LABEL = 80
"""The most characters before the colon of a ``Name: text`` line."""
MAX_NAME = 70
"""The most characters of a name (a parenthesised role or name after it aside)."""
MAX_WORDS = 10
_SPACES = re.compile(r"\s+")
_INVISIBLE = "\u200b\u200c\u200e\u200f\ufeff\u2066\u2067\u2068\u2069\u202a\u202b\u202c\u202d\u202e"
_NAME_PUNCT = frozenset(".'’‐-·ʼ\u200d\ufe0f")
_NAME_CATEGORIES = frozenset({"Lu", "Ll", "Lt", "Lm", "Lo", "Mn", "Mc", "Me", "Nd", "So", "Sk"})
_PARTICLES = frozenset(
    "de del della dei degli der den des di da das do dos du la le les lo los las van von vom zu zum zur y e i "
    "bin bint binti binte bte anak ibn ben bar al el ter ten te op af av of st st. mac mc ap ua".split()
)
_PROSE_LABELS = frozenset(
    """
    note notes nb n.b. ps p.s. pps step steps phase stage part section chapter item point example examples eg
    e.g. ie i.e. result results outcome outcomes update updates edit summary tldr context background problem
    problems solution solutions approach situation task action actions goal goals impact metric metrics
    baseline before after lesson lessons takeaway takeaways learning learnings reason reasons why how what when
    where conclusion caveat caveats warning tip hint fyi todo fixme bonus source sources reference references
    date time location subject title agenda objective objectives challenge challenges issue issues bug fix
    cause symptom error errors status cost costs latency accuracy precision recall throughput total pros cons
    pro con option options plan idea ideas first second third finally also and but so then now basically
    honestly quote disclaimer translation correction clarification observation hypothesis finding findings
    decision tradeoff trade-off requirement requirements constraint constraints input output prompt
    timeline scope risk risks assumption assumptions definition day week month version release
    recommendation recommendations confidence score scores rating ratings verdict signal level grade grades
    overall strengths weaknesses concerns competency competencies feedback evidence justification rationale
    """.split()
)
_PROSE_PHRASES = frozenset({"root cause", "action items", "next steps", "side note", "fun fact", "key point",
                            "key takeaway", "bottom line", "long story short", "for example", "in short",
                            # the fields of a scorecard pasted into an answer ("Technical depth: 5/5")
                            "role fit", "technical depth", "overall recommendation", "final recommendation",
                            "final score", "overall score", "final verdict", "red flags", "hiring decision",
                            "hire decision", "overall rating", "communication skills", "culture fit"})
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
# (each quantifier has one way to match a run of spaces, so none backtracks quadratically)
_ROLE_NUMBERED = re.compile(rf"^{_ROLE}[ \t]*(?:#[ \t]*)?\w{{1,3}}$", re.I)
_ROLE_THEN_NAME = re.compile(rf"^{_ROLE}[ \t]*\((?P<name>[^()]+)\)$", re.I)
_NAME_THEN_ROLE = re.compile(rf"^(?P<name>[^()]*[^()\s])[ \t]*\({_ROLE}\)$", re.I)


def clean_name(name: str) -> str:
    """A speaker label with surrounding space (and invisible marks) removed, inner runs of space collapsed, and
    terminal controls (an ANSI escape in a JSON ``speaker``) dropped."""
    if not name.isprintable():
        name = strip_controls(name)
    return _SPACES.sub(" ", name).strip().strip(_INVISIBLE).strip()


def _name_char(ch: str) -> bool:
    return ch == " " or ch in _NAME_PUNCT or unicodedata.category(ch) in _NAME_CATEGORIES


def _split_paren(label: str) -> tuple[str, str | None]:
    """``("Dana Lee", "Interviewer")`` for ``Dana Lee (Interviewer)``; ``(label, None)`` without parentheses."""
    if not label.endswith(")"):
        return label, None
    open_at = label.rfind("(")
    inner = label[open_at + 1 : -1]
    if open_at < 0 or not 1 <= len(inner) <= 40 or "(" in inner or ")" in inner or "\n" in inner:
        return label, None
    return label[:open_at].rstrip(), inner


def _capitalised(word: str) -> bool:
    """Starts upper-case or in a script without case (``王``, ``م``), or is a name particle (``de``, ``al-``)."""
    if not word[0].islower():
        return True
    head = re.split(r"[-'’]", word.casefold(), maxsplit=1)[0]
    return word.casefold() in _PARTICLES or head in _PARTICLES


@lru_cache(maxsize=4096)
def looks_like_name(label: str) -> bool:
    """A plausible speaker label: starts with a letter, no sentence punctuation, at most ``MAX_WORDS`` words.

    Multi-word labels must start upper-case (or in a script without case), so ``for example: ...`` is prose,
    not a speaker; labels of six or more words must be capitalised throughout (particles such as ``de``,
    ``los``, ``van``, ``bin`` aside), as full names are.
    """
    core, _ = _split_paren(label)
    if not core or len(core) > MAX_NAME:
        return False
    if "," in core:
        return _surname_first(core)
    first = core[0]
    if not (first.isalpha() or unicodedata.category(first) == "So"):
        return False
    if not all(_name_char(ch) for ch in core):
        return False
    words = core.split()
    if not 1 <= len(words) <= MAX_WORDS:
        return False
    if len(words) == 1:
        return True
    if len(words) <= 5:
        return not first.islower()
    return not first.islower() and all(_capitalised(w) for w in words)


def _surname_first(core: str) -> bool:
    """``O'Brien, Siobhán`` and ``van der Berg, Jan Willem``: the "Surname, Given names" a company directory
    (and so a Teams or Zoom transcript) shows. One comma and a space, each side a capitalised name of at most
    four words, and the surname not a word that opens a sentence (``Yes, Dana: ...``)."""
    surname, sep, given = core.partition(", ")
    if not sep or "," in given or "," in surname:
        return False
    if surname.casefold() in _OPENERS or is_prose_label(surname):
        return False
    return _name_side(surname) and _name_side(given)


def _name_side(side: str) -> bool:
    """One side of a "Surname, Given" label: at most four words, capitalised once leading particles
    (``van der``, ``de la``) are set aside."""
    words = side.split()
    if not 1 <= len(words) <= 4:
        return False
    while len(words) > 1 and words[0].casefold() in _PARTICLES:
        words = words[1:]
    rest = " ".join(words)
    return not rest[0].islower() and looks_like_name(rest)


_OPENERS = frozenset(
    "yes yeah yep no nope ok okay so well right sure thanks thank hi hello hey also and but now then first "
    "however anyway alright great cool good fine honestly basically actually again sorry please look see "
    "listen oh ah um uh hmm wow".split()
)


def label_of(line: str) -> str | None:
    """The label of a ``Label: text`` line when it is name-like, else None (see ``split_label``)."""
    at = line.find(":")
    if not line.isascii():  # isascii is a flag check: free
        wide = line.find("：", 0, MAX_LABEL + 1)
        if 0 <= wide and (at < 0 or wide < at):
            return _label(line[:wide])
    if not 0 < at <= MAX_LABEL:
        return None
    if at + 1 < len(line) and line[at + 1] not in " \t":
        return None
    return _label(line[:at])


def text_of(line: str) -> str:
    """The speech of a line whose label ``label_of`` found: everything after the label's colon."""
    at = line.find(":")
    if not line.isascii():
        wide = line.find("：", 0, MAX_LABEL + 1)
        if 0 <= wide and (at < 0 or wide < at):
            at = wide
    return line[at + 1 :].strip()


def split_label(line: str) -> tuple[str, str] | None:
    """``(label, text)`` when ``line`` reads ``Label: text`` with a name-like label, else None.

    The colon must be followed by a space or end the line (``https://...`` and ``12:30`` are not labels); a
    full-width colon needs no space. Only the first ``MAX_LABEL`` characters are searched, and a label's
    verdict is cached (transcripts repeat a handful of labels), so a line costs little however many there are.
    """
    label = label_of(line)
    return None if label is None else (label, text_of(line))


@lru_cache(maxsize=8192)
def _label(raw: str) -> str | None:
    """The cleaned label when ``raw`` (the text before a colon) is name-like, else None."""
    label = clean_name(raw)
    return label if label and looks_like_name(label) else None


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


def is_prose_label(label: str) -> bool:
    """A word people use to structure what they say (``Note``, ``Step 3``, ``Result``), not a speaker."""
    words = label.casefold().split()
    if not words or classify(label)[1] is not None:
        return False
    if words[-1].isdigit() or (len(words[-1]) == 1 and len(words) > 1):  # "Step 3", "Part B"
        words = words[:-1]
    return (len(words) == 1 and words[0] in _PROSE_LABELS) or " ".join(words) in _PROSE_PHRASES


def accepted_labels(labels: Iterable[str], known: Iterable[str] = ()) -> set[str]:
    """The labels that count as speakers (see the module docstring). A label in ``known`` (a name the user
    passed as ``--candidate`` or ``--interviewer``, or one the file lists as an attendee) is a speaker however
    often it occurs, compared case-insensitively."""
    counts = Counter(labels)
    accepted = _counted_labels(counts)
    known_names = {name.casefold() for name in known}
    if known_names:
        accepted |= {label for label in counts if label.casefold() in known_names}
    return accepted


def _counted_labels(counts: Counter[str]) -> set[str]:
    accepted = {label for label, n in counts.items()
                if classify(label)[1] is not None or (n >= 2 and not is_prose_label(label))}
    if len({classify(label)[0] for label in accepted}) >= 2:
        return accepted
    named = {label for label in counts if not is_prose_label(label)}
    if len({classify(label)[0] for label in named}) >= 2:
        return named
    return set(counts)


def resolve(
    split: tuple[str, str] | None, raw: str, accepted: set[str]
) -> tuple[str | None, Role | None, str]:
    """``(speaker, role hint, text)`` of a line; speaker None when it has no accepted label."""
    if split is None or split[0] not in accepted:
        return None, None, raw
    speaker, hint = classify(split[0])
    return speaker, hint, split[1]


def line_cues(labels: list[str | None], lines: list[str], starts: list[float | None] | None = None,
              known: Iterable[str] = ()) -> list[Cue]:
    """Cues of a line-based format: a labelled line starts a cue, other lines continue the last one.

    ``labels[i]`` is ``label_of(lines[i])``; ``starts[i]`` the line's start time (None: no times). Lines
    before the first labelled line are a header and are dropped. Labels in ``known`` (names the user gave,
    names the file lists as attendees) are speakers however often they occur. Consecutive lines of one speaker become one
    cue at once (as ``merge_cues`` would make them one turn): a 2 MB transcript can be 600,000 lines.
    """
    accepted = accepted_labels((label for label in labels if label is not None), known)
    cues: list[Cue] = []
    last: Cue | None = None
    for i, label in enumerate(labels):
        if label is None or label not in accepted:
            if last is not None:
                last.add(lines[i])
            continue
        speaker, hint = classify(label)
        start = starts[i] if starts is not None else None
        if last is not None and last.speaker == speaker:
            last.add(text_of(lines[i]))
            last.start = start if last.start is None else last.start
            last.hint = hint if last.hint is None else last.hint
            continue
        last = Cue(speaker, text_of(lines[i]), start, hint)
        cues.append(last)
    return cues
