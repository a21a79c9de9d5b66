"""``screener review RESULT``: a person records the decision on a scorecard."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .db import add_db_flag, open_from_args

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
    add_db_flag(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..audit import resolve_path
    from ..review import review_result

    db = open_from_args(args)  # None: file-only
    try:
        grading_id = _stored_grading(db, args) if db is not None else None
        outcome = review_result(args.result, reviewer=args.reviewer, decision=args.decision, note=args.note,
                                amend=args.amend, record_id=args.record_id, out=args.output, audit_log=args.audit_log)
        card = outcome.card
        verb = "amended to" if outcome.event.get("amends") else "recorded"
        graded_at = f" (matches the grading logged {outcome.graded.get('time')})" if outcome.graded else ""
        print(f"screener: {verb} {args.decision} by {card.review.reviewer if card.review else args.reviewer} for "
              f"{card.candidate or 'the candidate'} (grader recommended {card.recommendation}); wrote {outcome.written}; "
              f"logged to {resolve_path(args.audit_log)}{graded_at}", file=sys.stderr)
        if db is not None and grading_id is not None:
            _store_decision(db, grading_id, card)
    finally:
        if db is not None:
            db.close()
    return 0


def _stored_grading(db, args: argparse.Namespace) -> int:
    """The store's grading of this scorecard, found before anything is written (a scorecard the store does not
    hold is a usage error: nothing is recorded anywhere)."""
    from ..errors import UsageError
    from ..review import load_target
    from ..store.engine import display_url
    from ..store.ingest import find_grading

    card = load_target(args.result, args.record_id).card
    with db.reader() as s:
        grading = find_grading(s, card)
        if grading is None:
            raise UsageError(f"this scorecard is not in the store {display_url(db.url)}: load its batch results "
                             "with `screener import`, or drop --db (and unset SCREENER_DATABASE_URL) to review the "
                             "file only")
        return grading.id


def _store_decision(db, grading_id: int, card) -> None:
    from ..store import get_grading, record_decision
    from ..store.engine import display_url
    from ..store.ingest import parse_time

    with db.session() as s:
        review = card.review
        decision = record_decision(s, get_grading(s, grading_id), decision=review.decision,
                                   reviewer_name=review.reviewer, note=review.note)
        decision.decided_at = parse_time(review.at)
    print(f"screener: recorded the decision in {display_url(db.url)}", file=sys.stderr)
