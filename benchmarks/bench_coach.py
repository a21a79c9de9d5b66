"""The interviewer report's detectors against golden/interviewer_turns.yaml: precision and recall per kind.

    .venv/bin/python benchmarks/bench_coach.py [--split dev|holdout|all] [--show-misses] [--json]

Each labelled item is one interviewer turn (with the candidate's previous answer where it matters), read by
``screener.coach.classify.classify_turn`` exactly as ``screener coach`` reads a transcript's turns. For each
kind (kit_question, follow_up_probe, leading, unlawful, small_talk, other) a predicted kind is right when the
label has it; a kit_question is right only with the labelled competency (a kit question filed under the wrong
competency is a false positive and a miss). Reported beside the goals: >= 0.9 precision and recall for every
kind, and 0 unlawful questions missed. The unlawful topic's agreement is reported too (information only).

The labels were written blind. Tune on ``dev`` only: ``--show-misses`` prints dev items and refuses the holdout,
whose contents are never printed.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from screener.coach.bench import GOALS, KINDS, load_items, model_reader, score  # noqa: E402
from screener.errors import ConfigError  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", choices=("dev", "holdout", "all"), default="dev")
    ap.add_argument("--labels", type=Path, default=None,
                    help="one labelled file (default: golden/interviewer_turns.yaml plus the dev extra file)")
    ap.add_argument("--show-misses", action="store_true", help="print the dev items read wrongly (dev only)")
    ap.add_argument("--json", action="store_true", help="print the numbers as JSON")
    ap.add_argument("--provider", "-p", metavar="ID", default="offline",
                    help="offline (the lexical detectors), or a model id: each turn read by the model as "
                         "`screener coach -p ID` reads it (one request per labelled turn)")
    args = ap.parse_args(argv)
    if args.show_misses and args.split != "dev":
        print("bench_coach: --show-misses prints items, so it is for the dev split only", file=sys.stderr)
        return 2
    try:
        items = load_items(args.labels, args.split)
    except ConfigError as e:
        print(f"bench_coach: {e}", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    if args.provider == "offline":
        result = score(items)
    else:
        from screener.providers import get_provider

        result = score(items, model_reader(get_provider(args.provider)))
    seconds = time.perf_counter() - t0
    if args.json:
        print(json.dumps({**result.summary(), "seconds": round(seconds, 3)}, indent=2))
    else:
        print(f"split {args.split}: {len(items)} interviewer turns read by {args.provider}, "
              f"in {seconds * 1000:.0f} ms")
        print(f"{'kind':<16} {'n':>4} {'precision':>10} {'recall':>8}   goal")
        for kind in KINDS:
            k = result.kinds[kind]
            ok = k.precision >= GOALS["precision"] and k.recall >= GOALS["recall"]
            print(f"{kind:<16} {k.support:>4} {k.precision:>10.3f} {k.recall:>8.3f}   "
                  f">= {GOALS['precision']:.1f} each {'ok' if ok else 'BELOW'}")
        missed = result.unlawful_missed
        print(f"unlawful missed: {missed} (goal {GOALS['unlawful_missed']}) {'ok' if missed == 0 else 'BELOW'}")
        print(f"unlawful topic agreement: {result.topic_agreement:.3f} of {result.topic_total} flagged")
        if args.show_misses:
            for line in result.misses:
                print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
