"""``screener review RESULT``: a person records the decision on a scorecard."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

DESCRIPTION = """\
Record a person's decision (advance, reject or hold) on a scorecard from `screener grade --format json -o card.json`,
or on one record of batch results JSONL picked with --id. The scorecard gets status "reviewed", the decision is
written back (or to -o) and logged to the audit log. The grader's recommendation is advice; only this command
records a decision.

The scorecard must be one the audit log records as graded (its sha256): an edited scorecard is refused (exit 1).
The note and your name are kept in the reviewed scorecard; the log keeps the note's sha256 and a keyed pseudonym
of the name."""


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("review", help="record a person's decision on a scorecard (advance, reject or hold)",
                       description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("result", type=Path, metavar="RESULT", help="scorecard JSON file, or batch results JSONL with --id")
    p.add_argument("--reviewer", required=True, metavar="NAME", help="the person making the decision")
    p.add_argument("--decision", required=True, choices=("advance", "reject", "hold"))
    p.add_argument("--note", metavar="TEXT", help="why: what the decision rests on")
    p.add_argument("--id", dest="record_id", metavar="SHA256_PREFIX_OR_PATH",
                   help="in batch results: the record whose input sha256 starts with this, or whose input is this path")
    p.add_argument("--amend", action="store_true", help="change the decision on an already reviewed scorecard "
                                                         "(the audit log keeps the earlier one)")
    p.add_argument("--output", "-o", type=Path, metavar="FILE",
                   help="write the reviewed scorecard JSON here instead of updating RESULT")
    p.add_argument("--audit-log", type=Path, metavar="PATH",
                   help="audit log file (default: $SCREENER_AUDIT_LOG, else ~/.local/state/screener/audit.jsonl)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..audit import resolve_path
    from ..review import review_result

    outcome = review_result(args.result, reviewer=args.reviewer, decision=args.decision, note=args.note,
                            amend=args.amend, record_id=args.record_id, out=args.output, audit_log=args.audit_log)
    card = outcome.card
    verb = "amended to" if outcome.event.get("amends") else "recorded"
    graded_at = f" (matches the grading logged {outcome.graded.get('time')})" if outcome.graded else ""
    print(f"screener: {verb} {args.decision} by {card.review.reviewer if card.review else args.reviewer} for "
          f"{card.candidate or 'the candidate'} (grader recommended {card.recommendation}); wrote {outcome.written}; "
          f"logged to {resolve_path(args.audit_log)}{graded_at}", file=sys.stderr)
    return 0
