"""``screener kit``: print or write the interviewer kit for a role."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..errors import UsageError
from ..vocab import JOB_ROLES as ROLES  # noqa: E402


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "kit",
        help="the interviewer kit: questions, follow-ups, anchored levels and tourist signs (Markdown)",
        description="Render the interviewer kit for a role as Markdown: for each competency, the questions and "
        "follow-ups to ask, the anchored scoring levels and the signs of a prompt tourist.",
    )
    parser.add_argument(
        "--role", choices=ROLES, default="hybrid", help="which track(s) to include (default: hybrid = both)"
    )
    parser.add_argument("-o", "--output", metavar="FILE", help="write the kit to FILE instead of stdout")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..kit import render_kit  # imported when used, so the CLI starts fast

    text = render_kit(args.role)
    if not args.output or args.output == "-":
        sys.stdout.write(text)
        return 0
    path = Path(args.output)
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as e:
        raise UsageError(f"cannot write {path}: {e.strerror or e}; pick a writable path for -o") from e
    print(f"screener: wrote {path}", file=sys.stderr)
    return 0
