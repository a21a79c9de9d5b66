"""What the process pool's fork server imports before the first worker forks, as one module per pool kind.

``multiprocessing`` lets a fork server import modules by name and nothing more (``set_forkserver_preload``),
so each kind of pool names one module here (``live``, ``offline``) whose import imports its steps' modules
with the cycle collector paused and freezes what they made (``providers.heavy_imports``): the injection
scan's and redaction's tables import faster, every worker forked from the server inherits them frozen (its
collections no longer walk them once per few transcripts) and the fork server's own exit does not walk
them either (its output stays open until it has exited: the batch's wall clock ends there).
"""

from __future__ import annotations

import importlib

from ...providers.heavy_imports import paused_collector

STEP_MODULES = ("screener.batch.pool", "screener.safety.injection", "screener.prompting", "screener.policy")
"""what the steps import on first use (``grading`` imports them lazily: a batch's main process needs none of
them): the steps themselves, injection stripping, the prompt templates, the hiring-tool rules"""
LIVE_MODULES = (*STEP_MODULES, "screener.safety.redact")
"""a live batch's pool: the steps' modules and redaction"""
OFFLINE_MODULES = (*STEP_MODULES, "screener.providers.offline", "screener.offline.grader")
"""the offline grader's pool: the steps' modules and the grader itself"""


def import_frozen(modules: tuple[str, ...]) -> None:
    """Import ``modules`` with the collector paused, then freeze what exists (see the module docstring)."""
    with paused_collector():
        for name in modules:
            importlib.import_module(name)
        # every pool's steps scan for injections, whose patterns compile on first use: once here, not per worker;
        # the same for the learned layer's weights (three JSON files: about 0.2-0.4 s of a worker's first scan)
        importlib.import_module("screener.safety.injection.rx").compile_all()
        importlib.import_module("screener.safety.injection.learned").model()
