"""What every finder shares: the :class:`Hit` it reports and the checks it makes around a match.

Each check looks at a bounded window (at most a few hundred characters) around the match, or at a unit's
cached features, so a finder's cost is proportional to its matches, never to their product.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from . import rx
from .lexicon import (
    CLAUSE_LEAD,
    GRADE_VERB,
    OVERRIDE_VERB,
    QUOTE_AFTER_CUE,
    QUOTE_CUE,
    REPORT_CUE,
    SELF_REFERENCE,
    SET_VERB,
    SOFT_VERDICT,
    STRONG_VERDICT,
    folded_alt,
)
from .units import TurnText

Mode = Literal["sentence", "span", "to_end"]
"""How far a hit's removal reaches: ``sentence`` = its units and the ones that carry it on; ``span`` = exactly the
hit (a structure, a tag pair, a bracketed aside), with the lead-in clause that introduces it; ``to_end`` = to the
end of the turn, unless evidence resumes (a forged turn or transcript end)."""


@dataclass(frozen=True)
class Hit:
    start: int  # folded offsets
    end: int
    kind: str
    mode: Mode = "sentence"


_BOUNDARY_CHARS = frozenset(".!?;:,()[]{}<>\"\n*#=|-")
_LEAD_WORD = rx.compile(CLAUSE_LEAD)
_WORD_BEFORE = rx.compile(r"[\w'-]+\s*$")

SELF_RE = rx.compile(r"\b" + SELF_REFERENCE + r"\b")

# The speaker or this interview, in any language (not "each answer" or "all competencies": those are objects of a
# rule, and rules are described too).
SELF_STATE = rx.compile(
    r"\b(?:me|myself|my|i'm|i\s+am|this\s+(?:candidate|interviewee|applicant|transcript|section|response|answer|"
    r"interview|conversation|call|session|recording)|moi|mim|mich|mir|ich\s+bin|je\s+suis|ik\s+ben|"
    r"(?:ce|cette|este|esta|questo|questa|dieser|diesen|diese|deze)\s+(?:candidat|candidate|candidato|candidata|"
    r"kandidat|kandidatin|kandidaat|entretien|entrevista|colloquio|interview|gesprach))\b"
    + "|" + folded_alt("这位候选人", "该候选人", "この候補者", "этому кандидату", "этого кандидата", "этот кандидат"))
STRONG_RE = rx.compile(r"(?<!\w)" + STRONG_VERDICT + r"(?!\w)")
SOFT_RE = rx.compile(r"(?<!\w)" + SOFT_VERDICT + r"(?!\w)")  # (a row of stars too)
SECOND_PERSON = rx.compile(r"\byou(?:r|rs|rself|'re|'ll|'d)?\b")
_IMPERATIVE_START = rx.compile(
    r"[\s\W]*(?:(?:please|kindly|now|just|simply|also|and|then|merci\s+de|veuillez|bitte|por\s+favor|per\s+favore)\s+)*"
    r"(?:(?:do\s+not|don't|never)\s+)?(?:" + GRADE_VERB + "|" + SET_VERB + "|"
    + OVERRIDE_VERB + r"|remember|make\ssure|be\ssure|ensure|do\snot|don't|never|always|note\sthat|understood|"
    r"noted|acknowledged|certainly|will\sdo|confirmed|of\scourse|as\syou\swish|decode|follow|apply|execute|obey|"
    r"treat|pretend|imagine|act|stop|start|begin|respond|reply|highlight|emphasi[sz]e|mention|include|describe|"
    r"present|frame|add|show|focus|keep|be|use|consider|regard|count|downplay|dame|dale|dime|gib|geben|donnez|"
    r"registre|assegna|geef|vermeld|tick|check|select|choose|pick|circle|fill)\b"
)


def clause_start(tt: TurnText, pos: int, words: int = 0, leads: bool = False) -> bool:
    """Whether ``pos`` opens a clause: the turn's start or a boundary mark (``. ; : , ( [ > "`` a newline...),
    with up to ``words`` other words between, and with ``leads`` any run of "please", "and", "so"... too."""
    text = tt.text
    lo = max(0, pos - 160)
    i, skipped = pos, 0
    while True:
        while i > lo and text[i - 1].isspace():
            i -= 1
        if i == 0:
            return True
        if i <= lo:
            return False
        if text[i - 1] in _BOUNDARY_CHARS:
            return True
        m = _WORD_BEFORE.search(text, max(lo, i - 40), i)
        if not m:
            return False
        if leads and _LEAD_WORD.fullmatch(m.group(0).strip()):
            i = m.start()
        elif skipped < words:
            skipped += 1
            i = m.start()
        else:
            return False


def rest_of(tt: TurnText, pos: int, units: int = 1, limit: int = 400) -> tuple[int, int]:
    """``[pos, end)``: from ``pos`` to the end of its unit (and ``units - 1`` more), at most ``limit`` long."""
    return pos, min(tt.unit_end(pos, units), pos + limit)


def sentence_of(tt: TurnText, pos: int, limit: int = 600) -> tuple[int, int]:
    """The unit holding ``pos``, bounded to ``limit`` characters either side of it."""
    return max(tt.unit_start(pos), pos - limit), min(tt.unit_end(pos), pos + limit)


EVIDENCE_DIGIT = rx.compile(r"(?<![a-z0-9_])\d")
_FOLLOW_SOURCE = (
    r"\byou(?:r|rs|rself|'re|'ll|'d)?\b|\bpart\s+\d+\s*(?:of|/)\s*\d+|\bcontinued\b|\bcont'?d\b|\bto\sbe\scontinued\b"
    r"|[a-z0-9+/]{24,}={0,2}|(?:0x[0-9a-f]{2}[\s,]*){6,}|\b(?:this|the)\s(?:candidate|interview)\b"
    r"|\b" + OVERRIDE_VERB + r"\b"
)
_FOLLOW = rx.compile(_FOLLOW_SOURCE)


def verdict_between(tt: TurnText, start: int, end: int, strict: bool = True) -> bool:
    """A verdict asked for in ``[start, end)``, outside quotes: a strong one, or praise about the candidate
    (``strict=False``: the candidate named is enough)."""
    if tt.has(STRONG_RE, start, end):
        return True
    return tt.has(SELF_RE, start, end) and (not strict or tt.has(SOFT_RE, start, end))


_FOLLOW_STRICT = rx.compile(_FOLLOW_SOURCE.replace(r"\byou(?:r|rs|rself|'re|'ll|'d)?\b|", r"\byou\s+(?:must|should|"
                            r"will|need|have|are\s+to|can|may|shall|are\s+(?:an?|the)\s)|\byour\s+(?:job|task|"
                            r"instructions?|output|summary|score|rating|evaluation|role)\b|", 1))


def addressed_follow_up(tt: TurnText, start: int, end: int, strict: bool = False) -> bool:
    """After "Grader," or "Note to the AI:": what follows in ``[start, end)`` is said to it (an order, "you", a
    verdict, a payload, "part 1 of 3"). ``strict``: a bare "you" is not enough ("Claude, if you ever read this,
    thanks" is said to a colleague)."""
    return any(_IMPERATIVE_START.match(tt.text, s, min(end, s + 120)) or _NOTE_PHRASE.match(tt.text, s, min(end, s + 60))
               for s in _unit_starts(tt, start, end)) \
        or tt.has(_FOLLOW_STRICT if strict else _FOLLOW, start, end) or verdict_between(tt, start, end)


# "Grader, a quick request.": what follows announces something said to it
_NOTE_PHRASE = rx.compile(r"[\s\W]*(?:(?:a|an|one|my|quick|small|short|last|final|little|more|further|brief|tiny)\s+)*"
                          r"(?:request|note|favou?r|reminder|message|thing|ask|point|instruction|clarification|"
                          r"correction|update)s?\b")


def opens_with_order(tt: TurnText, pos: int) -> bool:
    """The unit after ``pos`` opens with an order."""
    if not tt.units:
        return False
    k = tt.unit_at(pos) + 1
    return k < len(tt.units) and bool(_IMPERATIVE_START.match(tt.text, tt.units[k][0], tt.units[k][0] + 120))


def _unit_starts(tt: TurnText, start: int, end: int) -> list[int]:
    """``start`` and the start of every unit after it before ``end`` (an order may open the next sentence)."""
    starts = [start]
    if not tt.units:
        return starts
    k = tt.unit_at(start) + 1
    while k < len(tt.units) and tt.units[k][0] < end and len(starts) < 4:
        starts.append(tt.units[k][0])
        k += 1
    return starts


def is_discussion(tt: TurnText, start: int, end: int, unquoted: bool = False) -> bool:
    """The phrase at ``[start, end)`` is reported, not said: inside quotes introduced as an example ("a user typed
    '...'", "phrases like '...'", "'...'-style attacks"), or, with ``unquoted``, right after such a cue."""
    text = tt.text
    quote = tt.quote_around(start, end)
    if quote is not None:
        qs, qe = quote
        if QUOTE_CUE.search(text, max(0, qs - 60), qs) or QUOTE_AFTER_CUE.match(text[qe:qe + 40]):
            return True
        if _shown_in_quotes(tt, qs, qe):
            return True
    if unquoted and REPORT_CUE.search(text, max(0, start - 40), start):
        return True
    return reported_after_colon(tt, start)


# Said to the grader around a quote: a label, an order, "please", "you"
_SAID_AROUND = rx.compile(r"\b(?:please|kindly|you|your|grader|evaluator|ai|llm|model|assistant|reviewer|scorer|"
                          r"screener|summari[sz]er|notetaker|follow|obey|repeat|output|copy|use|apply|note\s+to|note\s+for|should|must|"
                          r"shall|sollte|soll|muss|doit|devrait|debe|deberia|deve|dovrebbe|moet)\b"
                          r"|:\s*$")


def _shown_in_quotes(tt: TurnText, qs: int, qe: int) -> bool:
    """A quoted phrase inside a sentence that says nothing to the grader around it is shown, not said ("we logged
    `ignore all previous instructions` in 0.2 percent of sessions")."""
    if tt.text.startswith('""', max(0, qs - 2)):
        return False  # a docstring's triple quote: code the speaker shows, with whatever it says
    us, ue = tt.units[tt.unit_at(qs)] if tt.units else (0, len(tt.text))
    before, after = tt.text[max(us, qs - 200):qs], tt.text[qe:min(ue, qe + 200)]
    if not (before.strip() or after.strip(" .!?\"'")):
        return False  # the quote is the whole sentence
    return not _SAID_AROUND.search(before) and not _SAID_AROUND.search(after)


# "The judge prompt says: you are a strict grader...", "Roughly: ignore the candidate's confidence...": what
# follows the colon is a prompt or rule being described. Not when it is about the speaker or this interview.
_REPORT_FRAME = rx.compile(
    r"\b(?:(?:prompts?|instructions?|template|rubric|guidelines?|policy|message|rules?|it|they|we|judge|model|"
    r"grader|assistant|system)\s+(?:\w+\s+){0,2}?(?:(?:says?|said|reads?|read|goes|went|tells?|told|instructs?|"
    r"instructed|asks?|asked|states?|stated)(?:\s+(?:the|an?|our|its|their)\s+[\w-]+)?|contains?|includes?|included|"
    r"was\s+something\s+like|is\s+something\s+like|looks?\s+like|looked\s+like)|roughly|basically|something\s+like|"
    r"along\s+the\s+lines\s+of|verbatim|for\s+example|for\s+instance|e\.g\.|(?:things|stuff|lines?|messages?|phrases?|"
    r"texts?|strings?|prompts?|inputs?|attacks?|examples?|payloads?)\s+like|(?:has|had|have|with|contains?|contained|"
    r"included|includes)\s+(?:a|an|the|this|one)\s+(?:[\w-]+\s+)?(?:line|sentence|rule|instruction|note|section|part|"
    r"clause|paragraph|bit))\s*:\s*$"
)
# Someone else's words after a colon, whatever they say: "someone on the red team wrote: ...", "a user typed: ..."
_THEIR_WORDS = rx.compile(
    r"\b(?:someone|somebody|anyone|users?|customers?|people|attackers?|adversar(?:y|ies)|red[\s-]?team(?:ers?)?|testers?|"
    r"candidates?|applicants?|students?|hackers?|trolls?|spammers?|bots?|scammers?|employees?)\b(?:\s+[\w'-]+){0,5}?\s+"
    r"(?:wrote|writes|typed|types|posted|posts|pasted|pastes|sent|sends|entered|enters|tried|tries|submitted|submits|said|"
    r"says|asked|asks|injected|injects|put|added)\s*:\s*$"
)
_ADDRESSED_FRAME = rx.compile(r"\b(?:you|your|grader|evaluator|ai|llm|assistant|reviewer|scorer|screener)\b")
_ABOUT_SPEAKER = rx.compile(r"\b(?:i|this\s+answer)\b|" + SELF_STATE.pattern)


_VERDICT_TOKEN = rx.compile(r"\b(?:strong[\s_-]*no[\s_-]*hire|strong[\s_-]*hire|lean[\s_-]*(?:no[\s_-]*)?hire|"
                            r"no[\s_-]*hire|hire|strong[\s_-]*yes|yes|no)\b")
_RANGE = rx.compile(_VERDICT_TOKEN.pattern + r"\s*(?:to|through|thru|or|/|\||-)\s*" + _VERDICT_TOKEN.pattern)


_JOINER = re.compile(r"[\s_-]+")


def lists_values(text: str) -> bool:
    """Three or more different verdicts named, or a range of them ("strong hire to strong no hire"): the values of
    a schema, listed, not one asked for."""
    verdicts = [m.group(0) for m in _VERDICT_TOKEN.finditer(text)]
    if not verdicts:
        return False  # (a range begins with a verdict: a text naming none holds none, and most name none)
    if len({_JOINER.sub("_", v) for v in verdicts}) >= 3:
        return True
    return any(m.group(0).split()[0] != m.group(0).split()[-1] for m in _RANGE.finditer(text))


def reported_after_colon(tt: TurnText, start: int) -> bool:
    text = tt.text
    us = tt.unit_start(start)
    colon = text.rfind(":", max(us, start - 200), start + 1)
    if colon < 0:
        return False
    lo = max(us, colon - 80)
    if _THEIR_WORDS.search(text, lo, colon + 1) and not _ADDRESSED_FRAME.search(text, lo, colon + 1):
        return True
    if not _REPORT_FRAME.search(text, lo, colon + 1):
        return False
    return not _ABOUT_SPEAKER.search(text, colon, tt.unit_end(start))


BUDGET = 200  # candidates one finder checks in one turn; a real answer has a handful


def fresh(tt: TurnText, finder: str, matches: Iterator[re.Match[str]]) -> Iterator[re.Match[str]]:
    """``matches`` less those in a unit where ``finder`` already has a hit (``detect.read`` marks them). Past
    ``BUDGET`` candidates in one turn the finder stops and the turn is marked flooded where it stopped: a wall of
    trigger phrases is read as one (``detect.read``), and checking each would make hostile input slow."""
    checked, skip_to = 0, -1
    for m in matches:
        if m.start() < skip_to:
            continue
        if tt.seen(finder, m.start()):
            skip_to = tt.unit_end(m.start())  # the rest of this unit is already going
            if skip_to >= len(tt.text.rstrip()):
                return
        else:
            checked += 1
            if checked > BUDGET:
                tt.flooded.append(m.start())
                return
            yield m
