"""``screener batch``: grade thousands of transcripts, rate-limit aware, crash-safe and resumable.

Modules: ``inputs``/``manifest`` (streaming the inputs), ``prepare`` (reading and hashing one input),
``pipeline`` (read, dedupe, audit and write: the steps every transport shares), ``pool`` (the CPU-bound steps
on a process pool), ``limiter``/``calls`` (adaptive concurrency and retries), ``runner`` (the live transport),
``batch_api`` (the provider-batch transport: Anthropic Message Batches / OpenAI Batch API), ``store`` (the
JSONL results file and resume), ``exports`` (CSV summary, Markdown per candidate) and ``progress``.

The names below are imported on first use: importing one module of the package (``screener.batch.inputs``)
does not import the grader, the exports' renderer and the rest, so the command starts fast.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .exports import ATS_RECOMMENDATION, safe_cell, write_csv, write_markdown
    from .inputs import BatchInput, iter_inputs
    from .limiter import AdaptiveLimiter
    from .records import BatchRecord
    from .runner import LiveOptions, run_live
    from .store import ResultStore, iter_records

_WHERE = {
    "ATS_RECOMMENDATION": "exports", "safe_cell": "exports", "write_csv": "exports", "write_markdown": "exports",
    "BatchInput": "inputs", "iter_inputs": "inputs", "AdaptiveLimiter": "limiter", "BatchRecord": "records",
    "LiveOptions": "runner", "run_live": "runner", "ResultStore": "store", "iter_records": "store",
}

__all__ = [
    "ATS_RECOMMENDATION",
    "AdaptiveLimiter",
    "BatchInput",
    "BatchRecord",
    "LiveOptions",
    "ResultStore",
    "iter_inputs",
    "iter_records",
    "run_live",
    "safe_cell",
    "write_csv",
    "write_markdown",
]


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value
