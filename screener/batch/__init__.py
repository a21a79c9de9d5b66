"""``screener batch``: grade thousands of transcripts, rate-limit aware, crash-safe and resumable.

Modules: ``inputs``/``manifest`` (streaming the inputs), ``prepare`` (reading and hashing one input),
``pipeline`` (read, dedupe, audit and write: the steps every transport shares), ``pool`` (the CPU-bound steps
on a process pool), ``limiter``/``calls`` (adaptive concurrency and retries), ``runner`` (the live transport),
``batch_api`` (the provider-batch transport: Anthropic Message Batches / OpenAI Batch API), ``store`` (the
JSONL results file and resume), ``exports`` (CSV summary, Markdown per candidate) and ``progress``.
"""

from .exports import ATS_RECOMMENDATION, safe_cell, write_csv, write_markdown
from .inputs import BatchInput, iter_inputs
from .limiter import AdaptiveLimiter
from .records import BatchRecord
from .runner import LiveOptions, run_live
from .store import ResultStore, iter_records

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
