"""Imported by a live batch's fork server: the steps' modules and redaction (``preload``)."""

from . import LIVE_MODULES, import_frozen

import_frozen(LIVE_MODULES, warm=True)
