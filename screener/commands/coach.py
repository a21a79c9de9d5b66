"""``screener coach PATH|-``: the interview report, feedback for the interviewer (not the candidate's scorecard)."""

from __future__ import annotations

import argparse
import sys

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
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..coach import coach_report
    from ..coach.render import RENDERERS
    from ..parsing import load_transcript

    transcript = load_transcript(args.path, format=args.input_format, candidate=args.candidate,
                                 interviewer=args.interviewer)
    if args.provider == "offline":
        report = coach_report(transcript, args.role)
    else:
        import asyncio

        from ..coach.llm import llm_report
        from ..providers import get_provider

        provider = get_provider(args.provider)

        async def _run():
            try:
                return await llm_report(transcript, args.role, provider)
            finally:
                await provider.aclose()

        report = asyncio.run(_run())
    sys.stdout.write(RENDERERS[args.format](report))
    return 0
