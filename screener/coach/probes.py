"""Vague answers, and follow-ups that ask for the artefact, the number or the method.

A candidate's answer is *vague* when it claims a result or a practice ("it caught a bunch of stuff", "the
quality went up a lot", "we have a review process") without a number, a named artefact with its size, or how
it was measured. A *probe* is an interviewer question that asks for exactly that: how many, by how much,
before and after, which metric, on what sample, how it was measured or checked, or one real example (a test
case, a trace, a failed call). Praise, "anything else?", a change of topic or "did you enjoy it?" probe nothing.
"""

from __future__ import annotations

import re

from ..offline.lexicon import BUZZWORDS, HEDGES, IMPRESSIONS
from ..offline.phrases import PhraseIndex
from .text import has_number, words

# asks for a number
_NUMBER_ASKS = (
    "how many", "how much", "by how much", "how big", "how large", "how often", "how long", "how fast",
    "how quickly", "what share", "what percentage", "what percent", "what proportion", "what fraction",
    "out of how many", "what was the number", "what were the numbers", "what numbers", "the number", "the numbers",
    "before and after", "before and what was it after", "before the", "and after", "what was it after",
    "what is it now", "what's it now", "what was it", "what were", "what is the", "what's the", "what was the",
    "which metric", "what metric", "which number", "what number", "which numbers", "what figure", "which figure",
    "what figures", "which figures", "save per", "per request", "per call", "per query", "per month", "per task",
    "did quality change", "what did that save", "how much did that save", "what did it save", "what did that cost", "what score", "what rate", "the rate", "the score",
    "pass rate", "hit rate", "success rate", "error rate", "precision and recall", "precision", "recall", "auc",
    "p95", "p99", "p50", "median", "latency", "sla", "baseline", "compared to what", "compared with what",
    "better than what", "best compared to", "with and without", "how much does", "how much did", "won by how much",
    "better by how much", "what did the", "score", "scores", "agreement", "variance", "vary", "move", "moved",
    "the metric", "the metrics", "what happened to the", "from what to what", "from what", "to what",
    "in numbers", "as a number", "put a number on", "quantify", "in figures", "what did it do to", "how did it affect", "what did that do to",
)
# asks for the method
_METHOD_ASKS = (
    "how did you measure", "how do you measure", "how was it measured", "how was that measured", "measured how",
    "how did you know", "how do you know", "how did you tell", "how do you tell", "how did you check",
    "how do you check", "how did you find", "how do you find", "how did you first find", "how would you find",
    "how did you decide", "how did you choose", "how did you pick", "how did you land", "how did you define",
    "how do you define", "how did you split", "how had you split", "how did you validate", "how did you verify",
    "how did you confirm", "how did you test", "how you computed", "how you calculated", "how did you compute",
    "how did you calculate", "how was that computed", "how was it computed", "how is it computed",
    "how you measured", "how you got", "how you arrived", "how do you test", "how did you label", "who decides",
    "who decided", "who labelled", "who labeled", "who checks", "what did you look at", "what did you compare",
    "on how many", "on what sample", "on which data", "what data", "how did you choose that", "how?", "measure that",
    "measure it", "measured", "define", "defined", "is there a", "when did it last", "how would you",
    "what counts as", "how do you make sure", "which validation", "what check", "which check", "how did it",
    "what happened next", "held-out", "held out", "test set", "same test set", "seeds", "folds", "split",
    "how many users", "each arm", "time window", "anything else ship", "confound", "what did you change",
    "which checks", "ever failed", "ever fired", "ever caught", "why did you go", "why did you choose",
    "why did you pick", "why did you decide", "why that way", "why that approach", "what made you choose",
    "what made you pick", "what made you go", "what method", "which method", "what methodology", "what approach did you", "what did you optimise", "what did you optimize", "optimise it for",
    "optimize it for", "actually fired", "has fired", "alert fired", "which alert", "on the dashboard", "when that check fails", "when it fails", "when that fails", "has one", "which part", "what part", "your part", "what did you do", "what did you actually", "what was your role",
)
# asks for the artefact or one real example
_ARTEFACT_ASKS = (
    "one actual", "an actual", "a real", "one real", "from a real", "show me", "can you show", "could you show",
    "write-up", "writeup", "write up you", "the dashboard", "the notebook", "the postmortem", "the post-mortem",
    "the design doc", "the doc you", "a link to",
    "walk me through one", "take me through one", "describe one", "give me one", "one example", "an example",
    "a specific", "one specific", "the input", "what counts as a pass", "what did it look like", "what does it look like",
    "real trace", "the trace", "a trace", "one failed", "which prompt version", "what's in it", "what is in it",
    "where did they come from", "where did it come from", "where did they", "come from", "came from", "what exactly",
    "concretely", "specifically", "exactly", "one trace", "pick one", "one of them", "what it shows",
    "what does it show", "what did it show", "what did they show", "which cases", "what cases", "not cover",
    "doesn't cover", "what's missing", "is missing", "was missing", "step by step", "what happens when",
    "what happens if", "which version", "back to a version", "back to the version", "trace it back", "tie it back",
    "tie an output", "one of those",
)
_NOT_PROBE = (
    "did you enjoy", "do you enjoy", "anything else", "what else", "move on", "moving on", "next question",
    "sounds good", "makes sense", "great answer", "got what i need", "know your stuff", "fun project",
    "what about agents", "what about",
)

