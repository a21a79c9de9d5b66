#!/bin/sh
# What CI runs before the browser test (tests/test_web_browser.py, marker `browser`):
# Debian's Chromium at /usr/bin/chromium, and the Playwright Python package that drives it.
# Playwright is launched on that system Chromium; `playwright install` (a browser download) is never run.
set -eu

if [ ! -x /usr/bin/chromium ]; then
    SUDO=""
    if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
    $SUDO apt-get update
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y chromium
fi
/usr/bin/chromium --version

PYTHON="${PYTHON:-}"
if [ -z "$PYTHON" ]; then
    if [ -x .venv/bin/python ]; then PYTHON=.venv/bin/python; else PYTHON=python3; fi
fi
"$PYTHON" -m pip install --quiet "playwright>=1.45"
"$PYTHON" -c "import playwright.sync_api; print('playwright ok')"
