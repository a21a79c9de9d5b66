"""Find the candidate's quantified claims and sort real measurements from numbers that measure nothing.

A claim is a measured outcome: a metric with a value ("kappa of 0.78"), a before -> after change ("from 1.2 s to
800 ms", "from one in eight to one in forty"), a relative change ("dropped by 60%" is change -60 %, "doubled" +100,
"down 15 points" -15 pp) or a multiplier ("3x faster"). Values are normalised within a claim: durations in ms,
money in USD ("$12k" 12000, "42 cents" 0.42), ratios in % ("one in eight" 12.5).

Numbers that measure nothing are kept apart, never credited: sample and set sizes ("on 400 cases", "a 412-case
suite"), configuration ("chunk size 512", "top-k of eight", "a thirty second timeout", "every seven days"),
targets and SLOs, years, dates, versions, times of day, experience, team sizes, tool and model counts, small
talk ("give me two minutes") and figures of speech ("a hundred percent sure").

Quantities are read by :mod:`.quantities`; this module assembles them into claims over a compact "shape" of the
sentence (one token per word, ``Q<i>`` per quantity), with bounded, possessive patterns: linear in the text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import accumulate, count
from operator import add, attrgetter

from .claim_words import (
    _ADJ,
    _ADJ_METRIC,
    _AFTER_NOW,
    _AND_NOW,
    _ARROW,
    _ARTEFACT,
    _BARE_TO,
    _BEFORE_AFTER,
    _BETWEEN,
    _BOUNDARY,
    _BY,
    _CONFIG_BEFORE,
    _CONFIG_NOUNS,
    _CONFIG_SUBJECT,
    _DELTA_TO,
    _DIRECT,
    _DIRECTION,
    _DOWN,
    _FASTER,
    _FIGURE,
    _FRAC,
    _FROM,
    _GOT_TO,
    _HALF,
    _HALF_THE,
    _HEADCOUNT_SUBJECT,
    _METRIC_RE,
    _METRICS,
    _NEGATIVE_ADJ,
    _NON_MEASURE,
    _NOW_IT_WAS,
    _NOW_WAS,
    _NUMBERISH,
    _OF_WAS,
    _OF_WAS_RATIO,
    _ORDINAL_BEFORE,
    _OUTCOME_RATIO,
    _POLAR_ADJ,
    _Q_WENT_TO,
    _RESPONDS,
    _SAMPLE,
    _SENTENCE_SPLIT,
    _SET_GROWTH,
    _TAKES,
    _TAKES_TO,
    _TARGET,
    _TIME_SHARE,
    _TO_FROM,
    _TWICE,
    _TWICE_X,
    _UP_FROM,
    _USED_TO,
    _VERB_TO,
    _VERBS,
    _VERSUS,
    _VERSUS_GAP,
    _WHEN_NOW,
    _WORD_CHANGE,
    _WORD_PCT,
    _WORD_TRIGGER,
    _WORSE,
    METRIC_PHRASES,
    any_number,
    number_but_one,
)
from .quantities import Quantity, Scan, canon, fmt, scan
from .quantities import stated_numbers as _stated_digits

__all__ = ["METRIC_PHRASES", "Claim", "english", "extract_claims", "sentences", "stated_numbers"]


@dataclass
class Claim:
    """One measurement (or one number that measures nothing) in a sentence of a turn."""

    turn: int
    sentence: str
    metric: str
    before: float | None
    after: float | None
    unit: str | None
    kind: str  # "measurement" | "non_measurement" (experience, team, tool counts) | "config" (settings, set sizes)
    plausible: bool = True
    why_implausible: str | None = None
    echoed: bool = False  # the interviewer said these numbers first and the candidate only agreed
    relative: bool = False  # a change stated relative to something ("cut by 30%", "doubled", "3x faster")
    numbers: list[str] = field(default_factory=list)  # the numbers as said, in plain digits ("12k" -> "12000")
    change: float | None = None  # a relative change without both values, signed: "-60" % or "-15" pp
    restated: bool = False  # every number of the claim was already said in the context (the question asked)
    bound: str | None = None  # "<" / ">": stated as a bound ("always under 300 ms")
    subject: str | None = None  # config / non-measurement: what is counted or sized ("cases", "suite")
    approx: bool = False

    @property
    def credited(self) -> bool:
        return self.kind == "measurement" and self.plausible and not self.echoed


def sentences(text: str) -> list[str]:
    """Split a turn into sentences (verbatim substrings)."""
    text = text.strip()
    # the split consumes the whole run of whitespace between sentences: every part is stripped and non-empty
    return _SENTENCE_SPLIT.split(text) if text else []


# ------------------------------------------------------------------------------------------------ shape
@dataclass
class _Shape:
    sc: Scan
    words: list[str]  # one per shape token
    tok: list[int]  # shape index -> first token index
    qpos: dict[int, int]  # quantity index -> shape index
    text: str
    offsets: list[int]  # shape index -> char offset in ``text``

    def at(self, char: int) -> int:
        """The shape index of the token starting at or containing ``char`` (0 before the first; ``offsets`` rise
        strictly, so the last one at or before ``char`` is the one bisection finds, in C)."""
        return max(bisect_right(self.offsets, char) - 1, 0)


_LOW = attrgetter("low")


def _shape(sc: Scan) -> _Shape:
    toks = sc.tokens
    words: list[str] = list(map(_LOW, toks))
    tok: list[int] = list(range(len(toks)))
    qpos: dict[int, int] = {}
    # each quantity's tokens become one ``Q<i>`` (from the last, so the earlier indices stay put)
    for qi in range(len(sc.quantities) - 1, -1, -1):
        q = sc.quantities[qi]
        words[q.first:q.last] = [f"Q{qi}"]
        del tok[q.first + 1:q.last]
    shift = 0
    for qi, q in enumerate(sc.quantities):
        qpos[qi] = q.first - shift
        shift += q.last - q.first - 1
    # word k starts after the k words before it and their k spaces (summed in C)
    offsets = list(map(add, accumulate(map(len, words[:-1]), initial=0), count())) if words else []
    return _Shape(sc, words, tok, qpos, " ".join(words), offsets)


@dataclass
class _Metric:
    name: str
    family: str | None
    lower_better: bool
    first: int  # shape span
    last: int
    lexicon: bool = True
    qualifier: bool = False  # "at the same recall", "at p99": qualifies another metric


def _metric_hits(sh: _Shape) -> list[_Metric]:
    out = []
    for m in _METRIC_RE.finditer(sh.text):
        phrase = m.group(0)
        first, last = sh.at(m.start()), sh.at(m.end() - 1) + 1
        if phrase in _METRICS:
            fam, lower = _METRICS[phrase]
        elif "@" in phrase or " at " in phrase:
            fam, lower = ("score", False) if phrase.startswith(("ndcg", "mrr", "map")) else ("pct", False)
        elif phrase in ("p50", "p90", "p95", "p99"):
            fam, lower = "time", True
        else:  # "<word> rate"
            head = phrase.split()[0]
            if head in _BOUNDARY or head in _VERBS or head in ("learning", "sampling", "frame", "bit", "tax",
                                                              "interest", "exchange", "heart", "hourly", "day"):
                continue
            fam, lower = "pct", any(w in head for w in ("error", "fail", "churn", "drop", "miss", "bounce", "defect",
                                                       "refus", "escalat", "hallucin", "abandon", "timeout"))
        noun_family = _HEAD_NOUNS.get(sh.words[last]) if last < len(sh.words) and phrase not in _HEAD_NOUNS else None
        if noun_family is not None:  # "manual review time", "escalation cost": the time or cost of the metric's thing
            phrase, fam, lower, last = f"{phrase} {sh.words[last]}", noun_family, True, last + 1
        name = _extend(sh, first, last, phrase)
        qualifier = first > 0 and (sh.words[first - 1] in ("at", "@") or " ".join(sh.words[max(0, first - 3):first])
                                   .endswith(("at the same", "at the", "at a", "for the same", "at our")))
        out.append(_Metric(name, fam, lower, first, last, qualifier=qualifier))
    return out


_HEAD_NOUNS = {"time": "time", "latency": "time", "duration": "time", "cost": "money", "costs": "money",
               "spend": "money", "bill": "money"}
_MODIFIER_STOP = _BOUNDARY | _VERBS | frozenset("""said says say think thought mentioned told guess off onto into per than the our my their his her your its a an this that same new old
whole overall total average mean median how many much what which why where who explain describe add adds can could
would will should or""".split()) - {"average"}


def _extend(sh: _Shape, first: int, last: int, phrase: str) -> str:
    """The metric phrase with the nouns that qualify it: "GPU bill", "cost per request", "recall@5"."""
    words = sh.words
    left: list[str] = []
    k = first - 1
    while k >= 0 and len(left) < 2:
        w = words[k]
        if w in ("themselves", "itself", "ourselves", "alone"):
            k -= 1  # "the leads themselves agree": the leads' agreement
            continue
        if w.startswith("Q") or w in _MODIFIER_STOP or w in ("time", "times") or not w[0].isalnum() or w in _METRICS:
            break
        left.insert(0, w)
        k -= 1
    right = []
    k = last
    if k + 1 < len(words) and words[k] == "per" and not words[k + 1].startswith("Q"):
        right = ["per", words[k + 1]]
        if k + 2 < len(words) and (words[k + 1] in ("thousand", "million", "hundred") or words[k + 1].endswith(
                "ed") and words[k + 2][0].isalpha() and words[k + 2] not in _MODIFIER_STOP) and \
                not words[k + 2].startswith("Q"):
            right.append(words[k + 2])  # "cost per thousand predictions", "cost per resolved ticket"
    elif k + 1 < len(words) and words[k] in ("at",) and words[k + 1] in ("five", "ten", "k", "one", "three",
                                                                         "twenty", "twenty-five", "fifty"):
        pass
    if phrase in ("paying", "pay", "paid"):
        return "cost"
    phrase = _NOUN_OF.get(phrase, phrase)
    if phrase in ("spend", "spending", "spent", "burning", "burn", "burned") and not left:
        for k in range(last, min(last + 6, len(words) - 1)):
            if words[k] == "on" and words[k + 1][0].isalnum() and not words[k + 1].startswith("Q") \
                    and words[k + 1] not in _MODIFIER_STOP:
                return f"{words[k + 1]} {'spend' if phrase.startswith('burn') else phrase}"
        if phrase.startswith("burn"):
            return "spend"
    return " ".join(left + [phrase] + right)


# a metric said as a verb or an abbreviation, named as the metric: "the grader agreed ... 71 percent" is agreement
_NOUN_OF = {"agree": "agreement", "agreed": "agreement", "agrees": "agreement", "disagreed": "disagreement",
            "resolved": "resolution", "wer": "word error rate (wer)", "cer": "character error rate (cer)",
            "fpr": "false positive rate (fpr)", "fnr": "false negative rate (fnr)",
            "iaa": "inter-annotator agreement (iaa)", "ttft": "time to first token (ttft)",
            "ttfb": "time to first byte (ttfb)", "ctr": "click-through rate (ctr)",
            "mttr": "mean time to recovery (mttr)", "rtf": "real-time factor (rtf)"}
_CLAUSE_START = frozenset(""", ; : . ! ? and but so then while whereas which who that when after once since
because um uh like we i it they you he she there yeah yes no okay ok well honestly basically actually""".split())
_FILLERS = frozenset("""actually really just only still even also instead basically honestly literally like
kind sort pretty quite about around roughly""".split())
_PREPOSITIONS = frozenset("on in for at of across with from over under by to within among between".split())
_DETERMINERS = frozenset("the a an our my their his her your its this that these those".split())


def _subject(sh: _Shape, verb_at: int) -> str | None:
    """The noun phrase right before the claim's verb: "stockouts went", "manual review dropped", "pass@1 on our
    internal set went" (the head before its prepositional phrase)."""
    words = sh.words
    k = verb_at - 1
    while k >= 0 and words[k] in _AUX:
        k -= 1
    end = k + 1
    while k >= 0 and end - k <= 8:
        w = words[k]
        if w.startswith("Q") or w in _CLAUSE_START or not w[0].isalnum() or w in _VERBS:
            break
        k -= 1
    phrase = words[k + 1:end]
    for i, w in enumerate(phrase):
        if w in _PREPOSITIONS and i > 0 and not (w == "of" and phrase[i - 1] in _SHARE_HEADS):
            phrase = phrase[:i]  # "pass@1 on our internal set"; but "the share of drafts sent unchanged" is whole
            break
    while phrase and (phrase[0] in _DETERMINERS or phrase[0] in _PREPOSITIONS or phrase[0] in _FILLERS):
        phrase = phrase[1:]
    while phrase and (phrase[-1] in _PREPOSITIONS or phrase[-1] in _FILLERS or phrase[-1] in _DETERMINERS):
        phrase = phrase[:-1]
    if not phrase or all(w in _MODIFIER_STOP for w in phrase):
        return None
    return " ".join(phrase[-4:] if phrase[0] not in _SHARE_HEADS else phrase[-6:])


