"""Leading questions: the interviewer states the number or the answer and asks the candidate to agree.

"So latency dropped to 200 ms?", "Were you at something like 20 percent and got it down to 5?", "I assume you
went with 0.5?", "Because the thumbs-down rate spiked, right?". A leading question supplies the evidence it
should be collecting, and the candidate's "yes, exactly" then sounds like a result (the grader already refuses
to credit it; this tells the interviewer). One sentence is leading when it is a question or asks for agreement
and either

* **asks for agreement** with something it asserts: a tag ("..., right?", "..., yes?", "wasn't it?", "is that
  fair?", "would you say?", "I imagine?") or a guess put to the candidate ("I assume", "I bet", "let me guess",
  "you'd agree", "that must have", "probably") — and it is not an open question (what, how, which...), or
* **supplies a number** as the answer in a yes/no or statement-shaped question ("So p95 is under a second now?",
  "Was it about 20 percent?") that the candidate did not say first, and offers no choice ("the median or the
  p95?" is a clarification, not a lead).

Open questions are never leading, even with a number in them ("What was recall at 10 before the reranker?",
"In the last seven days, how many answers were flagged?"), and neither is repeating the candidate's own number
("92 percent of how many cases?"). One pass over each sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .text import sentences, spoken_numbers, words

_TAG = re.compile(
    r"(?:[,;:\-\u2014]\s*(?:right|correct|yes|yeah|yep|true|no|ok|okay|fair|(?:is|was|did|does|has|had|are|were)"
    r" (?:it|that|they))|(?:^|\s)(?:am i right|is that right|is that correct|"
    r"isn't that right|is that fair|fair to say|that right|would that be right|would that be fair|"
    r"(?:wasn't|isn't|was|is) (?:that|it) it|"
    r"wouldn't you say|would you say|don't you think|wouldn't it|isn't it|wasn't it|weren't they|wasn't that|"
    r"aren't they|didn't you|did you not|don't you|haven't you|hasn't it|hadn't you|weren't you|aren't you|"
    r"won't it|doesn't it|didn't it|didn't they|don't they|couldn't you|wouldn't you|shouldn't it|have you not|"
    r"i assume|i'd assume|i'm assuming|i am assuming|i presume|i imagine|i'd imagine|i guess|i'd guess|i bet|"
    r"i'd bet|i'm guessing|i am guessing|i take it|i suppose|i'd say|surely|presumably|agreed|that sort of thing|"
    r"does that sound (?:about )?right|sound about right|sounds about right|does that ring true|"
    r"something like that|or so|or thereabouts|that kind of thing|am i close|am i warm|give or take|more or less|"
    r"i reckon|i'd reckon|i'd think|i would think|i'd have thought|in the right ballpark|roughly right|"
    r"about right|as i understand it|if i understand (?:it )?(?:right|correctly))"
    # an adverb that takes the answer for granted, put last: "And it was significant, obviously?"
    r"|[,;:\-\u2014]\s*(?:obviously|of course|clearly|naturally|no doubt|for sure|i'm sure|i am sure|i hope|"
    r"hopefully|i'd hope|i would hope|yeah|ya|eh|huh|mostly|then|basically))\W*\?\s*$"
    # a tag with the point it is about after it: "That was the main win, wasn't it, the caching?"
    r"|,\s*(?:wasn't|isn't|didn't|weren't|aren't|doesn't|hasn't) (?:it|that|they|you)\s*,\s*[^,?]{1,40}\?\s*$",
    re.I,
)
_GUESS = re.compile(
    r"\b(?:i assume|i'd assume|i presume|i imagine|i'd imagine|i guess|i'd guess|i bet|i'd bet|i'm guessing|"
    r"i am guessing|i'm assuming|i am assuming|let me guess|i take it|"
    r"you'd agree|you would agree|would you agree|wouldn't you agree|do you agree|don't you agree|"
    r"you must have|you must've|"
    r"you'd have|you would have|which you'd have|which you would have|you obviously|obviously you|"
    r"you clearly|clearly you|is it fair to say|is it safe to say|it's fair to say|safe to say|"
    r"would it be (?:fair|safe|right|true) to say|would you say that|am i right (?:in thinking|to think|that)|"
    r"correct me if i'm wrong|i'm right in thinking|i am right in thinking|"
    r"can i assume|can we say|i'd expect|i would expect|my guess is|my bet is|safe to assume|fair to assume|"
    r"i'd have thought|i would have thought|i'd think|i would think|i reckon|i'd reckon)\b",
    re.I,
)
# guesses that lead only in a question ("We'll probably finish early." is not one)
_SOFT_GUESS = re.compile(r"\b(?:probably|surely|presumably|i suppose|i'm sure|i am sure|no doubt|that must have|"
                         r"that must've|it must have|it must've|must have been)\b", re.I)
_OPEN_WORD = frozenset({"what", "what's", "how", "how's", "how'd", "which", "who", "whom", "whose", "why", "where",
                        "where's", "when", "tell", "walk", "describe", "explain"})
_RANGE = re.compile(r"\b(?:\d+(?:[.,]\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|"
                    r"fifty|hundred)\s*(?:%|percent|per cent)?\s+or\s+(?:\d|one|two|three|four|five|six|seven|eight|"
                    r"nine|ten|twenty|thirty|forty|fifty|hundred)", re.I)
_CHOICE = re.compile(r"\b(?:or the|or a|or an|or is it|or was it|or were|or did|or do|or more|or less|or)\b\s+\S+"
                     r".*\?\s*$", re.I)
# "So, what, p95 went from 2 seconds to 400 ms?": a "what," that asks nothing
_FILLER = re.compile(r"\b(?:so,?\s+)?what,\s", re.I)
_FROM_TO = re.compile(r"\bfrom\s+(?:about\s+|around\s+|roughly\s+|like\s+)?\S*\d\S*(?:\s+\S+){0,3}?\s+"
                      r"(?:down to|up to|to|into)\s+(?:about\s+|around\s+|roughly\s+|like\s+)?\S*\d", re.I)
_APPROX_WORDS = frozenset({"few", "couple", "dozen", "handful", "tens", "hundreds", "thousands", "half", "double",
                           "twice", "triple"})
_FRACTIONS = frozenset({"half", "halved", "doubled", "tripled", "twice", "quarter", "third", "tenfold", "twofold"})
_UNITY = frozenset({"percent", "per", "cent", "%", "ms", "millisecond", "milliseconds", "second", "seconds", "sec",
                    "minutes", "minute", "hours", "hour", "day", "days", "points", "point", "x", "times", "k",
                    "dollars", "cents", "tokens"})


@dataclass(frozen=True)
class LeadingHit:
    sentence: str
    why: str


def said_numbers(text: str) -> set[float]:
    """The numbers in ``text`` as values ("one point two million" == "1.2 million"); identifiers such as
    GPT-4, dates and "two-tower" are not numbers (``text.spoken_numbers``)."""
    if not text:
        return set()
    # a bare "one" is nearly always a determiner ("one specific issue", "one project")
    return {round(v, 6) for v, unit in spoken_numbers(text) if v != 1 or unit}


# figures said without digits: "single digits", "the high nineties", "an order of magnitude", "sub-second",
# "under a second", "a tenth of the cost"
_APPROX_FIGURE = re.compile(
    r"\b(?:(?:single|double|triple|high|low|mid)[- ](?:digits?|nineties|eighties|seventies|sixties|teens)|"
    r"orders? of magnitude|sub[- ]?(?:second|millisecond|minute|cent|\d)|(?:under|below|over|above|within) (?:a|one) "
    r"(?:second|minute|percent|per cent|day|hour)|an? (?:tenth|fifth|quarter|third|half) of|(?:about|around|roughly|"
    r"nearly|almost|over|under|less than|more than|within|like) (?:a|an) (?:month|week|day|year|hour|minute|"
    r"second|quarter|sprint))\b",
    re.I,
)


def _supplied_number(sentence: str, previous: set[float]) -> bool:
    """A figure in the sentence the candidate did not say first (digits, number words, "a few tens", "single
    digits")."""
    if said_numbers(sentence) - previous or _APPROX_FIGURE.search(sentence):
        return True
    ws = set(words(sentence))
    return bool(ws & _FRACTIONS) or (bool(ws & _APPROX_WORDS) and bool(ws & _UNITY))


def supplies_number(text: str) -> bool:
    """``text`` states a figure of its own (digits, number words, "half", "a few hundred ms")."""
    return _supplied_number(text, set())


# a wh-word after these is a relative ("back to where it was", "that's the one where accuracy went up")
_RELATIVE_BEFORE = frozenset({"to", "from", "than", "that's", "is", "was", "like", "exactly", "just", "know", "one",
                              "ones", "time", "times", "case", "cases", "point", "place", "day", "week", "month",
                              "project", "change", "release", "version", "run", "bit", "part", "stage", "moment",
                              "period", "quarter", "sprint"})


def _is_open(ws: list[str]) -> bool:
    """A wh-question or a request to tell ("what was...", "how many...", "92 percent of how many cases?"); a
    wh-word used as a relative ("back to where it was", "that's what fixed it") asks nothing."""
    return any(w in _OPEN_WORD and not (i and ws[i - 1] in _RELATIVE_BEFORE) for i, w in enumerate(ws))


_LEAD_IN = frozenset({"and", "so", "but", "okay", "ok", "right", "well", "then", "now", "sorry", "um", "uh",
                      "alright", "sure", "great", "cool"})


def _opens_asking(ws: list[str]) -> bool:
    """A tagged sentence that asks: a wh-word (or "tell", "walk") among its first words ("And how many of those
    were real, would you say?"), not one inside the statement the tag asks the candidate to agree with ("You
    just fall back to the cheaper model when that happens, no?")."""
    i = 0
    while i < len(ws) and ws[i] in _LEAD_IN:
        i += 1
    return _is_open(ws[max(i - 1, 0): i + 3]) if i < len(ws) else False


# a statement that takes a figure for granted: "That must have taken the latency down below 500 milliseconds."
_MUST = re.compile(r"\b(?:(?:that|it|this|which|you|they|there) must(?: have|'ve| be)|would(?:'ve| have) "
                   r"been)\b", re.I)
# "So it's at ninety-five percent now.": the interviewer says the candidate's result for them
_SO_STATES = re.compile(r"^\W*(?:(?:and|okay|ok|right)\W+)*(?:so|basically|in other words|sounds like|it sounds like)"
                        r"\W+(?!(?:we|i|let's|let|we'll|we've|i'll|i've|we're|i'm)\b)", re.I)
# a question in a statement's word order, about a result or its cause: "So the fix was basically adding
# citations?", "And the pass rate went up as a result?"
_RESULT = re.compile(r"\b(?:fix|fixed|fixes|cause|caused|culprit|win|won|beat|outperformed|comfortably|handily|"
                     r"went (?:up|down|away)|disappeared|vanished|cleared up|resolved|improved|dropped|helped|"
                     r"solved|the problem|the reason|the issue|as a result|because of|stuck|came from|down to|"
                     r"did the trick|made the difference|biggest gain|main gain|main win|smoothly|went (?:well|fine)|"
                     r"no (?:problems|issues|rollbacks?|complaints|regressions)|paid off|succeeded|"
                     r"worked(?! (?:on|with|at|for|in|as|there|together)\b))\b", re.I)
_FINITE = frozenset("""was were is are 's got went came cut made had took gave brought did does dropped fixed
helped solved improved caused won beat rose fell doubled halved""".split())


# a yes/no question opens on an auxiliary: "Have you worked on anything in production, that kind of thing?"
_AUX_FIRST = frozenset("""have has had did do does is are was were can could would will should""".split())
# soft tags ask "roughly?", not "agree?": they lead only with a supplied number or a statement before them
_SOFT_TAG = re.compile(r"\b(?:that sort of thing|that kind of thing|something like that|or so|or thereabouts)"
                       r"\W*\?\s*$", re.I)
# confirming the CV or the logistics is not supplying evidence
_BACKGROUND = re.compile(
    r"\b(?:you've been at|you have been at|you were at|you worked at|you've worked|you have worked|you're currently|"
    r"you are currently|you're based|you are based|you live|you joined|"
    r"you moved(?! (?:to|over to|from) (?:a|an|the|our|their)\b)|you've done|you have done|"
    r"your cv|your resume|your résumé|your linkedin|you're in|you are in|you studied|you graduated|"
    # the candidate's history and the interview's own facts: "you've used Python mostly", "you were on the
    # platform team", "this is the second round for you", and their own words said back ("you said", "you mentioned")
    r"you've used|you have used|you were on|you've been (?:there|with|on)|you have been (?:there|with|on)|"
    r"you said|you mentioned|you told (?:me|us)|this is (?:the|your) (?:first|second|third|final|last) (?:round|"
    r"interview|stage|call)|just to check|to check i (?:heard|got)|if i heard|did i hear|did i catch|"
    r"to make sure i (?:heard|got|understood))\b",
    re.I,
)
# whether the candidate meets the role's conditions ("three days a week in the office", "over eighteen"): the
# number is the employer's, not evidence about the candidate's work
_CONDITIONS = re.compile(
    r"^\W*(?:and\s+|so\s+)?(?:are you (?:able|willing|happy|ok|okay|comfortable|available|free|over|under|at least|"
    r"legally)|can you (?:work|start|travel|relocate|commit|do|make|be)|could you (?:work|start|travel|relocate|"
    r"commit|do|make|be)|would you be (?:able|willing|happy|open|ok|okay|available)|would (?:that|this|it) work)\b",
    re.I,
)
_VERBS = frozenset("""brought made gave took meant got cut led kept let put is was were would will means makes gives
takes gets cuts leads keeps puts saved halved doubled dropped fixed""".split())
# a forecast asked for is an opinion, not evidence: "Do you think RAG will still be a thing in two years?"
_FORECAST = re.compile(r"^\W*(?:and\s+|so\s+)?(?:do|would) you (?:think|believe|reckon|expect|see)\b.*\b(?:will|"
                       r"going to|gonna)\b", re.I)
# "Sorry, did you say 92 percent or 82?": which of two figures the candidate said, not a figure supplied
_WHICH_DID_YOU_SAY = re.compile(r"\b(?:did you say|do you mean|you mean|was that|was it)\b[^?]*\bor\b[^?]*\?\s*$", re.I)
# "the second half" of the interview is a part, not a figure
_HALVES = re.compile(r"\b(?:the|a|our|your) (?:first|second|other|back|latter|front) half\b", re.I)
# "Sorry, two thousand?": asking to hear it again
_ECHO = re.compile(r"^\W*(?:sorry|pardon|wait|hang on|sorry,? did you say)\b.*\?\s*$", re.I)
_BARE_TAG = re.compile(r"^\W*(?:(?:is that|was that|am i|that's|that is|does that sound|does that sound about|"
                       r"sound about|sounds about)?\s*(?:right|correct|fair|true)|(?:did|didn't|does|was|wasn't|is|"
                       r"has|had) (?:it|that|they)|(?:is that|am i|was that) (?:in|within) (?:the )?(?:right )?"
                       r"ballpark|(?:is that|am i) (?:roughly|about|more or less) right|(?:am i|is that) close|(?:that|this|it) was it|was (?:that|"
                       r"it) it|is (?:that|it) it|(?:that|this)'s it|that is it|(?:was|is) that the (?:cause|reason|fix|"
                       r"problem|issue))\W*\?\s*$", re.I)
# a statement closed by a tag that asks for agreement: "And users noticed the difference, I take it."
_STATED_TAG = re.compile(r"\w[^,]*,\s*(?:i take it|i assume|i imagine|i'd imagine|i presume|i suppose|i'm sure|i am sure|"
                         r"i bet|presumably|surely|no doubt|i'm guessing|i am guessing|i guess|i'd guess|i reckon|"
                         r"i'd reckon|i'd think|i would imagine|of course|naturally|obviously|i'd hope|i hope)\W*$", re.I)
_ASSERTS = re.compile(r"^\W*(?:(?:and|so|okay|ok|right)\W+)*(?:so|basically|in other words|let's say|let me "
                      r"guess|my guess is|sounds like|it sounds like)\b", re.I)


def _declarative(ws: list[str]) -> bool:
    """A statement's word order under a question mark: no auxiliary or wh-word first, a finite verb in it, four
    words or more ("The agent got stuck in loops?"; not "Latency?", "Did it help?", "Any numbers?")."""
    i = 0
    while i < len(ws) and ws[i] in _LEAD_IN:
        i += 1
    rest = ws[i:]
    if len(rest) < 4 or rest[0] in _AUX_FIRST or rest[0] in _OPEN_WORD or rest[0] in _NOT_SUBJECT:
        return False
    return any(w in _FINITE or w.endswith("ed") for w in rest[1:]) and not _is_open(rest)


_NOT_SUBJECT = frozenset("""any anything anyone anybody sorry please tell walk talk take describe explain give show
can could would will should shall may might must am isn't wasn't didn't doesn't don't aren't weren't haven't
hasn't won't wouldn't couldn't shouldn't if""".split())


def _cv_fact(sentence: str) -> bool:
    """The CV's facts, not results: "you were at Acme for three years", "your CV says a team of four" (no
    figure with a unit of measure: "you were at 20 percent" is a result)."""
    if _BACKGROUND.search(sentence) is None or _TENURE.search(sentence) is None:
        return False
    return not said_numbers(_TENURE.sub(" ", sentence))  # every figure in it is a tenure or a team's size


_TENURE = re.compile(r"\b[\w.-]+\s+(?:years?|months?|people|engineers|(?:direct )?reports)\b|\bteam of [\w-]+"
                     r"|\bsince (?:19|20)\d\d\b",
                     re.I)


def scan_sentence(sentence: str, previous_answer: str | None = None,
                  said: set[float] | None = None) -> LeadingHit | None:
    """``said``: the numbers the candidate has said so far (repeating them back supplies nothing)."""
    s = sentence.strip()
    if not s or _BARE_TAG.match(s) or (_ECHO.match(s) and len(words(s)) <= 5) or _WHICH_DID_YOU_SAY.search(s):
        return None
    question = s.endswith("?")
    guess = _GUESS.search(s) or (question and _SOFT_GUESS.search(s))
    tag = _TAG.search(s) or _STATED_TAG.search(s)
    if not (question or guess or tag):
        must, so = _MUST.search(s) is not None, _SO_STATES.search(s) is not None
        if not (must or so):
            return None
        so_states = so and any(unit for _, unit in spoken_numbers(s)) and any(
            w in _FINITE or w.endswith("'s") for w in words(s))
        if (must or so_states) and said_numbers(s) - (set(said or ()) | said_numbers(previous_answer or "")):
            return LeadingHit(s, "states the number and asks the candidate to confirm it")
        return None
    previous = set(said or ()) | said_numbers(previous_answer or "")
    number = _supplied_number(_HALVES.sub(" ", s), previous)
    ws = words(_FILLER.sub(" ", s))
    if not question and not number and not tag:
        return None  # "I'm guessing you had to work on that." guesses nothing checkable
    if (_CONDITIONS.search(s) or _FORECAST.search(s)) and not guess and not tag:
        return None
    if (not number or _cv_fact(s)) and (_BACKGROUND.search(s) or (_SOFT_TAG.search(s) and ws and ws[0] in _AUX_FIRST)):
        return None
    # "Which you'd have pulled from the logs, I imagine?": a relative "which" opens nothing
    # "Which brought the rate under one percent, right?": a "which" that goes on with a verb continues the answer
    # "Which kicks in whenever the main one times out, yes?": a verb in -s after it too, unless an auxiliary follows
    # ("Which tools does it call?")
    relative = bool(ws) and ws[0] == "which" and len(ws) > 1 and (ws[1].endswith("ed") or ws[1] in _VERBS or (
        ws[1].endswith("s") and not (len(ws) > 2 and ws[2] in _AUX_FIRST)))
    asked = [w for w in ws if not ((guess or (tag and relative)) and w == "which")]
    if (tag or guess) and not (_opens_asking(asked) if tag else _is_open(asked)):
        return LeadingHit(s, "states the answer and asks the candidate to agree")
    if question and _declarative(ws) and not _CHOICE.search(_RANGE.sub(" ", s)) and not _BACKGROUND.search(s) and (
            number or _RESULT.search(s)):
        return LeadingHit(s, "states the answer and asks the candidate to confirm it")
    if question and not _CHOICE.search(_RANGE.sub(" ", s)) and number:
        if not _is_open(ws) or (_FROM_TO.search(s) and len(said_numbers(s) - previous) >= 2
                                and ws[0] not in _OPEN_WORD):
            return LeadingHit(s, "states the number and asks the candidate to confirm it")
    return None


def scan(text: str, previous_answer: str | None = None, said: set[float] | None = None) -> list[LeadingHit]:
    """The leading sentences of one interviewer turn. A bare "Is that right?" leads when the sentence before it
    states numbers the candidate has not said ("It says you took latency from six seconds to two. Is that
    right?")."""
    out: list[LeadingHit] = []
    before: str | None = None
    for sentence in sentences(text):
        hit = scan_sentence(sentence, previous_answer, said)
        if hit is None and before is not None and _BARE_TAG.match(sentence.strip()):
            previous = set(said or ()) | said_numbers(previous_answer or "")
            if _cv_fact(before):
                pass  # "Your CV says you led a team of four. Is that right?"
            elif len(said_numbers(before) - previous) >= 1 and _supplied_number(before, previous):
                hit = LeadingHit(f"{before} {sentence.strip()}", "states the number and asks the candidate to "
                                                                  "confirm it")
            elif not before.rstrip().endswith("?") and (_ASSERTS.search(before) or _GUESS.search(before)):
                hit = LeadingHit(f"{before} {sentence.strip()}", "states the answer and asks the candidate to "
                                                                  "agree")
        if hit is not None:
            out.append(hit)
        before = sentence
    return out
