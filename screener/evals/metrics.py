"""Grading quality against the labels in the test vars.

Labels: ``expected_signal``, ``expected_recommendation``, ``expected_role_fit`` and per-competency scores as
``expected_competency_<id>`` vars (or one ``expected_competencies`` mapping). A result that errored counts as
wrong for accuracy (a grader cannot look better by failing on hard cases); kappas use the graded pairs.
"""

from __future__ import annotations

import json
import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import Any

from ..vocab import RECOMMENDATION_ORDER, RECOMMENDATIONS, ROLE_FITS, SIGNALS
from .rows import ComponentResult, ResultRow

HIGHER_IS_BETTER = {
    "pass_rate", "signal_accuracy", "signal_kappa", "recommendation_accuracy", "recommendation_kappa",
    "recommendation_qwk", "role_fit_accuracy", "role_fit_accuracy_off_role", "grounded_quote_rate",
    "self_consistency",
}
LOWER_IS_BETTER = {"failures", "errors", "competency_mae", "competency_over_credit", "competency_under_credit",
                   "quote_reuse_rate", "cost_usd", "latency_p50_ms", "latency_p95_ms",
                   "tokens_input", "tokens_output"}


def better_direction(metric: str) -> int:
    """+1 when higher is better, -1 when lower is better, 0 when neither (counts)."""
    if metric in HIGHER_IS_BETTER:
        return 1
    if metric in LOWER_IS_BETTER or metric.startswith("competency_mae."):
        return -1
    return 0


def cohen_kappa(expected: Sequence[str], predicted: Sequence[str]) -> float | None:
    """Cohen's kappa; None without pairs; 1.0 when both raters use one identical label throughout."""
    n = len(expected)
    if n == 0 or n != len(predicted):
        return None
    po = sum(a == b for a, b in zip(expected, predicted, strict=True)) / n
    ca, cb = Counter(expected), Counter(predicted)
    pe = sum(ca[k] * cb[k] for k in ca) / (n * n)
    if pe == 1:
        return 1.0 if po == 1 else 0.0
    return (po - pe) / (1 - pe)


def weighted_kappa(expected: Sequence[str], predicted: Sequence[str], order: Sequence[str], power: int = 2) -> float | None:
    """Weighted kappa over the ordinal ``order`` (power 2: quadratic weights (i-j)^2/(k-1)^2)."""
    n = len(expected)
    if n == 0 or n != len(predicted):
        return None
    k = len(order)
    idx = {v: i for i, v in enumerate(order)}
    obs = [[0.0] * k for _ in range(k)]
    for a, b in zip(expected, predicted, strict=True):
        obs[idx[a]][idx[b]] += 1
    row = [sum(r) for r in obs]
    col = [sum(obs[i][j] for i in range(k)) for j in range(k)]
    w = [[(abs(i - j) / (k - 1)) ** power for j in range(k)] for i in range(k)]
    num = sum(w[i][j] * obs[i][j] for i in range(k) for j in range(k))
    den = sum(w[i][j] * row[i] * col[j] / n for i in range(k) for j in range(k))
    if den == 0:
        return 1.0 if num == 0 else 0.0
    return 1 - num / den


def confusion(expected: Sequence[str], predicted: Sequence[str], labels: Sequence[str]) -> dict[str, dict[str, int]]:
    """expected label -> predicted label -> count (an errored result is predicted as 'error')."""
    cols = [*labels, "error"]
    m = {a: dict.fromkeys(cols, 0) for a in labels}
    for a, b in zip(expected, predicted, strict=True):
        if a in m:
            m[a][b if b in m[a] else "error"] += 1
    return m


def percentile(values: Sequence[float], p: float) -> float | None:
    """Linear-interpolated percentile (p in 0..100)."""
    if not values:
        return None
    s = sorted(values)
    pos = (len(s) - 1) * p / 100
    lo, hi = math.floor(pos), math.ceil(pos)
    return s[lo] + (s[hi] - s[lo]) * (pos - lo)


def parse_scorecard(row: ResultRow) -> dict[str, Any] | None:
    """The row's output as a scorecard dict (None for an error or an output that is not a JSON object)."""
    out = row.output
    if row.error or out is None:
        return None
    try:
        card = json.loads(out)
    except json.JSONDecodeError:
        return None
    return card if isinstance(card, dict) else None


def competency_label(v: Any) -> int | None:
    """A competency label: 1-4, or None for "not assessed" (null, empty, "null", "none", "n/a")."""
    if v is None or str(v).strip().lower() in ("", "null", "none", "n/a", "not assessed", "~"):
        return None
    return int(v)


