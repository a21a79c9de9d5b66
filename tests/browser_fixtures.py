"""The one headless Chromium for the browser tests (Debian's /usr/bin/chromium, driven by Playwright), imported
by conftest.py so every test module gets the ``browser`` fixture; test modules import the constants from here,
never from one another.

Playwright rather than Selenium: one pip package (no chromedriver whose version must match the browser), it
waits for elements by itself, sets file inputs, evaluates script and takes screenshots. It is launched on the
system Chromium; ``playwright install`` is never run. Outside CI a missing browser skips the tests; in CI
(``CI=true``) it fails them: run ``.ci/install-browser.sh``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

__all__ = ["CHROMIUM", "LAUNCH_ARGS", "SCREENSHOTS", "browser", "browser_problem"]

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parent.parent / "out" / "screenshots"
LAUNCH_ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--no-first-run", "--disable-sync"]


def browser_problem() -> str | None:
    """Why the browser tests cannot run here (None: they can)."""
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is missing (install it with .ci/install-browser.sh)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is missing (pip install playwright; never `playwright install`)"
    return None


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's Chromium, one per test module (skipped without it, failed in CI)."""
    problem = browser_problem()
    if problem:
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(f"CI=true and {problem}: the browser test must run in CI")
        pytest.skip(problem)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS, headless=True)
        try:
            yield chromium
        finally:
            chromium.close()
