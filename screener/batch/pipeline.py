"""One batch pipeline: read → dedupe → prepare → grade → audit → write, whatever carries the calls.

Two transports grade through it: live calls under the pacing limiter (``runner``) and a provider's batch
API, submit/poll/collect (``batch_api.runner``); the offline grader is graded on the process pool. They
share every step but the call itself:

- ``admit``: read and hash the input (in a thread), skip it when already graded (``--resume``), already seen
  in this run (a duplicate) or already submitted to a pending provider batch; an unreadable input is a
  failure record at once;
- ``prepare`` and ``finish`` (``pool``): the CPU work before and after the call, off the event loop;
- ``graded`` / ``fail`` / ``write``: the audit entry (a graded record is logged before it is written: an
  audit log that cannot be written stops the batch and records nothing unaudited), the results line, the
  tally and the progress line.

A per-input failure becomes a failure record and the batch goes on; an unexpected exception is recorded
as an internal error rather than escaping; a rejected key or a broken configuration (``is_fatal``) stops
the batch after the records in flight are written (``--resume`` continues).
"""

from __future__ import annotations

import asyncio
import threading
from collections import deque
from collections.abc import Callable, Collection
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from ..errors import InputError, ProviderError, ScreenerError, UsageError
from ..grading import Attempt
from ..providers.base import Provider, Usage
from ..scorecard import GraderInfo, Scorecard
from .calls import CallStats
from .finished import Finished
from .inputs import BatchInput
from .pool import CpuPool, StepSettings
from .prepare import Loaded, Ready, failure, graded, read_input, recorded_for
from .progress import Progress, Tally
from .records import BatchRecord, content_key
from .store import ResultStore

OnGraded = Callable[[BatchRecord], None]
"""Called with each graded record before it is written (the CLI logs it to the audit log). When it also has a
``many`` attribute (records -> None), the records waiting to be written are handed to that together, so the
audit log syncs the disk once per group instead of three times per grading. An ``events`` attribute
(list of ``Finished`` -> None) does the same for records finished in a pool worker, whose audit events are made
there (``Finished.audit_event``): without it they are read back into records for ``many``."""

GROUP = 256
"""records audited and written together, at most (whatever is waiting when the writer thread gets to it)"""

MIXED_MODELS = ("graded by more than one model in this batch (the provider fell back); its scores are not "
                "directly comparable")


@dataclass
class PipelineOptions:
    role: str = "hybrid"
    samples: int = 1
    redact: bool | None = None
    """None: redact for remote providers"""
    redact_pronouns: bool = False
    redact_orgs: bool = False
    input_format: str | None = None

    def steps(self, provider: Provider) -> StepSettings:
        """What the pool's steps need, with the provider's default redaction applied."""
        return StepSettings(input_format=self.input_format,
                            redact=provider.remote if self.redact is None else self.redact,
                            redact_pronouns=self.redact_pronouns, redact_orgs=self.redact_orgs,
                            samples=self.samples)


def is_fatal(error: BaseException) -> bool:
    """A failure no other input can escape: a rejected key, a broken configuration."""
    if isinstance(error, ProviderError):
        return error.kind == "auth"
    return isinstance(error, UsageError) and not isinstance(error, InputError)


def call_cost(provider: Provider, usage: Usage, discount: float = 1.0) -> float | None:
    """What a grading's calls cost (0 for a local grader, None when the model's price is unknown)."""
    if not provider.remote:
        return 0.0
    from ..providers.pricing import estimate_cost

    cost = estimate_cost(provider.model, usage, provider.options)
    return cost if cost is None or discount == 1.0 else round(cost * discount, 6)


