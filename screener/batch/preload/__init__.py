"""What the process pool's fork server imports before the first worker forks, as one module per pool kind.

``multiprocessing`` lets a fork server import modules by name and nothing more (``set_forkserver_preload``),
so each kind of pool names one module here (``live``, ``offline``) whose import imports its steps' modules
with the cycle collector paused and freezes what they made (``providers.heavy_imports``): the injection
scan's and redaction's tables import faster, every worker forked from the server inherits them frozen (its
collections no longer walk them once per few transcripts) and the fork server's own exit does not walk
them either (its output stays open until it has exited: the batch's wall clock ends there).
"""

from __future__ import annotations

import gc
import importlib

from ...providers.heavy_imports import paused_collector

STEP_MODULES = ("screener.batch.pool", "screener.safety.injection", "screener.prompting", "screener.policy")
"""what the steps import on first use (``grading`` imports them lazily: a batch's main process needs none of
them): the steps themselves, injection stripping, the prompt templates, the hiring-tool rules"""
LIVE_MODULES = (*STEP_MODULES, "screener.safety.redact")
"""a live batch's pool: the steps' modules and redaction"""
OFFLINE_MODULES = (*STEP_MODULES, "screener.providers.offline", "screener.offline.grader")
"""the offline grader's pool: the steps' modules and the grader itself"""


def import_frozen(modules: tuple[str, ...], warm: bool = False) -> None:
    """Import ``modules`` with the collector paused, then freeze what exists (see the module docstring);
    ``warm``: run a sample through the steps too (:func:`warm_up`)."""
    with paused_collector():
        for name in modules:
            importlib.import_module(name)
        # every pool's steps scan for injections, whose patterns compile on first use: once here, not per worker;
        # the same for the learned layer's weights (three JSON files: about 0.2-0.4 s of a worker's first scan)
        importlib.import_module("screener.safety.injection.rx").compile_all()
        importlib.import_module("screener.safety.injection.learned").model()
        if warm:
            warm_up()
            gc.collect()  # (the sample's own garbage, before what is left is frozen)


_SAMPLE = """Dana Levi: Thanks for joining, Sam. How did you know the new prompt was better?
Sam Okafor: We built a 200-case eval set from support tickets at Acme; accuracy went from 0.71 to 0.84.
Dana Levi: And latency?
Sam Okafor: p95 went from 1.2 s to 800 ms after we cached the retrieval step. Email me at sam@example.com."""


def warm_up() -> None:
    """One small transcript through a live batch's steps, in the fork server: what they build on first use
    (redaction's name tables, the prompt templates, the rubric for each role) is built here once, while the main
    process imports the provider's SDK, and every worker inherits it instead of spending about 0.2 s of CPU on its
    first input, between the SDK's import and the first send. (Not for the offline pool: there the fork server's
    start-up is what every worker waits for, so the same work done there once is no sooner than in each worker.)"""
    from ...grading import prepare
    from ...parsing import parse_transcript
    from ..pool import _stand_in

    transcript = parse_transcript(_SAMPLE, candidate="Sam Okafor")
    for role in ("ai_engineer", "ml_engineer"):
        prepare(transcript, role, _stand_in(), True)
