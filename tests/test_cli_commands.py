"""The command line registers what a run needs: one command's module for that command (start-up time), every
command for ``--help``, no command, or a mistyped one."""

from __future__ import annotations

import subprocess
import sys

from screener.cli import COMMANDS

_LOADED = ("import sys, runpy; sys.argv = ['screener', *sys.argv[1:]]\n"
           "try:\n    runpy.run_module('screener', run_name='__main__')\nexcept SystemExit:\n    pass\n"
           "print(sorted(m for m in sys.modules if m.startswith('screener.commands.')), file=sys.stderr)")


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", _LOADED, *args], capture_output=True, text=True, timeout=120)


def test_a_command_run_imports_only_its_own_command_module() -> None:
    r = _run("schema")
    assert r.returncode == 0 and '"recommendation"' in r.stdout
    assert r.stderr.strip().splitlines()[-1] == "['screener.commands.schema']"


def test_help_and_a_mistyped_command_still_see_every_command() -> None:
    r = _run("--help")
    assert all(name in r.stdout for name in COMMANDS)
    r = _run("grdae", "x.vtt")
    assert "invalid choice: 'grdae'" in r.stderr and "retention" in r.stderr.splitlines()[0]
    r = _run("grade", "--help")
    assert "--provider" in r.stdout
