"""``screener import RESULTS.jsonl``: load earlier batch results into the workspace store."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .db import add_db_flag, open_from_args

DESCRIPTION = """\
Load the graded records of a `screener batch` results file into the store (--db, else $SCREENER_DATABASE_URL,
else the web app's SQLite): candidate, requisition, role, the scorecard, and a decision recorded with
`screener review`. A transcript whose file is still at its path and still hashes the same is kept with it
(retention applies); otherwise only its sha256 is. Importing twice adds nothing; failed records are skipped."""


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("import", help="load batch results (results.jsonl) into the workspace store",
                       description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("results", type=Path, metavar="RESULTS.jsonl", help="a results file from `screener batch -o`")
    add_db_flag(p, embedded_default=True)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..errors import UsageError
    from ..store.engine import display_url
    from ..store.ingest import import_results

    if not args.results.is_file():
        raise UsageError(f"{args.results}: no such file; give the results.jsonl of `screener batch -o`")
    with open_from_args(args, embedded_default=True) as store:
        counts = import_results(store, args.results)
        where = display_url(store.url)
    print(f"screener: imported {counts.imported} grading(s) ({counts.with_transcript} with their transcript) into "
          f"{where}; {counts.already_there} already there, {counts.not_graded} not graded (skipped)", file=sys.stderr)
    return 0
