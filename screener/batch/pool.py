"""Offline grading on every core: one transcript per task in a process pool, results in input order.

The offline grader computes rather than waits, so in one process it is bound to one core by the GIL. Here a
``ProcessPoolExecutor`` (``-j`` processes, default one per core) reads, hashes, parses and grades each input
and hands back its finished ``BatchRecord``; the main process only dedupes, audits and writes. At most
``WINDOW_PER_PROCESS`` tasks per process are outstanding, so memory stays flat however many inputs there
are, and records are written in the order the inputs were given.

Workers are started with ``forkserver`` (never ``fork``: the main process has threads) and ignore SIGINT, so
Ctrl-C reaches the main process alone, which finishes its writes and stops the pool.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import signal
from collections import deque
from collections.abc import Awaitable, Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any

from ..errors import InputError, ScreenerError, UsageError
from ..grading import GradeOptions, grade_async
from ..providers import ProviderOptions, get_provider
from .inputs import BatchInput
from .prepare import failure, graded, parse_loaded, read_input
from .records import BatchRecord

WINDOW_PER_PROCESS = 8


@dataclass(frozen=True)
class PoolJob:
    """What every worker needs, sent once when it starts."""

    provider_id: str
    provider_options: dict[str, Any]
    grade: dict[str, Any]
    """``GradeOptions`` fields except the role (each input's own role, else this default)"""
    role: str
    input_format: str | None
    done: frozenset[str]
    """keys already graded in the results file (--resume): read and hashed, then skipped"""


@dataclass
class Outcome:
    key: str
    record: BatchRecord | None
    """None: already graded (resume)"""
    fatal: bool = False


_JOB: PoolJob | None = None
_PROVIDER: Any = None


def _start(job: PoolJob) -> None:
    global _JOB, _PROVIDER
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _JOB = job
    _PROVIDER = get_provider(job.provider_id, ProviderOptions.model_validate(job.provider_options))


def grade_one(item: BatchInput) -> Outcome:
    """Read, hash, parse and grade one input in a worker; every problem becomes a failure record."""
    assert _JOB is not None
    loaded = read_input(item, _JOB.role)
    if loaded.key in _JOB.done:
        return Outcome(loaded.key, None)
    if loaded.error:
        return Outcome(loaded.key, failure(loaded, loaded.error))
    try:
        transcript = parse_loaded(loaded, _JOB.input_format)
        options = GradeOptions(role=loaded.role, **_JOB.grade)
        card = asyncio.run(grade_async(transcript, _PROVIDER, options))
    except ScreenerError as e:
        fatal = isinstance(e, UsageError) and not isinstance(e, InputError)
        return Outcome(loaded.key, failure(loaded, e, attempts=getattr(e, "attempts", 0)), fatal)
    except Exception as e:  # a bug must not sink the other transcripts: record it and go on
        return Outcome(loaded.key, failure(loaded, f"internal error ({type(e).__name__}: {e}); please report it"))
    return Outcome(loaded.key, graded(loaded, card, card.grader.attempts))


async def run_pool(inputs: Iterator[BatchInput], job: PoolJob, processes: int,
                   take: Callable[[Outcome], Awaitable[bool]]) -> None:
    """Grade ``inputs`` on ``processes`` workers; ``take`` gets each outcome in input order and returns False
    to stop (a fatal error)."""
    loop = asyncio.get_running_loop()
    context = multiprocessing.get_context("forkserver")
    pool = ProcessPoolExecutor(processes, mp_context=context, initializer=_start, initargs=(job,))
    window: deque[asyncio.Future[Outcome]] = deque()
    try:
        going = True
        for item in inputs:
            window.append(loop.run_in_executor(pool, grade_one, item))
            if len(window) >= processes * WINDOW_PER_PROCESS:
                going = await take(await window.popleft())
                if not going:
                    break
        while going and window:
            going = await take(await window.popleft())
    finally:
        for future in window:
            future.cancel()
        pool.shutdown(wait=True, cancel_futures=True)
