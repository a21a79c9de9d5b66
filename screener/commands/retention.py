"""``screener retention show|set|run``: how long transcripts are kept in the store, and applying it."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .db import add_db_flag, open_from_args

DESCRIPTION = """\
Transcripts in the workspace store are deleted a number of days after they were stored (default 180; a
workspace setting every app process reads). Scorecards, decisions, overrides, the transcript's sha256 and the
audit log stay. `run` applies the period now (the web app also does on start) and logs a `retention` event."""


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("retention", help="show, set or apply how long transcripts are kept in the store",
                       description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter)
    actions = p.add_subparsers(dest="action", metavar="ACTION", parser_class=type(p), required=True)
    show = actions.add_parser("show", help="print the retention period")
    st = actions.add_parser("set", help="set the retention period")
    st.add_argument("--days", type=int, required=True, metavar="N")
    rn = actions.add_parser("run", help="delete transcripts older than the retention period now")
    rn.add_argument("--days", type=int, metavar="N", help="this period instead of the workspace's, for this run")
    rn.add_argument("--audit-log", type=Path, metavar="PATH",
                    help="audit log file (default: $SCREENER_AUDIT_LOG, else ~/.local/state/screener/audit.jsonl)")
    for q in (show, st, rn):
        add_db_flag(q, embedded_default=True)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..store.retention import retention_days, run_retention, set_retention_days

    with open_from_args(args, embedded_default=True) as store:
        if args.action == "show":
            with store.reader() as s:
                print(retention_days(s))
        elif args.action == "set":
            with store.session() as s:
                set_retention_days(s, args.days)
            print(f"screener: transcripts are now kept {args.days} days", file=sys.stderr)
        else:
            r = run_retention(store, days=args.days, audit_log=args.audit_log)
            print(f"screener: removed {r.removed} transcript(s) stored before {r.cutoff:%Y-%m-%d %H:%M} UTC "
                  f"(kept {r.days} days); scorecards and decisions stay", file=sys.stderr)
    return 0
