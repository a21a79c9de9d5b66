#!/bin/sh
# What CI runs before the browser test (tests/test_web_browser.py, marker `browser`):
# Debian's Chromium at /usr/bin/chromium. Playwright (a test extra) is launched on that system Chromium;
# `playwright install` (a browser download) is never run.
set -eu

if [ ! -x /usr/bin/chromium ]; then
    SUDO=""
    if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
    $SUDO apt-get update
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y chromium
fi
/usr/bin/chromium --version
# Playwright itself comes with the test extras (pip install -e '.[test]').
