"""``screener erase --candidate ID``: erase one candidate from the store (GDPR Art. 17) and log the erasure."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .db import add_db_flag, open_from_args

DESCRIPTION = """\
Erase a candidate from the workspace store: every interview (transcript), grading (scorecard), decision (note)
and override of theirs, in one transaction, and write an `erase` event to the audit log (the candidate's id,
counts and the erased sha256s; no name, no text). Files outside the store (results.jsonl, CSV/Markdown exports,
scorecard JSON files) are not touched: delete those yourself. --dry-run counts what would go."""


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("erase", help="erase a candidate's transcripts, scorecards and notes from the store",
                       description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--candidate", required=True, metavar="ID", help="the candidate's store id (or ATS id)")
    p.add_argument("--by", required=True, metavar="NAME", help="who erases (logged as a keyed pseudonym)")
    p.add_argument("--dry-run", action="store_true", help="only say what would be erased")
    p.add_argument("--audit-log", type=Path, metavar="PATH",
                   help="audit log file (default: $SCREENER_AUDIT_LOG, else ~/.local/state/screener/audit.jsonl)")
    add_db_flag(p, embedded_default=True)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..errors import UsageError
    from ..store.erasure import erase_candidate

    if not args.by.strip():
        raise UsageError("--by must name the person erasing")
    with open_from_args(args, embedded_default=True) as store:
        r = erase_candidate(store, args.candidate, by=args.by, audit_log=args.audit_log, dry_run=args.dry_run)
    what = (f"{r.interviews} interview(s) with their transcripts, {r.gradings} scorecard(s), "
            f"{r.decisions} decision(s) with notes, {r.overrides} override(s)")
    if r.dry_run:
        print(f"screener: would erase candidate {r.candidate_id}: {what} (run again without --dry-run)", file=sys.stderr)
    else:
        print(f"screener: erased candidate {r.candidate_id}: {what}; the erasure is in the audit log", file=sys.stderr)
    return 0