# ------------------------------------------------------------------------------------------------ sentence reading
@dataclass
class _Draft:
    first: int  # shape span of the whole pattern
    last: int
    anchor: int  # where the metric is looked for from
    qs: list[int]
    before: float | None = None
    after: float | None = None
    change: float | None = None
    unit: str | None = None
    direction: int = 0  # -1 down, +1 up, 0 unknown / absolute
    polar: bool = False  # "improved": the sign follows the metric's polarity
    relative: bool = False
    mult: bool = False
    metric: _Metric | None = None
    metric_name: str | None = None
    kind: str = "measurement"
    need_lexicon: bool = False  # a lone unitless number: a claim only beside a known metric
    bound: str | None = None
    approx: bool = False
    from_context: bool = False
    single: bool = False
    source: str | None = None  # where the metric came from: lexicon, noun, subject, context, preset
    numbers: list[str] = field(default_factory=list)


def _pair_values(qa: Quantity, qb: Quantity) -> tuple[float, float, str | None, str | None]:
    """before, after and the shared unit of a pair: a bare side takes the unit of the other ("18 percent to
    eleven", "six seconds to 3.2", "forty cents to fifteen", "1,200 documents a day to around 300")."""
    ua, ub = qa.unit, qb.unit
    pa, pb = qa.per, qb.per
    va, vb = qa.value, qb.value
    # "about 3 grand a month now, it was 11": a bare side said without the other's magnitude shares it
    if qa.magnitude == 1.0 and qb.magnitude > 1.0 and qa.said < qb.magnitude and qa.unit is None and not qa.spelled:
        va = qa.said * qb.magnitude
        qa = _with_value(qa, va)
    elif qb.magnitude == 1.0 and qa.magnitude > 1.0 and qb.said < qa.magnitude and qb.unit is None and not qb.spelled:
        vb = qb.said * qa.magnitude
        qb = _with_value(qb, vb)
    if ua is None and ub is not None and qa.ratio is None:
        va, ua = canon(qa.said * qb.factor), ub
    elif ub is None and ua is not None and qb.ratio is None:
        vb, ub = canon(qb.said * qa.factor), ua
    per = pa or pb
    return va, vb, ua or ub, per


def _with_value(q: Quantity, said: float) -> Quantity:
    return replace(q, said=said, value=said * q.factor)


def _unit_for(unit: str | None, per: str | None, family: str | None, values: list[float], noun: str | None,
              ratio: bool = False) -> str | None:
    if unit in ("USD", "EUR", "GBP", "ms", "%", "pp", "x"):
        return unit
    if per is not None and per.startswith("/"):
        return per
    if ratio:
        return "%"
    if family == "pct":
        return "%" if any(abs(v) > 1 for v in values) and all(abs(v) <= 100 for v in values) else None
    if family in ("count",) or (noun is not None and noun in _COUNT_NOUNS):
        return "count"
    if family == "tput" and per:
        return per
    return None


_COUNT_NOUNS = frozenset("""incidents outages complaints stockouts errors timeouts bugs regressions failures pages
alerts handoffs steps escalations tickets""".split())


# patterns of _classify, compiled once
_TEAM_OF = re.compile(r"\b(?:team|group|squad|org|organisation|organization) of $")
_TOP_BEFORE = re.compile(r"\b(?:top|bottom) $")
_AT_THRESHOLD = re.compile(r"\bat the (?:\S++ )?(?:threshold|cutoff) (?:was|is|of) $")
_EVERY_BEFORE = re.compile(r"\bevery (?:\S++ )?$")
_TRAFFIC_AFTER = re.compile(r"^(?:of )?(?:the )?(?:production |prod |live )?(?:traffic|users|of traffic|rollout|canary|"
                            r"holdout|hold-out|held-out|control|sample|split)\b")
# "the share of drafts sent with less than 10 percent edits": a bound that defines what a metric counts
_DEFINED_WITH = re.compile(r"\b(?:with|having) (?:less than|fewer than|under|below|more than|over|above|at least|"
                           r"at most) $")
_DEFINES = re.compile(r"\b(?:share|percentage|fraction|proportion|number|count|how many|rate)\b")
_SEAT = re.compile(r"^(?:\S++ ){0,3}?(?:per|a|each) (?:seat|licen[cs]e|subscription|head)\b")
_LABELS_AT = re.compile(r"\b(?:label|labels|labell?ed|labell?ing|annotate|annotates|annotated|annotating|hand-label\w*|"
                        r"hand-scor\w*|add|adds|added|adding|write|writes|wrote|collect|collects|collected|sample|"
                        r"samples|sampled|pull|pulls|pulled|draw|draws|drew|read|reads|review|reviews|reviewed|audit|audits|audited|"
                        r"pick|picks|picked|spot-check\w*|eyeball\w*|go through|went through) (?:\S++ )?(?:about |around |roughly |like )?$")
_WAGE = re.compile(r"\b(?:paid|pay|pays|paying|wage|wages|salary|charged?|charges|bill(?:ed|s)?|rate|costs?) (?:\S++ ){0,3}?"
                   r"(?:about |around |roughly |like |only |just )?$")
_PEOPLE_SHARE = re.compile(r"^of (?:the |our |my |their )?(?:team|teams|staff|engineers|company|org|organi[sz]ation|"
                           r"department|colleagues|hires|interviewers|candidates|class|cohort)\b(?!['’]s)")
_SINGLE_SETTING = re.compile(r"(?<![\w-])(?:rate[- ]limits?|quotas?|limits?|cap|caps|timeouts?|ttl|max[ _]tokens|"
                             r"context window|context length|batch size|chunk size|temperature|top-k|top k|threshold|"
                             r"cutoff|cut-off)(?: \S+){0,3}? (?:was|is|were|are|of|at|set to|to|=)$")
