"""``screener eval CONFIG``: run a promptfoo-format eval config against screener's graders."""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path
from typing import Any

from ..evals.splits import blind_split_of, split_argument


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "eval", help="run an eval config (promptfoo's format) and measure grading against the labels",
        description="Run every test of an eval config (promptfoo's YAML format) against screener's graders, "
                    "check its assertions and measure grading against the labels in the vars. Exit 0 when every "
                    "test passes, 1 on failures, errors, a metric below its floor or a regression against "
                    "--compare, 2 on a bad config. Regression gate defaults: no test may go from pass to fail; "
                    "signal_accuracy may drop by 0.02, signal_kappa and recommendation_qwk by 0.05, "
                    "grounded_quote_rate by 0.01; competency_mae may rise by 0.25.")
    p.add_argument("config", type=Path, metavar="CONFIG", nargs="?",
                   help="the eval config, e.g. evals/promptfooconfig.yaml")
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
    turns = p.add_argument_group("the interview report (screener coach) on labelled interviewer turns")
    turns.add_argument("--interviewer-turns", type=Path, nargs="?", const=_DEFAULT_TURNS, metavar="LABELS",
                       help="measure the interview report instead of the grader: precision and recall per kind of "
                            "interviewer turn (kit question, follow-up, leading, unlawful, small talk) on a "
                            "labelled set (default: golden/interviewer_turns.yaml and its dev extras; "
                            "a file named for a blind set, e.g. golden/interviewer_turns_holdout5.yaml, is read as "
                            "that split and shows aggregates only, as all of this does); exit 1 when a kind is "
                            "below 0.9 or an unlawful question is missed")
    turns.add_argument("--split", type=split_argument, metavar="{dev,holdout,all,holdoutN}",
                       help="with --interviewer-turns: one split (default: each split of the set in turn; "
                            "holdout3, holdout4, ... are blind sets, aggregates only)")
    turns.add_argument("--provider", "-p", metavar="ID", default="offline",
                       help="with --interviewer-turns: who reads the turns: offline (default), a model id, or "
                            "fake:DIR of recorded answers (scripts/coach_capable_model.py)")
    p.set_defaults(func=run)


_DEFAULT_TURNS = Path("(default)")
def run_interviewer_turns(args: argparse.Namespace) -> int:
    """``eval --interviewer-turns``: the coach's per-kind figures, per split, beside the goals."""
    import json
    import time

    from ..coach.bench import format_table, is_blind, load_items, meets_goals, reader_for, score
    from ..errors import UsageError

    if args.config is not None:
        raise UsageError("--interviewer-turns measures the interview report, not a config: drop CONFIG "
                         f"({args.config}) or --interviewer-turns")
    labels = None if args.interviewer_turns == _DEFAULT_TURNS else args.interviewer_turns
    named_blind = blind_split_of(labels)
    splits = [args.split] if args.split else ([named_blind] if named_blind else ["dev", "holdout"])
    ok, figures = True, {}
    for split in splits:
        items = load_items(labels, split)
        if not items:
            continue
        started = time.perf_counter()
        reader, scored = reader_for(args.provider, items)
        result = score(scored, reader, blind=is_blind(split) or named_blind is not None)
        ok = ok and meets_goals(result)
        figures[split] = {**result.summary(), "turns": len(scored), "of": len(items)}
        if not args.quiet:
            sys.stdout.write(format_table(result, split=split, reader=args.provider, turns=len(scored),
                                          total=len(items), seconds=time.perf_counter() - started))
    if not figures:
        raise UsageError(f"no labelled turns of split {', '.join(splits)} in {labels or 'the default set'}")
    for out in args.output:
        if out.suffix != ".json":
            raise UsageError(f"-o {out}: --interviewer-turns writes .json only")
        from ..util.files import atomic_write_text

        atomic_write_text(out, json.dumps({"interviewer_turns": figures, "provider": args.provider}, indent=2))
    return 0 if ok else 1


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

    if args.interviewer_turns is not None:
        return run_interviewer_turns(args)
    if args.config is None:
        raise UsageError("name the eval config, e.g. screener eval evals/promptfooconfig.yaml "
                         "(or --interviewer-turns to measure the interview report)")
    if args.split or args.provider != "offline":
        raise UsageError("--split and --provider go with --interviewer-turns; a config names its providers")
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
