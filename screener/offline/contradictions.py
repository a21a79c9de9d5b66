"""Numbers a candidate contradicts across turns: the same artefact's size, who did the work, or a metric stated with
incompatible values ("a 400-case suite" and later "our 2,000-case suite"; "two of us labelled" and "I labelled them
all"; a p95 of 800 ms and "always under 300 ms").

Deliberately conservative, because a false accusation costs a good candidate:

- sizes of a named set (an eval suite, a test set, a golden set; a bare "set" names nothing) must differ by more
  than a quarter, and a stated change in either turn ("we grew it to", "started at", "now") excuses it;
- a metric's value is compared only with a bound the candidate calls universal ("always under 300 ms"), and only
  its current value (the "after" of a change), same percentile;
- a unitless score ("AUC 0.91" / "AUC 0.74") only when neither sentence places it in another time, stage or model
  ("before", "the new model", "at first"), both are said of the same evaluation or slice ("on the holdout", "for
  enterprise accounts", or none named), and the two differ by 0.08 or more. Two plain percentages or latencies
  are never compared: a candidate quotes them for different segments and stages of a story.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from .claim_words import any_number
from .numbers import Claim, english, extract_claims, sentences
from .quantities import Quantity, fmt, scan

__all__ = ["Fact", "contradictions", "facts"]

_ARTEFACT = re.compile(
    r"\b(?:(?P<mod>eval|evaluation|test|golden|regression|benchmark|holdout|held-out|validation|smoke|labelled|"
    r"labeled|gold) )?(?P<head>suite|set|dataset|benchmark|test set|eval set|evals|eval(?= is| are| has| of| was|,| "
    r"set| suite))\b")
_SUITES = frozenset({"suite", "eval suite", "evaluation suite", "test suite", "regression suite", "eval", "evals",
                     "benchmark suite", "smoke suite"})
_SIZE_NOUNS = frozenset("""case cases example examples question questions query queries prompt prompts item items
sample samples conversation conversations ticket tickets document documents test tests pair pairs scenario
scenarios task tasks transcript transcripts call calls dialogue dialogues dialog dialogs utterance utterances
image images invoice invoices record records row rows trace traces""".split())
_GROWTH = re.compile(r"\b(?:grew|grow|growing|grown|expanded|expand|added|adding|extended|now|started|start|"
                     r"initially|originally|at first|first version|began|begun|began with|to begin with|later|"
                     r"since then|eventually|over time|these days|today|doubled|tripled|went from|up from|"
                     r"down from|from \S+ to|pruned|trimmed|cut it|cut down|shrank|reduced it|subset|smoke|"
                     r"sample of|slice|split)\b")
_COUNT_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
_WHO = r"(?:of us|people|annotators|labell?ers|reviewers|leads|engineers|raters|graders|folks|analysts|experts|"
_WHO += r"support leads|senior reviewers|domain experts|of my colleagues|colleagues|teammates)"
_LABEL_VERB = (r"(?:label\w*|annotat\w*|hand-label\w*|hand-scor\w*|hand-grad\w*|scor\w*|grad\w*|rat\w*|"
               r"review\w*|tag\w*|adjudicat\w*)")
_MANY_LABEL = re.compile(rf"\b(?P<n>two|three|four|five|six|seven|eight|nine|ten|\d{{1,3}}) {_WHO}\b[^.?!]{{0,50}}?"
                         rf"\b{_LABEL_VERB}\b|\b{_LABEL_VERB} by (?P<n2>two|three|four|five|six|\d{{1,3}}) {_WHO}\b")
_SOLO_LABEL = re.compile(
    r"\bi (?:\w+ )?(?:labell?ed|annotated|hand-labell?ed|hand-scored|graded|scored|rated|reviewed|tagged) "
    r"(?:them |it |those |these |the \w+ |every \w+ )?(?:all|every one|everything|myself|by myself|alone|"
    r"on my own)\b|\bi did (?:all |every bit of )?(?:the |of the )?(?:labell?ing|annotation|annotating|grading|"
    r"scoring|rating)\b|\b(?:labell?ed|annotated|scored|graded) (?:them |it )?(?:all )?(?:myself|by myself|"
    r"alone|on my own)\b|\b(?:just|only) me (?:labell?ing|annotating|grading|scoring)\b")
_SCORE = re.compile(r"\b(?:auc|auroc|roc auc|pr-auc|auprc|kappa|f1|ndcg|mrr|map|brier|psi|ks|r-squared|r2)\b")
# a score said for another time, slice, model or evaluation than the one it is compared with
# a score said for another time, model or stage than the one it is compared with: excused outright
_OTHER_TIME = re.compile(r"\b(?:went|from|after|before|now|then|initially|originally|at first|started|baseline|old|"
                         r"new|previous|improved|dropped|rose|fell|when|once|without|version|v\d|compared|versus|vs|"
                         r"instead|target|goal|if|would|could|should|expect|first|second|other|another|earlier|later|"
                         r"final|simpler|better|worse|up to|down to|got it to|reached)\b")
# ... and the evaluation or slice it was measured on: two scores are compared only when said of the same one
_SCOPE_WORD = re.compile(r"\b(?:holdout|held-out|validation|test|train|training|offline|online|production|prod|"
                         r"backtest|live|shadow|segment|slice|cohort|tail|head)\b")
_SCOPE_PHRASE = re.compile(r"\b(?:on|for|among|across|per|by|in) (?:the |our |a |an |each |every )?([a-z][a-z'-]+)")
_NOT_SCOPE = frozenset("""whole overall average same it that this them which model models auc score average general
total all most""".split())


_CLAUSE_END = re.compile(r", (?:which|so|but|and|because|that's|it's)\b|;| because | which ")


def _scope(sentence: str, value: str) -> frozenset[str]:
    """What a score was measured on, as said in its clause: "on the holdout", "for enterprise accounts", "in
    production" (not "..., which is fine for a retention list")."""
    low = sentence.lower()
    at = low.find(value)
    end = _CLAUSE_END.search(low, max(at, 0))
    low = low[:end.start()] if end else low
    words = {m.group(0).replace("held-out", "holdout") for m in _SCOPE_WORD.finditer(low)}
    words |= {m.group(1) for m in _SCOPE_PHRASE.finditer(low) if m.group(1) not in _NOT_SCOPE}
    return frozenset(words)