_HOSTING = re.compile(r"^(?:(?:a|an|per) \S++ )?to (?:host|license|licence|rent|lease|subscribe)\b")
_WORKLOAD = re.compile(r"\b(?:each|every|per|an?|one) (?:annotator|labell?er|reviewer|rater|grader|person|"
                       r"contractor)s? (?:\S++ ){0,2}?$")
_SCALE_AFTER = re.compile(r"^(?:to|-|through) Q\d+ (?:point )?(?:scale|likert|rubric|rating scale)\b")
_SCALE_BEFORE = re.compile(r"\b(?:scale|rating|likert|rubric) (?:of|from) (?:Q\d+ (?:to|-|through) )?$")
# a target said as reached ("we hit 95 percent"), not one still planned ("the plan is to hit 90 percent")
_ACHIEVED = re.compile(r"(?:(?<!\bto )|(?<=managed to )|(?<=able to ))\b(?:hit|met|beat|achieved|reached|made|exceeded)\b")
_RATE_WORD = re.compile(r"\b(?:rate|accuracy|share)\b")


# the patterns ``_classify`` asks of the words around a number, compiled once (not looked up at each call)
_EXPERIENCE_AFTER = re.compile(r"^(?:months? )?(?:of (?:experience|work)|experience|in (?:the|this) (?:field|industry))")
_SAMPLE_BEFORE = re.compile(r"\b(?:the same|on the|of the|all|all of the|across the|over the|out of the|from the) $")
_ALLOCATED_BEFORE = re.compile(r"\b(?:sampled?|sampling|held out|hold out|holdout|reserved?|split|allocated?|spend|"
                               r"spent|rolled out to|roll out to|ramped to|ramp to|exposed|exposing|traffic split|"
                               r"canary) (?:(?!by )\S++ )?(?:about |around |roughly |like )?$")


# "an 80-20 random split", "a 70/30 train-test split": how the data was divided, never a change from 80 to 20
_SPLIT_AFTER = re.compile(r"^(?:[-/:] Q\d+ )?(?:(?:random|stratified|time|temporal|time-based|train|test|train-test|"
                          r"train/test|validation|val|dev|holdout|data|user|group|grouped) ){0,2}"
                          r"(?:split|splits|partition|ratio)\b")


def _classify(sh: _Shape, qi: int) -> str:
    """'' (may be a measurement), 'non' (experience, team, tools), 'config' (settings, set sizes), 'skip'."""
    q = sh.sc.quantities[qi]
    at = sh.qpos[qi]
    words = sh.words
    before = " ".join(words[max(0, at - 6):at]) + " "
    after = " ".join(words[at + 1:at + 6])
    noun = q.noun
    noun2 = words[at + 2] if at + 2 < len(words) else ""
    if q.attributive or _SPLIT_AFTER.match(after):
        return "config"
    if before.endswith(" at ") and _METRIC_RE.match(after) and qi > 0:
        return "config"  # "97 percent recall at 99 percent precision": an operating point
    if noun in _NON_MEASURE or noun2 in _NON_MEASURE and noun not in _SAMPLE and noun not in ("percent",) and \
            q.unit is None and q.per is None and noun is not None and noun not in _COUNT_NOUNS:
        return "non"
    if before.endswith(" of ") and _TEAM_OF.search(before) or after.startswith(
            ("of us", "of my", "of our", "people", "years")):
        return "non"
    if after.startswith(("of them", "of those", "of these")) or _TOP_BEFORE.search(before):
        return "skip"
    if (q.unit == "ms" or noun in ("months", "month")) and _EXPERIENCE_AFTER.match(after):
        return "non"
    if q.unit is None and q.per is None and q.ratio is None and _ORDINAL_BEFORE.search(before):
        return "config"
    if q.unit is None and q.per is None and q.ratio is None and _SAMPLE_BEFORE.search(before):
        return "sample"  # "on the same 350", "the wrong-answer rate on the 600"
    if q.ratio and (noun in _SAMPLE or noun2 in _SAMPLE) and not _OUTCOME_RATIO.search(
            " ".join(words[max(0, at - 8):at + 8])):
        return "sample"  # "60 of the 350 questions are about two products": what the set is made of
    if q.per and q.per.startswith("/") and (noun in _SET_GROWTH or _LABELS_AT.search(before)):
        return "config"  # "we add about 20 new questions a month", "we label 200 tickets a week"
    if q.unit != "%" and _CONFIG_BEFORE.search(before) and not _AT_THRESHOLD.search(
                                                        before):
        return "config"
    if noun in _CONFIG_NOUNS and q.per is None and q.ratio is None:
        return "config"
    if q.unit == "ms" and after.split(" ")[:1] and after.split(" ")[0] in _CONFIG_NOUNS:
        return "config"
    if _EVERY_BEFORE.search(before):
        return "config"
    if q.unit == "%" and q.ratio is None and _TIME_SHARE.match(after):
        return "skip"
    if q.unit == "%" and q.ratio is None and _DEFINED_WITH.search(before) and not _METRIC_RE.match(after) and \
            _DEFINES.search(" ".join(words[:at])):
        return "config"
    if q.unit in ("USD", "EUR", "GBP") and _SEAT.match(after):
        return "config"  # "twenty bucks a month per seat": a tool's price
    if q.unit == "%" and q.ratio is None and _PEOPLE_SHARE.match(after):
        return "non"  # "about 20 percent of the team had used LLMs": who the team are, not a result
    if q.unit in ("USD", "EUR", "GBP") and after.startswith("of ") and noun2 in _CONFIG_NOUNS:
        return "config"  # "the $25k of credits the vendor gave us": money to spend, not a result
    if q.unit in ("USD", "EUR", "GBP") and _HOSTING.match(after):
        return "config"  # "about $200 a month to host the dashboard": what a tool costs, not a result
    if q.per and q.per.startswith("/") and _WORKLOAD.search(before):
        return "config"  # "each annotator does about 60 items an hour": a workload
    if q.unit in ("USD", "EUR", "GBP") and q.per == "/h" and _WAGE.search(before):
        return "config"  # "the annotators were paid $15 an hour": a wage, what the work cost to buy
    if _SCALE_AFTER.match(after) or _SCALE_BEFORE.search(before):
        return "config"  # "on a 1 to 5 scale", "a scale of one to ten": the scale, not a score on it
    if q.unit == "%" and q.ratio is None:
        if _FIGURE.match(after) and q.said >= 100 and not _METRIC_RE.search(before):
            return "skip"
        if _TIME_SHARE.match(after):
            return "skip"
        if _ALLOCATED_BEFORE.search(before):
            return "config"
        if _TRAFFIC_AFTER.match(
                    after) and not _RATE_WORD.search(before):
            return "config"
    if q.unit is None and q.per is None and q.ratio is None and q.scale is None:
        if noun in _SAMPLE or noun2 in _SAMPLE and noun not in _COUNT_NOUNS or noun in (
                "labelled", "labeled", "held-out", "hand-labelled", "hand-labeled"):
            return "sample"
    return ""


