"""Text helpers the coach's detectors share: words, a light stemmer, sentences and question forms.

Everything here is one left-to-right pass over the text (regular expressions without nested repetition,
dictionary look-ups per word), so each detector is linear in the length of the transcript.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")
_NUMBER = re.compile(
    r"(?<![\w.])(?:\$|£|€)?\d+(?:[.,]\d+)*\s?(?:%|percent|per cent|ms|milliseconds?|seconds?|secs?|s\b|x\b|k\b|"
    r"points?|pp\b|hours?|minutes?|mins?|days?|weeks?)?"
)
NUMBER_WORDS = frozenset("""two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty
fifty sixty seventy eighty ninety hundred thousand million half""".split())

STOP = frozenset("""a an the of on in at to for from by with and or but so as than that this these those it its
is are was were be been being do does did done have has had having i me my we our us you your yours he she they
them their what which who whom whose when where why how if then there here about into over under up down out
any some all each every no not can could would should will shall may might must just also really very quite
okay ok so um uh like well right yeah yes alright great thanks thank sure oh hmm mm let let's me one i'd i'll i'm
i've you've you're you'd you'll we're we've we'd we'll they're they've it's that's what's there's here's how's
where's who's don't didn't doesn't isn't wasn't weren't aren't can't won't wouldn't couldn't shouldn't haven't
hasn't""".split())


def words(text: str) -> list[str]:
    """Lower-case words (apostrophes kept: "don't", "you're")."""
    return _WORD.findall(text.lower().replace("\u2019", "'"))


def stem(word: str) -> str:
    """A deliberately crude stemmer: enough to meet "measured"/"measuring"/"measure", "labels"/"labelling"."""
    w = word
    if len(w) <= 3:
        return w
    if w.endswith("'s"):
        w = w[:-2]
    for suffix, keep in (("ational", "ate"), ("ization", "ize"), ("isation", "ize"), ("ements", ""), ("ement", ""),
                         ("ments", ""), ("ment", ""), ("ings", ""), ("ing", ""), ("ies", "y"), ("ied", "y"),
                         ("lled", "l"), ("lling", "l"), ("ed", ""), ("es", ""), ("s", ""), ("ly", "")):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            w = w[: len(w) - len(suffix)] + keep
            break
    if w.endswith("e") and len(w) > 4:
        w = w[:-1]
    return w


def stems(text: str) -> list[str]:
    return [stem(w) for w in words(text)]


def content_stems(text: str) -> set[str]:
    return {stem(w) for w in words(text) if w not in STOP and len(w) > 1}


MAX_SENTENCE = 1000  # characters of a sentence the detectors read: no question is longer, and it bounds each scan


def sentences(text: str) -> list[str]:
    """Sentences (a question mark, full stop or exclamation ends one; so does a line break), each cut to
    ``MAX_SENTENCE`` characters (its end kept, where a question mark or a tag is)."""
    out: list[str] = []
    for s in _SENTENCE_END.split(text):
        s = s.strip() if s else ""
        if s:
            out.append(s if len(s) <= MAX_SENTENCE else s[-MAX_SENTENCE:])
    return out


def has_number(text: str) -> bool:
    if any(ch.isdigit() for ch in text) and _NUMBER.search(text):
        return True
    return any(w in NUMBER_WORDS for w in words(text))


def numbers(text: str) -> list[str]:
    return [m.group(0).strip() for m in _NUMBER.finditer(text) if any(ch.isdigit() for ch in m.group(0))]


def quote(text: str, limit: int = 160) -> str:
    """One line of at most ``limit`` characters."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "\u2026"
