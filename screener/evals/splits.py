"""The names of labelled splits, defined once for every labelled set (golden verdicts, interviewer turns).

``dev`` and ``holdout`` are development data (the first ``holdout`` split was tuned on long ago); ``holdout2``,
``holdout3``, ... name blind sets, each written by someone who never saw the code and measured only as
aggregates. A new blind set joins by its name alone, with no code change.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

DEVELOPMENT_SPLITS: tuple[str, ...] = ("dev", "holdout")
_BLIND_SPLIT = re.compile(r"holdout(?:[2-9]|[1-9][0-9]+)")
_HELD_OUT_GOLDEN = re.compile(r"h(?:o|[2-9]|[1-9][0-9]+)_")
"""the golden verdict cases of the held-out labels files, by id and transcript file name: ``ho_`` (labels_holdout),
``h2_``, ``h3_``, ``h5_``, ... (labels_holdout2.yaml, ...); the development cases are ``ai_``, ``ml_``, ``d5_``..."""


def is_blind_split(name: str) -> bool:
    """``holdout2``, ``holdout3``, ...: a blind set, never printed item by item."""
    return _BLIND_SPLIT.fullmatch(name) is not None


def is_held_out_golden(name: str) -> bool:
    """A held-out golden case (its id or its transcript's file name): never tuned on, never benchmark load."""
    return _HELD_OUT_GOLDEN.match(name) is not None


def blind_split_of(path: Path | None) -> str | None:
    """The blind set a labels file is named for (``interviewer_turns_holdout5.yaml`` -> ``holdout5``), if any."""
    found = _BLIND_SPLIT.search(path.name) if path else None
    return found.group(0) if found else None


def split_argument(value: str) -> str:
    """An argparse ``type=`` for ``--split``: dev, holdout, all, or a blind set's name."""
    if value in (*DEVELOPMENT_SPLITS, "all") or is_blind_split(value):
        return value
    raise argparse.ArgumentTypeError(f"{value!r}: choose dev, holdout, all or a blind set such as holdout5")
