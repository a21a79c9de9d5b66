"""``--root DIR``: run a benchmark on another checkout's ``screener`` (a worktree at an earlier commit, for a
before/after on the same machine). One home for the switch the benchmarks share.

A benchmark may already have imported this checkout's ``screener`` (its held-out naming, ``screener.evals.splits``,
is read before the arguments are), so switching puts the other checkout first on ``sys.path`` and forgets every
``screener`` module imported so far; the next import reads the other checkout's.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path


def use_checkout(root: str | Path | None) -> None:
    """Import ``screener`` from the checkout at ``root`` from now on (nothing when ``root`` is ``None`` or empty)."""
    if not root:
        return
    sys.path.insert(0, str(Path(root).resolve()))
    for name in [m for m in sys.modules if m == "screener" or m.startswith("screener.")]:
        del sys.modules[name]


def root_in(argv: Sequence[str]) -> str | None:
    """The ``--root DIR`` (or ``--root=DIR``) among ``argv``, for a benchmark that imports ``screener`` at module
    level, before its arguments are parsed; ``None`` when there is none."""
    for i, arg in enumerate(argv):
        if arg == "--root" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--root="):
            return arg.partition("=")[2]
    return None