def expected_competencies(vars_: dict[str, Any]) -> dict[str, int | None]:
    """Labelled competencies: id -> expected score, or None where the label says "not assessed"."""
    out: dict[str, int | None] = {}
    bulk = vars_.get("expected_competencies")
    if isinstance(bulk, str):
        try:
            bulk = json.loads(bulk)
        except json.JSONDecodeError:
            bulk = None
    if isinstance(bulk, dict):
        out.update({str(k): competency_label(v) for k, v in bulk.items()})
    for k, v in vars_.items():
        if k.startswith("expected_competency_"):
            out[k[len("expected_competency_"):]] = competency_label(v)
    return out


def reused_quotes(card: dict[str, Any]) -> tuple[int, int]:
    """(evidence quotes whose sentence is also filed under another competency, all evidence quotes)."""
    where: dict[tuple[Any, str], list[Any]] = defaultdict(list)
    for comp in card.get("competencies") or []:
        for ev in comp.get("evidence") or []:
            where[(ev.get("turn"), " ".join(str(ev.get("quote", "")).lower().split()))].append(comp.get("id"))
    reused = sum(len(ids) for ids in where.values() if len(set(ids)) > 1)
    return reused, sum(len(ids) for ids in where.values())


def failed_checks(row: ResultRow) -> list[ComponentResult]:
    """The row's failed assertions, gating or not (a non-gating one keeps its outcome as ``checkPassed``)."""
    return [c for c in (row.grading_result.component_results if row.grading_result else []) if c.failed]


def check_reasons(row: ResultRow) -> str:
    """Every failed assertion's reason, gating or not, one per line (a known miss says so)."""
    lines = []
    for c in failed_checks(row):
        tag = "known miss (non-gating): " if c.gating is False else ""
        lines.append(f"{tag}{c.reason or 'failed'}")
    return "\n".join(lines)


def grading_reason(row: ResultRow, default: str = "") -> str:
    """The grading result's own reason (``All assertions passed``, a threshold...), else ``default``."""
    return row.grading_result.reason if row.grading_result and row.grading_result.reason else default


def row_status(row: ResultRow) -> str:
    """``error`` | ``fail`` | ``known_miss`` (passed the gate, but a non-gating check missed) | ``pass``."""
    if row.error:
        return "error"
    if not row.success:
        return "fail"
    return "known_miss" if failed_checks(row) else "pass"


def quote_counts(card: dict[str, Any]) -> tuple[int, int]:
    """(quotes kept, quotes dropped as ungrounded) in a scorecard."""
    kept = sum(len(c.get("evidence") or []) for c in card.get("competencies") or [])
    kept += len(card.get("quantified_claims") or [])
    return kept, int(card.get("ungrounded_quotes") or 0)


def _accuracy(pairs: list[tuple[Any, Any]]) -> float | None:
    return sum(a == b for a, b in pairs) / len(pairs) if pairs else None


def _verdict(card: dict[str, Any] | None) -> tuple[Any, Any] | None:
    return (card.get("signal"), card.get("recommendation")) if card else None


