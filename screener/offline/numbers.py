"""Find the candidate's quantified claims and sort real measurements from numbers that measure nothing."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .phrases import PhraseIndex

_NUM = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_UNIT = (
    r"%|percent(?:age points?)?|pp\b|points?\b|ms\b|milliseconds?|s\b|secs?\b|seconds?|minutes?|mins?\b|hours?|hrs?\b|"
    r"days?|x\b|×|k\b|tokens?|cents?|dollars?|usd\b|bucks"
)
NUMBER = re.compile(rf"(?<![\w@=.-])(?P<cur>\$)?(?P<num>{_NUM})\s*(?P<unit>{_UNIT})?", re.I)

# "from 2.1 s to 900 ms", "2.1s -> 900ms", "71% down to 93%", "went from 12 to 3"
BEFORE_AFTER = re.compile(
    rf"(?:\bfrom\s+(?:about\s+|around\s+|roughly\s+|like\s+)?)(?P<b>\$?{_NUM}\s*(?:{_UNIT})?)\s*"
    rf"(?:all the way\s+)?(?:down\s+|up\s+)?(?:to|→|->|=>)\s+(?:about\s+|around\s+|roughly\s+|like\s+|under\s+|over\s+)?"
    rf"(?P<a>\$?{_NUM}\s*(?:{_UNIT})?)"
    rf"|(?P<b2>\$?{_NUM}\s*(?:{_UNIT})?)\s*(?:→|->|=>|down to|up to|(?:went|dropped|fell|came|got|rose|climbed|jumped|"
    rf"moved|shrank|grew)\s+(?:all the way\s+)?(?:down\s+|up\s+)?to)\s*(?:about\s+|around\s+|roughly\s+|under\s+|over\s+)?"
    rf"(?P<a2>\$?{_NUM}\s*(?:{_UNIT})?)",
    re.I,
)
RELATIVE = re.compile(
    rf"\b(?P<verb>cut|cutting|reduced?|reducing|decreased?|lowered?|dropped|drop|slashed|shrank|eliminated|"
    rf"improved?|improving|increased?|boosted?|raised|grew|lifted|sped up|speeded up)\b[^.;%\d]{{0,40}}?\bby\s+"
    rf"(?:about\s+|around\s+|roughly\s+|over\s+|almost\s+|nearly\s+)?(?P<num>{_NUM})\s*(?P<unit>%|percent|x\b|×)",
    re.I,
)
# "down 18 percent", "up 12%", "18 percent lower", "3x faster"
RELATIVE_SHORT = re.compile(
    rf"\b(?P<verb>down|up)\s+(?:by\s+)?(?:about\s+|around\s+|roughly\s+)?(?P<num>{_NUM})\s*(?P<unit>%|percent|x\b|×)"
    rf"|(?P<num2>{_NUM})\s*(?P<unit2>%|percent|x\b|×)\s+(?P<dir>lower|higher|fewer|more|less|faster|slower|cheaper|better|worse)\b",
    re.I,
)
NON_MEASUREMENT = re.compile(
    rf"(?<![\w.])(?P<num>{_NUM})\s*\+?\s*(?:-\s*)?(?P<what>years?|yrs?|months? of experience|people|engineers|"
    rf"persons?|devs|developers|members|reports|teammates|tools|frameworks|models|libraries|languages|vendors|"
    rf"meetings|projects|companies|startups|clients|certifications?|certificates|courses|hackathons|papers|followers|"
    rf"stars|million in funding|m in funding|employees|countries|offices|interns|patents|apps|products|teams|"
    rf"different|llms|agents|hours of (?:courses|videos|training)|books|conferences|talks)\b",
    re.I,
)
WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100,
    "a hundred": 100, "thousand": 1000, "a thousand": 1000,
}
_WNUM = rf"(?:{_NUM}|{'|'.join(sorted(WORD_NUMBERS, key=len, reverse=True))})"
# "between five and eleven points", "about two points": spelled-out numbers with a unit
WORD_WITH_UNIT = re.compile(
    rf"\b(?P<num>{'|'.join(sorted(WORD_NUMBERS, key=len, reverse=True))})\s+(?P<unit>points?|percent|"
    rf"percentage points|minutes|seconds|hours|days)\b",
    re.I,
)
_APPROX = r"(?:about\s+|around\s+|roughly\s+|nearly\s+|almost\s+|under\s+|over\s+)?"
# "from 1 in 9 to 1 in 40", "from about two in five to about one in four"
RATIO_PAIR = re.compile(
    rf"\bfrom\s+{_APPROX}(?P<bn>{_WNUM})\s+(?:in|out of)\s+(?:every\s+)?(?P<bd>{_WNUM})\s+(?:down\s+|up\s+)?to\s+"
    rf"{_APPROX}(?P<an>{_WNUM})\s+(?:in|out of)\s+(?:every\s+)?(?P<ad>{_WNUM})\b",
    re.I,
)
# "52 out of 200", "23 of the 200", "one in six", "seven in every hundred"
RATIO = re.compile(rf"(?<![\w.])(?P<n>{_WNUM})\s+(?:out of|of the|in)\s+(?:every\s+)?(?P<d>{_WNUM})\b", re.I)
_HTTP_STATUS = re.compile(r"[1-5]\d\ds")
YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
METRIC_PHRASES = (
    "latency", "p50", "p90", "p95", "p99", "accuracy", "precision", "recall", "f1", "auc", "roc", "pr-auc", "rmse",
    "mae", "mape", "wape", "ndcg", "mrr", "hit rate", "error rate", "failure rate", "hallucination", "hallucinations",
    "hallucination rate", "faithfulness", "groundedness", "pass rate", "win rate", "resolution rate", "deflection",
    "escalation", "escalations", "escalation rate", "cost", "spend", "bill", "token", "tokens", "throughput", "qps",
    "rps", "time to first token", "ttft", "uptime", "availability", "incident", "incidents", "ticket", "tickets",
    "churn", "conversion", "ctr", "click-through", "revenue", "calibration", "brier", "log loss", "drift", "psi", "ks",
    "false positive", "false positives", "false negative", "false negatives", "wrong answer", "wrong answers",
    "correct", "cases", "examples", "queries", "questions", "conversations", "samples", "label", "labels", "rows",
    "records", "timeout", "timeouts", "error", "errors", "retries", "rate limit", "rate limits", "cache hit",
    "hit ratio", "coverage", "agreement", "kappa", "score", "rate", "share", "percent", "wrong", "bad answer",
    "bad answers", "complaint", "complaints", "minutes", "seconds", "milliseconds", "ms", "hours", "dollars",
)
_METRICS = PhraseIndex({"metric": METRIC_PHRASES})
_REDUCE = re.compile(r"\b(?:cut|cutting|reduce|reduced|reducing|decrease|decreased|lower|lowered|drop|dropped|"
                     r"slashed|shrank|eliminated|fewer|less)\b", re.I)
_FASTER = re.compile(r"\b(?:faster|quicker|speed(?:ed)? up|sped up|snappier|lower latency|reduced latency|"
                     r"cut latency|latency (?:went )?down|improved latency|better latency)\b", re.I)
_RATE_CONTEXT = re.compile(r"\b(?:accuracy|precision|recall|f1|auc|pass rate|win rate|coverage|uptime|"
                           r"availability|correct|success rate|hit rate)\b", re.I)
_TIME_UNITS = {"ms": 0.001, "millisecond": 0.001, "milliseconds": 0.001, "s": 1, "sec": 1, "secs": 1, "second": 1,
               "seconds": 1, "minute": 60, "minutes": 60, "min": 60, "mins": 60, "hour": 3600, "hours": 3600,
               "hr": 3600, "hrs": 3600}


@dataclass
class Claim:
    """One number (or before -> after pair) in a sentence of a candidate turn."""

    turn: int
    sentence: str
    metric: str
    before: float | None
    after: float | None
    unit: str | None
    kind: str  # "measurement" | "non_measurement" | "config"
    plausible: bool = True
    why_implausible: str | None = None
    echoed: bool = False  # the interviewer said these numbers first and the candidate only agreed
    relative: bool = False  # a change stated relative to something ("cut by 30%", "down 18 percent")
    numbers: list[str] = field(default_factory=list)

    @property
    def credited(self) -> bool:
        return self.kind == "measurement" and self.plausible and not self.echoed


def _value(token: str) -> tuple[float, str | None]:
    m = NUMBER.search(token)
    assert m is not None
    num = float(m.group("num").replace(",", ""))
    unit = (m.group("unit") or "").lower() or None
    if m.group("cur"):
        unit = "$"
    return num, unit


def _seconds(value: float, unit: str | None) -> float | None:
    if unit is None:
        return None
    factor = _TIME_UNITS.get(unit.rstrip(".").lower())
    return value * factor if factor is not None else None


def _metric_near(found: list[tuple[int, int, str]], pos: int, within: int = 10**9) -> str:
    """The metric a number is about: the sentence's metric word nearest to it (within ``within`` chars)."""
    best, best_d = None, within + 1
    for start, end, word in found:
        d = min(abs(start - pos), abs(end - pos))
        if d < best_d:
            best, best_d = word, d
    return best or "unspecified"


