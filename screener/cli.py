"""The thin command line: ``main(argv) -> int``.

Each subcommand lives in ``screener/commands/<name>.py`` with ``register(subparsers)`` that adds
its parser and sets ``func(args) -> int``. Known errors print one line (exit 2 for what the user must fix,
1 for the rest), and so does an ``OSError`` (a full disk, a folder that vanished; exit 1); ``SCREENER_DEBUG=1``
re-raises. Every error line is scrubbed of credentials (``util.secrets``) and of terminal control
characters (a speaker name from a transcript may carry an ANSI escape).
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

from . import __version__
from .errors import ScreenerError

COMMANDS = ("grade", "kit", "schema", "eval", "compare", "batch", "fairness", "audit", "review", "serve", "coach",
            "ats", "import", "export", "erase", "user", "retention")
MODULES = {"import": "store_import"}  # a command whose module cannot carry its name


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # one line, exit 2
        self.exit(2, f"{self.prog}: error: {message} (see --help)\n")


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser of every command, or of ``only`` (a command's name): a run of one command imports that
    command's module alone, not all of them (start-up time; ``--help`` and a mistyped command see them all)."""
    parser = _Parser(prog="screener", description="Eval-style interview screening with evidence-grounded scorecards.")
    parser.add_argument("--version", action="version", version=f"screener {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in (only,) if only in COMMANDS else COMMANDS:
        try:
            module = importlib.import_module(f"screener.commands.{MODULES.get(name, name)}")
        except ModuleNotFoundError as e:
            if e.name == f"screener.commands.{MODULES.get(name, name)}":
                continue  # command not built yet
            raise
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    words = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(words[0] if words else None)
    args = parser.parse_args(words)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return 2
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        print("screener: interrupted", file=sys.stderr)
        return 130
    except ScreenerError as e:
        if os.environ.get("SCREENER_DEBUG"):
            raise
        print(f"screener: error: {error_line(e)}", file=sys.stderr)
        return e.exit_code
    except BrokenPipeError:
        return 0
    except OSError as e:
        if os.environ.get("SCREENER_DEBUG"):
            raise
        from .util.errors import os_error_text

        where = f"{e.filename}: " if e.filename else ""
        print(f"screener: error: {error_line(f'{where}{os_error_text(e)}')}", file=sys.stderr)
        return 1


def error_line(error: BaseException | str) -> str:
    """An error as the one line the user sees: credentials masked, control characters gone, no newlines."""
    from .util.errors import one_line
    from .util.secrets import scrub
    from .util.text import strip_controls

    return one_line(strip_controls(scrub(str(error)))) or type(error).__name__


def entry() -> None:
    sys.exit(main())


if __name__ == "__main__":
    entry()
