"""``screener grade PATH|-``: one transcript in, one scorecard out."""

from __future__ import annotations

import argparse
import asyncio
import os
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
from .db import add_db_flag, open_from_args


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
    p.add_argument("--interview-report", action="store_true",
                   help="add the interview report (feedback for the interviewer, as screener coach prints it) "
                        "after the scorecard; with --format json the output becomes {input, scorecard, "
                        "interview_report}. The scorecard is the same either way")
    add_provider_flags(p)
    add_transcript_flags(p)
    store = p.add_argument_group("store")
    add_db_flag(store)
    store.add_argument("--requisition", metavar="CODE", help="with a store: the requisition this interview is for")
    p.set_defaults(func=run)


_DB_ENV = "SCREENER_DATABASE_URL"  # screener.store.engine.ENV_VAR


def _store_named(args: argparse.Namespace) -> bool:
    """Whether a store is named (``--db``, else ``SCREENER_DATABASE_URL``: ``store.engine.resolve_url``), asked
    without importing the store and SQLAlchemy, which a file-only grading never uses."""
    return bool(getattr(args, "db", None) or os.environ.get(_DB_ENV))


def run(args: argparse.Namespace) -> int:
    # None: file-only; a store that cannot be opened fails before grading
    store = open_from_args(args) if _store_named(args) else None
    try:
        return _grade(args, store)
    finally:
        if store is not None:
            store.close()


def _grade(args: argparse.Namespace, store) -> int:
    """Check the outputs, read, grade, render, stage the output, log the grading, then deliver it.

    Order matters for the audit log: a grading is logged only when the user will receive it. ``-o`` and
    ``--dump`` are checked before anything is graded, the output is written to a temporary file beside ``-o``
    before the log entry, and renamed into place after it (a failed log entry leaves no output behind).
    """
    from ..audit import record_grading, sha256_hex
    from ..errors import UsageError
    from ..grading import grade_async
    from ..parsing import parse_transcript, read_transcript_text
    from ..providers import get_provider
    from ..render import to_json, to_markdown, to_text, turn_times
    from ..util.errors import os_error_text
    from ..util.files import StagedWrite, check_output_dir, check_output_file

    if args.output:
        check_output_file(args.output, "-o")
    if args.dump:
        check_output_dir(args.dump, "--dump")
    text = read_transcript_text(args.path)
    transcript = parse_transcript(text, format=args.input_format, candidate=args.candidate,
                                  interviewer=args.interviewer, source=str(args.path))
    provider_id, why = resolve_provider(args)
    options = grade_options(args)
    provider_opts = provider_options(args)
    provider = get_provider(provider_id, provider_opts)
    recorder = None
    if args.dump:
        from ..debugdump import RecordingProvider

        recorder = RecordingProvider(provider)
    if not args.quiet:
        print(f"screener: grading with {provider.id} ({why})", file=sys.stderr)

    async def _run():
        try:
            card = await grade_async(transcript, recorder or provider, options)
            if not args.interview_report:
                return card, None
            from ..coach.llm import interview_report  # after grading, a request of its own: never in the card

            return card, await interview_report(transcript, args.role, provider, options.redact)
        finally:
            await provider.aclose()

    try:
        card, report = asyncio.run(_run())
    except BaseException:
        if recorder is not None and recorder.exchanges:
            from ..debugdump import write_dump

            _dump_after_failure(args.dump, recorder, write_dump)
        raise
    if args.format == "json":
        rendered = to_json(card)
    else:  # quotes show their time when the transcript has times (turn 7, 12:34)
        rendered = (to_markdown if args.format == "md" else to_text)(card, times=turn_times(transcript))
    if report is not None:
        from ..coach.render import RENDERERS, beside_scorecard

        rendered = (beside_scorecard(rendered, report, str(args.path)) if args.format == "json"
                    else rendered.rstrip("\n") + "\n\n" + RENDERERS[args.format](report))
    if recorder is not None:
        from ..debugdump import write_dump

        write_dump(args.dump, recorder, to_json(card))
    staged = None
    if args.output:
        try:
            staged = StagedWrite(args.output, rendered.encode("utf-8"))
        except OSError as e:
            raise UsageError(f"-o {args.output}: cannot write ({os_error_text(e)}); choose another path") from None
    try:
        settings = audit_settings(args, provider_opts, options)
        if store is None:
            record_grading(card, sha256_hex(text), settings, args.audit_log)
        else:
            _store_and_log(store, args, card, text, transcript, settings, record_grading, sha256_hex)
    except BaseException:
        if staged is not None:
            staged.discard()
        raise
    if staged is not None:
        try:
            staged.commit()
        except OSError as e:
            raise UsageError(f"-o {args.output}: cannot write ({os_error_text(e)}); choose another path") from None
        if not args.quiet:
            print(f"screener: wrote {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(rendered)
    return 0


def _store_and_log(store, args, card, text, transcript, settings, record_grading, sha256_hex) -> None:
    """The grading into the store and the audit log together: the store commits only once it is logged."""
    from ..store.engine import display_url
    from ..store.ingest import store_scorecard

    with store.session() as s:
        grading = store_scorecard(s, card, transcript_sha256=sha256_hex(text), transcript_text=text,
                                  transcript=transcript, role=args.role, requisition=args.requisition,
                                  source=str(args.path), options=settings)
        record_grading(card, sha256_hex(text), settings, args.audit_log)
        interview_id = grading.interview_id
    if not args.quiet:
        print(f"screener: saved to {display_url(store.url)} (interview {interview_id})", file=sys.stderr)


def _dump_after_failure(folder, recorder, write_dump) -> None:
    """The dump of a failed grading (what was sent, what came back) without hiding the failure itself."""
    from ..errors import ScreenerError

    try:
        write_dump(folder, recorder, None)
    except ScreenerError as e:
        from ..cli import error_line

        print(f"screener: {error_line(e)}", file=sys.stderr)
