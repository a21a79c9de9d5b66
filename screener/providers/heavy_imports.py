"""Importing a vendor SDK (or the grading modules) without paying for the cycle collector twice.

``import anthropic`` makes about 150,000 objects (hundreds of pydantic models); while it runs, the cycle
collector keeps walking everything made so far (0.3-0.9 s of its 1.9-2.6 s of CPU on the 2-core dev machine),
and at exit the interpreter walks them all once more (0.8 s between the last line of a batch and its process
ending). None of them is garbage: they live as long as the process. Pausing the collector for the import and
then moving what exists into the permanent generation (``gc.freeze``, the standard library's tool for exactly
this: long-lived objects made at start-up) saves both; collections of what is made afterwards go on as usual.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_LOCK = threading.Lock()
_PAUSED = 0
"""imports in progress with the collector paused (two threads may import at once)"""
_WAS_ENABLED = True


@contextmanager
def paused_collector() -> Iterator[None]:
    """No cycle collection inside; afterwards everything alive is frozen and the collector is back as it was.

    Freezing keeps the objects alive (anything in them that becomes cyclic garbage later is never collected):
    meant for start-up imports, whose objects live as long as the process anyway."""
    global _PAUSED, _WAS_ENABLED
    with _LOCK:
        if _PAUSED == 0:
            _WAS_ENABLED = gc.isenabled()
            gc.disable()
        _PAUSED += 1
    try:
        yield
    finally:
        with _LOCK:
            _PAUSED -= 1
            if _PAUSED == 0:
                gc.freeze()
                if _WAS_ENABLED:
                    gc.enable()
