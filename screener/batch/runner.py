"""The live batch: a producer streaming inputs into a bounded queue, workers grading them.

Memory stays flat: inputs are generated lazily, the queue holds at most ``2 * jobs`` items, a scorecard
is written to the results file and dropped as soon as it is made. Each worker reads and hashes its file,
skips work already done (``--resume``) or already seen in this run, grades through the limited provider,
and appends one record.

Nothing CPU-bound runs on the event loop: reading and parsing run in a worker thread, and so does the
whole grading when the grader itself is CPU-bound (the offline grader: ``cpu_bound``), so one slow
transcript never stalls the other jobs' network calls, progress or writes. A per-transcript failure becomes a failure record and the batch goes on; a bad API
key or a broken configuration stops the batch (the records written so far stay, ``--resume`` continues).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from ..errors import InputError, ProviderError, ScreenerError, UsageError
from ..grading import GradeOptions, grade_async
from ..providers.base import Provider
from ..scorecard import Scorecard
from ..transcript import Transcript
from .calls import CallStats, LimitedProvider
from .inputs import BatchInput
from .limiter import AdaptiveLimiter
from .pool import Outcome, PoolJob, run_pool
from .prepare import Loaded, failure, graded, parse_loaded, read_input
from .progress import Progress, Tally
from .records import BatchRecord
from .store import ResultStore

FATAL_STATUSES = frozenset({401, 403})
OnGraded = Callable[[BatchRecord], None]
"""Called with each graded record before it is written (the CLI logs it to the audit log)."""


@dataclass
class LiveOptions:
    role: str = "hybrid"
    jobs: int = 8
    retries: int = 3
    samples: int = 1
    redact: bool | None = None
    redact_pronouns: bool = False
    redact_orgs: bool = False
    input_format: str | None = None


@dataclass
class RunResult:
    tally: Tally
    stats: CallStats = field(default_factory=CallStats)
    limiter: AdaptiveLimiter | None = None
    mixed: dict[str, list[str]] = field(default_factory=dict)
    """requisitions graded by more than one model in this run -> those models"""
    fallback_stats: CallStats | None = None


CPU_BOUND_PROVIDERS = frozenset({"offline"})
"""Graders that compute rather than wait (no network): graded in a worker thread, outside the limiter."""


def cpu_bound(provider: Provider) -> bool:
    """True when ``provider`` computes its answer itself (``cpu_bound`` attribute, else by name)."""
    return bool(getattr(provider, "cpu_bound", provider.name in CPU_BOUND_PROVIDERS))


POOLED_PROVIDERS = frozenset({"offline"})
"""CPU-bound graders that a worker process can build again from their id: graded in the process pool."""


def pooled(provider: Provider) -> bool:
    return provider.name in POOLED_PROVIDERS and type(provider).__module__.startswith("screener.providers.")


def _grade_in_thread(transcript: Transcript, provider: Provider, options: GradeOptions) -> Scorecard:
    """``grade_async`` on its own event loop, for a worker thread."""
    return asyncio.run(grade_async(transcript, provider, options))


def _fatal(error: BaseException) -> bool:
    if isinstance(error, ProviderError):
        return error.status in FATAL_STATUSES
    return isinstance(error, UsageError) and not isinstance(error, InputError)


def is_outage(error: BaseException) -> bool:
    """A failure of the provider, not of the request: a run of 5xx/529, timeouts, connection errors (what is
    left after the retries). Never a 4xx the request caused, nor a rejected key."""
    return isinstance(error, ProviderError) and (error.kind == "transient" or error.status == 529)


MIXED_MODELS = ("graded by more than one model in this batch (the provider fell back); its scores are not "
                "directly comparable")


class _Run:
    def __init__(self, store: ResultStore, provider: LimitedProvider, options: LiveOptions, progress: Progress,
                 on_graded: OnGraded | None = None, fallback: LimitedProvider | None = None) -> None:
        self.on_graded = on_graded
        self.fallback = fallback
        self.models: dict[str, set[str]] = {}
        """requisition -> the provider:model ids that graded it in this run"""
        self.store = store
        self.provider = provider
        self.options = options
        self.progress = progress
        self.tally = progress.tally
        self.seen: set[str] = set()
        self.fatal: BaseException | None = None

    def _write(self, record: BatchRecord) -> None:
        self.store.append(record)
        if record.status == "graded":
            self.tally.graded += 1
            if record.scorecard and record.scorecard.grader.cost_usd:
                self.tally.cost_usd += record.scorecard.grader.cost_usd
            if record.scorecard is not None:
                self.tally.count_cache(record.scorecard)
        else:
            self.tally.failed += 1
        self.tally.input_tokens = self.provider.stats.input_tokens
        self.tally.output_tokens = self.provider.stats.output_tokens
        limiter = self.provider.limiter
        if limiter.rejected:
            pace = f", pace {limiter.rate:.1f}/s" if limiter.rate else ""
            self.progress.extra = f"concurrency {limiter.limit}{pace}, {limiter.rejected} rate-limited"
        self.progress.update()

    async def one(self, item: BatchInput) -> None:
        loaded: Loaded = await asyncio.to_thread(read_input, item, self.options.role)
        if loaded.key in self.store.done:
            self.tally.skipped += 1
            return
        if loaded.key in self.seen:
            self.tally.duplicates += 1
            return
        self.seen.add(loaded.key)
        if loaded.error:
            self._write(failure(loaded, loaded.error))
            return
        try:
            transcript = await asyncio.to_thread(parse_loaded, loaded, self.options.input_format)
            options = GradeOptions(role=loaded.role, samples=self.options.samples,
                                   redact=self.options.redact, redact_pronouns=self.options.redact_pronouns,
                                   redact_orgs=self.options.redact_orgs)
            if cpu_bound(self.provider.inner):
                card = await asyncio.to_thread(_grade_in_thread, transcript, self.provider.inner, options)
                self.provider.stats.calls += options.samples
            else:
                try:
                    card = await grade_async(transcript, self.provider, options)
                except ProviderError as e:
                    if self.fallback is None or not is_outage(e):
                        raise
                    card = await grade_async(transcript, self.fallback, options)
                    self.tally.fallbacks += 1
            card = self._mixed(loaded.item.requisition, card)
        except ScreenerError as e:
            if _fatal(e):
                self.fatal = self.fatal or e
            self._write(failure(loaded, e, attempts=getattr(e, "attempts", 0)))
            return
        except Exception as e:  # a bug must not sink the other transcripts: record it and go on
            self._write(failure(loaded, f"internal error ({type(e).__name__}: {e}); please report it"))
            return
        record = graded(loaded, card, card.grader.attempts)
        if self.on_graded is not None:
            try:
                self.on_graded(record)
            except ScreenerError as e:  # e.g. the audit log cannot be written: stop, record nothing unaudited
                self.fatal = self.fatal or e
                self._write(failure(loaded, e))
                return
        self._write(record)

    def _mixed(self, requisition: str | None, card: Scorecard) -> Scorecard:
        """Flag a card for review once its requisition has been graded by another model in this run."""
        if requisition is None:
            return card
        models = self.models.setdefault(requisition, set())
        models.add(f"{card.grader.provider}:{card.grader.model}")
        if len(models) < 2:
            return card
        reason = f"requisition {requisition} was {MIXED_MODELS}"
        return card.model_copy(update={"needs_human_review": True,
                                       "review_reasons": [*card.review_reasons, reason]})

    def mixed_requisitions(self) -> dict[str, list[str]]:
        return {req: sorted(models) for req, models in self.models.items() if len(models) > 1}

    async def take(self, outcome: Outcome) -> bool:
        """One outcome from the process pool (in input order): dedupe, audit, write; False stops the batch."""
        if outcome.record is None:
            self.tally.skipped += 1
            return True
        if outcome.key in self.seen:
            self.tally.duplicates += 1
            return True
        self.seen.add(outcome.key)
        record = outcome.record
        if outcome.fatal:
            self.fatal = self.fatal or ScreenerError(record.error or "the batch cannot go on")
        if record.status == "graded" and self.on_graded is not None:
            try:
                self.on_graded(record)
            except ScreenerError as e:  # e.g. the audit log cannot be written: stop, record nothing unaudited
                self.fatal = self.fatal or e
                record = record.model_copy(update={"status": "failed", "scorecard": None,
                                                   "error": str(e), "error_type": type(e).__name__})
        self.provider.stats.calls += self.options.samples if record.status == "graded" else 0
        self._write(record)
        return self.fatal is None

    async def worker(self, queue: asyncio.Queue[BatchInput | None]) -> None:
        while True:
            item = await queue.get()
            if item is None:
                return
            if self.fatal is None:
                await self.one(item)

    async def produce(self, inputs: Iterator[BatchInput], queue: asyncio.Queue[BatchInput | None], workers: int) -> None:
        try:
            for item in inputs:
                if self.fatal is not None:
                    break
                await queue.put(item)
        finally:
            for _ in range(workers):
                await queue.put(None)


async def run_live(
    inputs: Iterator[BatchInput],
    store: ResultStore,
    provider: Provider,
    options: LiveOptions,
    progress: Progress,
    limiter: AdaptiveLimiter | None = None,
    on_graded: OnGraded | None = None,
    fallback: Provider | None = None,
) -> RunResult:
    """Grade every input; returns the tally. Raises the first fatal error after the workers stop.

    ``fallback``: an input whose provider is down after its retries (``is_outage``) is graded on it instead.
    """
    limiter = limiter or AdaptiveLimiter(options.jobs)
    limited = LimitedProvider(provider, limiter, retries=options.retries)
    backup = LimitedProvider(fallback, AdaptiveLimiter(options.jobs), retries=options.retries) if fallback else None
    run = _Run(store, limited, options, progress, on_graded, backup)
    if pooled(provider):
        job = PoolJob(provider_id=provider.id, provider_options=provider.options.model_dump(),
                      grade={"samples": options.samples, "redact": options.redact,
                             "redact_pronouns": options.redact_pronouns, "redact_orgs": options.redact_orgs},
                      role=options.role, input_format=options.input_format, done=frozenset(store.done))
        await run_pool(inputs, job, options.jobs, run.take)
        if run.fatal is not None:
            raise run.fatal
        return RunResult(progress.tally, limited.stats, limiter)
    # More workers than call slots: while calls are in flight, spare workers read, parse and render the next
    # transcripts and wait at the limiter, so a freed slot is refilled at once instead of after that work.
    spare = max(2, options.jobs // 2)
    queue: asyncio.Queue[BatchInput | None] = asyncio.Queue(maxsize=2 * options.jobs)
    workers = [asyncio.create_task(run.worker(queue)) for _ in range(options.jobs + spare)]
    producer = asyncio.create_task(run.produce(inputs, queue, len(workers)))
    try:
        await asyncio.gather(producer, *workers)
    finally:
        for task in (producer, *workers):
            task.cancel()
    if run.fatal is not None:
        raise run.fatal
    return RunResult(progress.tally, limited.stats, limiter, run.mixed_requisitions(),
                     backup.stats if backup else None)
