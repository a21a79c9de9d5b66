"""Whether a sentence tells of the candidate's own practice at all, before it is filed under any competency.

The rubric's anchors credit what the candidate built, measured or fixed. A sentence that uses a competency's
words to say the opposite is not evidence of it, however many cues it holds:

- a disclaimer: the candidate says they have not done it ("I haven't built that", "I've never built a
  tool-using model", "not for an LLM"), or that the word means another thing here ("they're people",
  "but that's a different thing");
- someone else's practice, or the field's ("I know people use retrieval and citations", "agentic AI is where
  everything's heading");
- in an answer that disclaims, what the candidate *would* do ("I'd start with a labelled sample"): a plan
  offered in place of experience. (A plan beside real practice is left alone: "what would you do differently"
  answers mix both.)
- an answer to a question about what the candidate wants to learn: it names what they have not done yet.

Such a sentence is filed under nothing and carries no topic to the sentences after it (``grader._attribute``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_I = r"(?:i|we)"
# perfect tense only: "we never ship without the suite" and "we haven't seen a regression since" are practice
_HAVE_NOT = r"(?:haven't|havent|have not|hadn't|had not|'ve not|'ve never|have never|had never)"
_DONE = (r"(?:built|done|used|shipped|worked|touched|tried|owned|written|deployed|made|set up|trained|"
         r"implemented)")
_DISCLAIM = re.compile(
    rf"\b{_I}\s*{_HAVE_NOT}\s+(?:\w+\s+){{0,2}}?{_DONE}\b"  # I haven't built / I've never really used
    rf"|\b{_I}\s+(?:didn't|did not|don't|do not)\s+(?:\w+\s+)?(?:build|own|work on|touch) (?:that|it|one|any)\b"  # never "we didn't ship it": a decision
    r"|\bi (?:don't|do not) know (?:the specific|the techniques|much about|how (?:to|you'd|you would))\b"
    r"|^\s*not (?:for|with|on) (?:an? |the )?(?:llms?|language models?|ml|models?|that|this)\b"
    r"|\b(?:that's|that is|it's|it is|but that's) (?:a )?(?:different|separate|another) (?:thing|problem|kind|story)\b"
    r"|\bnot the same (?:thing|problem)\b"
    r"|\b(?:they're|they are) (?:people|humans|staff|a team|analysts)\b"
    r"|\bno (?:real |hands-on |direct |practical )?experience (?:with|in|of)\b"
    r"|\bnot something (?:i|we)(?:'ve| have)? (?:done|built)\b"
    r"|\b(?:i|we) (?:wasn't|was not|weren't|were not) (?:involved|part of)\b|\bnot my (?:area|part|project)\b"
    r"|\b(?:i|we)(?:'ve| have)? only (?:read|heard) about\b"
    # "I didn't engineer features", "I haven't had to deal with them": the candidate's own "not me"
    r"|\bi (?:didn't|did not|never) (?:\w+ )?(?:engineer|engineered|build|built|train|trained|own|owned|deploy|"
    r"deployed|design|designed|set up|work on|worked on|touch|touched|measure|measured|write|wrote)\b"
    r"|\b(?:haven't|have not|'ve not|'ve never) had to (?:deal|do|handle|work)\b"
    r"|\bi (?:don't|do not) know the details\b|\bi (?:can't|cannot|couldn't) tell you\b"
    r"|\bi (?:don't|do not) have (?:anything|much|any experience|experience)\b"
    r"|^\s*(?:nothing|none) (?:with|on|like|in|that)\b"
    r"|^\s*no [\w-]+(?: [\w-]+)? (?:systems?|projects?|work|experience)\b"
    # the word means something else here: "but that's a lookup", "that's not what you mean"
    r"|\bnot what you mean\b|\bbut (?:that's|that is|it's|it is) (?:just |only |really )?(?:a |an )?look-?up\b"
    # a number the candidate says is not a measurement
    r"|\bnot a real measurement\b|\bdidn't measure it (?:properly|really|at all)\b",
)
_NOT_OWN = re.compile(
    r"\b(?:i know|i've heard|i have heard|i've read|i have read) (?:that )?(?:people|teams|others|some|companies)\b"
    r"|\b(?:i've seen|i have seen) (?:people|teams|others|companies)\b"
    r"|\bwhere (?:everything|the industry|the field|things|ai)(?:'s| is| are) (?:heading|going)\b"
    r"|\bis the future\b"
    # someone else's work, or coursework followed along
    r"|\b(?:owned|run|handled|done|built) by (?:my|our|a|the) (?:colleague|team|manager|lead|partner|data scientist)"
    r"|\bi followed along\b|\b(?:a|the) (?:module|lesson|lecture|tutorial) (?:on|about)\b"
    r"|\bfrom the (?:course|bootcamp|tutorial)\b",
)
# what the candidate would do: "I'd start", "we would build" (never "I'd say", a hedge on a real number)
_WOULD = re.compile(
    r"\b(?:i'd|i would|we'd|we would)\s+(?:probably\s+|first\s+|also\s+)?(?!say\b|guess\b|estimate\b|think\b)"
    r"(?:start|begin|try|want|need|be|learn|look|use|build|do|imagine|get|set|add|check|ask|go|pick|make)\b")
_WISH_QUESTION = re.compile(
    r"\b(?:want|like|hope|hoping|expect|keen) to learn\b|\blearn (?:in|on|from) this (?:role|job|team)\b"
    r"|\bwhat would you (?:want|like) (?:to )?(?:learn|work on|grow)\b")


def _plain(text: str) -> str:
    return text.lower().replace("\u2019", "'")  # "haven\u2019t" as "haven't"


# each pattern needs one of its words in the sentence: most sentences have none, and a substring test is far
# cheaper than the patterns' many alternatives (the grader reads every sentence)
_DISCLAIM_NEEDS = ("n't", "not ", "never", "cannot", "havent", "nothing", "none", "different", "separate",
                   "another", "they're", "they are", "experience", "only ", "lookup", "look-up")
_NOT_OWN_NEEDS = ("i know", "heard", "read ", "seen", "heading", "going", "future", " by ", "followed along",
                  "module", "lesson", "lecture", "tutorial", "course", "bootcamp")
_OPENS = ("no ", "not ", "nothing", "none")


def disowns(text: str) -> bool:
    """The sentence says the candidate has not done it, that its word means another thing, or tells of someone
    else's practice."""
    plain = _plain(text)
    has = plain.__contains__
    if (any(map(has, _DISCLAIM_NEEDS)) or plain.lstrip().startswith(_OPENS)) and _DISCLAIM.search(plain) is not None:
        return True
    return any(map(has, _NOT_OWN_NEEDS)) and _NOT_OWN.search(plain) is not None


def hypothetical(text: str) -> bool:
    """The sentence tells what the candidate would do, not what they did."""
    return _WOULD.search(_plain(text)) is not None


def wish_question(question: str | None) -> bool:
    """The interviewer asks what the candidate wants to learn: the answer names what they have not done."""
    return bool(question) and _WISH_QUESTION.search(_plain(question or "")) is not None


def owned(sentences: Sequence[str], question: str | None = None) -> list[bool]:
    """For each sentence of one answer (``question``: the interviewer's turn before it), whether it can be the
    candidate's own practice of what it names (see the module docstring)."""
    if wish_question(question):
        return [False] * len(sentences)
    disowned = [disowns(s) for s in sentences]
    if not any(disowned):
        return [True] * len(sentences)
    return [not (d or hypothetical(s)) for s, d in zip(sentences, disowned, strict=True)]
