"""Flags shared by commands that grade: provider, role, options, transcript reading."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from ..vocab import INPUT_FORMATS, JOB_ROLES

if TYPE_CHECKING:  # imported lazily at run time: the CLI starts fast
    from ..grading import GradeOptions
    from ..providers.base import ProviderOptions

__all__ = ["INPUT_FORMATS", "add_provider_flags", "add_transcript_flags", "audit_settings", "grade_options",
           "provider_options", "resolve_provider"]


def add_provider_flags(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("grader")
    g.add_argument("--provider", "-p", metavar="ID",
                   help="offline | anthropic:messages:MODEL | openai:chat:MODEL | openai:responses:MODEL | "
                        "ollama:chat:MODEL | fake:ANSWERS.jsonl (default: offline unless an API key is set)")
    g.add_argument("--role", choices=JOB_ROLES, default="hybrid", help="the role interviewed for (default: hybrid)")
    g.add_argument("--samples", type=int, default=1, metavar="K", help="grade K times; median scores (default 1)")
    g.add_argument("--model-options", type=Path, metavar="FILE", help="YAML file of provider options")
    g.add_argument("--temperature", type=float)
    g.add_argument("--max-tokens", type=int)
    g.add_argument("--timeout", type=float, help="seconds per request")
    g.add_argument("--retries", type=int, help="HTTP retries on 429/5xx")
    g.add_argument("--base-url", help="API base URL, e.g. an OpenAI-compatible server")
    g.add_argument("--input-price-per-mtok", type=float, metavar="USD", help="override the price table")
    g.add_argument("--output-price-per-mtok", type=float, metavar="USD", help="override the price table")
    g.add_argument("--verbose", "-v", action="store_true",
                   help="log provider decisions (retries, fallbacks) to stderr; see --dump for full requests")
    g.add_argument("--audit-log", type=Path, metavar="PATH",
                   help="append-only audit log (default: $SCREENER_AUDIT_LOG, else ~/.local/state/screener/audit.jsonl)")
    red = g.add_mutually_exclusive_group()
    red.add_argument("--no-redact", dest="redact", action="store_false", default=None,
                     help="send names and contact details to the provider (off by default for remote providers)")
    red.add_argument("--redact", dest="redact", action="store_true", help="redact even for local graders")
    g.add_argument("--redact-pronouns", action="store_true",
                   help="when redacting, also replace he/she/him/her/his with neutral placeholders")
    g.add_argument("--redact-orgs", action="store_true",
                   help="when redacting, also replace employer and university names")


def add_transcript_flags(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("transcript")
    g.add_argument("--input-format", choices=INPUT_FORMATS, help="force the transcript format (default: detect)")
    g.add_argument("--candidate", metavar="NAME", help="the candidate's speaker label")
    g.add_argument("--interviewer", metavar="NAME", help="an interviewer's speaker label")


def provider_options(args: argparse.Namespace):  # -> ProviderOptions
    from ..settings import build_options

    if getattr(args, "verbose", False):
        import logging

        from ..util.secrets import install_log_scrubbing

        logging.basicConfig(level=logging.WARNING, format="screener: %(name)s: %(message)s")
        logging.getLogger("screener").setLevel(logging.INFO)
        install_log_scrubbing()  # a base URL with a password or a key echoed by a server never reaches the log
    return build_options(args.model_options, temperature=args.temperature, max_tokens=args.max_tokens,
                         timeout=args.timeout, retries=args.retries, base_url=args.base_url,
                         input_price_per_mtok=args.input_price_per_mtok,
                         output_price_per_mtok=args.output_price_per_mtok)


def grade_options(args: argparse.Namespace, role: str | None = None):  # -> GradeOptions
    """GradeOptions from the flags; a bad value is one line naming the flag."""
    from pydantic import ValidationError

    from ..errors import UsageError
    from ..grading import GradeOptions
    from ..util.errors import flag_message

    try:
        return GradeOptions(role=role or args.role, samples=args.samples, redact=args.redact,
                            redact_pronouns=getattr(args, "redact_pronouns", False),
                            redact_orgs=getattr(args, "redact_orgs", False))
    except ValidationError as e:
        raise UsageError(flag_message(e)) from e


def grading_settings(args: argparse.Namespace, options: ProviderOptions, grade_opts: GradeOptions):
    """The ``GradingSettings`` of a ``grade`` or ``batch`` command line (-> GradingSettings)."""
    from ..grading_settings import GradingSettings

    via = "cli"
    if getattr(args, "command", None) == "batch":
        via = "batch-api" if getattr(args, "via", "live") == "batch-api" else "batch"
    return GradingSettings(provider=resolve_provider(args)[0], grade=grade_opts, options=options,
                           input_format=getattr(args, "input_format", None), via=via)


def audit_settings(args: argparse.Namespace, options: ProviderOptions, grade_opts: GradeOptions) -> dict:
    """What the audit log records about how a grading was configured: ``GradingSettings.audit_record()``."""
    return grading_settings(args, options, grade_opts).audit_record()


def resolve_provider(args: argparse.Namespace) -> tuple[str, str]:
    from ..settings import default_provider

    if args.provider:
        return args.provider, "chosen with --provider"
    return default_provider()
