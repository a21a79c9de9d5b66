"""``screener schema``: the scorecard's JSON schema."""

from __future__ import annotations

import argparse
import json


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("schema", help="print the scorecard JSON schema")
    p.add_argument("--grader-output", action="store_true", help="the schema graders answer in (before grounding)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..scorecard import GradeOutput, Scorecard

    model = GradeOutput if args.grader_output else Scorecard
    print(json.dumps(model.model_json_schema(), indent=2))
    return 0
