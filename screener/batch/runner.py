"""The live transport: every input is one (or ``--samples``) provider call under the pacing limiter.

Memory stays flat: inputs are generated lazily, the queue holds at most ``2 * jobs`` items, a scorecard is
written to the results file and dropped as soon as it is made. The pipeline's steps (``pipeline``) read,
dedupe, audit and write; here each worker prepares its input on the process pool, sends it through the
limited provider (falling back to ``fallback`` when the provider is down), and finishes it on the pool.

No CPU-bound step runs on the event loop: parsing, redaction and prompt rendering run on the pool ahead of
the sends, and grounding and the hiring-tool rules after them, so ``-j N`` puts N calls in flight from the
start. The offline grader is graded entirely on the pool (a few inputs per task, results in input order).
"""

from __future__ import annotations

import asyncio
import itertools
import time
from collections import deque
from collections.abc import AsyncIterator, Iterator
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import cast

from ..errors import ProviderError, ScreenerError
from ..grading import GradeOptions, Prepared, _generate_valid, grade
from ..providers.base import Provider
from ..scorecard import Scorecard
from ..vocab import JobRole
from .calls import CallStats, LimitedProvider
from .finished import Finished
from .inputs import BatchInput
from .limiter import AdaptiveLimiter
from .pipeline import MIXED_MODELS, OnGraded, Pipeline, PipelineOptions, grader_info
from .pool import (
    CpuPool,
    Sendable,
    StepSettings,
    default_processes,
    finish_step,
    offline_spec,
    run_offline,
    send_step,
)
from .prepare import Loaded, Ready
from .progress import Progress, Tally
from .store import ResultStore

__all__ = ["MIXED_MODELS", "LiveOptions", "OnGraded", "Prefetched", "RunResult", "cpu_bound", "is_outage",
           "run_live"]


@dataclass
class LiveOptions(PipelineOptions):
    jobs: int = 8
    retries: int = 3


@dataclass
class RunResult:
    tally: Tally
    stats: CallStats = field(default_factory=CallStats)
    limiter: AdaptiveLimiter | None = None
    mixed: dict[str, list[str]] = field(default_factory=dict)
    """requisitions graded by more than one model in this run -> those models"""
    fallback_stats: CallStats | None = None


CPU_BOUND_PROVIDERS = frozenset({"offline"})
"""Graders that compute rather than wait (no network): graded off the loop, outside the limiter."""


def cpu_bound(provider: Provider) -> bool:
    """True when ``provider`` computes its answer itself (``cpu_bound`` attribute, else by name)."""
    return bool(getattr(provider, "cpu_bound", provider.name in CPU_BOUND_PROVIDERS))


def pooled(provider: Provider) -> bool:
    """A CPU-bound grader that a worker process can build again from its id: graded on the process pool."""
    return provider.name in CPU_BOUND_PROVIDERS and type(provider).__module__.startswith("screener.providers.")


def is_outage(error: BaseException) -> bool:
    """A failure of the provider, not of the request: a run of 5xx/529, timeouts, connection errors (what is
    left after the retries). Never a 4xx the request caused, nor a rejected key."""
    return isinstance(error, ProviderError) and (error.kind == "transient" or error.status == 529)


class Prefetched:
    """The first inputs of a live batch read and prepared on the pool while the provider's SDK is still being
    imported (seconds, for anthropic), so that the first calls go out as soon as the provider exists.

    Prepared with the step settings the provider is expected to need (``settings``); when the provider's turn
    out different, or the file changed since it was read here, the input is prepared again as usual."""

    def __init__(self, pool: CpuPool, inputs: Iterator[BatchInput], role: str, settings: StepSettings,
                 count: int) -> None:
        from .prepare import read_input

        self.settings = settings
        self.items = list(itertools.islice(inputs, count))
        self.rest = inputs
        self.ready: dict[tuple[BatchInput, str], Future[Sendable]] = {}
        for item in self.items:
            loaded = read_input(item, role)
            if loaded.error is None:
                self.ready.setdefault((item, loaded.key), pool.submit(send_step, loaded, settings))

    def inputs(self) -> Iterator[BatchInput]:
        """Every input, the prefetched first."""
        return itertools.chain(self.items, self.rest)

    def take(self, loaded: Loaded, settings: StepSettings) -> Future[Sendable] | None:
        """The preparation of ``loaded`` with ``settings``, if it was started here (once)."""
        future = self.ready.pop((loaded.item, loaded.key), None)
        if future is not None and settings != self.settings:
            future.cancel()
            return None
        return future

    def discard(self) -> None:
        for future in self.ready.values():
            future.cancel()
        self.ready.clear()