def _find_metric(sh: _Shape, d: _Draft, hits: list[_Metric], used: set[int], lo: int, hi: int) -> None:
    """The metric a draft is about: a known metric inside the pattern, else the nearest before it (not crossing
    another claim; "the false positive rate at the same recall" is about the false positive rate), else what its
    number counts ("42 thousand tickets a month"), else the noun phrase before its verb, else a known metric
    right after it ("eighty percent groundedness")."""
    inside = [m for m in hits if d.first <= m.first < d.last and id(m) not in used]
    before = [m for m in hits if lo <= m.first < d.first and id(m) not in used]
    heads = [m for m in before if not m.qualifier]
    after = [m for m in hits if d.last <= m.first < hi and id(m) not in used]
    pick = None
    if inside:
        pick = inside[0]
    elif after and d.qs and sh.qpos.get(d.qs[-1]) == d.last - 1 and (after[0].first == d.last or (
            after[0].first == d.last + 1 and sh.words[d.last] in ("of", "in"))):
        pick = after[0]  # "got 94% accuracy", "0.81 kappa", "four points of recall"
    elif heads or before:
        fits = [m for m in (heads or before) if _compatible(d.unit, m.family)]
        pick = (fits or heads or before)[-1]  # "cost per resolved ticket fell from $1.10 to 35 cents": the cost
    q_first = sh.sc.quantities[d.qs[0]] if d.qs else None
    if q_first is not None and q_first.ratio and q_first.noun and not before and not heads:
        d.metric_name, d.source = q_first.noun, "noun"
        return
    if pick is None and d.qs:
        q = sh.sc.quantities[d.qs[-1]]
        q0 = sh.sc.quantities[d.qs[0]]
        noun = q.noun if q.per and q.per.startswith("/") else q0.noun if q0.per and q0.per.startswith("/") else None
        if noun and noun not in _FUNCTION_NOUNS:
            fam = "tput" if noun.split()[-1] in ("requests", "queries", "calls", "tokens", "messages", "events") \
                else "count"
            d.metric_name, d.source = (f"{noun} throughput" if fam == "tput" else noun), "noun"
            d.metric = _Metric(d.metric_name, fam, fam == "count" and noun in _COUNT_NOUNS, -1, -1, lexicon=False)
            return
    if pick is None and after and after[0].first - d.last <= 8 and not any(
            w in (",", ";", "and", "but", "while") for w in sh.words[d.last:after[0].first]):
        pick = after[0]
    if pick is not None:
        d.metric = pick
        d.metric_name = pick.name
        d.source = "lexicon"
        used.add(id(pick))
        return
    subj = None
    k = d.first
    # the verb the pattern hangs on: the nearest verb at or before the pattern start
    while k > max(lo - 1, d.first - 4) and k >= 0:
        if sh.words[k] in _VERBS:
            subj = _subject(sh, k)
            break
        k -= 1
    if subj is None and d.first > 0 and sh.words[d.first - 1] in _VERBS:
        subj = _subject(sh, d.first - 1)
    if subj is None and d.qs:
        # the object between the verb and the pattern: "cut failed requests from 3% to 0.2%"
        k = d.first - 1
        obj_words: list[str] = []
        while k >= max(lo, d.first - 6) and sh.words[k] not in _VERBS:
            w = sh.words[k]
            if w.startswith("Q") or not w[0].isalnum() or w in ("and", "but", "so", "which", "that", "then"):
                obj_words = []
                break
            obj_words.insert(0, w)
            k -= 1
        if k >= 0 and sh.words[k] in _VERBS and sh.words[k] not in _AUX:
            content = [w for w in obj_words if w not in _MODIFIER_STOP and w not in _FILLERS]
            if content:
                subj = " ".join(content)
    first_q = min(d.qs, key=lambda x: sh.qpos[x]) if d.qs else None
    if subj is None and first_q is not None and sh.sc.quantities[first_q].unit == "%":
        # "30 percent of characters changed": a share of something
        at = sh.qpos[first_q]
        if at + 2 < len(sh.words) and sh.words[at + 1] == "of":
            content = [w for w in sh.words[at + 2:at + 5] if w[0].isalnum() and not w.startswith("Q")
                       and w not in _MODIFIER_STOP]
            if content:
                subj = "share of " + " ".join(content[:2])
    if subj and d.before is not None and not subj.startswith("share of"):
        # "refunds had jumped from about 30 percent of characters changed to over 60": the share is the metric
        at = sh.qpos[d.qs[0]]
        if sh.sc.quantities[d.qs[0]].unit == "%" and at + 2 < len(sh.words) and sh.words[at + 1] == "of":
            share: list[str] = []
            for w in sh.words[at + 2:at + 6]:
                if w.startswith("Q") or not w[0].isalnum() or w in _BOUNDARY or w == "to":
                    break
                share.append(w)
            if share:
                subj = f"share of {' '.join(share)} ({subj})"
    if subj:
        d.metric_name, d.source = subj, "subject"
        return
    # an object after the verb: "tripled the number of tickets the agent could close"
    obj = [w for w in sh.words[d.first + 1:min(d.first + 8, hi)] if not w.startswith("Q") and w[0].isalnum()
           and w not in _MODIFIER_STOP and w not in ("number", "amount", "count", "share", "percentage")]
    if obj and d.relative and d.qs == []:
        d.metric_name, d.source = obj[0], "subject"


# repeated runs of one thing: a range they give is run-to-run noise, not an outcome
_SPREAD = re.compile(r"\b(?:ran|run|runs|reran|re-ran|rerun|re-run|repeated) (?:\S++ ){0,5}?(?:Q\d+ times|several times|"
                     r"multiple times|a few times|over and over)|\brun-to-run\b|\bacross (?:Q\d+ )?(?:runs|seeds|reruns)\b|"
                     r"\b(?:noise|spread|variance|jitter) (?:was|is|of)\b")
_RUN_REF = re.compile(r"\b(?:runs?|reran|re-runs?|suite|subset|pipeline|build|sweep)\b")
_RUN_COST = re.compile(r"\b(?:that's|that is|which is|it's|(?:that |which |it )?(?:comes?|came) to|(?:that |which |it )?"
                       r"(?:takes|took|costs|cost))(?: about| around| roughly| like| maybe| only| just| under| over| "
                       r"something like)* (?:Q\d+ (?:and|,) (?:about |around |roughly |like |maybe )*)?$")
_BACK_TO = re.compile(r"\b(?:went|got|came|is|was|it's|climbed|recovered|bounced|rose|jumped|moved) (?:right |straight )?"
                      r"back (?:up |down )?to (?:about |around |roughly |like |over |nearly )*$|\brecovered to (?:about |"
                      r"around |roughly |like )*$")
_SHARE_HEADS = frozenset("share percentage fraction proportion number count amount".split())
_AUX = frozenset("""had has have was were is are been be got get gets had've 've 's 'd would could will""".split())
_FUNCTION_NOUNS = frozenset("""more less fewer times over under about""".split())


_CLAUSE_BREAK = frozenset(", ; : . ! ? but and while whereas so then".split())
_BLOCKED = ("non", "skip", "config", "sample")  # roles of numbers that cannot be a measurement


