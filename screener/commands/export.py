"""``screener export``: the store's gradings as results.jsonl, CSV and Markdown, the batch exports' shapes."""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

from .db import add_db_flag, open_from_args

DESCRIPTION = """\
Write every finished grading in the store (--db, else $SCREENER_DATABASE_URL, else the web app's SQLite) as
`screener batch` writes its results: -o a results.jsonl (one record per grading, the current decision as the
scorecard's review), --csv the coordinator's summary (one row per input and requisition), --md-dir one Markdown
card per candidate. --requisition limits it to one requisition. At least one of -o, --csv, --md-dir."""


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export", help="write the store's gradings as results.jsonl, CSV and Markdown",
                       description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("-o", "--output", type=Path, metavar="RESULTS.jsonl", help="write the records here")
    p.add_argument("--csv", type=Path, metavar="FILE", help="write the CSV summary here")
    p.add_argument("--excel", action="store_true", help="start the CSV with a byte-order mark (for Excel)")
    p.add_argument("--md-dir", type=Path, metavar="DIR", help="write one Markdown scorecard per grading here")
    p.add_argument("--requisition", metavar="CODE", help="only this requisition's gradings")
    add_db_flag(p, embedded_default=True)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..batch.exports import write_csv, write_markdown
    from ..errors import UsageError
    from ..store.engine import display_url
    from ..store.rows import export_records
    from ..util.files import atomic_write_text, check_output_dir, check_output_file

    if not (args.output or args.csv or args.md_dir):
        raise UsageError("nothing to write; give -o RESULTS.jsonl, --csv FILE or --md-dir DIR")
    for path, flag in ((args.output, "-o"), (args.csv, "--csv")):
        if path is not None:
            check_output_file(path, flag)
    if args.md_dir is not None:
        check_output_dir(args.md_dir, "--md-dir")
    with open_from_args(args, embedded_default=True) as store, store.reader() as s:
        lines = [json.dumps(r, ensure_ascii=False) + "\n" for r in export_records(s, requisition=args.requisition)]
        where = display_url(store.url)
    text = "".join(lines)
    with tempfile.TemporaryDirectory(prefix="screener-export-") as tmp:
        results = args.output or Path(tmp) / "results.jsonl"
        atomic_write_text(results, text)
        said = [f"{len(lines)} grading(s) from {where}"]
        if args.output:
            said.append(f"records to {args.output}")
        if args.csv:
            said.append(f"{write_csv(results, args.csv, excel=args.excel)} CSV row(s) to {args.csv}")
        if args.md_dir:
            said.append(f"{write_markdown(results, args.md_dir)} card(s) to {args.md_dir}")
    print("screener: exported " + "; ".join(said), file=sys.stderr)
    return 0