def grader_info(provider: Provider, attempts: list[Attempt], seconds: float, discount: float = 1.0) -> GraderInfo:
    """Who graded and what it cost, for ``pool.finish_step`` (which fills in the prompt version and redaction)."""
    usage = Usage(input_tokens=sum(a.usage.input_tokens for a in attempts),
                  output_tokens=sum(a.usage.output_tokens for a in attempts),
                  cached_input_tokens=sum(a.usage.cached_input_tokens for a in attempts))
    return GraderInfo(provider=provider.id, model=attempts[0].model or provider.model or provider.name,
                      prompt_version="", seconds=round(seconds, 4), attempts=sum(a.attempts for a in attempts),
                      samples=len(attempts), input_tokens=usage.input_tokens, output_tokens=usage.output_tokens,
                      cached_input_tokens=usage.cached_input_tokens, cost_usd=call_cost(provider, usage, discount))


class Pipeline:
    """The steps every transport shares, and the run's state: what was seen, the tally, the first fatal error."""

    def __init__(self, store: ResultStore, options: PipelineOptions, progress: Progress, pool: CpuPool,
                 on_graded: OnGraded | None = None, *, calls: CallStats | None = None,
                 describe: Callable[[], str] | None = None, discount: float = 1.0) -> None:
        self.store = store
        self.options = options
        self.progress = progress
        self.tally = progress.tally
        self.pool = pool
        self.on_graded = on_graded
        self.calls = calls
        """the transport's call statistics (live: every call's tokens, repairs included); else the cards'"""
        self.describe = describe
        """the transport's state for the progress line (the limiter's pace)"""
        self.discount = discount
        """the price factor of the cache savings (a provider batch bills half)"""
        self.seen: set[str] = set()
        self.contents: set[str] = set()
        """what is graded in this run (transcript and role): a later input naming it is recorded, not graded"""
        self.by_content: dict[str, int] = {}
        """where the record of each graded content starts in the results file, for the inputs that share it (an
        offset, not the record: memory stays flat however many transcripts a batch grades)"""
        self.followers: dict[str, list[Loaded]] = {}
        """inputs waiting for their content's record (its grading is still in flight)"""
        self.models: dict[str, set[str]] = {}
        """requisition -> the provider:model ids that graded it in this run"""
        self.fatal: BaseException | None = None
        self._writer = ThreadPoolExecutor(1, thread_name_prefix="screener-batch-writer")
        """one thread, so records are audited and written in the order they are handed over"""
        self._waiting: deque[tuple[BatchRecord | Finished, asyncio.Future[None]]] = deque()
        """records handed over and not yet taken by the writer thread (taken as a group)"""
        self._lock = threading.Lock()
        self._draining = False

    # -- read and dedupe

    async def admit(self, item: BatchInput, pending: Collection[str] = ()) -> Loaded | None:
        """``admit_in_order`` for a transport that writes records as they finish: what needs no grading is
        written now (or, for a transcript whose grading is in flight, when that grading is written)."""
        loaded = await self._admit(item, pending, ordered=False)
        assert not isinstance(loaded, Ready)
        return loaded

    async def admit_in_order(self, item: BatchInput) -> Loaded | Ready | None:
        return await self._admit(item, (), ordered=True)

    async def _admit(self, item: BatchInput, pending: Collection[str], *, ordered: bool) -> Loaded | Ready | None:
        """The input read and hashed, or None when there is nothing to grade: done (``--resume``), a duplicate
        (the same transcript, role, requisition and candidate), unreadable (a failure record), or a transcript
        already graded in this run for another requisition or candidate (recorded again, not graded again).

        ``ordered``: the caller writes records in input order, so a record that needs no grading comes back as
        a ``Ready`` to write at its place instead of being written now."""
        loaded = await asyncio.to_thread(read_input, item, self.options.role)
        if loaded.key in self.store.done:
            self.tally.skipped += 1
            return None
        if loaded.key in pending:
            return None  # submitted to a provider batch before an interruption: fetched, not graded again
        if loaded.key in self.seen:
            self.tally.duplicates += 1
            return None
        self.seen.add(loaded.key)
        if loaded.error:
            ready = Ready(lambda: failure(loaded, loaded.error or "unreadable"))
            if ordered:
                return ready
            await self.write(ready.make())
            return None
        assert loaded.sha256 is not None
        content = content_key(loaded.sha256, loaded.role)
        if content in self.contents:
            if ordered:  # its content's record is written before it (input order)
                return Ready(lambda: recorded_for(loaded, self.content_record(content)))
            if content in self.by_content:
                await self.write(recorded_for(loaded, self.content_record(content)))
            else:
                self.followers.setdefault(content, []).append(loaded)
            return None
        self.contents.add(content)
        return loaded

    # -- outcomes

    async def fail(self, loaded: Loaded, error: BaseException | str, attempts: int = 0) -> None:
        if isinstance(error, BaseException) and is_fatal(error):
            self.fatal = self.fatal or error
        if isinstance(error, ScreenerError) or isinstance(error, str):
            await self.write(failure(loaded, error, attempts=attempts or getattr(error, "attempts", 0)))
        else:  # a bug must not sink the other transcripts: record it and go on
            await self.write(failure(loaded, f"internal error ({type(error).__name__}: {error}); please report it"))

    async def graded(self, loaded: Loaded, card: Scorecard) -> None:
        await self.write(graded(loaded, self._mixed(loaded.item.requisition, card), card.grader.attempts))

    async def write(self, record: BatchRecord) -> None:
        """Audit a graded record, append it, count it, on the writer thread: the audit log's disk syncs never
        hold up the event loop's sends, and what the tally says was saved is what the file holds, even when
        Ctrl-C cancels the step that handed the record over."""
        await self.write_soon(record)

    def write_soon(self, record: BatchRecord | Finished) -> asyncio.Future[None]:
        """``write`` without waiting for it: records handed over are written in the order they were handed over
        (one writer thread, which takes whatever is waiting as one group); the future says when this one is
        (and raises what its write raised)."""
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        with self._lock:
            self._waiting.append((record, future))
            start, self._draining = not self._draining, True
        if start:
            self._writer.submit(self._drain)
        return future

    def _drain(self) -> None:
        """On the writer thread: write the waiting records, a group at a time, until none is left. Each future
        is settled on its own event loop: a drain started under one loop may take records handed over under the
        next (a caller that runs the pipeline under successive ``asyncio.run`` calls)."""
        while True:
            with self._lock:
                if not self._waiting:
                    self._draining = False
                    return
                group = [self._waiting.popleft() for _ in range(min(GROUP, len(self._waiting)))]
            error: BaseException | None = None
            try:
                self._write_group([record for record, _ in group])
            except BaseException as e:  # noqa: BLE001 - handed to every waiter, as one write's error was
                error = e
            by_loop: dict[asyncio.AbstractEventLoop, list[asyncio.Future[None]]] = {}
            for _, future in group:
                by_loop.setdefault(future.get_loop(), []).append(future)
            for loop, futures in by_loop.items():
                try:  # one wake-up of each event loop per group, not per record
                    loop.call_soon_threadsafe(_settle_all, futures, error)
                except RuntimeError:  # that loop is closed (Ctrl-C): nobody waits for it any more
                    pass

    def _write_group(self, items: list[BatchRecord | Finished]) -> None:
        for item in self._audit(items):
            self._write(item)

    def _audit(self, items: list[BatchRecord | Finished]) -> list[BatchRecord | Finished]:
        """Log the graded items to the audit log (``on_graded``), before any of them is written; the ones that
        could not be logged come back as failures (an audit log that cannot be written stops the batch)."""
        if self.on_graded is None:
            return items
        many = getattr(self.on_graded, "many", None)
        if many is None or (len(items) == 1 and not isinstance(items[0], Finished)):
            return [self._audit_one(item) for item in items]
        graded = [i for i in items if i.status == "graded"]
        if not graded:
            return items
        try:
            events = getattr(self.on_graded, "events", None)
            if events is not None:  # the records' events as the workers made them: no scorecard rebuilt here
                events([i if isinstance(i, Finished) else Finished.of(i, discount=self.discount) for i in graded])
            else:
                many([i.record() if isinstance(i, Finished) else i for i in graded])
        except ScreenerError as e:  # the audit log cannot be written: stop, record nothing unaudited
            self.fatal = self.fatal or e
            return [_unaudited(i, e) if i.status == "graded" else i for i in items]
        return items

    def _audit_one(self, item: BatchRecord | Finished) -> BatchRecord | Finished:
        if item.status != "graded" or self.on_graded is None:
            return item
        try:
            self.on_graded(item.record() if isinstance(item, Finished) else item)
        except ScreenerError as e:  # e.g. the audit log cannot be written: stop, record nothing unaudited
            self.fatal = self.fatal or e
            return _unaudited(item, e)
        return item

    def _write(self, item: BatchRecord | Finished) -> None:
        if isinstance(item, Finished):
            offset = self.store.append_line(item.line, item.key, item.input, item.status)
            self._count(item.status == "graded", item.cost_usd, item.input_tokens, item.output_tokens,
                        item.cached_input_tokens, item.saved_usd)
        else:
            offset = self.store.append(item)
            self._count_record(item)
        if item.sha256 is not None:
            content = content_key(item.sha256, item.role)
            self.by_content.setdefault(content, offset)
            followers = self.followers.pop(content, [])
            if followers:
                record = item.record() if isinstance(item, Finished) else item
                for follower in followers:
                    self._write(self._audit_one(recorded_for(follower, record)))

    def content_record(self, content: str) -> BatchRecord:
        """The record written for ``content`` in this run, read back from the results file."""
        return self.store.read_at(self.by_content[content])

    def _count_record(self, record: BatchRecord) -> None:
        card = record.scorecard
        if record.status != "graded" or card is None:
            self._count(False)
            return
        g = card.grader
        cache = Tally()
        cache.count_cache(card, discount=self.discount)
        self._count(True, g.cost_usd or 0.0, g.input_tokens, g.output_tokens, cache.cached_input_tokens,
                    cache.saved_usd)

    def _count(self, graded: bool, cost_usd: float = 0.0, input_tokens: int = 0, output_tokens: int = 0,
               cached_input_tokens: int = 0, saved_usd: float = 0.0) -> None:
        t = self.tally
        if graded:
            t.graded += 1
            t.cost_usd += cost_usd
            t.cached_input_tokens += cached_input_tokens
            t.saved_usd += saved_usd
            if self.calls is None:
                t.input_tokens += input_tokens
                t.output_tokens += output_tokens
        else:
            t.failed += 1
        if self.calls is not None:
            t.input_tokens, t.output_tokens = self.calls.input_tokens, self.calls.output_tokens
        if self.describe is not None:
            self.progress.extra = self.describe() or self.progress.extra
        self.progress.update()

    def close(self) -> None:
        """Wait for the writes in flight (also on Ctrl-C: no record is left half-done)."""
        self._writer.shutdown(wait=True)

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


def _unaudited(item: BatchRecord | Finished, error: ScreenerError) -> BatchRecord:
    """A graded record whose audit entry could not be written: a failure, without the scorecard."""
    record = item.record() if isinstance(item, Finished) else item
    return record.model_copy(update={"status": "failed", "scorecard": None, "error": str(error),
                                     "error_type": type(error).__name__})


def _settle_all(futures: list[asyncio.Future[None]], error: BaseException | None) -> None:
    for future in futures:
        _settle(future, error)


def _settle(future: asyncio.Future[None], error: BaseException | None) -> None:
    if future.done():  # cancelled (Ctrl-C): the record is written all the same
        return
    if error is None:
        future.set_result(None)
    else:
        future.set_exception(error)