class _Reader:
    """One sentence read into claim drafts, stage by stage: a change and where it ended, before -> after pairs,
    relative changes (with a number, then in words), ranges, single values; then each draft's metric and unit.
    A number serves one draft; stages run in that order so the more specific reading wins."""

    def __init__(self, sentence: str, context: _Context | None, prior: tuple[tuple[str, str | None], ...] = ()) -> None:
        self.context = context
        self.prior = prior  # (metric, unit) of the measurements said earlier in the same answer
        self.sc = scan(sentence)
        self.qs = self.sc.quantities
        self.drafts: list[_Draft] = []
        self.others: list[tuple[str, Quantity]] = []  # numbers that measure nothing: ("non" | "config", quantity)
        self.used: set[int] = set()

    def read(self) -> tuple[list[_Draft], list[tuple[str, Quantity]]]:
        if len(self.qs) > MAX_NUMBERS:
            return [], []  # "one one one one ...": spelled-out numbers in bulk are not speech
        if not self.qs and not _WORD_TRIGGER.search(self.sc.text.lower()):
            return [], []
        sh = self.sh = _shape(self.sc)
        self.text = sh.text
        self.roles = {qi: _classify(sh, qi) for qi in range(len(self.qs))}
        targets = _target_spans(sh)
        for qi, role in self.roles.items():
            if role == "" and any(a <= sh.qpos[qi] < b for a, b in targets):
                self.roles[qi] = "skip"
        self.hits = _metric_hits(sh)
        two = len(self.qs) >= 2  # patterns over two numbers run only when there are two
        words = _WORD_TRIGGER.search(self.text) is not None  # "halved", "doubled", "by a third"
        text = self.text
        if two:
            if " to " in text:
                self._delta_to()
            self._pairs()
        if (self.qs or words) and " by " in text:
            self._by()
        if words and "half" in text:
            self._halves()
        if (words or self.qs) and " what " in text:
            self._of_what_it_was()
        if self.qs:
            self._direct()
            self._adjectives()
        if words:
            self._word_changes()
        if two:
            self._ranges()
        self._singles()
        return self._finish(), self.others

    # --------------------------------------------------------------------------------------------- helpers
    def _free(self, *qids: int) -> bool:
        return all(q not in self.used for q in qids)

    def _span(self, m: re.Match[str]) -> tuple[int, int]:
        return self.sh.at(m.start()), self.sh.at(m.end() - 1) + 1

    def _covered(self, first: int) -> bool:
        return any(d.first <= first < d.last for d in self.drafts)

    def _add(self, d: _Draft, *qids: int) -> None:
        self.drafts.append(d)
        self.used.update(qids)

    # --------------------------------------------------------------------------------------------- stages
    def _delta_to(self) -> None:
        """A change and where it ended: "up 5 points to 91%" is 86 -> 91 %; "up 20% to 120 rps" keeps both."""
        qs, roles = self.qs, self.roles
        for m in _DELTA_TO.finditer(self.text):
            dq, bq = _qi(m.group("d")), _qi(m.group("b"))
            if not self._free(dq, bq) or roles[dq] or roles[bq]:
                continue
            delta, end = qs[dq], qs[bq]
            if delta.unit not in ("pp", "%") or not end.has_unit and not self.hits:
                continue
            first, last = self._span(m)
            down = m.group("v") in ("down", "fell", "dropped", "decreased", "went down", "lost")
            d = _Draft(first, last, first, [dq, bq], after=end.value, direction=-1 if down else 1)
            d.numbers = _nums(delta) + _nums(end)
            if delta.unit == "pp" or (delta.unit == "%" and end.unit == "%" and not delta.relative):
                d.before = end.value + (delta.value if down else -delta.value)
                d.unit = "%"
            else:
                d.change, d.unit, d.relative = delta.value, end.unit or end.per, True
            self._add(d, dq, bq)

    def _pairs(self) -> None:
        """Before -> after: "from 1.2 s to 800 ms", "64 to 78 to 91 percent", "92%, up from 85%", "used to take
        four hours and now ... twenty-five minutes"."""
        qs, roles, sh = self.qs, self.roles, self.sh
        text = self.text
        for pattern, needs in _PAIR_PATTERNS_GATED:
            if needs and not any(map(text.__contains__, needs)):
                continue  # the pattern's own word is not in the sentence: it cannot match
            for m in pattern.finditer(text):
                a, b = _qi(m.group("a")), _qi(m.group("b"))
                chain = [_qi(t) for t in _Q_TOKEN.findall(m.groupdict().get("more") or "")]
                b_last = chain[-1] if chain else b
                ids = [a, b, *chain]
                if not self._free(*ids):
                    continue
                if pattern is _VERSUS_GAP and (any(qs[_qi(t)].unit != "ms" for t in _Q_TOKEN.findall(m.group("gap")))
                                               or qs[a].unit != qs[b].unit):
                    continue  # only a period ("over those six weeks") may sit between the value and its "versus"
                if any(roles[x] == "non" for x in ids):  # "grew the org from twelve to forty people"
                    self.used.update(ids)
                    self.others.extend(("non", qs[x]) for x in ids)
                    continue
                if any(roles[x] in ("config", "skip") for x in ids):
                    continue
                if any(roles[x] == "sample" for x in ids):
                    clause = " ".join(sh.words[max(0, sh.qpos[a] - 8):sh.qpos[b_last] + 2])
                    if _ARTEFACT.search(clause) or not self.hits and not any(qs[x].has_unit for x in ids):
                        self.used.update(ids)  # "the eval set grew from 200 to 412 cases": a set's size
                        self.others.extend(("config", qs[x]) for x in ids)
                        continue
                setting = self._setting(m.start(), ids)
                if setting is not None:  # "we bumped top-k from 5 to 10", "headcount went from 40 to 65"
                    self.used.update(ids)
                    self.others.extend((setting, qs[x]) for x in ids)
                    continue
                qa, qb = qs[a], qs[b_last]
                if pattern in (_USED_TO, _GOT_TO, _AFTER_NOW) and not (qa.has_unit or qb.has_unit or self.hits):
                    continue
                va, vb, unit, per = _pair_values(qa, qb)
                first, last = self._span(m)
                d = _Draft(first, last, first, ids, before=va, after=vb)
                d.numbers = [n for x in ids for n in _nums(qs[x])]
                d.approx = qa.approx or qb.approx
                d.bound = qb.bound
                self._add(_finish_pair(d, qa, qb, unit, per), *ids)

    def _setting(self, char: int, ids: list[int]) -> str | None:
        """ "config" when the pair starting at ``char`` is about a setting or a size named just before it in its
        clause (and no known metric is named between), "non" for a headcount, else None."""
        sh = self.sh
        start = sh.at(char)
        k = start
        while k > 0 and start - k < 8 and sh.words[k - 1] not in _CLAUSE_BREAK:
            k -= 1
        lead = " ".join(sh.words[k:start])
        if not lead or any(k <= m.first < start for m in self.hits) or _METRIC_RE.search(
                " ".join(sh.words[start:sh.qpos[ids[-1]]])):
            return None
        if _CONFIG_SUBJECT.search(lead):
            return "config"
        if _HEADCOUNT_SUBJECT.search(lead) and all(self.qs[x].unit is None for x in ids):
            return "non"
        return None

    def _by(self) -> None:
        """ "cut X by 60%", "by 3 points", "by a third", "by a factor of 3", "by 200 ms" (an absolute delta)."""
        qs, roles = self.qs, self.roles
        for m in _BY.finditer(self.text):
            qtok = m.group("q") or m.group("fq")
            first, last = self._span(m)
            v = m.group("v")
            down = _DOWN_RE.fullmatch(v) is not None
            polar = v in ("improved", "improve", "improves", "improving")
            if qtok:
                qi = _qi(qtok)
                if not self._free(qi) or roles[qi] in _BLOCKED:
                    continue
                q = qs[qi]
                d = _Draft(first, last, first, [qi], direction=-1 if down else 1, polar=polar, relative=True)
                d.numbers = _nums(q)
                d.approx = q.approx
                if m.group("fq") or q.unit == "x":
                    d.after, d.unit, d.mult = q.said, "x", True
                elif q.unit in ("%", "pp"):
                    d.change, d.unit = q.value, q.unit
                elif q.unit is None and q.per is None and not q.ratio:
                    continue  # "cut it by two": not a measurement we can read
                else:  # an absolute delta: "cut p95 by 200 ms" -> the delta itself
                    d.after, d.unit, d.relative = q.value, q.unit if q.unit else q.per, False
                self._add(d, qi)
                continue
            frac = m.group("frac")
            if frac.startswith(("an order", "a factor")):
                n = {"two": 2.0, "three": 3.0, "four": 4.0, "ten": 10.0}.get(frac.rsplit(" ", 1)[-1], 10.0)
                d = _Draft(first, last, first, [], after=n, unit="x", relative=True, mult=True)
            else:
                d = _Draft(first, last, first, [], change=_FRAC[frac], unit="%", direction=-1 if down else 1,
                           polar=polar, relative=True)
            self._add(d)

    def _halves(self) -> None:
        """ "cut the p50 latency in half", "that saved you, what, half the cost?" """
        for m in _HALF.finditer(self.text):
            first, last = self._span(m)
            if not self._covered(first):
                self._add(_Draft(first, last, first, [], change=50.0, unit="%", direction=-1, relative=True))
        for m in _HALF_THE.finditer(self.text):
            first, last = self._span(m)
            if self._covered(first):
                continue
            d = _Draft(first, last, first, [], change=50.0, unit="%", direction=-1, relative=True)
            word = m.group("m")
            d.metric_name, d.source = word, "preset"
            if word in _METRICS:
                d.metric = _Metric(word, *_METRICS[word], last - 1, last)
            self._add(d)

    def _of_what_it_was(self) -> None:
        """ "response time is about half what it was", "3x what it was" """
        for m in _OF_WAS.finditer(self.text):
            first, last = self._span(m)
            if self._covered(first):
                continue
            f = m.group("f")
            if f.startswith("Q"):
                qi = _qi(f)
                if self.qs[qi].unit != "x" or not self._free(qi):
                    continue
                ratio = self.qs[qi].said
                self.used.add(qi)
            else:
                ratio = _OF_WAS_RATIO[f]
            pct = (ratio - 1) * 100
            self._add(_Draft(first, last, first, [], change=round(abs(pct), 1), unit="%",
                             direction=-1 if pct < 0 else 1, relative=True))

    def _direct(self) -> None:
        """ "down sixty percent", "up 1.2 points", "plus 3.1 percent", "worth about four points of recall" """
        for m in _DIRECT.finditer(self.text):
            qi = _qi(m.group("q"))
            q = self.qs[qi]
            if not self._free(qi) or self.roles[qi] in _BLOCKED or q.unit not in ("%", "pp"):
                continue
            v = m.group("v")
            first, last = self._span(m)
            down = _DOWN_RE.fullmatch(v) is not None or v in ("down", "dropped", "fell", "decreased", "declined",
                                                               "minus", "lost")
            d = _Draft(first, last, first, [qi], change=q.value, unit=q.unit, direction=-1 if down else 1,
                       polar=v == "improved", relative=True)
            d.numbers = _nums(q)
            d.approx = q.approx
            self._add(d, qi)

    def _adjectives(self) -> None:
        """ "40% faster", "5x cheaper", "a 30% reduction in handle time", "a 3x speedup" """
        for m in _ADJ.finditer(self.text):
            qi = _qi(m.group("q"))
            q = self.qs[qi]
            if not self._free(qi) or self.roles[qi] in _BLOCKED:
                continue
            adj = m.group("adj")
            first, last = self._span(m)
            if q.unit == "x":
                d = _Draft(first, last, first, [qi], after=q.said, unit="x", relative=True, mult=True)
            elif q.unit in ("%", "pp"):
                neg = adj in _NEGATIVE_ADJ or adj.endswith(("reduction", "drop"))
                d = _Draft(first, last, first, [qi], change=q.value, unit=q.unit, direction=-1 if neg else 1,
                           polar=adj in _POLAR_ADJ, relative=True)
            else:
                continue
            d.metric_name = _ADJ_METRIC.get(adj)
            d.numbers = _nums(q)
            d.approx = q.approx
            self._add(d, qi)

    def _word_changes(self) -> None:
        """ "halved", "doubled", "tripled", "twice as fast" """
        for m in _WORD_CHANGE.finditer(self.text):
            first, last = self._span(m)
            if self._covered(first):
                continue
            pct = _WORD_PCT[m.group("w")]
            self._add(_Draft(first, last, first, [], change=abs(pct), unit="%", direction=-1 if pct < 0 else 1,
                             relative=True))
        for m in _TWICE.finditer(self.text):
            first, last = self._span(m)
            self._add(_Draft(first, last, first, [], after=_TWICE_X[m.group("n")], unit="x", relative=True,
                             mult=True))

    def _ranges(self) -> None:
        """ "between five and eight percent" (its midpoint), "1.2 to 1.5 seconds"; a falling "X to Y", or one that
        corrects the question's "from X to Y", is a change."""
        qs, roles, context = self.qs, self.roles, self.context
        spread = _SPREAD.search(self.text) is not None
        for pattern in (_BETWEEN, _BARE_TO):
            if pattern is _BETWEEN and "between " not in self.text:
                continue
            for m in pattern.finditer(self.text):
                a, b = _qi(m.group("a")), _qi(m.group("b"))
                if not self._free(a, b) or roles[a] or roles[b]:
                    continue
                if spread:  # "ran the same commit ten times and the pass rate moved between 86.4 and 88.1": noise
                    self.used.update((a, b))
                    self.others.extend(("config", qs[x]) for x in (a, b))
                    continue
                qa, qb = qs[a], qs[b]
                va, vb, unit, per = _pair_values(qa, qb)
                if vb == va:
                    continue
                first, last = self._span(m)
                d = _Draft(first, last, first, [a, b])
                d.numbers = _nums(qa) + _nums(qb)
                if pattern is _BARE_TO and (vb < va or context is not None and context.pair):
                    d.before, d.after = va, vb  # a correction of "from X to Y": "no, more like 71 to 89"
                else:
                    d.after = (va + vb) / 2
                d.approx = True
                d = _finish_pair(d, qa, qb, unit, per)
                if d.unit == "pp" and d.before is None:  # "ahead every day, between five and eleven points"
                    d.change, d.after, d.relative = d.after, None, True
                    d.direction = -1 if _WORSE.search(" ".join(self.sh.words[max(0, first - 6):first])) else 1
                self._add(d, a, b)

    def _singles(self) -> None:
        """Every number not read yet: a single value, or (by its role) a number that measures nothing."""
        sh = self.sh
        for qi, q in enumerate(self.qs):
            if not self._free(qi):
                continue
            role = self.roles[qi]
            if role:
                if role in ("non", "config", "sample"):
                    self.others.append(("config" if role == "sample" else role, q))
                continue
            at = sh.qpos[qi]
            # "the rate limit from the provider was 10,000 tokens per minute": a lone value is a setting only when
            # a limit-like setting is what the clause says it is ("the version two model hit 88 percent accuracy"
            # is a result). The words before it are asked first: most values follow no setting's name, and the clause
            # is then not read at all
            if _SINGLE_SETTING.search(" ".join(sh.words[max(0, at - 8) : at])) and \
                    self._setting(sh.offsets[at], [qi]) == "config":
                self.others.append(("config", q))
                continue
            d = _Draft(at, at + 1, at, [qi], after=q.value, bound=q.bound, approx=q.approx)
            d.numbers = _nums(q)
            if q.unit == "x":
                d.unit, d.relative, d.mult = "x", True, True
            elif q.unit == "pp":
                lead = " ".join(sh.words[max(0, at - 6):at])
                if not _DIRECTION.search(lead):
                    continue  # "1.2 points" with no direction
                d.change, d.after, d.relative, d.unit = q.value, None, True, "pp"
                d.direction = -1 if _WORSE.search(lead) else 1
            elif q.scale is not None:
                d.unit = None  # "4.3 out of 5"
            elif not q.has_unit:
                d.need_lexicon = True  # a bare number is a value only right beside a known metric
            else:
                d.unit = q.unit or (q.per if q.per and q.per.startswith("/") else None)
            d.single = True
            self._add(d, qi)

    # --------------------------------------------------------------------------------------------- metrics
    def _finish(self) -> list[_Draft]:
        sh, context = self.sh, self.context
        drafts = sorted(self.drafts, key=lambda d: d.first)
        for d in drafts:
            if not d.qs and not d.numbers:  # "halved", "half the cost": the word is the number said
                d.numbers = word_numbers(" ".join(sh.words[d.first:d.last]))
        # "up by 12 points, from 70 to 82 percent": when both values are given the change is not a claim of its own
        pair_spans = [(d.first, d.last) for d in drafts if d.before is not None]
        drafts = [d for d in drafts if not (d.change is not None and d.before is None and any(
            0 <= pf - d.last <= 3 or 0 <= d.first - pl <= 3 for pf, pl in pair_spans))]
        # a metric serves one claim: pairs choose first, then other claims with numbers, then changes in words
        used_metrics: set[int] = set()
        order = sorted(range(len(drafts)), key=lambda i: (drafts[i].before is None, not drafts[i].qs,
                                                          drafts[i].first))
        for i in order:
            d = drafts[i]
            lo = drafts[i - 1].last if i > 0 else 0
            hi = drafts[i + 1].first if i + 1 < len(drafts) else len(sh.words)
            self._metric(d, drafts, used_metrics, lo, hi)
        out = []
        pairs = [d for d in drafts if d.before is not None]
        for d in drafts:
            if d.kind == "drop":
                continue
            if d.metric_name is None and context is not None and context.metric and _compatible(
                    d.unit, context.family) and (len(sh.words) <= CONTEXT_MAX_WORDS or context.carried or
                                                 context.value_asked and d.unit is not None and context.family):
                d.metric_name, d.from_context = context.metric, True
                if d.metric is None:
                    d.metric = _Metric(context.metric, context.family, context.lower_better, -1, -1)
            if d.metric_name is None:
                q0 = self.qs[d.qs[0]] if d.qs else None
                if q0 is None or not (d.before is not None or d.unit in ("%", "pp") or q0.ratio):
                    continue  # a bare duration or price with no metric: small talk, an input price
                d.metric_name = "unspecified"  # "of the ones we didn't call, 38 percent did"
            # "Throughput tripled and ... dropped from $8 to $3": a doubling is its own claim unless it restates a pair
            if d.relative and not d.qs and pairs and any(p.metric_name == d.metric_name or d.from_context
                                                          for p in pairs):
                continue
            out.append(d)
        for d in out:
            self._sign_and_unit(d)
        return _dedupe(out)

    def _metric(self, d: _Draft, drafts: list[_Draft], used_metrics: set[int], lo: int, hi: int) -> None:
        sh = self.sh
        preset = d.metric_name
        if d.metric is None:
            _find_metric(sh, d, self.hits, used_metrics, lo, hi)
        else:
            d.source = "lexicon"
        if preset and d.source != "lexicon":
            d.metric_name, d.source = preset, "preset"
        if d.single and d.source != "lexicon" and d.unit == "ms":
            before_words = " ".join(sh.words[max(0, d.first - 5):d.first]) + " "
            verb = _RESPONDS.search(before_words)
            takes = _TAKES.search(before_words) and _TAKES_TO.match(" ".join(sh.words[d.last:d.last + 3]))
            if verb or takes:  # "the model answers in about 800 ms", "it takes 40 minutes to run"
                responds = verb is not None and verb.group(1).startswith(("answer", "respond", "repl", "return"))
                d.metric_name = "response time" if responds else "run time"
                d.source = "lexicon"
                d.metric = _Metric(d.metric_name, "time", True, -1, -1)
        if d.single and d.source != "lexicon" and d.unit in ("ms", "USD", "EUR", "GBP") and \
                _RUN_COST.search(" ".join(sh.words[max(0, d.first - 8):d.first]) + " ") and \
                _RUN_REF.search(" ".join(sh.words[max(0, d.first - 30):d.first])):
            # "runs a 120-case smoke subset, that's about four minutes and around two dollars": what a run takes
            time = d.unit == "ms"
            d.metric_name, d.source = ("run time" if time else "run cost"), "lexicon"
            d.metric = _Metric(d.metric_name, "time" if time else "money", True, -1, -1)
        if (d.single or d.before is not None) and d.metric is not None and not _compatible(d.unit, d.metric.family) \
                and d.metric.name not in ("saved", "saving", "save", "savings"):
            # "the team spent two weeks": not money; "from 900 to 650 ms, the reranker costs something": not a cost
            d.metric, d.metric_name, d.source = None, None, None
        if d.single and not d.need_lexicon and d.source == "subject" and d.unit != "%" and not _share_of(sh, d):
            d.metric, d.metric_name, d.source = None, None, None
        if d.single and d.source in (None, "subject") and d.qs and self.qs[d.qs[0]].ratio:
            q = self.qs[d.qs[0]]  # "about one in six actually cancelled": the outcome names the rate
            window = " ".join(sh.words[max(0, d.first - 6):min(d.last + 8, len(sh.words))])
            outcomes = list(_OUTCOME_RATIO.finditer(window))
            if outcomes:
                pos = len(" ".join(sh.words[max(0, d.first - 6):d.first]))
                best = min(outcomes, key=lambda o: abs(o.start() - pos))
                d.metric_name, d.source = f"{q.noun + ' ' if q.noun else ''}{best.group(0)}", "subject"
        if d.need_lexicon:
            self._bare_value(d, drafts)

    def _back_to(self, d: _Draft) -> tuple[str, str | None] | None:
        """ "refunds went back to 95": a value returning to a level of a metric said earlier in the answer takes that
        metric and its unit, when the words before it name the metric."""
        lead = self.sh.words[max(0, d.first - 6):d.first]
        if not _BACK_TO.search(" ".join(lead) + " "):
            return None
        said = {w.rstrip("s") for w in lead if len(w) > 3}
        for metric, unit in reversed(self.prior):
            if said & {w.rstrip("s") for w in metric.split() if len(w) > 3}:
                return metric, unit
        return None

    def _bare_value(self, d: _Draft, drafts: list[_Draft]) -> None:
        """A number with no unit is a value only beside a known rate or score ("kappa of 0.78"), a count beside
        its count ("incidents dropped to zero"), in a list after a percentage, or as the answer to a question."""
        sh, context = self.sh, self.context
        q = self.qs[d.qs[0]]
        m = d.metric
        near = m is not None and (abs(m.last - d.first) <= 8 or abs(m.first - d.last) <= 3)
        count_ok = m is not None and m.family == "count" and (q.noun in _COUNT_NOUNS or 0 <= d.first - m.last <= 4)
        if count_ok and d.unit is None:
            d.unit = "count"
        if m is not None and m.family == "pct" and d.after is not None and d.after > 100:
            near = False  # "on the same 350 ... points of recall": a count, not a rate
        if q.spelled and q.said == 1:
            d.kind = "drop"  # "at least one correct clause", "the one the customer saw": not a value
            return
        if near and m is not None and (m.family in ("pct", "score") or count_ok):
            return
        listed = _listed_after(sh, d, drafts)
        back = self._back_to(d) if self.prior else None
        if back is not None:
            d.metric_name, d.unit, d.source, d.need_lexicon = back[0], back[1], "context", False
            d.from_context = True
        elif listed is not None:
            d.metric, d.metric_name, d.source, d.unit = listed.metric, listed.metric_name, "list", listed.unit
            d.need_lexicon = False
        elif context is not None and context.metric and d.metric is None and context.value_asked and (
                len(sh.words) <= CONTEXT_MAX_WORDS if context.carried else not (
                    q.noun and q.noun not in context.metric)):  # "600 turbines" answers no question on failures
            d.metric_name, d.from_context = context.metric, True
            d.metric = _Metric(context.metric, context.family, context.lower_better, -1, -1)
        else:
            d.kind = "drop"

    def _sign_and_unit(self, d: _Draft) -> None:
        fam = d.metric.family if d.metric is not None else None
        lower = d.metric.lower_better if d.metric is not None else False
        if d.change is not None:
            sign = d.direction or 1
            if d.polar and lower:
                sign = -1  # "improved latency by 40%" is -40 %
            d.change = sign * d.change
        if d.unit is None and not d.relative:
            vals = [v for v in (d.before, d.after) if v is not None]
            q0 = self.qs[d.qs[0]] if d.qs else None
            d.unit = _unit_for(None, q0.per if q0 else None, fam, vals, q0.noun if q0 else None)
            if d.unit is None and self.context is not None and d.from_context and self.context.unit:
                d.unit = self.context.unit
        if fam == "money" and (d.unit is None or d.unit.startswith("/") or d.unit == "count") and not d.relative:
            d.unit = "USD"  # "the bill went from 12k to 4k a month": money, the period is in the metric


