"""Compare two results documents: every metric before/after/delta, flipped tests, and the regression gate.

The gate fails (exit 1) when more tests went pass -> fail than ``max_regressions`` (default 0), or a metric got
worse by more than its ``max_drop`` (defaults in ``config.DEFAULT_MAX_DROP``; worse = lower for accuracy, kappa,
grounded rate; higher for competency MAE, cost, latency). Configure it in ``metadata.screener.gate`` or with
``--max-regressions N`` / ``--max-drop METRIC=X``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..errors import UsageError
from .config import Gate
from .metrics import better_direction, parse_scorecard, row_status
from .rows import ResultRow, result_rows


@dataclass
class MetricDelta:
    group: str
    metric: str
    before: float | None
    after: float | None

    @property
    def delta(self) -> float | None:
        return None if self.before is None or self.after is None else self.after - self.before

    @property
    def worsening(self) -> float | None:
        """How much worse (positive) or better (negative) the metric got; None when direction is neutral."""
        d, direction = self.delta, better_direction(self.metric)
        return None if d is None or direction == 0 else -d * direction


@dataclass
class Flip:
    test: str
    provider: str
    before: str
    after: str


@dataclass
class Comparison:
    metrics: list[MetricDelta]
    to_fail: list[Flip]
    to_pass: list[Flip]
    only_before: list[str]
    only_after: list[str]
    gate_failures: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.gate_failures

    def to_json(self) -> dict[str, Any]:
        return {
            "metrics": [{"group": m.group, "metric": m.metric, "before": m.before, "after": m.after,
                         "delta": m.delta} for m in self.metrics],
            "passToFail": [vars(f) for f in self.to_fail],
            "failToPass": [vars(f) for f in self.to_pass],
            "onlyBefore": self.only_before, "onlyAfter": self.only_after,
            "gateFailures": self.gate_failures, "ok": self.ok,
        }


def _test_key(row: ResultRow) -> tuple[str, str, int, int]:
    return row.name, row.provider.name, row.prompt_idx, row.repeat_index


def _keyed(rows: list[ResultRow]) -> dict[tuple[Any, ...], ResultRow]:
    """Rows by test key; tests sharing a description are told apart by their order."""
    seen: dict[tuple[str, str, int, int], int] = {}
    out = {}
    for r in rows:
        key = _test_key(r)
        seen[key] = seen.get(key, -1) + 1
        out[(*key, seen[key])] = r
    return out


def verdict(row: ResultRow) -> str:
    """``PASS engineer/hire``, ``FAIL prompt_tourist/no_hire``, ``ERROR <message>``."""
    if row.error:
        return f"ERROR {row.error[:80]}"
    card = parse_scorecard(row)
    what = f"{card.get('signal')}/{card.get('recommendation')}" if card else "(no scorecard)"
    return f"{ {'pass': 'PASS', 'fail': 'FAIL', 'known_miss': 'MISS'}[row_status(row)]} {what}"


def _groups(doc: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {k: v.get("metrics", {}) for k, v in (doc.get("screener", {}).get("metrics") or {}).items()}


def compare_documents(before: dict[str, Any], after: dict[str, Any], gate: Gate) -> Comparison:
    gb, ga = _groups(before), _groups(after)
    if len(gb) == 1 and len(ga) == 1:  # one grader each: compare them even when their labels differ
        pairs = [(next(iter(ga)), next(iter(gb.values())), next(iter(ga.values())))]
    else:
        pairs = [(g, gb.get(g, {}), ga.get(g, {})) for g in sorted(set(gb) | set(ga))]
    deltas = []
    for g, mb, ma in pairs:
        for name in sorted(set(mb) | set(ma)):
            b, a = mb.get(name), ma.get(name)
            if isinstance(b, int | float | None) and isinstance(a, int | float | None) and (a is not None or b is not None):
                deltas.append(MetricDelta(g, name, b, a))
    rows_b = _keyed(result_rows(before))
    rows_a = _keyed(result_rows(after))
    to_fail: list[Flip] = []
    to_pass: list[Flip] = []
    for key in sorted(set(rows_b) & set(rows_a)):
        rb, ra = rows_b[key], rows_a[key]
        if rb.success != ra.success:
            flip = Flip(test=key[0], provider=key[1], before=verdict(rb), after=verdict(ra))
            (to_fail if rb.success else to_pass).append(flip)
    comp = Comparison(deltas, to_fail, to_pass, sorted(k[0] for k in set(rows_b) - set(rows_a)),
                      sorted(k[0] for k in set(rows_a) - set(rows_b)))
    if len(to_fail) > gate.max_regressions:
        comp.gate_failures.append(f"{len(to_fail)} test(s) went from pass to fail (allowed: {gate.max_regressions})")
    for d in deltas:
        limit = gate.max_drop.get(d.metric)
        worse = d.worsening
        if limit is not None and worse is not None and worse > limit + 1e-12:
            comp.gate_failures.append(f"{d.group}: {d.metric} got worse by {worse:.4g} "
                                      f"({_fmt(d.before)} -> {_fmt(d.after)}; allowed: {limit:g})")
    return comp


def floor_failures(doc: dict[str, Any], gate: Gate) -> list[str]:
    """Metrics below ``gate.min_metrics`` floors (or missing) in any group."""
    out = []
    for g, m in _groups(doc).items():
        for name, floor in gate.min_metrics.items():
            value = m.get(name)
            if value is None or value < floor:
                out.append(f"{g}: {name} is {_fmt(value)}, below the floor {floor:g} (metadata.screener.gate.min_metrics)")
    return out


def parse_max_drop(items: list[str] | None) -> dict[str, float]:
    out = {}
    for item in items or []:
        name, sep, value = item.partition("=")
        try:
            out[name.strip()] = float(value)
        except ValueError:
            sep = ""
        if not sep or not name.strip():
            raise UsageError(f"--max-drop {item!r}: expected METRIC=NUMBER, e.g. --max-drop signal_accuracy=0.02")
    return out


def gate_with_flags(gate: Gate, max_regressions: int | None, max_drop: list[str] | None) -> Gate:
    updates: dict[str, Any] = {}
    if max_regressions is not None:
        if max_regressions < 0:
            raise UsageError("--max-regressions must be 0 or more")
        updates["max_regressions"] = max_regressions
    if max_drop:
        updates["max_drop"] = {**gate.max_drop, **parse_max_drop(max_drop)}
    return gate.model_copy(update=updates)


def _fmt(v: float | None) -> str:
    if v is None:
        return "-"
    if isinstance(v, int) or float(v).is_integer():
        return str(int(v))
    return f"{v:.4f}"


def format_comparison(comp: Comparison) -> str:
    """A plain-text table of every metric, then the flipped tests and the gate's verdict."""
    lines = []
    width = max([len(f"{d.group}: {d.metric}") for d in comp.metrics] + [6])
    lines.append(f"{'metric'.ljust(width)}  {'before':>10}  {'after':>10}  {'delta':>10}")
    for d in comp.metrics:
        delta = "-" if d.delta is None else (f"{d.delta:+.4f}" if not float(d.delta).is_integer() else f"{int(d.delta):+d}")
        mark = ""
        if d.worsening is not None and d.delta:
            mark = "  worse" if d.worsening > 0 else "  better"
        lines.append(f"{f'{d.group}: {d.metric}'.ljust(width)}  {_fmt(d.before):>10}  {_fmt(d.after):>10}  "
                     f"{delta:>10}{mark}")
    lines.append("")
    lines.append(f"pass -> fail: {len(comp.to_fail)}")
    lines += [f"  {f.test} [{f.provider}]: {f.before}  ->  {f.after}" for f in comp.to_fail]
    lines.append(f"fail -> pass: {len(comp.to_pass)}")
    lines += [f"  {f.test} [{f.provider}]: {f.before}  ->  {f.after}" for f in comp.to_pass]
    if comp.only_before or comp.only_after:
        lines.append(f"tests only in the baseline: {len(comp.only_before)}; only in the new run: {len(comp.only_after)}")
    lines.append("")
    if comp.ok:
        lines.append("gate: PASS")
    else:
        lines.append("gate: FAIL")
        lines += [f"  {g}" for g in comp.gate_failures]
    return "\n".join(lines) + "\n"