def _f(token: str) -> float:
    word = WORD_NUMBERS.get(token.lower())
    return float(word) if word is not None else float(token.replace(",", ""))


_ANY_NUMBER = re.compile(rf"\d|\b(?:{'|'.join(WORD_NUMBERS)})\b", re.I)


def sentences(text: str) -> list[str]:
    """Split a turn into sentences (verbatim substrings)."""
    parts = re.split(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(“])", text.strip())
    return [p for p in (s.strip() for s in parts) if p]


def extract_claims(turn: int, text: str, metric_hits: list[tuple[int, int, str]] | None = None) -> list[Claim]:
    """Every number in ``text`` as a claim; ``metric_hits`` are the METRIC_PHRASES found in it, if already known."""
    claims: list[Claim] = []
    if not _ANY_NUMBER.search(text):
        return claims
    all_metrics = _METRICS.scan(text)["metric"] if metric_hits is None else metric_hits
    pos = 0
    for sentence in sentences(text):
        offset = text.find(sentence, pos)
        pos = offset + len(sentence) if offset >= 0 else pos
        if not _ANY_NUMBER.search(sentence):
            continue
        if offset >= 0:
            end = offset + len(sentence)
            metrics = [(a - offset, b - offset, w) for a, b, w in all_metrics if offset <= a and b <= end]
        else:  # pragma: no cover - sentences() returns substrings of text
            metrics = _METRICS.scan(sentence)["metric"]
        covered: list[tuple[int, int]] = []

        def free(s: int, e: int, covered: list[tuple[int, int]] = covered) -> bool:
            return all(e <= cs or s >= ce for cs, ce in covered)

        for m in NON_MEASUREMENT.finditer(sentence):
            covered.append(m.span())
            claims.append(Claim(turn, sentence, m.group("what").lower(), None, float(m.group("num").replace(",", "")),
                                None, "non_measurement", numbers=[m.group("num")]))
        for m in RATIO_PAIR.finditer(sentence):
            covered.append(m.span())
            bd, ad = _f(m.group("bd")), _f(m.group("ad"))
            b = 100 * _f(m.group("bn")) / bd if bd else None
            a = 100 * _f(m.group("an")) / ad if ad else None
            claims.append(Claim(turn, sentence, _metric_near(metrics, m.start()), b, a, "%", "measurement",
                                numbers=[m.group(0)]))
        for m in RATIO.finditer(sentence):
            if not free(*m.span()):
                continue
            covered.append(m.span())
            d = _f(m.group("d"))
            claims.append(Claim(turn, sentence, _metric_near(metrics, m.start()), None,
                                100 * _f(m.group("n")) / d if d else None, "%", "measurement", numbers=[m.group(0)]))
        for m in BEFORE_AFTER.finditer(sentence):
            if not free(*m.span()):
                continue
            b_tok, a_tok = m.group("b") or m.group("b2"), m.group("a") or m.group("a2")
            if YEAR.fullmatch(b_tok.strip()) and YEAR.fullmatch(a_tok.strip()):
                covered.append(m.span())
                continue  # "from 2019 to 2022"
            covered.append(m.span())
            b, bu = _value(b_tok)
            a, au = _value(a_tok)
            unit = au or bu
            claim = Claim(turn, sentence, _metric_near(metrics, m.start()), b, a, unit, "measurement",
                          numbers=[b_tok.strip(), a_tok.strip()])
            _check_pair(claim, bu or unit, au or unit)
            claims.append(claim)
        for m in RELATIVE.finditer(sentence):
            if not free(*m.span()):
                continue
            covered.append(m.span())
            num = float(m.group("num").replace(",", ""))
            unit = m.group("unit").lower()
            unit = "%" if unit.startswith("percent") else unit
            claim = Claim(turn, sentence, _metric_near(metrics, m.start()), None, num, unit, "measurement",
                          numbers=[m.group("num")], relative=True)
            if unit == "%" and num > 100 and _REDUCE.search(m.group("verb")):
                claim.plausible = False
                claim.why_implausible = f"a reduction of {num:g}% is impossible"
            claims.append(claim)
        for m in RELATIVE_SHORT.finditer(sentence):
            if not free(*m.span()):
                continue
            covered.append(m.span())
            num_s = m.group("num") or m.group("num2")
            unit = (m.group("unit") or m.group("unit2")).lower()
            unit = "%" if unit.startswith("percent") else unit
            claims.append(Claim(turn, sentence, _metric_near(metrics, m.start()), None, _f(num_s), unit, "measurement",
                                numbers=[num_s], relative=True))
        for m in WORD_WITH_UNIT.finditer(sentence):
            if not free(*m.span()):
                continue
            covered.append(m.span())
            unit = m.group("unit").lower()
            claims.append(Claim(turn, sentence, _metric_near(metrics, m.start()), None, _f(m.group("num")),
                                "%" if unit.startswith("percent") else unit, "measurement", numbers=[m.group(0)]))
        first_bare = len(claims)
        for m in NUMBER.finditer(sentence):
            if not free(*m.span()) or not m.group("num"):
                continue
            tok = m.group(0).strip()
            if YEAR.fullmatch(tok):
                continue
            if _HTTP_STATUS.fullmatch(tok):
                continue  # "429s", "500s": HTTP status codes, not seconds
            value, unit = _value(tok)
            if unit is None and re.search(r"(?:\b(?:at|top|k)\s*[-=]?\s*|@)$", sentence[: m.start()], re.I):
                continue  # recall at 5, top-5, k=10: settings, not results
            if unit is None:
                # a bare number is a measurement only when a metric word stands right beside it: "412 cases"
                metric = _metric_near(metrics, m.start(), within=24)
                kind = "config" if metric == "unspecified" else "measurement"
            else:
                metric = _metric_near(metrics, m.start())
                kind = "measurement"
            claim = Claim(turn, sentence, metric, None, value, unit, kind, numbers=[tok])
            near = sentence[max(0, m.start() - 40) : m.end() + 25]
            if unit in ("%", "percent") and value > 100 and _RATE_CONTEXT.search(near):
                claim.plausible = False
                claim.why_implausible = f"{value:g}% for a rate or reduction is impossible"
            claims.append(claim)
        # "WAPE was 38 percent for the ERP, 41 for naive, and 29 for ours": bare numbers listed beside a percentage
        units = {c.unit for c in claims[first_bare:] if c.kind == "measurement" and c.unit in ("%", "percent")}
        if units:
            for c in claims[first_bare:]:
                if c.kind == "config" and c.after is not None and c.after <= 100 and not YEAR.fullmatch(c.numbers[0]):
                    c.kind, c.unit = "measurement", units.pop() if len(units) == 1 else "%"
                    units = {c.unit}
    return claims


def _check_pair(claim: Claim, bu: str | None, au: str | None) -> None:
    b, a = claim.before, claim.after
    assert b is not None and a is not None
    if claim.unit in ("%", "percent") and (a > 100 or b > 100):
        claim.plausible = False
        claim.why_implausible = f"{claim.metric}: a percentage over 100 ({b:g} -> {a:g})"
        return
    bs, as_ = _seconds(b, bu), _seconds(a, au)
    if bs is not None and as_ is not None and as_ > bs and _FASTER.search(claim.sentence):
        claim.plausible = False
        claim.why_implausible = f"latency grew ({b:g} {bu} -> {a:g} {au}) but is called faster"