def _qi(tok: str) -> int:
    return int(tok[1:])


_Q_TOKEN = re.compile(r"Q\d+")
_DOWN_RE = re.compile(_DOWN)
# each pair pattern with the words it needs (any one of them): a pattern is run only on a sentence that has one
_PAIR_PATTERNS_GATED: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...] = (
    (_VERSUS, (" versus ", " vs", " compared ", " against ", " over ", " instead ", " from ")),
    (_FROM, ("from ",)),
    (_AND_NOW, ("now ", "today ", "these days ")),
    (_TO_FROM, (" from ",)),
    (_NOW_WAS, ("now ",)),
    (_Q_WENT_TO, (" to ",)),
    (_ARROW, ("->", "→", "=>")),
    (_UP_FROM, (" from ",)),
    (_USED_TO, ("now", "today", "these days")),
    (_GOT_TO, (" to ",)),
    (_AFTER_NOW, (" after ", " since ", " once ", " with ")),
    (_VERB_TO, (" to ", "->")),
    (_VERSUS_GAP, (" versus ", " vs", " compared ")),
    (_WHEN_NOW, ("now", "today", "these days")),
    (_BEFORE_AFTER, ("before ",)),
    (_NOW_IT_WAS, (" now ", " today ", " these days ")),
)
_PAIR_PATTERNS = tuple(p for p, _ in _PAIR_PATTERNS_GATED)


