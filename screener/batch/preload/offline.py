"""Imported by an offline batch's fork server: the steps' modules and the offline grader (``preload``)."""

from . import OFFLINE_MODULES, import_frozen

import_frozen(OFFLINE_MODULES)