_INDEX = PhraseIndex({
    "number": _NUMBER_ASKS, "method": _METHOD_ASKS, "artefact": _ARTEFACT_ASKS, "not": _NOT_PROBE,
    "hedge": HEDGES, "buzz": BUZZWORDS, "impression": IMPRESSIONS,
    "claim": ("improved", "better", "worse", "helped", "solved", "fixed", "caught", "reduced", "went up",
              "went down", "reliable", "accurate", "fast enough", "works", "worked", "handles", "under control",
              "solid", "thorough", "good", "great", "fine", "properly", "regularly", "we measured", "we track",
              "we keep an eye", "we made sure", "we did", "we had", "we built", "we used", "we found", "we picked",
              "we set", "we version", "we retrain", "we deployed", "we cleaned", "review process", "validation",
              "a lot", "a bunch", "most", "everything", "covered", "important", "best", "won", "did best"),
    "concrete": ("cases", "examples", "queries", "questions", "tickets", "rows", "users", "per cent", "percent",
                 "p95", "p99", "ms", "milliseconds", "seconds", "out of", "from", "to"),
})
_QUESTION_OPEN = re.compile(r"^\W*(?:(?:and|but|so|okay|ok|right|sure|great|cool|nice)\W+)*"
                            r"(?:how|what|which|who|when|where|why|is|are|was|were|did|do|does|have|has|can|could|"
                            r"would|will|if|in|on|at|between|better|best|won|\d)", re.I)


# "How did you find working with the product team?" asks an opinion, not how something was found
_FIND_OPINION = re.compile(r"\bhow (?:did|do) you find (?:it )?(?:working|the (?:team|culture|company|people|manager|"
                           r"process|experience))\b"
                           # the CV, not a result: "How long have you been there?"
                           r"|\bhow long have you been (?:there|at|with|in (?:the|that|this|your) (?:role|job|team|"
                           r"company|position)|working (?:there|at|with)|doing (?:this|that|it))\b", re.I)


# The same asks by shape, with words between: "which offline metric", "by what measure", "better on which
# slices", "what told you", "did anything get worse", "Why monthly?" (a one-word why about the answer's choice)
_SPECIFIC_SHAPES = re.compile(
    r"\b(?:which|what)(?:\s+\S+){0,2}?\s+(?:metrics?|measures?|slices?|segments?|samples?|baselines?|numbers?|"
    r"figures?|thresholds?|test sets?|splits?|cohorts?|evidence|proof|data ?sets?)\b"
    r"|\bby what (?:measure|metric|margin|standard)\b|\bwhat (?:told|showed|convinced) you\b"
    r"|\b(?:did|does|has) anything (?:get|got|go|gone) (?:worse|wrong|down)\b|\bwhat (?:did|does) (?:production|"
    r"prod|the a/?b|the test|the experiment|live traffic) (?:show|say)\b"
    r"|^\W*(?:(?:and|but|so|ok|okay)\W+)?why \w+\W*\?\s*",
    re.I,
)


def asks_for_specifics(text: str) -> bool:
    """A question that asks for a number, the method or one real example."""
    text = _FIND_OPINION.sub(" ", text)
    if "?" not in text and not re.search(r"\b(?:show me|walk me through (?:one|how)|take me through (?:one|how)|"
                                         r"tell me how|talk me through how|give me (?:one|an example|a specific|"
                                         r"a concrete)|name one|pick one)\b", text, re.I):
        return False
    hits = _INDEX.scan(text)
    if hits["not"] and not (hits["number"] or hits["method"]):
        return False
    return bool(hits["number"] or hits["method"] or hits["artefact"]) or (
        not hits["not"] and "?" in text and _SPECIFIC_SHAPES.search(text) is not None)


def is_vague(answer: str) -> bool:
    """A claim of a result or practice with no number, no size and no method."""
    ws = words(answer)
    if len(ws) < 4:
        return False
    hits = _INDEX.scan(answer)
    if not (hits["claim"] or hits["impression"] or hits["hedge"] or hits["buzz"]):
        return False
    if has_number(answer) and len(hits["concrete"]) >= 1:
        return False
    return True


_BACK = re.compile(
    r"\b(?:that|this|those|these) (?!is\b|was\b|were\b|are\b|'s\b|you\b|we\b|i\b)\w+|\b(?:from|in|of|on|about) "
    r"(?:it|them|that)\b|\bone (?:actual|real|failed|specific|concrete|run|case|example|call|trace|ticket|query|item)\b|"
    r"\b(?:a|one) real\b|\bthe same\b|\bof one\b",
    re.I,
)


_ARTEFACT_BACK = re.compile(
    r"\b(?:that|this|those|these) (?!is\b|was\b|were\b|are\b|'s\b|you\b|we\b|i\b)\w+|\bfrom (?:it|them|that)\b|"
    r"\bone (?:actual|real|failed|specific|concrete)\b|\b(?:a|one) real\b",
    re.I,
)


def refers_back(text: str, story: bool = False) -> bool:
    """The question points at what was just said ("that suite", "from it", "one actual case"). For a question
    that asks for a story (``story``), "what's in it" is the kit's own wording, not a reference back."""
    return (_ARTEFACT_BACK if story else _BACK).search(text) is not None