def _read_sentence(sentence: str, context: _Context | None = None, prior: tuple[tuple[str, str | None], ...] = ()
                   ) -> tuple[list[_Draft], list[tuple[str, Quantity]]]:
    """The claim drafts of one sentence (or window of one), and its numbers that measure nothing (remembered: the
    same sentence read in the same context is read once; callers treat the drafts as read-only)."""
    key = (sentence, None if context is None else (context.metric, context.family, context.lower_better,
                                                   context.unit, context.pair, context.value_asked, context.carried),
           prior)
    got = _READ.get(key)
    if got is None:
        if len(_READ) >= READ_CACHE:
            _READ.clear()
        got = _READ[key] = _Reader(sentence, context, prior).read()
    return got


READ_CACHE = 4096  # sentences remembered (a transcript's question recaps, restated answers, batch re-grades)
_READ: dict[tuple[object, ...], tuple[list[_Draft], list[tuple[str, Quantity]]]] = {}


def _dedupe(drafts: list[_Draft]) -> list[_Draft]:
    """One claim per value: "wrong on 6 of the 500, 1.2 percent" and "two in five, so roughly 200 out of 500" say
    the same thing twice."""
    kept: list[_Draft] = []
    for d in drafts:
        twin = next((k for k in kept if d.single and k.single and k.unit == d.unit and d.after is not None
                     and k.after is not None and abs(k.after - d.after) <= 0.01 * max(abs(d.after), 1)), None)
        if twin is None:
            kept.append(d)
        elif twin.metric_name == "unspecified" and d.metric_name != "unspecified":
            kept[kept.index(twin)] = d
    return kept


def _listed_after(sh: _Shape, d: _Draft, drafts: list[_Draft]) -> _Draft | None:
    """ "WAPE was 38 percent for the ERP, 41 for naive, and 29 for ours": a bare value listed after a percentage
    takes its metric and unit."""
    prev = [p for p in drafts if p.last <= d.first and p.kind != "drop" and p.metric_name and p.unit == "%"
            and p.single and not p.need_lexicon or p.source == "list" and p.last <= d.first]
    if not prev or d.after is None or not 0 <= d.after <= 100:
        return None
    p = max(prev, key=lambda x: x.last)
    between = sh.words[p.last:d.first]
    if len(between) > 5 or "," not in between and "and" not in between:
        return None
    if any(w.startswith("Q") or w in _VERBS for w in between):
        return None
    return p


_UNIT_FAMILIES = {"ms": ("time", None), "USD": ("money", None), "EUR": ("money", None), "GBP": ("money", None)}


def _compatible(unit: str | None, family: str | None) -> bool:
    """A duration measures a time metric, money a cost: "spent two weeks" is not a spend."""
    allowed = _UNIT_FAMILIES.get(unit or "")
    return allowed is None or family in allowed


def _share_of(sh: _Shape, d: _Draft) -> bool:
    """ "agents resolve 70 percent of chats", "the right doc 91% of the time": a share with its subject."""
    q = sh.sc.quantities[d.qs[0]] if d.qs else None
    at = sh.qpos.get(d.qs[0]) if d.qs else None
    if q is None or at is None or q.unit != "%" or q.ratio:
        return False
    nxt = sh.words[at + 1:at + 3]
    return bool(nxt) and nxt[0] == "of" and len(nxt) > 1 and nxt[1] not in ("my", "our", "his", "her", "their")


_WORD_NUMBER = re.compile(r"\b(?:halved|half|doubled|double|twice|twofold|tripled|triple|trebled|threefold|"
                          r"quadrupled|two thirds|two-thirds|a third|one third|three quarters|a quarter|one quarter|"
                          r"tenfold|an order of magnitude)\b")
_WORD_CANON = {"halved": "half", "doubled": "double", "twice": "double", "twofold": "double", "tripled": "triple",
               "trebled": "triple", "threefold": "triple", "quadrupled": "quadruple", "two-thirds": "two thirds",
               "a third": "third", "one third": "third", "a quarter": "quarter", "one quarter": "quarter",
               "tenfold": "tenfold", "an order of magnitude": "tenfold"}


def word_numbers(text: str) -> list[str]:
    """Proportions said in words, canonical: "halved" and "half the cost" are both "half"."""
    return [_WORD_CANON.get(w, w) for w in _WORD_NUMBER.findall(text.lower())]


def stated_numbers(text: str) -> set[str]:
    """Every number said in ``text``, as plain digits ("twelve percent" and "12%" are both "12", "$12k" is
    "12000"), plus proportions said in words ("half", "double")."""
    return _stated_digits(text) | set(word_numbers(text))


def _nums(q: Quantity) -> list[str]:
    """The numbers a quantity was said with, in plain digits: "one in eight" -> ["1", "8"], "$12k" -> ["12000"]."""
    said = [fmt(v) for v in q.said_range] if q.said_range else [fmt(q.said)]
    return [*said, fmt(q.ratio[1])] if q.ratio else said


def _finish_pair(d: _Draft, qa: Quantity, qb: Quantity, unit: str | None, per: str | None) -> _Draft:
    """The pair's unit: the shared unit, else the period of a rate ("/day"), else % for ratios."""
    if unit is None and per is not None and per.startswith("/"):
        d.unit = per
    elif unit is None and (qa.ratio or qb.ratio):
        d.unit = "%"
    else:
        d.unit = unit
    return d


def _target_spans(sh: _Shape) -> list[tuple[int, int]]:
    """Clauses that state a target, SLO, plan or alert threshold: their numbers are not results."""
    out: list[tuple[int, int]] = []
    text = sh.text
    # (``text`` is the words joined by spaces: a word holds "-" or "'" only when the text does)
    if _TARGET_WORDS.isdisjoint(sh.words) and not any(map(text.__contains__, _TARGET_PHRASES)) and not (
            ("-" in text or "'" in text) and any(("-" in w or "'" in w) and not _TARGET_WORDS.isdisjoint(
                _HYPHEN_OR_APOSTROPHE.split(w)) for w in sh.words)):
        return out
    clause_start = 0
    words = sh.words
    for k, w in enumerate(words + [","]):
        if w in (",", ";", ".", "but", "while", "whereas", "and") or k == len(words):
            clause = " ".join(words[clause_start:k])
            if _TARGET.search(clause) and not _ACHIEVED.search(clause):
                out.append((clause_start, k))
            clause_start = k + 1
    return out