class _Live:
    def __init__(self, pipeline: Pipeline, provider: LimitedProvider, options: LiveOptions,
                 fallback: LimitedProvider | None, prefetched: Prefetched | None = None) -> None:
        self.pipeline = pipeline
        self.prefetched = prefetched
        self.settings = {p.id: options.steps(p) for p in (provider, fallback) if p is not None}
        """each provider's step settings (its own default redaction)"""
        self.provider = provider
        self.options = options
        self.fallback = fallback

    async def _call(self, provider: Provider, loaded: Loaded) -> Scorecard:
        settings = self.settings[provider.id]
        early = self.prefetched.take(loaded, settings) if self.prefetched is not None else None
        if early is not None:
            sendable = await asyncio.wrap_future(early)
        else:
            sendable = await self.pipeline.pool.run(send_step, loaded, settings)
        # the sendable is what _generate_valid reads of a Prepared: its request()
        prepared = cast(Prepared, sendable)
        started = time.perf_counter()
        attempts = await asyncio.gather(*(_generate_valid(provider, prepared, GradeOptions().max_repairs)
                                          for _ in range(self.options.samples)))
        info = grader_info(provider, list(attempts), time.perf_counter() - started)
        return await self.pipeline.pool.run(finish_step, sendable, list(attempts), info)

    async def _in_thread(self, loaded: Loaded) -> Scorecard:
        """A CPU-bound grader the pool cannot rebuild (a plugin): the whole grading in a worker thread."""
        from .prepare import parse_loaded

        o = self.options
        transcript = await asyncio.to_thread(parse_loaded, loaded, o.input_format)
        options = GradeOptions(role=cast(JobRole, loaded.role), samples=o.samples, redact=o.redact,
                               redact_pronouns=o.redact_pronouns, redact_orgs=o.redact_orgs)
        card = await asyncio.to_thread(grade, transcript, self.provider.inner, options)
        self.provider.stats.calls += o.samples
        return card

    async def one(self, item: BatchInput) -> None:
        loaded = await self.pipeline.admit(item)
        if loaded is None:
            return
        try:
            if cpu_bound(self.provider.inner):
                card = await self._in_thread(loaded)
            else:
                try:
                    card = await self._call(self.provider, loaded)
                except ProviderError as e:
                    if self.fallback is None or not is_outage(e):
                        raise
                    card = await self._call(self.fallback, loaded)
                    self.pipeline.tally.fallbacks += 1
        except Exception as e:  # a failure record (an internal error for anything unexpected); the batch goes on
            await self.pipeline.fail(loaded, e)
            return
        await self.pipeline.graded(loaded, card)

    async def worker(self, queue: asyncio.Queue[BatchInput | None]) -> None:
        while True:
            item = await queue.get()
            if item is None:
                return
            if self.pipeline.fatal is None:
                await self.one(item)

    async def produce(self, inputs: Iterator[BatchInput], queue: asyncio.Queue[BatchInput | None], workers: int) -> None:
        try:
            for item in inputs:
                if self.pipeline.fatal is not None:
                    break
                await queue.put(item)
        finally:
            for _ in range(workers):
                await queue.put(None)

    def describe(self) -> str:
        limiter = self.provider.limiter
        if not limiter.rejected:
            return ""
        pace = f", pace {limiter.rate:.1f}/s" if limiter.rate else ""
        return f"concurrency {limiter.limit}{pace}, {limiter.rejected} rate-limited"


async def _admitted(pipeline: Pipeline, inputs: Iterator[BatchInput]) -> AsyncIterator[Loaded | Ready]:
    for item in inputs:
        if pipeline.fatal is not None:
            return
        loaded = await pipeline.admit_in_order(item)  # the offline path writes in input order
        if loaded is not None:
            yield loaded


