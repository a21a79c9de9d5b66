"""``screener batch``: grade thousands of transcripts, rate-limit aware, crash-safe and resumable.

Modules: ``inputs``/``manifest`` (streaming the inputs), ``prepare`` (reading and hashing one input),
``limiter``/``calls`` (adaptive concurrency and retries), ``runner`` (the live batch), ``store`` (the JSONL
results file and resume), ``exports`` (CSV summary, Markdown per candidate), ``progress``, and
``batch_api`` (Anthropic Message Batches / OpenAI Batch API).
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
