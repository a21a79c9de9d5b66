"""``screener grade PATH|-``: one transcript in, one scorecard out."""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

from .common import (
    add_provider_flags,
    add_transcript_flags,
    audit_settings,
    grade_options,
    provider_options,
    resolve_provider,
)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("grade", help="grade one transcript into a scorecard",
                       description="Grade one interview transcript (a file, or - for stdin) into a scorecard.")
    p.add_argument("path", metavar="PATH|-", help="transcript file, or - to read stdin")
    p.add_argument("--format", "-f", choices=("text", "json", "md"), default="text",
                   help="output: a readable scorecard (text), the scorecard JSON, or Markdown for an ATS note")
    p.add_argument("--output", "-o", type=Path, metavar="FILE", help="write the scorecard here instead of stdout")
    p.add_argument("--dump", type=Path, metavar="DIR",
                   help="write the rendered prompt, each request and raw answer, and the scorecard to DIR")
    p.add_argument("--quiet", "-q", action="store_true", help="no note on stderr about which grader ran")
    add_provider_flags(p)
    add_transcript_flags(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..audit import record_grading, sha256_hex
    from ..debugdump import RecordingProvider, write_dump
    from ..grading import grade_async
    from ..parsing import parse_transcript, read_transcript_text
    from ..providers import get_provider
    from ..render import to_json, to_markdown, to_text

    text = read_transcript_text(args.path)
    transcript = parse_transcript(text, format=args.input_format, candidate=args.candidate,
                                  interviewer=args.interviewer, source=str(args.path))
    provider_id, why = resolve_provider(args)
    options = grade_options(args)
    provider_opts = provider_options(args)
    provider = get_provider(provider_id, provider_opts)
    recorder = RecordingProvider(provider) if args.dump else None
    if not args.quiet:
        print(f"screener: grading with {provider.id} ({why})", file=sys.stderr)

    async def _run():
        try:
            return await grade_async(transcript, recorder or provider, options)
        finally:
            await provider.aclose()

    try:
        card = asyncio.run(_run())
    finally:
        if recorder is not None and recorder.exchanges:
            write_dump(args.dump, recorder, None)
    record_grading(card, sha256_hex(text),
                   audit_settings(args, provider_opts, options), args.audit_log)
    rendered = {"json": to_json, "md": to_markdown, "text": to_text}[args.format](card)
    if recorder is not None:
        write_dump(args.dump, recorder, to_json(card))
    if args.output:
        args.output.write_text(rendered, encoding="utf-8")
        if not args.quiet:
            print(f"screener: wrote {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(rendered)
    return 0
