"""Where screener's bundled data lives.

The prompts (``grader/``), the rubric and question bank (``rubric/``), the kit template and the fairness name
lists ship inside the package, in ``screener/prompts``, and are found through ``importlib.resources``: the
same in a checkout, an editable install and a wheel (``pip install .``). In a checkout, ``prompts/`` at the
repository root is a link to them. ``SCREENER_PROMPTS`` points at another prompts folder.

The golden sets and eval configs (``golden/``, ``evals/``) are development data: they stay in the repository
and are found beside the package, in a checkout only.
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DATABASE_URL_ENV = "SCREENER_DATABASE_URL"
"""The environment variable that names the workspace store (read by ``screener.store`` and, without importing
the store and SQLAlchemy, by commands that only need to know whether one is configured)."""


def package_data(name: str) -> Path:
    """The folder or file ``name`` inside the installed ``screener`` package (``importlib.resources``)."""
    ref = resources.files("screener").joinpath(name)
    if not isinstance(ref, Path):  # a zip-imported package: its data is no folder Jinja2 or YAML can read
        raise RuntimeError(f"screener's {name} must be on a file system; install screener with pip, not as a zip")
    return ref


def prompts_dir() -> Path:
    """The prompts folder: ``SCREENER_PROMPTS`` if set, else the one bundled in the package."""
    override = os.environ.get("SCREENER_PROMPTS")
    return Path(override) if override else package_data("prompts")


def golden_dir() -> Path:
    return REPO_ROOT / "golden"
