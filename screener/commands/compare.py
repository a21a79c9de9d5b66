"""``screener compare BEFORE.json AFTER.json``: every metric before/after/delta, flipped tests, the gate."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "compare", help="compare two eval results: metric deltas, flipped tests, regression gate",
        description="Compare two results JSONs from screener eval -o (the first is the baseline). Exit 1 when "
                    "the regression gate fails: by default when any test went from pass to fail or a metric got "
                    "worse than allowed (signal_accuracy 0.02, signal_kappa and recommendation_qwk 0.05, "
                    "grounded_quote_rate 0.01, competency_mae +0.25). The gate in the second run's "
                    "metadata.screener.gate applies, then these flags.")
    p.add_argument("before", type=Path, metavar="BEFORE.json", help="the baseline results")
    p.add_argument("after", type=Path, metavar="AFTER.json", help="the new results")
    p.add_argument("--max-regressions", type=int, metavar="N", help="tests allowed to go from pass to fail")
    p.add_argument("--max-drop", action="append", metavar="METRIC=X",
                   help="largest allowed worsening of a metric, e.g. signal_accuracy=0.02 (repeatable)")
    p.add_argument("-o", "--output", type=Path, action="append", default=[], metavar="FILE",
                   help="also write the comparison: .html (with the after run's results) or .json")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from pydantic import ValidationError

    from ..errors import ConfigError, UsageError
    from ..evals.compare import compare_documents, format_comparison, gate_with_flags
    from ..evals.config import Gate
    from ..evals.html_report import render_html
    from ..evals.results import load_document
    from ..util.errors import validation_message

    for out in args.output:
        if out.suffix.lower() not in (".html", ".json"):
            raise UsageError(f"-o {out}: compare writes .html or .json")
    before, after = load_document(args.before), load_document(args.after)
    raw_gate = ((after.get("config") or {}).get("metadata") or {}).get("screener", {}).get("gate") or {}
    try:
        gate = Gate.model_validate(raw_gate)
    except ValidationError as e:
        raise ConfigError(f"{args.after}: "
                          f"{validation_message(e, within=('config', 'metadata', 'screener', 'gate'))}") from e
    gate = gate_with_flags(gate, args.max_regressions, args.max_drop)
    comparison = compare_documents(before, after, gate)
    sys.stdout.write(format_comparison(comparison))
    for out in args.output:
        text = (render_html(after, comparison) if out.suffix.lower() == ".html"
                else json.dumps(comparison.to_json(), indent=2) + "\n")
        try:
            out.write_text(text, encoding="utf-8")
        except OSError as e:
            raise UsageError(f"cannot write {out}: {e.strerror or e}; pick a writable path for -o") from e
        print(f"screener: wrote {out}", file=sys.stderr)
    return 0 if comparison.ok else 1
