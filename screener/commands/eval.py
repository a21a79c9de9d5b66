"""``screener eval CONFIG``: run a promptfoo-format eval config against screener's graders."""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path
from typing import Any


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "eval", help="run an eval config (promptfoo's format) and measure grading against the labels",
        description="Run every test of an eval config (promptfoo's YAML format) against screener's graders, "
                    "check its assertions and measure grading against the labels in the vars. Exit 0 when every "
                    "test passes, 1 on failures, errors, a metric below its floor or a regression against "
                    "--compare, 2 on a bad config. Regression gate defaults: no test may go from pass to fail; "
                    "signal_accuracy may drop by 0.02, signal_kappa and recommendation_qwk by 0.05, "
                    "grounded_quote_rate by 0.01; competency_mae may rise by 0.25.")
    p.add_argument("config", type=Path, metavar="CONFIG", help="the eval config, e.g. evals/promptfooconfig.yaml")
    p.add_argument("-o", "--output", type=Path, action="append", default=[], metavar="FILE",
                   help="write results: .json (promptfoo v3 + screener metrics), .jsonl, .csv, .html, .junit.xml "
                        "(repeatable)")
    p.add_argument("--repeat", type=int, metavar="N", help="run each test N times (default: evaluateOptions.repeat)")
    p.add_argument("-j", "--max-concurrency", type=int, metavar="N",
                   help="tests graded at once (default: evaluateOptions.maxConcurrency, 4)")
    p.add_argument("--no-cache", action="store_true", help="call the providers even when an answer is cached")
    p.add_argument("--cache-dir", type=Path, default=Path(".screener-cache"), metavar="DIR",
                   help="where answers are cached (default: .screener-cache)")
    p.add_argument("--filter", metavar="PATTERN", help="run only tests whose description matches this regex")
    p.add_argument("--compare", type=Path, metavar="BASELINE.json", help="compare with an earlier results JSON")
    p.add_argument("--max-regressions", type=int, metavar="N", help="tests allowed to go from pass to fail")
    p.add_argument("--max-drop", action="append", metavar="METRIC=X",
                   help="largest allowed worsening of a metric, e.g. signal_accuracy=0.02 (repeatable)")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress line and no summary")
    p.set_defaults(func=run)


def _fmt(v: Any) -> str:
    if v is None:
        return "-"
    return f"{v:.3f}" if isinstance(v, float) and not v.is_integer() else str(int(v) if isinstance(v, float) else v)


_SUMMARY = ("signal_accuracy", "signal_kappa", "recommendation_accuracy", "recommendation_kappa",
            "recommendation_qwk", "role_fit_accuracy", "competency_mae", "grounded_quote_rate", "self_consistency",
            "tokens_input", "tokens_output", "cost_usd", "latency_p50_ms", "latency_p95_ms")


def summary(doc: dict[str, Any]) -> str:
    stats = doc["results"]["stats"]
    rows = doc["results"]["results"]
    cache = doc["screener"].get("cache", {})
    lines = [f"{len(rows)} results: {stats['successes']} passed, {stats['failures']} failed, {stats['errors']} errors "
             f"({cache.get('hits', 0)} cached, {cache.get('providerCalls', 0)} provider calls)"]
    for group, g in doc["screener"]["metrics"].items():
        m = g["metrics"]
        shown = [f"{k} {_fmt(m[k])}" for k in _SUMMARY if k in m and m[k] is not None]
        lines.append(f"{group}: " + ", ".join(shown))
    for r in rows:
        ungated = [c for c in (r.get("gradingResult") or {}).get("componentResults") or []
                   if (c.get("assertion") or {}).get("weight") == 0 and c.get("score", 1) < 1]
        if ungated:
            lines.append(f"  non-gating (weight 0) {r.get('description') or 'test ' + str(r['testIdx'])}: "
                         + "; ".join(str(c.get("reason")) for c in ungated))
        if not r["success"]:
            what = r.get("error") or (r.get("gradingResult") or {}).get("reason", "")
            lines.append(f"  {'ERROR' if r.get('error') else 'FAIL'} {r.get('description') or 'test ' + str(r['testIdx'])}"
                         f" [{r['provider'].get('label') or r['provider']['id']}]: {what}")
    return "\n".join(lines) + "\n"


def run(args: argparse.Namespace) -> int:
    from ..errors import UsageError
    from ..evals.compare import compare_documents, floor_failures, format_comparison, gate_with_flags
    from ..evals.loading import load_suite
    from ..evals.reports import report_format, write_report
    from ..evals.results import build_document, load_document
    from ..evals.runner import RunOptions, run_suite, select_tests

    for out in args.output:
        report_format(out)  # a bad -o name fails before any grading
    for flag, value in (("--repeat", args.repeat), ("--max-concurrency", args.max_concurrency)):
        if value is not None and value < 1:
            raise UsageError(f"{flag} must be 1 or more")
    suite = load_suite(args.config)
    gate = gate_with_flags(suite.settings.gate, args.max_regressions, args.max_drop)
    baseline = load_document(args.compare) if args.compare else None
    if args.filter and not select_tests(suite.tests, args.filter):
        raise UsageError(f"--filter {args.filter!r} matches no test description; check the pattern")
    options = RunOptions(
        repeat=args.repeat or suite.options.repeat,
        max_concurrency=args.max_concurrency or suite.options.max_concurrency,
        cache_dir=None if args.no_cache or not suite.options.cache else args.cache_dir,
        filter=args.filter, progress=not args.quiet, delay_ms=suite.options.delay,
        timeout_ms=suite.options.timeout_ms)
    outcome = asyncio.run(run_suite(suite, options))
    for w in outcome.warnings:
        print(f"screener: warning: {w}", file=sys.stderr)
    doc = build_document(suite, outcome)
    failures = floor_failures(doc, gate)
    comparison = compare_documents(baseline, doc, gate) if baseline is not None else None
    if comparison is not None:
        doc["screener"]["comparison"] = comparison.to_json()
        failures += comparison.gate_failures
    doc["screener"]["gate"]["failures"] = failures
    for out in args.output:
        write_report(out, doc, comparison)
        if not args.quiet:
            print(f"screener: wrote {out}", file=sys.stderr)
    if not args.quiet:
        sys.stdout.write(summary(doc))
        if comparison is not None:
            sys.stdout.write("\n" + format_comparison(comparison))
        for f in floor_failures(doc, gate):
            print(f"below floor: {f}")
    stats = doc["results"]["stats"]
    return 1 if stats["failures"] or stats["errors"] or failures else 0
