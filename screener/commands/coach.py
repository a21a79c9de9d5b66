"""``screener coach PATH|-``: the interview report, feedback for the interviewer (not the candidate's scorecard)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..vocab import INPUT_FORMATS, JOB_ROLES


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "coach", help="feedback for the interviewer: kit coverage, follow-ups, leading and unlawful questions, talk",
        description="Read one interview transcript (a file, or - for stdin) and report on the interview, not the "
                    "candidate: which of the kit's questions were asked, which competencies were never probed, "
                    "whether vague answers got a follow-up, leading questions and questions employers must not "
                    "ask (with the turn and why), talk share and the longest monologue, and the kit follow-ups "
                    "to ask next time. It never changes the candidate's scorecard.")
    p.add_argument("path", metavar="PATH|-", help="transcript file, or - to read stdin")
    p.add_argument("--role", choices=JOB_ROLES, default="hybrid",
                   help="the role interviewed for: whose kit to check against (default: hybrid = both)")
    p.add_argument("--format", "-f", choices=("text", "json", "md"), default="text",
                   help="output: readable text, the report as JSON, or Markdown for a note (default: text)")
    p.add_argument("--input-format", choices=INPUT_FORMATS, help="force the transcript format (default: detect)")
    p.add_argument("--candidate", metavar="NAME", help="the candidate's speaker label")
    p.add_argument("--interviewer", metavar="NAME", help="an interviewer's speaker label")
    p.add_argument("--provider", "-p", metavar="ID", default="offline",
                   help="offline (default): the lexical detectors; a model id (anthropic:messages:MODEL, "
                        "openai:chat:MODEL, ...): the model labels the interviewer turns, one request, names "
                        "redacted for remote models; turns its answer cannot back up keep the lexical reading")
    p.add_argument("--dump", type=Path, metavar="DIR",
                   help="with a model provider: write exactly what the model is sent and what came back to DIR "
                        "(system.md, request-1.json with the user message and the output schema, answer-1.json) "
                        "and the report (report.json); fake:ANSWERS.jsonl needs no API key")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..coach import coach_report
    from ..coach.render import RENDERERS, to_json
    from ..errors import UsageError
    from ..parsing import load_transcript
    from ..util.files import check_output_dir

    if args.dump is not None:
        if args.provider == "offline":
            raise UsageError("--dump writes what a model is sent; the offline detectors send nothing. Give "
                             "--provider MODEL (or fake:ANSWERS.jsonl to record the request without an API key)")
        check_output_dir(args.dump, "--dump")
    transcript = load_transcript(args.path, format=args.input_format, candidate=args.candidate,
                                 interviewer=args.interviewer)
    if args.provider == "offline":
        report = coach_report(transcript, args.role)
    else:
        import asyncio

        from ..coach.llm import llm_report
        from ..debugdump import RecordingProvider, write_dump
        from ..providers import get_provider

        provider = get_provider(args.provider)
        recorder = RecordingProvider(provider) if args.dump is not None else None

        async def _run():
            try:
                return await llm_report(transcript, args.role, recorder or provider)
            finally:
                await provider.aclose()

        try:
            report = asyncio.run(_run())
        except BaseException:
            if recorder is not None and recorder.exchanges:
                write_dump(args.dump, recorder, None)  # what was sent, even when the answer failed
            raise
        if recorder is not None:
            write_dump(args.dump, recorder, None)
            _write_report(args.dump, to_json(report))
    sys.stdout.write(RENDERERS[args.format](report))
    return 0


def _write_report(folder: Path, text: str) -> None:
    from ..errors import UsageError
    from ..util.errors import os_error_text
    from ..util.files import atomic_write_text

    try:
        atomic_write_text(folder / "report.json", text)
    except OSError as e:
        raise UsageError(f"--dump {folder}: cannot write ({os_error_text(e)}); choose another folder") from None
