"""Hand-off to an applicant tracking system: a reviewed scorecard becomes the vendor's own draft request.

One module per vendor (``greenhouse``, ``lever``, ``ashby``), each turning a scorecard into an ``AtsRequest``
and a vendor error into one line; ``client.send`` is the one HTTP path (retries on 429/5xx, honouring
retry-after); ``push`` holds the rules every vendor shares (a recorded human review, the audit log, no
second push without ``--update``). Vendor modules are imported only when used.
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Literal, get_args

Vendor = Literal["greenhouse", "lever", "ashby"]
VENDORS: tuple[Vendor, ...] = get_args(Vendor)


def vendor_module(name: str) -> ModuleType:
    """The adapter module for ``name`` (one of ``VENDORS``)."""
    if name not in VENDORS:
        raise ValueError(f"unknown ATS {name!r}; known: {', '.join(VENDORS)}")
    return importlib.import_module(f"screener.ats.{name}")