_PERCENTILE = re.compile(r"\bp(?:50|90|95|99|999)\b")
_LATENCY = re.compile(r"\b(?:latency|response time|p50|p90|p95|p99|ttft|time to first token|end-to-end)\b")
_UNIVERSAL = re.compile(r"\b(?:always|never|consistently|reliably|every time|all the time|at all times|guaranteed|"
                        r"without exception|every single)\b")


@dataclass(frozen=True)
class Fact:
    """One checkable statement of a turn: a size, a number of people, or a metric's current value or bound."""

    turn: int
    key: str  # "size:eval set", "labellers", "metric:p95"
    value: float
    unit: str | None
    bound: str | None  # "<" or ">" for "always under 300", else None
    said: str  # how it was said, for the detail
    changed: bool = False  # the turn says this changed over time
    percentile: str | None = None  # latency facts: "p95", or None when the turn does not say which
    scope: frozenset[str] = frozenset()  # scores: the evaluation or slice it was said of ("holdout", "enterprise")


def _turns(items: Iterable[Any]) -> list[tuple[int, str]]:
    out = []
    for item in items:
        if isinstance(item, tuple):
            out.append((int(item[0]), str(item[1])))
        elif getattr(item, "role", "candidate") in ("candidate", "unknown"):
            out.append((int(item.index), str(item.text)))
    return out


def _metric_key(metric: str) -> tuple[str | None, str | None]:
    """(key, percentile): every latency is keyed "latency" with its percentile, when named, beside it."""
    low = metric.lower()
    p = _PERCENTILE.search(low)
    if p or _LATENCY.search(low):
        return "latency", p.group(0) if p else None
    words = [w for w in re.findall(r"[a-z][a-z0-9@'-]*", low) if w not in ("the", "our", "a", "an", "my", "of")]
    return (" ".join(words[-2:]) or None), None


def _quantities(text: str, low: str) -> list[Quantity]:
    """Every number of ``text``, read sentence by sentence (the claim reader has read the same sentences, so
    their scans are cached), with character offsets into ``text``."""
    out: list[Quantity] = []
    pos = 0
    for sent in sentences(text):
        at = text.find(sent, pos)
        if at < 0:
            continue
        pos = at + len(sent)
        if not any_number(low, at, pos) or not english(sent):
            continue
        for q in scan(sent).quantities:
            out.append(q if at == 0 else _shifted(q, at))
    return out


def _shifted(q: Quantity, by: int) -> Quantity:
    return replace(q, start=q.start + by, end=q.end + by)