def group_metrics(rows: list[ResultRow]) -> dict[str, Any]:
    """Metrics for one provider x prompt: a flat ``metrics`` dict plus ``confusion`` matrices."""
    m: dict[str, Any] = {"results": len(rows)}
    m["successes"] = sum(1 for r in rows if r.success)
    m["errors"] = sum(1 for r in rows if r.error)
    m["failures"] = len(rows) - m["successes"] - m["errors"]
    m["pass_rate"] = m["successes"] / len(rows) if rows else None
    cards = [parse_scorecard(r) for r in rows]
    confusions: dict[str, Any] = {}
    for field, labels, ordinal in (("signal", SIGNALS, None), ("recommendation", RECOMMENDATIONS, True),
                                   ("role_fit", ROLE_FITS, None)):
        exp_all: list[Any] = []  # labels, and what the grader said (None, 'error' or a label)
        pred_all: list[Any] = []
        graded: list[tuple[Any, Any]] = []
        for r, c in zip(rows, cards, strict=True):
            e = r.vars.get(f"expected_{field}")
            if e in labels:
                p = c.get(field) if c else "error"
                exp_all.append(e)
                pred_all.append(p)
                if p in labels:
                    graded.append((e, p))
        if not exp_all:
            continue
        m[f"{field}_labelled"] = len(exp_all)
        m[f"{field}_accuracy"] = _accuracy(list(zip(exp_all, pred_all, strict=True)))
        if field != "role_fit":
            m[f"{field}_kappa"] = cohen_kappa([a for a, _ in graded], [b for _, b in graded])
        if ordinal:  # on the ordinal scale only: "no decision" is on no scale
            scaled = [(a, b) for a, b in graded if a in RECOMMENDATION_ORDER and b in RECOMMENDATION_ORDER]
            m[f"{field}_qwk"] = weighted_kappa([a for a, _ in scaled], [b for _, b in scaled], RECOMMENDATION_ORDER)
        confusions[field] = confusion(exp_all, pred_all, labels)
    # the role fit where the evidence is about another track than the role interviewed for (not an echo)
    off = [(r.vars.get("expected_role_fit"), (c or {}).get("role_fit")) for r, c in zip(rows, cards, strict=True)
           if r.vars.get("expected_role_fit") in ROLE_FITS and r.vars.get("role")
           and r.vars.get("expected_role_fit") != r.vars.get("role")]
    if off:
        m["role_fit_off_role_labelled"] = len(off)
        m["role_fit_accuracy_off_role"] = _accuracy(off)
    errs: dict[str, list[int]] = defaultdict(list)
    over = [0, 0]  # labelled "not assessed": [graded with a score, slots]
    under = [0, 0]  # labelled with a score: [graded "not assessed", slots]
    for r, c in zip(rows, cards, strict=True):
        exp = expected_competencies(r.vars)
        if not exp or not c:
            continue
        got = {x.get("id"): x.get("score") for x in c.get("competencies") or []}
        for cid, want in exp.items():
            have = got.get(cid)
            if want is None:
                over[1] += 1
                over[0] += have is not None
            else:
                under[1] += 1
                under[0] += have is None
                if have is not None:  # distance on the 1-4 scale where both the label and the grader score it
                    errs[cid].append(abs(have - want))
    if errs:
        every = [e for v in errs.values() for e in v]
        m["competency_mae"] = sum(every) / len(every)
        for cid, v in sorted(errs.items()):
            m[f"competency_mae.{cid}"] = sum(v) / len(v)
    if over[1]:
        m["competency_over_credit"] = over[0] / over[1]
    if under[1]:
        m["competency_under_credit"] = under[0] / under[1]
    reused = total = 0
    for c in cards:
        if c:
            a, b = reused_quotes(c)
            reused, total = reused + a, total + b
    m["quote_reuse_rate"] = reused / total if total else None
    kept = dropped = 0
    for c in cards:
        if c:
            k, d = quote_counts(c)
            kept, dropped = kept + k, dropped + d
    m["grounded_quote_rate"] = 1 - dropped / (kept + dropped) if kept + dropped else None
    m["tokens_input"] = sum(int(r.token_usage.get("prompt", 0)) for r in rows)
    m["tokens_output"] = sum(int(r.token_usage.get("completion", 0)) for r in rows)
    m["cost_usd"] = round(sum(r.cost for r in rows if r.cost), 6)
    fresh = [float(r.latency_ms) for r in rows if r.response and not r.response.cached]
    m["latency_p50_ms"] = percentile(fresh, 50)
    m["latency_p95_ms"] = percentile(fresh, 95)
    by_test: dict[int, list[Any]] = defaultdict(list)
    for r, c in zip(rows, cards, strict=True):
        by_test[r.test_idx].append(_verdict(c))
    repeated = [v for v in by_test.values() if len(v) > 1]
    if repeated:
        m["self_consistency"] = sum(1 for v in repeated if None not in v and len(set(v)) == 1) / len(repeated)
    return {"metrics": m, "confusion": confusions}


def group_key(row: ResultRow) -> str:
    label = row.provider.name
    return f"{label} #{row.prompt_idx}" if row.prompt_idx else label


def compute_metrics(rows: Sequence[ResultRow | dict[str, Any]]) -> dict[str, Any]:
    """``{group: {metrics, confusion}}`` with one group per provider (and prompt, when there are several).
    Rows given as promptfoo-shaped dicts (scripts, promptfoo's own files) are read as ``ResultRow``s."""
    typed = [r if isinstance(r, ResultRow) else ResultRow.model_validate(r) for r in rows]
    groups: dict[str, list[ResultRow]] = defaultdict(list)
    for r in typed:
        groups[group_key(r)].append(r)
    return {k: group_metrics(v) for k, v in groups.items()}
