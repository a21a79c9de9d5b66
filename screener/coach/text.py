"""Text helpers the coach's detectors share: words, a light stemmer, sentences and question forms.

Everything here is one left-to-right pass over the text (regular expressions without nested repetition,
dictionary look-ups per word), so each detector is linear in the length of the transcript.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

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


# ---------------------------------------------------------------- numbers as values

_NUM_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[a-z]+(?:'[a-z]+)?|%")
_ONES = {"zero": 0, "oh": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
         "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
         "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
         "ninety": 90}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000, "k": 1_000,
           "m": 1_000_000, "bn": 1_000_000_000}
_UNITS = frozenset("""% percent per cent ms millisecond milliseconds s sec secs second seconds minute minutes min mins
hour hours day days week weeks x times points point pp dollars cents bucks tokens""".split())


def _spelled(tokens: list[str], i: int) -> tuple[float, int] | None:
    """A spelled number starting at ``tokens[i]`` ("one point two million", "forty five"): (value, next index)."""
    total, current, j, seen = 0.0, 0.0, i, False
    while j < len(tokens):
        t = tokens[j]
        if t == "oh" and not seen and not (j + 1 < len(tokens) and tokens[j + 1] in _ONES
                                           and tokens[j + 1] != "oh"):
            break  # "Oh, is that a cat?": an interjection; "oh five" and "two oh two" are numbers
        if t in _ONES:
            current += _ONES[t]
        elif t in _TENS:
            current += _TENS[t]
        elif t == "hundred" and seen:
            current = (current or 1) * 100
        elif t in ("thousand", "million", "billion") and seen:
            total += (current or 1) * _SCALES[t]
            current = 0.0
        elif t == "point" and seen and j + 1 < len(tokens) and tokens[j + 1] in _ONES:
            digits = ""
            j += 1
            while j < len(tokens) and tokens[j] in _ONES and _ONES[tokens[j]] < 10:
                digits += str(_ONES[tokens[j]])
                j += 1
            value = total + current + float(f"0.{digits or 0}")
            if j < len(tokens) and tokens[j] in ("thousand", "million", "billion"):
                value *= _SCALES[tokens[j]]
                j += 1
            return value, j
        elif (t == "and" and seen and tokens[j - 1] in ("hundred", "thousand", "million")
              and j + 1 < len(tokens) and (tokens[j + 1] in _ONES or tokens[j + 1] in _TENS)):
            pass  # "two hundred and five"
        else:
            break
        seen = True
        j += 1
    return (total + current, j) if seen else None


def spoken_numbers(text: str) -> list[tuple[float, bool]]:
    """The numbers in ``text`` as values, each with whether a unit follows: digits ("1.2 million", "400",
    "2,000") and spelled numbers ("one point two million", "forty-five") read alike. Identifiers are not
    numbers: a digit glued by a hyphen to a word ("GPT-4", "top-5"), an ordinal or a date ("10th"), a spelled
    number glued to a word ("two-tower"). One pass over the tokens."""
    lowered = text.lower()
    spans = [(m.group(0), m.start(), m.end()) for m in _NUM_TOKEN.finditer(lowered)]
    tokens = [t for t, _, _ in spans]
    out: list[tuple[float, bool]] = []
    i = 0
    while i < len(spans):
        tok, start, end = spans[i]
        if tok[0].isdigit():
            # "p95", "gpt4", "GPT-4", "top-5": a name; "10th", "2nd": an ordinal or a date
            glued_before = start >= 1 and (lowered[start - 1].isalpha() or (
                start >= 2 and lowered[start - 1] == "-" and lowered[start - 2].isalpha()))
            ordinal = lowered[end:end + 2] in ("th", "st", "nd", "rd")
            if glued_before or ordinal:
                i += 1
                continue
            try:
                value = float(tok.replace(",", ""))
            except ValueError:
                i += 1
                continue
            nxt = i + 1
            if nxt < len(tokens) and tokens[nxt] in _SCALES and tokens[nxt] != "hundred":
                value *= _SCALES[tokens[nxt]]
                nxt += 1
            out.append((value, nxt < len(tokens) and tokens[nxt] in _UNITS))
            i = nxt
            continue
        spelled = _spelled(tokens, i)
        if spelled is None:
            i += 1
            continue
        value, nxt = spelled
        last_end = spans[nxt - 1][2]
        if last_end < len(lowered) and lowered[last_end] == "-" and not (nxt < len(tokens) and (
                tokens[nxt] in _ONES or tokens[nxt] in _TENS)):
            i = nxt  # "two-tower": a name, not a number
            continue
        out.append((value, nxt < len(tokens) and tokens[nxt] in _UNITS))
        i = nxt
    return out


def first_topic(patterns: Mapping[str, re.Pattern[str]], sentence: str) -> tuple[str, str] | None:
    """The first topic (in the table's order) whose pattern the sentence matches, with the words that show it, or
    None: how each table of protected-topic shapes (concepts, euphemisms, statements...) is read."""
    for topic, pattern in patterns.items():
        m = pattern.search(sentence)
        if m:
            return topic, m.group(0)
    return None