def _size_facts(turn: int, text: str, low: str) -> list[Fact]:
    out: list[Fact] = []
    if not _has_any(low, _ARTEFACT_HEADS) or _ARTEFACT.search(low) is None:
        return out  # no named set in the turn: no size to compare
    for q in _quantities(text, low):
        if q.unit is not None or q.ratio is not None or q.said < 10 or q.per and q.per.startswith("/") and \
                q.per not in ("/day",):
            continue
        after = [w for w in re.findall(r"[a-z][a-z'-]*", low[q.end:q.end + 40])[:4] if w not in ("or", "so", "odd",
                                                                                              "ish", "plus")][:2]
        noun = [w for w in [*(q.noun or "").split()[:1], *after] if w.split("-")[-1] in _SIZE_NOUNS]
        if not noun:
            continue
        around = low[max(0, q.start - 60):q.end + 60]
        m = _ARTEFACT.search(low, q.start, min(len(low), q.end + 40)) or _ARTEFACT.search(around)
        if m is None:
            continue
        head = m.group("head")
        if head == "set" and not m.group("mod"):
            continue  # "a set of fifty questions" names no particular artefact
        if head in ("set", "suite") and m.group("mod"):
            head = f"{m.group('mod').replace('evaluation', 'eval')} {head}"
        key = "size:eval suite" if head in _SUITES else f"size:{head}"  # "the suite", "our eval suite": one thing
        changed = bool(_GROWTH.search(low[max(0, q.start - 80):q.end + 80]))
        surface = text[q.start:q.end]
        lead = re.match(r"[\d.,]+(?:k\b|-[a-z]+)?", surface)
        said = f"{lead.group(0) if lead else surface} {m.group('head') if q.attributive else noun[0]}"
        out.append(Fact(turn, key, q.said, None, None, said, changed))
    return out


# words every match of a pattern has, looked for with ``in`` (C speed, whatever the text) before the pattern is
# tried: a labelling statement's verb stem, a named set's head noun, a latency word
_LABEL_STEMS = ("label", "annotat", "scor", "grad", "rat", "review", "tag", "adjudicat")
_ARTEFACT_HEADS = ("suite", "set", "benchmark", "eval")
_LATENCY_WORDS = ("latency", "response time", "p50", "p90", "p95", "p99", "ttft", "time to first token", "end-to-end")


def _has_any(low: str, words: tuple[str, ...]) -> bool:
    return any(map(low.__contains__, words))


def _labeller_facts(turn: int, low: str) -> list[Fact]:
    out: list[Fact] = []
    if not _has_any(low, _LABEL_STEMS):
        return out
    for m in _MANY_LABEL.finditer(low):
        raw = m.group("n") or m.group("n2")
        n = _COUNT_WORDS.get(raw) or (int(raw) if raw.isdigit() else None)
        if n and n >= 2:
            out.append(Fact(turn, "labellers", float(n), None, None, m.group(0)))
    for m in _SOLO_LABEL.finditer(low):
        out.append(Fact(turn, "labellers", 1.0, None, None, m.group(0)))
    return out


def _metric_facts(turn: int, text: str, low: str, claims: list[Claim]) -> list[Fact]:
    out = []
    for c in claims:
        score = _SCORE.search(c.metric.lower())
        if c.kind == "measurement" and c.unit is None and c.after is not None and 0 < c.after <= 1 and \
                not c.relative and score:
            # a unitless score ("AUC was 0.91"): comparable only when nothing says it is another time or slice
            changed = c.before is not None or bool(_OTHER_TIME.search(c.sentence.lower()))
            out.append(Fact(turn, f"score:{score.group(0)}", c.after, "score", None,
                            f"{c.metric} {fmt(c.after)}", changed=changed, scope=_scope(c.sentence, fmt(c.after))))
            continue
        if c.kind != "measurement" or c.after is None or c.unit not in ("ms", "%", "USD") or c.relative:
            continue
        key, percentile = _metric_key(c.metric)
        if c.metric == "unspecified" or key is None:
            continue
        bound = c.bound if c.bound and _UNIVERSAL.search(c.sentence.lower()) else None
        said = f"{c.metric} {'under ' if bound == '<' else 'over ' if bound == '>' else ''}{fmt(c.after)} {c.unit}"
        out.append(Fact(turn, f"metric:{key}", c.after, c.unit, bound, said, changed=c.before is not None,
                        percentile=percentile))
    # "it's always under 300 milliseconds": a bound with no metric of its own, about the latency the turn discusses
    if _has_any(low, _LATENCY_WORDS) and _LATENCY.search(low):
        latency_key = _PERCENTILE.search(low)
        for sc_q in _quantities(text, low):
            if sc_q.unit != "ms" or sc_q.bound is None:
                continue
            window = low[max(0, sc_q.start - 40):sc_q.start]
            if not re.search(r"\b(?:always|never|consistently|reliably|every time)\b", window):
                continue
            if any(c.sentence and text.find(c.sentence) <= sc_q.start < text.find(c.sentence) + len(c.sentence)
                   and c.kind == "measurement" and c.metric != "unspecified" for c in claims):
                continue  # the sentence names its own metric: already read above
            out.append(Fact(turn, "metric:latency", sc_q.value, "ms", sc_q.bound,
                            f"{'under' if sc_q.bound == '<' else 'over'} {text[sc_q.start:sc_q.end]}",
                            percentile=latency_key.group(0) if latency_key else None))
    return out


