"""Find the candidate's quantified claims and sort real measurements from numbers that measure nothing."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

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
    rf"|(?P<b2>\$?{_NUM}\s*(?:{_UNIT})?)\s*(?:→|->|=>|down to|up to)\s*(?P<a2>\$?{_NUM}\s*(?:{_UNIT})?)",
    re.I,
)
RELATIVE = re.compile(
    rf"\b(?P<verb>cut|cutting|reduced?|reducing|decreased?|lowered?|dropped|drop|slashed|shrank|eliminated|"
    rf"improved?|improving|increased?|boosted?|raised|grew|lifted|sped up|speeded up)\b[^.;%\d]{{0,40}}?\bby\s+"
    rf"(?:about\s+|around\s+|roughly\s+|over\s+|almost\s+|nearly\s+)?(?P<num>{_NUM})\s*(?P<unit>%|percent|x\b|×)",
    re.I,
)
NON_MEASUREMENT = re.compile(
    rf"(?:\b(?:team of|group of|managed|manage|managing|led|lead|hired|mentored|since|in|back in|over|for|about|"
    rf"worked with|used|tried|tested|evaluated|know|learned|speak|shipped|built|launched)\s+(?:about\s+|around\s+|over\s+|"
    rf"like\s+|a\s+)?)?(?P<num>{_NUM})\s*\+?\s*(?:-\s*)?(?P<what>years?|yrs?|months? of experience|people|engineers|"
    rf"persons?|devs|developers|members|reports|teammates|tools|frameworks|models|libraries|languages|vendors|"
    rf"meetings|projects|companies|startups|clients|certifications?|certificates|courses|hackathons|papers|followers|"
    rf"stars|million in funding|m in funding|employees|countries|offices|interns|patents|apps|products|teams|"
    rf"different|llms|agents|hours of (?:courses|videos|training)|books|conferences|talks)\b",
    re.I,
)
RATIO_PAIR = re.compile(
    rf"\bfrom\s+(?:about\s+|around\s+|roughly\s+)?(?P<bn>{_NUM})\s+(?:in|out of)\s+(?P<bd>{_NUM})\s+(?:down\s+|up\s+)?to\s+"
    rf"(?:about\s+|around\s+|roughly\s+)?(?P<an>{_NUM})\s+(?:in|out of)\s+(?P<ad>{_NUM})",
    re.I,
)
RATIO = re.compile(rf"(?<![\w.])(?P<n>{_NUM})\s+(?:out of|in)\s+(?:every\s+)?(?P<d>{_NUM})\b", re.I)
YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
METRIC_WORDS = re.compile(
    r"\b(?:latency|p50|p90|p95|p99|accuracy|precision|recall|f1|auc|roc|pr-auc|rmse|mae|mape|ndcg|mrr|hit rate|"
    r"recall@\d+|precision@\d+|error rate|failure rate|hallucination(?:s| rate)?|faithfulness|groundedness|"
    r"pass rate|win rate|resolution rate|deflection|escalation(?:s| rate)?|cost|spend|bill|tokens?|throughput|qps|rps|"
    r"time to first token|ttft|uptime|availability|incidents?|tickets?|churn|conversion|ctr|click-through|revenue|"
    r"calibration|brier|log loss|drift|psi|ks|false positives?|false negatives?|wrong answers?|correct|cases|"
    r"examples|queries|questions|conversations|samples|labels?|rows|records|timeouts?|errors?|retries|rate limits?|"
    r"cache hit|hit ratio|coverage|agreement|kappa|score|rate|share|percent|wrong|bad answers?|complaints?|"
    r"minutes|seconds|milliseconds|ms|hours|dollars|\$)\b",
    re.I,
)
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


def _metric_near(sentence: str, pos: int, within: int = 10**9) -> str:
    """The metric a number is about: the metric word nearest to it in the sentence (within ``within`` chars)."""
    best, best_d = None, within + 1
    for m in METRIC_WORDS.finditer(sentence):
        d = min(abs(m.start() - pos), abs(m.end() - pos))
        if d < best_d:
            best, best_d = m.group(0).lower(), d
    return best or "unspecified"


def _f(token: str) -> float:
    return float(token.replace(",", ""))


def sentences(text: str) -> list[str]:
    """Split a turn into sentences (verbatim substrings)."""
    parts = re.split(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(“])", text.strip())
    return [p for p in (s.strip() for s in parts) if p]


def extract_claims(turn: int, text: str) -> list[Claim]:
    claims: list[Claim] = []
    for sentence in sentences(text):
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
            claims.append(Claim(turn, sentence, _metric_near(sentence, m.start()), b, a, "%", "measurement",
                                numbers=[m.group(0)]))
        for m in RATIO.finditer(sentence):
            if not free(*m.span()):
                continue
            covered.append(m.span())
            d = _f(m.group("d"))
            claims.append(Claim(turn, sentence, _metric_near(sentence, m.start()), None,
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
            claim = Claim(turn, sentence, _metric_near(sentence, m.start()), b, a, unit, "measurement",
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
            claim = Claim(turn, sentence, _metric_near(sentence, m.start()), None, num, unit, "measurement",
                          numbers=[m.group("num")])
            if unit == "%" and num > 100 and _REDUCE.search(m.group("verb")):
                claim.plausible = False
                claim.why_implausible = f"a reduction of {num:g}% is impossible"
            claims.append(claim)
        for m in NUMBER.finditer(sentence):
            if not free(*m.span()) or not m.group("num"):
                continue
            tok = m.group(0).strip()
            if YEAR.fullmatch(tok):
                continue
            value, unit = _value(tok)
            if unit is None and re.search(r"(?:\b(?:at|top|k)\s*[-=]?\s*|@)$", sentence[: m.start()], re.I):
                continue  # recall at 5, top-5, k=10: settings, not results
            if unit is None:
                # a bare number is a measurement only when a metric word stands right beside it: "412 cases"
                metric = _metric_near(sentence, m.start(), within=24)
                kind = "config" if metric == "unspecified" else "measurement"
            else:
                metric = _metric_near(sentence, m.start())
                kind = "measurement"
            claim = Claim(turn, sentence, metric, None, value, unit, kind, numbers=[tok])
            if unit in ("%", "percent") and value > 100 and (_RATE_CONTEXT.search(sentence) or _REDUCE.search(sentence)):
                claim.plausible = False
                claim.why_implausible = f"{value:g}% for a rate or reduction is impossible"
            claims.append(claim)
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
