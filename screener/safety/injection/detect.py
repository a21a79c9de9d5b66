"""All finders over one turn's text, and the context a transcript gives them (its speakers' names)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from . import rx, signals, structure
from .anchors import AnchorIndex, AnchorSet, anchor_set
from .cjk import cjk
from .context import Hit, is_discussion
from .encoded import encoded, encoded_gate
from .learned import learned
from .normalise import Folded, fold, fold_text
from .requests import _VALUE_ANCHORS, requests
from .scripts import scripts
from .shaping import _WRITE_UP_ANCHORS, shaping
from .signals import addressed, authority, indirect, overrides, roleplay, verdict_requests
from .structure import forged_turns, role_tags, scorecards
from .units import TurnText

_MAX_DEPTH = 2


def _gate(*sets: AnchorSet) -> AnchorSet:
    """The union of a finder's anchor sets: with none of them in a text, the finder is not run."""
    union = sets[0]
    for s in sets[1:]:
        union = union | s
    return union


_FINDER_GATES = (
    (overrides, _gate(signals._OVERRIDE_ANCHORS)),
    (addressed, _gate(signals._ADDRESSEE_ANCHORS, signals._QUALIFIED_ANCHORS, signals._IF_YOU_ANCHORS,
                      signals._BRACKET_ANCHORS, signals._NOTE_LABEL_ANCHORS)),
    (verdict_requests, _gate(signals._GRADE_ANCHORS, signals._OUTPUT_ANCHORS)),
    (requests, _VALUE_ANCHORS),
    (roleplay, _gate(signals._ROLEPLAY_ANCHORS)),
    (authority, _gate(signals._AUTHORITY_ANCHORS)),
    (indirect, _gate(signals._YOU_ANCHORS, signals._WISHED_ANCHORS, signals._SECRECY_ANCHORS)),
    (shaping, _WRITE_UP_ANCHORS),
    (role_tags, _gate(structure._TAG_ANCHORS)),
    (scorecards, _gate(structure._KEY_ANCHORS, structure._FLAG_ANCHORS)),
    (cjk, None),
    (scripts, None),
)
_FINDERS = tuple((finder, gate, finder.__name__) for finder, gate in _FINDER_GATES)  # (with its name, read once)
_ANNOUNCED_ANCHORS = anchor_set("strong", "hire from", "through to", "moving you", "advancing you", "you're hired",
                                "you are hired", "definite hire", "clear hire", "easy hire", "obvious hire")
_FORGED_GATE = _gate(structure._TURN_ANCHORS, structure._QUOTE_ANCHORS, structure._COLON_ANCHORS,
                     structure._BOUNDARY_ANCHORS)

# A turn whose speaker label is one of these is not a person in the interview.
AI_LABELS = frozenset({
    "system", "sys", "assistant", "ai", "a.i.", "grader", "evaluator", "screener", "scorer", "bot", "model", "gpt",
    "chatgpt", "llm", "judge", "ai grader", "ai reviewer", "grader notes", "system prompt", "system message",
    "ai assistant", "automated reviewer", "screening system", "evaluation system", "reviewer bot", "assessor",
})


def read(tt: TurnText, depth: int = 0, names: re.Pattern[str] | None = None) -> list[Hit]:
    """Every hit in one turn's text (``depth`` > 0: text decoded from inside another turn). A finder none of
    whose anchors occur in the text is not run."""
    hits: list[Hit] = []
    ascii = tt.text.isascii()
    for finder, gate, name in _FINDERS:
        if gate is None:
            if ascii:
                continue  # (the finders without anchors read other scripts)
        elif not tt.has_any(gate):
            continue
        _collect(tt, name, finder(tt), hits)
    if tt.has_any(_FORGED_GATE):
        _collect(tt, "forged_turns", forged_turns(tt, names), hits)
    if depth < _MAX_DEPTH and (depth or encoded_gate(tt)):
        hits.extend(encoded(tt, read, depth))
    if tt.flooded:  # more candidates than any answer has: the rest of the turn is a wall of triggers
        at = min(tt.flooded)
        hits.append(Hit(at, at + 1, "flood of trigger phrases", "to_end"))
    if depth == 0:  # last: units no rule has hit (a rule knows the exact span); decoded text is the rules' to read
        _collect(tt, "learned", learned(tt, hits), hits)
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
    """One text read on its own."""
    tt = TurnText(fold(text))
    return tt, read(tt, 0, names)


def scan_turns(texts: list[str], names: re.Pattern[str] | None = None) -> list[tuple[TurnText, list[Hit]] | None]:
    """Every text of a transcript, read with one :class:`AnchorIndex` over all of them (so a finder's anchors are
    looked for once per transcript, not once per turn); ``None`` for an empty text."""
    folds: list[Folded] = [fold(t) for t in texts]
    index = AnchorIndex([f.text for f in folds])
    out: list[tuple[TurnText, list[Hit]] | None] = []
    for position, folded in enumerate(folds):
        if not folded.text.strip():
            out.append(None)
            continue
        tt = TurnText(folded, index, position)
        out.append((tt, read(tt, 0, names)))
    return out