WRITE_BACKLOG = 64
"""offline grading: records handed to the writer thread and not yet written, at most (the audit log syncs the
disk per grading; the event loop keeps the pool fed meanwhile instead of waiting on each sync)"""


async def _offline(pipeline: Pipeline, inputs: Iterator[BatchInput], stats: CallStats, settings: StepSettings) -> None:
    backlog: deque[asyncio.Future[None]] = deque()

    async def settle(until: int = 0) -> None:
        while len(backlog) > until:
            await backlog.popleft()

    async def take(done: Finished) -> bool:
        if done.fatal:
            error = done.record().error
            pipeline.fatal = pipeline.fatal or ScreenerError(error or "the batch cannot go on")
        stats.calls += settings.samples if done.status == "graded" else 0
        backlog.append(pipeline.write_soon(done))
        await settle(WRITE_BACKLOG)
        return pipeline.fatal is None

    await run_offline(_admitted(pipeline, inputs), pipeline.pool, settings, take, settle)
    await settle()


async def run_live(
    inputs: Iterator[BatchInput],
    store: ResultStore,
    provider: Provider,
    options: LiveOptions,
    progress: Progress,
    limiter: AdaptiveLimiter | None = None,
    on_graded: OnGraded | None = None,
    fallback: Provider | None = None,
    pool: CpuPool | None = None,
    prefetched: Prefetched | None = None,
) -> RunResult:
    """Grade every input; returns the tally. Raises the first fatal error after the workers stop.

    ``fallback``: an input whose provider is down after its retries (``is_outage``) is graded on it instead.
    ``pool``: the CPU steps' pool (default: one process per core, closed at the end); for the offline grader
    it must have been made with its ``offline_spec``. ``prefetched``: the first inputs, already being prepared
    on ``pool`` (``inputs`` is then ``prefetched.inputs()``).
    """
    limiter = limiter or AdaptiveLimiter(options.jobs)
    limited = LimitedProvider(provider, limiter, retries=options.retries)
    backup = LimitedProvider(fallback, AdaptiveLimiter(options.jobs), retries=options.retries) if fallback else None
    offline = pooled(provider)
    own_pool = pool is None
    if pool is None:
        processes = (options.jobs if options.jobs > 1 else 0) if offline else default_processes()
        pool = CpuPool(processes, offline_spec(provider) if offline else None)
    live = _Live(Pipeline(store, options, progress, pool, on_graded, calls=limited.stats), limited, options, backup,
                 None if offline else prefetched)
    live.pipeline.describe = live.describe
    try:
        if offline:
            await _offline(live.pipeline, inputs, limited.stats, options.steps(provider))
        else:
            await _run_workers(live, inputs)
    finally:
        if prefetched is not None:
            prefetched.discard()
        live.pipeline.close()
        if own_pool:
            pool.close()
    if live.pipeline.fatal is not None:
        raise live.pipeline.fatal
    return RunResult(progress.tally, limited.stats, limiter, live.pipeline.mixed_requisitions(),
                     backup.stats if backup else None)


SPARE_MAX = 128
"""spare workers at most (each holds one prepared prompt, about 130 KiB, while it waits for a call slot)"""


def spare_workers(jobs: int) -> int:
    """Workers beyond the ``jobs`` call slots: while calls are in flight, they read and prepare the next
    transcripts and wait at the limiter, so a freed slot is refilled at once instead of after that work.

    As many as there are slots: with nothing pushing back, the calls of a round go out together and come back
    together, and every one of them needs its next prompt then. With half as many (before), the other half
    were prepared only once their slot was free, behind the round's 32 finishing steps on the pool: at -j 32 and
    1 s latency, 20-28 calls in flight in the second round instead of 32, and a ragged last round."""
    return max(2, min(jobs, SPARE_MAX))


async def _run_workers(live: _Live, inputs: Iterator[BatchInput]) -> None:
    jobs = live.options.jobs
    queue: asyncio.Queue[BatchInput | None] = asyncio.Queue(maxsize=2 * jobs)
    workers = [asyncio.create_task(live.worker(queue)) for _ in range(jobs + spare_workers(jobs))]
    producer = asyncio.create_task(live.produce(inputs, queue, len(workers)))
    try:
        await asyncio.gather(producer, *workers)
    finally:
        for task in (producer, *workers):
            task.cancel()
