"""Where screener's bundled data lives."""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


def prompts_dir() -> Path:
    """The prompts/ folder: ``SCREENER_PROMPTS`` if set, else the one beside the package."""
    return Path(os.environ.get("SCREENER_PROMPTS", REPO_ROOT / "prompts"))


def golden_dir() -> Path:
    return REPO_ROOT / "golden"