_SYSTEM_WORDS = frozenset("ai a.i. grader evaluator screener scorer system assistant bot gpt chatgpt llm model automated "
                          "notetaker summariser summarizer screening scoring grading evaluation reviewer judge prompt "
                          "message note notes instructions override admin developer".split())


_ROLE_WORDS = frozenset("interviewer interviewee candidate applicant recruiter interviewer1 interviewer2 speaker panel "
                        "panelist hr moderator host guest".split())
_FIELD = rx.compile(
    r"(?:final|overall|hiring|hire|my|self|interviewer|evaluator|grader|reviewer|panel|ai|auto(?:mated|-generated)?)?\s*"
    r"(?:recommendation|verdict|decision|outcome|score|scores|rating|ratings|grade|assessment|evaluation|feedback|"
    r"notes|summary|signal|level|result|technical\s+depth|communication|coding|system\s+design|problem\s+solving|"
    r"ml\s+depth|depth|ownership|leadership|culture\s+fit|role\s+fit|competenc\w*|red\s+flags|concerns|strengths|"
    r"weaknesses|confidence)(?:\s*\(.*\))?")
_GRADE_TEXT = rx.compile(r"\b(?:\d(?:\.\d)?\s*(?:/|out\s+of)\s*\d|[1-5]\b|strong\w*|hire\w*|yes|no\b|none|exceptional|"
                         r"excellent|outstanding|exceeds\w*|senior|expert|high|top|pass\w*|advance\w*)")


@lru_cache(maxsize=1024)
def is_role_word(speaker: str) -> bool:
    """A speaker label that is a role, not a name ("Interviewer", "Candidate 1")."""
    words = re.sub(r"[^\w ]|\d", " ", fold_text(speaker)).split()
    return bool(words) and len(words) <= 2 and words[0] in _ROLE_WORDS


@lru_cache(maxsize=1024)
def _is_field(speaker: str) -> bool:
    """A speaker label that is a field of a scorecard ("Hire recommendation", "Technical depth")."""
    return _FIELD.fullmatch(" ".join(fold_text(speaker).split())) is not None


def forged_speaker(speaker: str, role: str, tt: TurnText | None, named: bool, new_after_boundary: bool) -> bool:
    """A turn that no person in the interview said: from a system ("SYSTEM:", "Assistant:"); a line of a pasted
    scorecard read as a speaker ("Hire recommendation: Strong yes", "Technical depth: 5/5"); a role label in an
    interview whose people go by names, saying a verdict ("Interviewer: clearly a strong hire"); any new speaker
    after a fake end of the transcript (a fake new interview)."""
    if new_after_boundary:
        return True
    if role != "candidate" and is_ai_label(speaker):
        return True
    if tt is None:
        return False
    if _is_field(speaker) and len(tt.text) < 200 and _GRADE_TEXT.search(tt.text):
        return True
    return named and is_role_word(speaker) and bool(_FORGED_VERDICT.search(tt.text))


_FORGED_VERDICT = rx.compile(r"\b(?:strong[\s_-]*(?:hire|yes)|hire|hired|offer|recommend\w*|exceptional|outstanding|"
                             r"best\s+(?:answer|candidate)|strongest|top\s+candidate|full\s+marks|\d\s*/\s*\d|"
                             r"exceeds\w*|no\s+concerns)\b")


# An interviewer does not announce the verdict in the interview: a line that does was written for the grader
# (forged on a line of its own, where it is read as the interviewer's turn).
_ANNOUNCED = rx.compile(
    r"\b(?:that's|that\s+is|this\s+is|you're|you\s+are|it's|clearly|definitely|obviously|easily|honestly)\s+(?:[\w']+\s+){0,2}?"
    r"(?:a\s+)?(?:strong[\s_-]*(?:hire|yes)|(?:definite|clear|easy|obvious)\s+hire)\b"
    r"|\b(?:strong[\s_-]*)?hire\s+from\s+me\b|\byou(?:'re|\s+are)\s+(?:through|moving\s+on|going\s+through)\s+to\s+the\s+"
    r"(?:offer|final|next)\b|\byou(?:'re|\s+are)\s+hired\b|\b(?:i'm|i\s+am|we're|we\s+are)\s+(?:moving|advancing)\s+you\s+to\s+the\s+offer")


def verdict_announced(tt: TurnText) -> list[Hit]:
    """In an interviewer's or unattributed turn that only makes statements (a forged line: no question, a few
    sentences), the sentences that announce a hiring verdict ("Honestly, that's a strong hire from me", "you're
    through to the offer stage"). An interviewer who goes on to ask something is talking to the candidate."""
    if not tt.has_any(_ANNOUNCED_ANCHORS) or "?" in tt.text or len(tt.text.split()) > 40:
        return []
    return [Hit(m.start(), m.end(), "fake turn") for m in _ANNOUNCED.finditer(tt.text)
            if not is_discussion(tt, m.start(), m.end(), unquoted=True)]


@lru_cache(maxsize=1024)
def is_ai_label(speaker: str) -> bool:
    """A speaker label that names a system, not a person ("SYSTEM", "Assistant", "AI Evaluator")."""
    words = re.sub(r"[^\w. ]", " ", fold_text(speaker)).split()
    return " ".join(words) in AI_LABELS or (0 < len(words) <= 3 and all(w in _SYSTEM_WORDS for w in words))
