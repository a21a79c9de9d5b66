"""Numbers as people say them: "1.2s", "$12k", "42 thousand", "a hundred and twenty", "zero point eight four",
"one in eight", with their units normalised (durations in ms, money in USD) and what they count.

Speech is tokenised once (one linear regex), then read token by token; nothing here backtracks over the text.
Identifiers that contain digits (p95, H100s, GPT-4o, BM25, recall@5, Q3, v2), years, versions, times of day and
split ratios ("80/20") are not numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

# letters first (so p95, h100s, gpt-4o, recall@5, top-5, k=10, wrong-answer, twenty-five are one token), then numbers
_TOKEN = re.compile(
    r"([^\W\d_][^\W_]*+(?:[-'’@=][^\W_]++)*+)"
    r"|(\d++(?:,\d{3})*+(?:\.\d++)?+|\.\d++)"
    r"|(?:->|=>|→|[^\s\w]|_)",
)
MAX_DIGITS = 15  # a longer digit run is an identifier (order number, phone, hash), not a measurement


@dataclass(slots=True)
class Token:
    text: str
    low: str
    start: int
    end: int
    kind: str  # "word" | "num" | "sym"


def tokenize(text: str) -> list[Token]:
    out: list[Token] = []
    append = out.append
    low_text = text.lower()  # lowercasing keeps lengths for these scripts; checked below
    same = len(low_text) == len(text)
    for m in _TOKEN.finditer(text):
        start, end = m.span()
        s = text[start:end]
        group = m.lastindex  # 1 letters first, 2 digits, None a symbol
        if group == 2:
            kind = "num"
        elif group == 1:
            c = s[0]
            kind = "word" if c.isalpha() else "num" if c.isdigit() else "sym"  # "Ⅻ", "²": not words
        else:
            kind = "sym"
        append(Token(s, low_text[start:end] if same else s.lower(), start, end, kind))
    return out


ONES = {"zero": 0, "oh": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
        "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
        "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
        "ninety": 90}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
DIGIT_WORDS = {k: v for k, v in ONES.items() if v < 10}
NUMBER_WORDS = frozenset(ONES) | frozenset(TENS) | frozenset(SCALES)
_MAGNITUDE = {"k": 1_000, "thousand": 1_000, "m": 1_000_000, "mm": 1_000_000, "million": 1_000_000, "mn": 1_000_000,
              "b": 1_000_000_000, "bn": 1_000_000_000, "billion": 1_000_000_000}

# unit word -> (canonical unit, factor to the canonical unit)
UNIT_WORDS: dict[str, tuple[str, float]] = {}
for _names, _unit, _factor in (
    (("%", "percent", "pct", "percents"), "%", 1.0),
    (("pp", "pts", "points", "point", "percentage-points", "percentage-point"), "pp", 1.0),
    (("ms", "msec", "msecs", "millisecond", "milliseconds", "millis"), "ms", 1.0),
    (("s", "sec", "secs", "second", "seconds"), "ms", 1_000.0),
    (("min", "mins", "minute", "minutes"), "ms", 60_000.0),
    (("h", "hr", "hrs", "hour", "hours"), "ms", 3_600_000.0),
    (("day", "days"), "ms", 86_400_000.0),
    (("week", "weeks"), "ms", 604_800_000.0),
    (("dollar", "dollars", "bucks", "usd", "buck"), "USD", 1.0),
    (("cent", "cents", "¢"), "USD", 0.01),
    (("euro", "euros", "eur"), "EUR", 1.0),
    (("pound", "pounds", "gbp", "quid"), "GBP", 1.0),
    (("x", "×", "fold"), "x", 1.0),
):
    for _n in _names:
        UNIT_WORDS[_n] = (_unit, _factor)
_CURRENCY = {"$": ("USD", 1.0), "€": ("EUR", 1.0), "£": ("GBP", 1.0)}
# units that may be written glued to the digits ("800ms", "1.2s", "3x", "12k", "4h")
_GLUED = {"ms", "s", "sec", "secs", "min", "mins", "h", "hr", "hrs", "x", "pp", "k", "m", "mm", "b", "bn", "d"}
PERIODS = {"second": "/s", "sec": "/s", "s": "/s", "minute": "/min", "min": "/min", "hour": "/h", "hr": "/h",
           "h": "/h", "day": "/day", "week": "/week", "month": "/month", "year": "/year", "quarter": "/quarter",
           "night": "/day"}
_RATE_WORDS = {"rps": "/s", "qps": "/s", "tps": "/s", "rpm": "/min", "qpm": "/min", "daily": "/day",
               "weekly": "/week", "monthly": "/month", "hourly": "/h", "nightly": "/day"}
_COMPARATIVES = frozenset("""faster quicker cheaper slower better worse more fewer less higher lower bigger larger
smaller shorter longer""".split())
# words that may sit between a number and its period: "1,200 documents a day", "3.5k requests a minute"
_FUNCTION = frozenset("""a an the of on in at to for from by with and or but so as than that this these those it its
is was were be been are we i you they he she our my your their his her us them me up down per every each
about around roughly like just over under than when after before since then now also only still""".split())
_SPANS = frozenset("months month years year quarters quarter sprints sprint weeks week days day".split())
_AT_K = frozenset({"recall", "precision", "ndcg", "hits", "hit", "map", "mrr", "accuracy", "top", "rate"})
_TIME_OF_DAY = frozenset({"am", "pm", "a.m", "p.m", "o'clock", "oclock"})
_APPROX = frozenset("""about around roughly approximately approx like maybe nearly almost ~ circa some probably
basically somewhere""".split())
_LOWER_BOUND = frozenset({"over", "above", "least", "more", "exceeding", "beyond"})
_UPPER_BOUND = frozenset({"under", "below", "less", "within", "most", "sub", "fewer", "max", "maximum"})


@dataclass(slots=True)
class Quantity:
    """One number as said, with what it measures in (``unit``) and per what (``per``)."""

    said: float  # the number as said, magnitude applied ("12k" -> 12000, "twelve" -> 12), unit not converted
    value: float  # in the canonical unit: ms for durations, USD for money, % for ratios
    unit: str | None  # "%", "pp", "ms", "USD", "EUR", "GBP", "x", or None
    factor: float  # value = said * factor
    first: int  # token span [first, last)
    last: int
    start: int  # character span in the text
    end: int
    per: str | None = None  # "/s", "/day", ... a rate per unit of time; or "call", "request": per thing
    noun: str | None = None  # the counted thing ("cases", "tickets") or, attributive, what it describes
    attributive: bool = False  # "a 400-case suite", "a thirty second timeout", "a five-point scale"
    approx: bool = False
    bound: str | None = None  # "<" under/below/less than, ">" over/above/at least
    spelled: bool = False
    ratio: tuple[float, float] | None = None  # "one in eight" -> (1, 8): value 12.5 %
    scale: float | None = None  # "4.3 out of 5": the scale's top
    relative: bool = False  # "eight percent relative"
    unit_word: str | None = None  # the unit as written
    magnitude: float = 1.0  # "12k", "42 thousand": the magnitude said (a bare number beside it may share it)
    said_range: tuple[float, float] | None = None  # "5 or 6 percent", "3-5%": read at the midpoint

    @property
    def has_unit(self) -> bool:
        return self.unit is not None or self.per is not None or self.ratio is not None


@dataclass(slots=True)
class Scan:
    text: str
    tokens: list[Token]
    quantities: list[Quantity] = field(default_factory=list)
    owner: dict[int, int] = field(default_factory=dict)  # token index -> quantity index
    idents: set[int] = field(default_factory=set)  # token indices of numbers that are identifiers


def _adjacent(a: Token, b: Token) -> bool:
    return a.end == b.start


def _spelled(toks: list[Token], i: int) -> tuple[float, int] | None:
    """A spelled-out number starting at token ``i``: (value, next index)."""
    n = len(toks)
    total, current, j, seen, last = 0.0, 0.0, i, False, ""
    while j < n:
        w = toks[j].low
        parts = w.split("-")
        if len(parts) == 2 and parts[0] in TENS and parts[1] in DIGIT_WORDS and parts[1] != "zero":
            if seen and last not in ("scale", "and"):
                break
            current += TENS[parts[0]] + DIGIT_WORDS[parts[1]]
            seen, last, j = True, "tens", j + 1
            continue
        if w in ONES and w != "oh":
            if seen and last not in ("scale", "and") and not (last == "tens" and ONES[w] < 10):
                break
            if last == "tens" and ONES[w] >= 10:
                break
            current += ONES[w]
            seen, last, j = True, "ones" if last != "tens" else "tens-ones", j + 1
            continue
        if w in TENS:
            if seen and last not in ("scale", "and"):
                break
            current += TENS[w]
            seen, last, j = True, "tens", j + 1
            continue
        if w == "a" and not seen and j + 1 < n and toks[j + 1].low in SCALES:
            current, seen, last, j = 1.0, True, "a", j + 1
            continue
        if w in SCALES and seen and last != "scale":
            if w == "hundred":
                current = (current or 1) * 100
            else:
                total += (current or 1) * SCALES[w]
                current = 0.0
            last, j = "scale", j + 1
            continue
        if w == "and" and seen and last == "scale" and j + 1 < n and (toks[j + 1].low in ONES or
                                                                        toks[j + 1].low.split("-")[0] in TENS):
            last, j = "and", j + 1
            continue
        break
    if not seen:
        return None
    value = total + current
    # "two and a half", "eight and a half"
    if j + 2 < n and toks[j].low == "and" and toks[j + 1].low == "a" and toks[j + 2].low == "half":
        value, j = value + 0.5, j + 3
    # "zero point eight four", "one point two"
    elif j + 1 < n and toks[j].low == "point" and toks[j + 1].low in DIGIT_WORDS and last in ("ones", "tens",
                                                                                             "tens-ones"):
        digits, k = "", j + 1
        while k < n and toks[k].low in DIGIT_WORDS:
            digits += str(DIGIT_WORDS[toks[k].low])
            k += 1
        if value == int(value) and value < 1000:
            value, j = float(f"{int(value)}.{digits}"), k
    return value, j


def _leading_point(toks: list[Token], i: int) -> tuple[float, int] | None:
    """ "point seven eight" -> 0.78 """
    if toks[i].low != "point" or i + 1 >= len(toks) or toks[i + 1].low not in DIGIT_WORDS:
        return None
    if i > 0 and (toks[i - 1].low in NUMBER_WORDS or toks[i - 1].kind == "num"
                  or toks[i - 1].low in ("this", "that", "one", "some", "the", "a", "any", "what", "which")):
        return None
    digits, k = "", i + 1
    while k < len(toks) and toks[k].low in DIGIT_WORDS:
        digits += str(DIGIT_WORDS[toks[k].low])
        k += 1
    return float("0." + digits), k


_FRACTIONS = {("half",): 50.0, ("a", "half"): 50.0, ("a", "third"): 100 / 3, ("one", "third"): 100 / 3,
              ("two", "thirds"): 200 / 3, ("a", "quarter"): 25.0, ("one", "quarter"): 25.0,
              ("three", "quarters"): 75.0, ("a", "fifth"): 20.0, ("a", "tenth"): 10.0}
_FRACTION_FIRST = frozenset(k[0] for k in _FRACTIONS)
_FRACTION_SECOND = frozenset(k[1] for k in _FRACTIONS if len(k) > 1)
_FRACTION_LEAD = frozenset("about around roughly nearly almost just over under a bit little well like maybe".split())


def _is_cents(tok: Token) -> bool:
    """A spelled number from ten to ninety-nine: the cents of "a dollar twenty", "four ninety-five"."""
    w = tok.low
    return w in TENS or w in ONES and ONES[w] >= 10 or "-" in w and w.split("-", 1)[0] in TENS


_MONEY_WORDS = frozenset(w for w, (u, _f) in UNIT_WORDS.items() if u in ("USD", "EUR", "GBP")) | frozenset(_CURRENCY)


def _spoken_price(toks: list[Token], i: int, units: float) -> tuple[float, int, tuple[str, float]] | None:
    """ "four ninety-five" said of money: 4.95 in the currency named just before (or right after) it."""
    j = i + 1
    if not _is_cents(toks[j]):
        return None
    got = _spelled(toks, j)
    if got is None or not 10 <= got[0] <= 99 or got[1] - j > 2:
        return None
    cents, k = got
    around = [t.low for t in toks[max(0, i - 8):i]] + ([toks[k].low] if k < len(toks) else [])
    money = next((w for w in reversed(around) if w in _MONEY_WORDS), None)
    if money is None:
        return None
    currency = _CURRENCY.get(money) or UNIT_WORDS[money]
    if currency[1] != 1.0:
        return None  # "cents": not a price in units and cents
    return units + cents / 100, k, currency


def _fraction_value(toks: list[Token], i: int) -> tuple[float, int] | None:
    """ "from about a quarter to a bit over half": a fraction as a share, only between "from" and "to"."""
    if toks[i].low != "half" and (i + 1 >= len(toks) or toks[i + 1].low not in _FRACTION_SECOND):
        return None  # most "a", "one", "two" start no fraction
    for size in (2, 1):
        key = tuple(t.low for t in toks[i:i + size])
        if key in _FRACTIONS and len(key) == size:
            k = i - 1
            while k >= 0 and i - k <= 4 and toks[k].low in _FRACTION_LEAD:
                k -= 1
            if k >= 0 and toks[k].low in ("from", "to") and not (i + size < len(toks) and toks[i + size].low in (
                    "of", "an", "a", "the", "hour", "hours", "day", "percent", "%")):
                return _FRACTIONS[key], i + size
            return None
    return None


def _digits(tok: Token) -> float | None:
    raw = tok.text.replace(",", "")
    if len(raw.replace(".", "")) > MAX_DIGITS:
        return None
    try:
        return float(raw)
    except ValueError:  # pragma: no cover - the token regex only admits digits, commas and one dot
        return None


def _is_identifier(toks: list[Token], i: int) -> bool:
    """A digit token that names something: 80/20, 3.14.2, 8B, 3rd, 24/7, 2 a.m., a year, a long id."""
    t = toks[i]
    n = len(toks)
    if _digits(t) is None:
        return True
    prev = toks[i - 1] if i > 0 else None
    nxt = toks[i + 1] if i + 1 < n else None
    if prev is not None and _adjacent(prev, t) and prev.text in ("/", ".", "#", ":", "-", "v", "V"):
        if prev.text == "-" and (i < 2 or not _adjacent(toks[i - 2], prev) or toks[i - 2].kind != "num"):
            return False  # "-5%": a sign, not "3-5" (a range is read by the caller)
        return prev.text != "-"
    if prev is not None and _adjacent(prev, t) and (prev.kind == "word" or prev.kind == "num" and t.text[0] == "."):
        return True  # "Q3", "GPT4", "A100" (letters first are one token; this is the rare split case)
    if nxt is not None and _adjacent(t, nxt):
        if nxt.text in ("/", ":", "#") and i + 2 < n and toks[i + 2].kind == "num" and _adjacent(nxt, toks[i + 2]):
            return True  # 80/20, 24/7, 3:15, 1/3 (a fraction would be said "one in three")
        if nxt.text == "." and i + 2 < n and toks[i + 2].kind == "num" and _adjacent(nxt, toks[i + 2]):
            return True  # 3.14.2
        if nxt.kind == "num" and nxt.text.startswith("."):
            return True  # 3.14.2 read as "3.14" ".2"
        if nxt.kind == "word" and nxt.low not in _GLUED and nxt.low not in UNIT_WORDS and nxt.low not in _TIME_OF_DAY:
            return True  # 8B, 3rd, 4o, 5G
    if nxt is not None and (nxt.low in _TIME_OF_DAY or (nxt.low in ("a", "p") and i + 2 < n and toks[i + 2].text == "."
                                                          and i + 3 < n and toks[i + 3].low == "m")):
        return True  # 2 a.m., 7pm
    if "." not in t.text and "," not in t.text and 1900 <= (_digits(t) or 0) <= 2099 and len(t.text) == 4:
        unit_next = nxt is not None and (nxt.low in UNIT_WORDS or nxt.low in _GLUED) and nxt.low not in ("s",) or (
            nxt is not None and nxt.text == "-" and _adjacent(t, nxt) and i + 2 < n and toks[i + 2].kind == "word"
            and toks[i + 2].low not in ("ish",))  # "a 2000-example set" is a size, not a year
        if not unit_next:
            return True  # a year
    return False


def _period(toks: list[Token], j: int) -> tuple[str | None, int, str | None]:
    """A rate after a number or unit: "a day", "per second", "/s", "rps", "a call". (period, next index, noun)"""
    n = len(toks)
    if j >= n:
        return None, j, None
    w = toks[j].low
    if w in _RATE_WORDS:
        return _RATE_WORDS[w], j + 1, None
    if w in ("a", "an", "per", "/", "each", "every") and j + 1 < n:
        nxt = toks[j + 1].low
        base = nxt[:-1] if nxt.endswith("s") and nxt[:-1] in PERIODS else nxt
        if w == "every" and base in PERIODS:
            return None, j, None  # "every day": a schedule, read by the caller as configuration
        if base in PERIODS and not (w in ("a", "an") and base in ("second", "minute", "hour") and j + 2 < n and (
                toks[j + 2].low == "or" or toks[j + 2].low == "to" and not (j + 3 < n and (
                    toks[j + 3].kind == "num" or toks[j + 3].low in NUMBER_WORDS)))):  # "a minute or two"; "40 an hour to 65"
            return PERIODS[base], j + 2, None
        if w in ("per", "a", "an", "each") and toks[j + 1].kind == "word" and nxt not in _FUNCTION \
                and nxt not in NUMBER_WORDS and nxt not in UNIT_WORDS and w != "a" or (
                    w in ("a", "an") and nxt in ("call", "request", "query", "ticket", "task", "run", "job",
                                                 "conversation", "document", "page", "user", "prediction", "token")):
            return None, j + 2, nxt  # "per request", "a call": money per thing
    return None, j, None


# the words a number may start with (spelled numbers, "a hundred", "a second", "point seven", "half a percent",
# "a third" between "from" and "to", "minus five")
_STARTERS = NUMBER_WORDS | {"a", "an", "point", "half", "minus", "negative"} | _FRACTION_FIRST


@lru_cache(maxsize=1024)
def scan(text: str) -> Scan:
    """Every number in ``text`` with its unit, magnitude and what it counts (cached: treat the result as
    read-only)."""
    toks = tokenize(text)
    sc = Scan(text, toks)
    n = len(toks)
    i = 0
    starters = _STARTERS
    while i < n:
        t = toks[i]
        if t.kind == "word" and t.low not in starters and ("-" not in t.low or t.low.split("-", 1)[0] not in TENS):
            i += 1  # most words start no number: skipped without the checks below
            continue
        start_i = i
        currency = None
        sign = 1.0
        if t.text in _CURRENCY and i + 1 < n and toks[i + 1].kind == "num" and _adjacent(t, toks[i + 1]):
            currency = _CURRENCY[t.text]
            i += 1
            t = toks[i]
        elif t.text == "-" and i + 1 < n and toks[i + 1].kind == "num" and _adjacent(t, toks[i + 1]) and (
                i == 0 or not _adjacent(toks[i - 1], t)):
            sign, i, t = -1.0, i + 1, toks[i + 1]
        elif t.low in ("minus", "negative") and i + 1 < n and (toks[i + 1].kind == "num" or toks[i + 1].low in ONES):
            sign, i, t = -1.0, i + 1, toks[i + 1]
        said: float | None = None
        spelled = False
        fraction_pct = False
        j = i
        if t.kind == "num":
            if _is_identifier(toks, i):
                sc.idents.add(i)
                i += 1
                continue
            said = _digits(t)
            j = i + 1
        else:
            low = t.low
            got = None
            if low in NUMBER_WORDS or low == "a" and i + 1 < n and toks[i + 1].low in SCALES or \
                    "-" in low and low.split("-", 1)[0] in TENS:
                got = _spelled(toks, i)
            elif low == "point":
                got = _leading_point(toks, i)
            if got is not None:
                said, j = got
                spelled = True
                if toks[i].low == "a" and j == i + 1:  # "a" alone is not a number
                    said = None
                elif j == i + 1 and j < n and low in ONES and currency is None and (
                        price := _spoken_price(toks, i, said)) is not None:
                    said, j, currency = price  # "about five euros instead of four ninety-five"
            elif t.low in _FRACTION_FIRST and (frac := _fraction_value(toks, i)) is not None:
                said, j, spelled = frac[0], frac[1], True
                fraction_pct = True
            elif t.low == "half" and i + 2 < n and toks[i + 1].low in ("a", "an") and (
                    toks[i + 2].low in UNIT_WORDS or toks[i + 2].low in ("percentage",)):
                said, j, spelled = 0.5, i + 2, True  # "half a percent", "half a second"
            elif t.low in ("a", "an") and i + 1 < n and toks[i + 1].low in ("second", "minute", "hour", "day",
                                                                             "week", "dollar", "cent", "euro", "buck",
                                                                             "pound"):
                prev = toks[i - 1].low if i > 0 else ""
                prev2 = toks[i - 2].low if i > 1 else ""
                nxt = toks[i + 2] if i + 2 < n else None
                ordinal = nxt is not None and nxt.kind == "word" and nxt.low not in _FUNCTION  # "a second provider"
                cents = nxt is not None and toks[i + 1].low in ("dollar", "euro", "buck", "pound") and _is_cents(nxt)
                if cents or not ordinal and (prev in _APPROX or prev in _LOWER_BOUND or prev in _UPPER_BOUND or prev in (
                        "than", "just") or prev == "to" and prev2 in ("close", "closer", "down", "up")):
                    said, j, spelled = 1.0, i + 1, True  # "around a second", "under a minute"
        if said is None:
            i = start_i + 1
            continue
        if start_i >= 2 and toks[start_i - 1].low in ("at", "@") and toks[start_i - 2].low in _AT_K:
            sc.idents.add(start_i)  # "recall at five" is recall@5: the 5 is a setting, not a value
            i = j
            continue
        said *= sign
        # "3-5%", "5 to 8 percent" are read as ranges by the claims layer; here only the glued hyphen form
        range_hi = None
        if j + 1 < n and toks[j].text == "-" and toks[j + 1].kind == "num" and _adjacent(toks[j - 1], toks[j]) \
                and _adjacent(toks[j], toks[j + 1]) and not _is_identifier(toks, j + 1):
            range_hi = _digits(toks[j + 1])
            if range_hi is not None and range_hi > said:
                j += 2
            else:
                range_hi = None
        # magnitude: 12k, 3.5k, 42 thousand, $2m, 1.5 million, 3 grand
        magnitude = 1.0
        if j < n:
            w = toks[j].low
            glued = _adjacent(toks[j - 1], toks[j])
            if w == "grand" and not spelled or w == "grand" and said >= 2:
                currency = currency or ("USD", 1.0)
                w = "thousand"  # "three grand" is $3,000
            if (w in ("k", "thousand", "million", "billion", "mn", "bn") and (glued or w not in ("k", "mn", "bn"))) \
                    or (w in ("m", "mm", "b") and glued and currency is not None) \
                    or (w in ("m", "mm") and glued and j + 1 < n and toks[j + 1].kind == "word"
                        and toks[j + 1].low not in _FUNCTION and toks[j + 1].low not in UNIT_WORDS):  # "1.2M tokens"
                mult = magnitude = _MAGNITUDE[w]
                said *= mult
                if range_hi is not None:
                    range_hi *= mult
                j += 1
        # "5 or 6 percent", "60, 70 percent": a spoken range, read at its midpoint with the second number's unit
        if range_hi is None and j + 1 < n and toks[j].low in ("or", ",") and (toks[j].low == "or" or spelled or
                                                                         toks[j - 1].kind == "num"):
            k = j + 1
            hi = None
            if toks[k].kind == "num" and not _is_identifier(toks, k):
                hi, k2 = _digits(toks[k]), k + 1
            elif toks[k].low in NUMBER_WORDS:
                got = _spelled(toks, k)
                if got is not None:
                    hi, k2 = got
            if hi is not None and said < hi <= max(3 * said, said + 10) and k2 < n and (
                    toks[k2].low in ("%", "percent", "ms", "milliseconds", "seconds", "minutes", "points", "x",
                                     "cents", "dollars", "hours")):
                range_hi, j = hi, k2
        said_range = None
        if range_hi is not None:
            said_range = (said, range_hi)
            said = (said + range_hi) / 2
        unit, factor, unit_word = None, 1.0, None
        if currency is not None:
            unit, factor = currency
        if fraction_pct:
            unit, unit_word = "%", "fraction"
        per = noun = None
        ratio = scale = None
        relative = False
        attributive = False
        # unit words
        if j < n:
            w = toks[j].low
            glued = _adjacent(toks[j - 1], toks[j])
            two = f"{w} {toks[j + 1].low}" if j + 1 < n else ""
            if two in ("per cent", "percentage points", "percentage point", "basis points"):
                unit, factor, unit_word = ("%", 1.0, two) if two == "per cent" else (
                    ("pp", 0.01, two) if two == "basis points" else ("pp", 1.0, two))
                j += 2
            elif w in UNIT_WORDS and (glued or w not in _GLUED or w in ("ms", "x", "pp", "hrs", "secs", "mins")
                                      or w in ("s", "h", "min", "sec", "hr") and not (j + 1 < n and toks[j + 1].kind
                                                                                   == "word" and toks[j + 1].low
                                                                                   in _FUNCTION | {"of"})):
                if w in ("point", "points") and j + 1 < n and toks[j + 1].low in ("scale", "likert", "rubric"):
                    attributive, noun, j = True, toks[j + 1].low, j + 2
                elif w == "s" and not glued and j > 0 and toks[j - 1].kind != "num":
                    pass
                else:
                    u, f = UNIT_WORDS[w]
                    if unit == "USD" and u == "USD":
                        pass  # "$12 dollars"
                    else:
                        unit, factor, unit_word = u, f, w
                    j += 1
                    if f == 1.0 and u in ("USD", "EUR", "GBP") and said == int(said) and range_hi is None and \
                            j < n and _is_cents(toks[j]) and (got := _spelled(toks, j)) is not None and (
                                got[1] >= n or toks[got[1]].low not in UNIT_WORDS and toks[got[1]].low not in (
                                    "percent", "thousand", "million")):
                        said, j = said + got[0] / 100, got[1]  # "a dollar twenty", "two euros fifty"
            elif w == "times" and j + 1 < n and (toks[j + 1].low in _COMPARATIVES or toks[j + 1].low in (
                    "as", "the", "speedup", "improvement", "over", "faster", "cheaper", "more", "fewer", "less")):
                unit, factor, unit_word = "x", 1.0, "times"
                j += 1
            elif w == "-" and j + 1 < n and glued and _adjacent(toks[j], toks[j + 1]) and toks[j + 1].kind == "word":
                # "400-case", "30-second", "five-point": describes a thing
                head = toks[j + 1].low
                if head in UNIT_WORDS:
                    unit, factor = UNIT_WORDS[head]
                    unit_word = head
                    if head in ("fold",):
                        j += 2
                    else:
                        attributive, j = True, j + 2
                        if j < n and toks[j].kind == "word" and toks[j].low not in _FUNCTION:
                            noun = toks[j].low
                else:
                    attributive, noun, j = True, head, j + 2
                    if j < n and toks[j].kind == "word" and toks[j].low not in _FUNCTION:
                        noun = f"{head} {toks[j].low}"
        # "2 minutes 40 seconds", "an hour and 20 minutes": one duration
        if unit == "ms" and currency is None and not attributive:
            k = j + 1 if j < n and toks[j].low == "and" else j
            extra = None
            if k < n and toks[k].kind == "num" and not _is_identifier(toks, k):
                extra, k2 = _digits(toks[k]), k + 1
            elif k < n and toks[k].low in NUMBER_WORDS:
                got = _spelled(toks, k)
                if got is not None:
                    extra, k2 = got
            if extra is not None and k2 < n and toks[k2].low in UNIT_WORDS and UNIT_WORDS[toks[k2].low][0] == "ms" \
                    and UNIT_WORDS[toks[k2].low][1] < factor:
                said = said + extra * UNIT_WORDS[toks[k2].low][1] / factor
                j = k2 + 1
        # "percent relative"
        if j < n and toks[j].low == "relative" and unit in ("%", "pp"):
            relative, j = True, j + 1
        # ratios: "one in eight", "nine of 600", "52 out of 200", "4.3 out of 5"
        if unit is None and not attributive and j + 1 < n:
            w = toks[j].low
            k = None  # type: ignore[assignment]  # reused index: None until a ratio word is found
            if w == "in" and toks[j + 1].low == "every":
                k = j + 2
            elif w == "out" and toks[j + 1].low == "of":
                k = j + 2
            elif w in ("in", "of"):
                k = j + 1
                if w == "of" and k < n and toks[k].low == "the":
                    k += 1
            elif said <= 10 and said == int(said):
                # "one wrong refund in every fifty tickets": a few words naming what is counted
                m = j
                while m < min(j + 3, n) and toks[m].kind == "word" and toks[m].low not in _FUNCTION \
                        and toks[m].low not in UNIT_WORDS and toks[m].low not in NUMBER_WORDS \
                        and toks[m].low not in PERIODS and toks[m].low.rstrip("s") not in PERIODS:
                    m += 1
                if j < m < n - 1 and toks[m].low == "in":
                    k = m + 2 if toks[m + 1].low == "every" else m + 1
                    noun = " ".join(t.low for t in toks[j:m])
                    w = "in"
            if k is not None and k < n:
                den = None
                if toks[k].kind == "num" and not _is_identifier(toks, k):
                    den, k2 = _digits(toks[k]), k + 1
                else:
                    got = _spelled(toks, k)
                    if got is not None:
                        den, k2 = got
                if den and k2 < n and w == "in" and (toks[k2].low in UNIT_WORDS and UNIT_WORDS[toks[k2].low][0] == "ms"
                                                    or toks[k2].low in _SPANS):
                    den = None  # "from 6 to 15 in eighteen months": a time span, not one in eighteen
                if den and den > 0 and (w != "of" or den > said) and (w != "in" or den >= said):
                    if w == "out" and den <= 10 and (said != int(said) or den in (5, 10)) and said <= den:
                        scale = den
                    else:
                        ratio = (said, den)
                        unit, factor = "%", 100.0 / den
                    j = k2
        # rate: "requests per second", "300 a day", "1,200 documents a day", "42 thousand tickets a month"
        if not attributive:
            p, j2, thing = _period(toks, j)
            if p is None and thing is None and j < n and toks[j].kind == "word" and toks[j].low not in _FUNCTION \
                    and toks[j].low not in UNIT_WORDS and toks[j].low not in NUMBER_WORDS:
                k = j + 1
                if k < n and toks[k].kind == "word" and toks[k].low not in _FUNCTION and toks[k].low not in UNIT_WORDS:
                    p2, k2, _ = _period(toks, k + 1)
                    if p2 is not None:
                        noun, p, j2 = f"{toks[j].low} {toks[k].low}", p2, k2
                if p is None:
                    p2, k2, _ = _period(toks, k)
                    if p2 is not None:
                        noun, p, j2 = toks[j].low, p2, k2
            if p is not None or thing is not None:
                if unit == "ms" and p is not None:
                    pass  # "two seconds a day" is not a rate we read
                else:
                    per, j = p or thing, j2
        if noun is None and not attributive and j < n and toks[j].kind == "word" and toks[j].low not in _FUNCTION \
                and toks[j].low not in NUMBER_WORDS:
            noun = toks[j].low
        approx, bound = False, None
        k = start_i - 1
        while k >= 0 and k >= start_i - 3:
            w = toks[k].low
            if w in _APPROX or w == ",":
                approx = approx or w != ","
            elif w in _UPPER_BOUND or (w == "than" and k > 0 and toks[k - 1].low in ("less", "fewer")):
                bound = "<"
            elif w in _LOWER_BOUND or (w == "than" and k > 0 and toks[k - 1].low == "more"):
                bound = ">"
            elif w == "more" and toks[k + 1].low == "like":
                approx = True  # "more like one in forty": an estimate, not a bound
            elif w in ("just", "to", "close", "closer", "at", "than", "a", "bit", "little", "like", "well"):
                pass
            else:
                break
            k -= 1
        last_tok = toks[j - 1]
        q = Quantity(said=said, value=canon(said * factor), unit=unit, factor=factor, first=start_i, last=j,
                     start=toks[start_i].start, end=last_tok.end, per=per, noun=noun, attributive=attributive,
                     approx=approx, bound=bound, spelled=spelled, ratio=ratio, scale=scale, relative=relative,
                     unit_word=unit_word, said_range=said_range, magnitude=magnitude)
        qi = len(sc.quantities)
        sc.quantities.append(q)
        for k in range(start_i, j):
            sc.owner[k] = qi
        i = j
    _contrasted_money(sc)
    return sc


_CONTRAST = frozenset({",", "not", "instead", "of", "rather", "than", "but", "or", "versus", "vs", "and", "when",
                       "where", "it", "was", "should", "have", "been", "the", "right", "correct", "amount", "is"})


def _contrasted_money(sc: Scan) -> None:
    """ "about five euros, not 4.95", "five euros instead of 4.95": a bare number set against an amount of money is
    an amount in the same currency."""
    qs, toks = sc.quantities, sc.tokens
    for k in range(1, len(qs)):
        q, prev = qs[k], qs[k - 1]
        if q.unit is not None or q.per is not None or q.ratio is not None or q.attributive or \
                prev.unit not in ("USD", "EUR", "GBP") or not 0 < q.first - prev.last <= 6:
            continue
        between = [t.low for t in toks[prev.last:q.first]]
        if any(w not in _CONTRAST for w in between) or not {"not", "instead", "rather", "versus", "vs"} & set(between):
            continue
        q.unit, q.factor, q.value = prev.unit, prev.factor, canon(q.said * prev.factor)


def canon(v: float) -> float:
    """A converted value without float noise: 35 cents is 0.35 USD, not 0.35000000000000003."""
    return float(f"{v:.12g}")


def fmt(v: float) -> str:
    """A number as plain digits: 12000, 0.42, 1.5 (never an exponent)."""
    if v == int(v) and abs(v) < 1e15:
        return str(int(v))
    return f"{v:.6f}".rstrip("0").rstrip(".")


def stated_numbers(text: str) -> set[str]:
    """Every number said in ``text``, as plain digits: "twelve percent" and "12%" are both "12", "$12k" is "12000"."""
    out: set[str] = set()
    for q in scan(text).quantities:
        out.update(fmt(v) for v in (q.said_range or (q.said,)))
        if q.ratio:
            out.add(fmt(q.ratio[1]))
    return out