# the words (or phrases) every _TARGET alternative starts with: a sentence with none of them states no target
_TARGET_WORDS = frozenset("""target targets targeted goal goals slo slos sla slas budget aim aimed objective contract
contracted promised commitment committed requirement required require requires supposed wanted want hoping hope plan
planned expect expected alert alerts alarm alarms trigger triggers triggered if whenever couldn't can't cannot
mustn't allowed alerted paged notified woken pinged gate gated sign blocked rejected aiming shooting trying unless
when stay keep remain constraint""".split())
_HYPHEN_OR_APOSTROPHE = re.compile(r"[-']")
_TARGET_PHRASES = ("at most", "not allowed", "no more than", "to be", "should be", "must be", "must not", "page us",
                   "page someone", "sign-off")


# ------------------------------------------------------------------------------------------------ context
@dataclass
class _Context:
    metric: str | None = None
    family: str | None = None
    lower_better: bool = False
    unit: str | None = None
    pair: bool = False
    value_asked: bool = False  # the question stated or asked for a value of that metric
    carried: bool = False  # the previous sentence of the same turn, not a question
    numbers: set[str] = field(default_factory=set)


@lru_cache(maxsize=256)
def _read_context(text: str) -> _Context:
    ctx = _Context(numbers=stated_numbers(text))
    claims = [c for s in sentences(text) if any_number(s.lower()) for c in _claims_of(0, s, None)
              if c.kind == "measurement"]
    if claims:
        last = claims[-1]
        ctx.metric, ctx.unit, ctx.pair, ctx.value_asked = last.metric, last.unit, last.before is not None, True
        fam = _family_of(last.metric)
        ctx.family, ctx.lower_better = fam
        return ctx
    sh = _shape(scan(text))
    # "how many failure cases did you review?" asks for a sample's size, not for a value of the failure rate
    hits = [m for m in _metric_hits(sh) if not (m.last < len(sh.words) and sh.words[m.last] in _SAMPLE)]
    if hits:
        ctx.metric, ctx.family, ctx.lower_better = hits[-1].name, hits[-1].family, hits[-1].lower_better
        ctx.value_asked = bool(_ASKS_VALUE.search(text.lower()))
    return ctx


_ASKS_VALUE = re.compile(r"\b(?:what(?! about\b)|how (?:much|many|fast|high|low)|number|numbers|figure)\b")


def _family_of(metric: str) -> tuple[str | None, bool]:
    for m in _METRIC_RE.finditer(metric.lower()):
        p = m.group(0)
        if p in _METRICS:
            return _METRICS[p]
        if p.endswith(" rate"):
            return "pct", False
    return None, False


# ------------------------------------------------------------------------------------------------ public
def _plausibility(c: Claim, sentence: str) -> None:
    b, a = c.before, c.after
    pctish = c.unit == "%" and _family_of(c.metric)[0] in ("pct", None)
    if c.change is not None and c.unit == "%" and c.change < -100:
        c.plausible = False
        c.why_implausible = f"{c.metric}: a reduction of {-c.change:g}% is impossible"
    elif b is not None and a is not None and pctish and (a > 100 or b > 100):
        c.plausible = False
        c.why_implausible = f"{c.metric}: a percentage over 100 ({b:g} -> {a:g})"
    elif b is None and a is not None and pctish and a > 100 and not c.relative:
        c.plausible = False
        c.why_implausible = f"{c.metric}: {a:g}% for a rate or share is impossible"
    elif c.unit == "%" and _family_of(c.metric)[0] == "pct" and c.change is None and any(
            v is not None and v < 0 for v in (a, b)):
        c.plausible = False
        c.why_implausible = f"{c.metric}: a negative rate is impossible"
    elif b is not None and a is not None and c.unit == "ms" and a > b and _FASTER.search(sentence):
        c.plausible = False
        c.why_implausible = f"{c.metric}: latency grew ({b:g} ms -> {a:g} ms) but is called faster"


def _claims_of(turn: int, sentence: str, context: _Context | None, part: str | None = None,
               prior: tuple[tuple[str, str | None], ...] = ()) -> list[Claim]:
    """The claims of ``sentence`` (read from ``part`` of it, when it is read in windows)."""
    drafts, others = _read_sentence(sentence if part is None else part, context, prior)
    out = []
    for d in drafts:
        c = Claim(turn, sentence, d.metric_name or "unspecified", d.before, d.after, d.unit, d.kind,
                  relative=d.relative, numbers=d.numbers, change=d.change, bound=d.bound, approx=d.approx)
        _plausibility(c, sentence)
        if context is not None and d.numbers:
            c.restated = set(d.numbers) <= context.numbers
        out.append(c)
    for role, q in others:
        kind = "non_measurement" if role == "non" else "config"
        out.append(Claim(turn, sentence, q.noun or "unspecified", None, q.value, q.unit, kind, numbers=[fmt(q.said)],
                         subject=q.noun, approx=q.approx, bound=q.bound))
    return out


def extract_claims(turn: int, text: str, metric_hits: list[tuple[int, int, str]] | None = None,
                   context: str | None = None, sents: list[str] | None = None) -> list[Claim]:
    """Every number in ``text`` as a claim, in sentence order: measurements, and the numbers that measure nothing
    (kind ``non_measurement`` or ``config``). ``context`` is the question the text answers (the interviewer's
    turn): a short answer's bare numbers take its metric ("Closer to 0.87" after "So the AUC was 0.9?"), and a
    claim whose numbers all appear in it is marked ``restated``. ``metric_hits`` is accepted for compatibility.
    ``sents``: ``sentences(text)``, when the caller has split the text already (the grader splits each answer once).
    """
    del metric_hits
    low_text = text.lower()
    if not any_number(low_text):
        return []
    low_context = context.lower() if context else ""
    ctx = _read_context(context) if context and (any_number(low_context) or _METRIC_RE.search(
        low_context)) else None
    claims: list[Claim] = []
    previous: str | None = None
    same = len(low_text) == len(text)  # lowercasing kept every offset: the sentence is searched in place
    pos = 0
    for i, sentence in enumerate(sentences(text) if sents is None else sents):
        if same:
            at = text.find(sentence, pos)
            if at < 0:  # pragma: no cover - sentences are verbatim substrings of the text, in order
                at = text.find(sentence)
            end = pos = at + len(sentence)
            low, lo, hi = low_text, at, end
        else:
            low, lo, hi = sentence.lower(), 0, len(sentence)
        # a number other than a pronoun "one", searched in C within the sentence: linear in the text
        if not number_but_one(low, lo, hi):
            previous = sentence
            continue
        # the question answered (first sentence), else the metric of the sentence before: "That got us to 0.74."
        here = ctx if i == 0 and ctx is not None else _carry(previous) if previous else None
        for part in _windows(sentence):
            if not english(part) or len(part) > 4 * MAX_NUMBERS and len(_NUMBERISH.findall(part.lower())) > \
                    2 * MAX_NUMBERS:  # (fewer than 160 characters cannot hold 80 numbers)
                continue  # a table, a list of ids, a hostile run of numbers or symbols: not speech read here
            prior = tuple((c.metric, c.unit) for c in claims[-8:] if c.kind == "measurement"
                          and c.metric != "unspecified" and not c.relative)
            claims.extend(_claims_of(turn, sentence, here, part, prior))
        previous = sentence
    return claims


@lru_cache(maxsize=512)
def _carry(previous: str) -> _Context | None:
    """The metric the previous sentence was about, for a sentence that goes on about it without naming it."""
    if len(previous) > WINDOW:
        return None
    last = None
    for last in _METRIC_RE.finditer(previous.lower()):  # noqa: B007 - the last match is the one wanted
        pass
    if last is None:
        return None
    name = last.group(0)
    family, lower = _family_of(name)
    return _Context(metric=name, family=family, lower_better=lower, value_asked=True, carried=True)


CONTEXT_MAX_WORDS = 14  # a sentence this short may take its metric from the question or the sentence before
MAX_NUMBERS = 40  # numbers in one window; more is not a sentence anyone says


_LETTERS = bytes(range(65, 91)) + bytes(range(97, 123))
MIN_LETTERS = 0.25  # share of the non-space characters that are ASCII letters in English speech, at the least


def english(part: str) -> bool:
    """English speech (what the claim patterns read): ASCII letters are a quarter of its characters or more
    ("From 12% to 3%." is half). Mixed scripts, symbols and control runs are not read (linear, in C)."""
    if len(part) < 200:
        return True
    raw = part.encode("ascii", "ignore")
    letters = len(raw) - len(raw.translate(None, _LETTERS))
    return letters >= MIN_LETTERS * (len(part) - part.count(" "))


WINDOW = 1500  # characters: no spoken sentence is longer; a longer run is read in pieces, so every scan is linear


def _windows(sentence: str) -> list[str]:
    """``sentence`` in pieces of at most WINDOW characters, cut at a clause break (or a space) when there is one."""
    if len(sentence) <= WINDOW:
        return [sentence]
    out, start = [], 0
    while start < len(sentence):
        end = min(start + WINDOW, len(sentence))
        if end < len(sentence):
            cut = max(sentence.rfind(", ", start, end), sentence.rfind("; ", start, end))
            if cut <= start + WINDOW // 2:
                cut = sentence.rfind(" ", start, end)
            if cut > start + WINDOW // 2:
                end = cut + 1
        out.append(sentence[start:end])
        start = end
    return out