def facts(turns: Iterable[Any], claims: dict[int, list[Claim]] | None = None) -> list[Fact]:
    """The checkable facts of each turn: sizes of named sets, numbers of labellers, metric values and bounds.
    ``claims``: each turn's claims already read (by the grader), else they are read here."""
    out: list[Fact] = []
    for turn, text in _turns(turns):
        turn_claims = claims.get(turn) if claims is not None else None
        if turn_claims is None:
            turn_claims = extract_claims(turn, text)
        low = text.lower()  # once for the three readers (``low``: ``text`` lower-cased)
        out.extend(_size_facts(turn, text, low))
        out.extend(_labeller_facts(turn, low))
        out.extend(_metric_facts(turn, text, low, turn_claims))
    return out


def _conflict(a: Fact, b: Fact) -> bool:
    if a.key == "labellers":
        return a.value != b.value
    if a.key.startswith("size:"):
        if a.changed or b.changed:
            return False
        lo, hi = sorted((a.value, b.value))
        return hi - lo > 20 and hi > 1.25 * lo
    # metrics: a value against a bound, or two plain values far apart
    if a.unit != b.unit or a.changed or b.changed:
        return False
    if a.unit == "score":  # the same evaluation (or none named) on both sides, 0.08 or more apart
        return a.scope == b.scope and abs(a.value - b.value) >= 0.08  # "our AUC is 0.91" and later "the AUC was 0.74"
    if a.percentile and b.percentile and a.percentile != b.percentile:
        return False  # p50 and p99 may well differ
    for x, y in ((a, b), (b, a)):
        if x.bound == "<" and y.bound is None and y.value > x.value * 1.1:
            return True
        if x.bound == ">" and y.bound is None and y.value < x.value / 1.1:
            return True
    return False  # two plain values: a metric is quoted for different segments and times, not a contradiction


MAX_PER_KEY = 50  # facts compared per key: a transcript that restates one number hundreds of times is not speech


def contradictions(turns: Iterable[Any], claims: dict[int, list[Claim]] | None = None) -> list[tuple[int, int, str]]:
    """Pairs of the candidate's turns whose numbers cannot both be true: ``(turn_a, turn_b, detail)`` with
    ``turn_a < turn_b`` and a detail naming both turns ("turn 3 ... but turn 7 ..."), at most one per subject.

    ``turns`` are the candidate's turns: objects with ``index`` and ``text`` (a :class:`~screener.transcript.Turn`;
    non-candidate roles are skipped) or ``(index, text)`` pairs; ``claims`` maps a turn index to the claims
    already read from it.
    """
    by_key: dict[str, list[Fact]] = {}
    for f in facts(turns, claims):
        group = by_key.setdefault(f.key, [])
        if len(group) < MAX_PER_KEY:
            group.append(f)
    out: list[tuple[int, int, str]] = []
    for key, group in by_key.items():
        found = None
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                if a.turn != b.turn and _conflict(a, b):
                    found = (a, b) if a.turn < b.turn else (b, a)
                    break
            if found:
                break
        if found is None:
            continue
        a, b = found
        subject = key.split(":", 1)[-1]
        what = {"labellers": "who labelled the data"}.get(key, f"the size of the {subject}" if key.startswith("size:")
                                                         else subject)
        out.append((a.turn, b.turn, f"{what}: turn {a.turn} says \"{a.said.strip()}\" but turn {b.turn} says "
                                    f"\"{b.said.strip()}\""))
    return sorted(out)
