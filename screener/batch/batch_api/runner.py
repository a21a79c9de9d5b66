"""``--via batch-api``: submit in chunks, save the batch ids, poll with progress, fetch, finalise each answer.

Inputs stream into chunks of ``chunk_size`` requests (the only thing held in memory); each chunk becomes one
provider batch whose id is saved at once (see ``state``). After submitting, each pending batch is polled until
it ends and its results are streamed: every answer is validated, grounded and policy-checked exactly as on the
live path (``steps.finalize_answer``) and written as one record. A request the provider did not answer, an
answer that does not validate, or a file that changed since submission becomes a failure record (retried on
``--resume``). Interrupted while waiting? ``--resume`` polls the saved batch ids instead of submitting again.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import cast

from ...errors import InputError, ProviderError, ScreenerError, UsageError
from ...grading import Prepared, prepare
from ...providers.base import GenerateRequest, Generation, Provider
from ...vocab import JobRole
from ..inputs import BatchInput
from ..prepare import Loaded, failure, graded, parse_loaded, read_input
from ..progress import Progress
from ..records import BatchRecord
from ..runner import OnGraded
from ..store import ResultStore
from .backends import Backend, Result, backend_for
from .state import BatchState, Item, PendingBatch, read_items, write_items
from .steps import BATCH_DISCOUNT, finalize_answer


@dataclass
class BatchApiOptions:
    role: str = "hybrid"
    redact: bool | None = None
    redact_pronouns: bool = False
    redact_orgs: bool = False
    input_format: str | None = None
    chunk_size: int = 500
    poll_interval: float = 30.0


def _fatal(e: BaseException) -> bool:
    if isinstance(e, ProviderError):
        return e.kind == "auth"
    return isinstance(e, UsageError) and not isinstance(e, InputError)


class BatchApiRun:
    def __init__(self, store: ResultStore, provider: Provider, backend: Backend, state: BatchState,
                 options: BatchApiOptions, progress: Progress, on_graded: OnGraded | None = None) -> None:
        self.on_graded = on_graded
        self.store = store
        self.provider = provider
        self.backend = backend
        self.state = state
        self.options = options
        self.progress = progress
        self.tally = progress.tally

    def _write(self, record: BatchRecord) -> None:
        if record.status == "graded" and self.on_graded is not None:
            self.on_graded(record)  # an AuditError stops the run before an unaudited record is written
        self.store.append(record)
        if record.status == "graded":
            self.tally.graded += 1
            card = record.scorecard
            if card is not None:
                self.tally.input_tokens += card.grader.input_tokens
                self.tally.output_tokens += card.grader.output_tokens
                self.tally.cost_usd += card.grader.cost_usd or 0.0
                self.tally.count_cache(card, discount=BATCH_DISCOUNT)
        else:
            self.tally.failed += 1
        self.progress.update()

    # -- submitting

    async def submit_all(self, inputs: Iterator[BatchInput]) -> None:
        pending_keys = {item.key for b in self.state.pending for item in read_items(self.state.item_file(b.items))}
        seen: set[str] = set()
        chunk: list[tuple[Item, GenerateRequest]] = []
        for item in inputs:
            loaded = await asyncio.to_thread(read_input, item, self.options.role)
            if loaded.key in self.store.done:
                self.tally.skipped += 1
                continue
            if loaded.key in pending_keys:
                continue  # submitted before the interruption: fetched below
            if loaded.key in seen:
                self.tally.duplicates += 1
                continue
            seen.add(loaded.key)
            if loaded.error:
                self._write(failure(loaded, loaded.error))
                continue
            try:
                prepared = await asyncio.to_thread(self._prepare, loaded)
            except ScreenerError as e:
                if _fatal(e):
                    raise
                self._write(failure(loaded, e))
                continue
            assert loaded.sha256 is not None
            chunk.append((Item(custom_id=f"r{len(chunk)}", input=item.path, sha256=loaded.sha256, key=loaded.key,
                               role=loaded.role, candidate=item.candidate, requisition=item.requisition,
                               speaker=item.speaker), prepared.request()))
            if len(chunk) >= self.options.chunk_size:
                await self.submit(chunk)
                chunk = []
        if chunk:
            await self.submit(chunk)

    def _prepare(self, loaded: Loaded) -> Prepared:
        """Parse and prepare (injection scan, redaction, prompt): CPU work, run in a worker thread."""
        return prepare(parse_loaded(loaded, self.options.input_format), cast(JobRole, loaded.role), self.provider,
                       self.options.redact, pronouns=self.options.redact_pronouns, orgs=self.options.redact_orgs)

    async def submit(self, chunk: list[tuple[Item, GenerateRequest]]) -> None:
        path = self.state.new_item_file()
        write_items(path, [item for item, _ in chunk])
        try:
            batch_id = await self.backend.submit([(item.custom_id, request) for item, request in chunk])
        except BaseException:
            path.unlink(missing_ok=True)
            raise
        self.state.add(PendingBatch(id=batch_id, backend=self.backend.kind, provider=self.provider.id,
                                    items=path.name, count=len(chunk)))
        self.progress.note(f"screener: submitted provider batch {batch_id} ({len(chunk)} transcripts)")

    # -- waiting and fetching

    async def wait(self, batch: PendingBatch) -> str | None:
        """Poll until the batch ends; the reason when the whole batch failed, else None."""
        while True:
            state = await self.backend.poll(batch.id)
            self.progress.extra = f"provider batch {batch.id}: {state.done}/{state.total or batch.count} ({state.status})"
            self.progress.update()
            if state.ended:
                return state.failed_reason
            await asyncio.sleep(self.options.poll_interval)

    def _finalize(self, item: Item, result: Result, started: float) -> BatchRecord:
        source = BatchInput(path=item.input, candidate=item.candidate, role=item.role,
                            requisition=item.requisition, speaker=item.speaker)
        loaded = read_input(source, item.role)
        if loaded.error or loaded.sha256 != item.sha256:
            why = loaded.error or f"{item.input}: the file changed after it was submitted; --resume grades the new version"
            stale = Loaded(source, item.role, item.sha256, item.key)
            return failure(stale, InputError(why))
        if isinstance(result, str):
            return failure(loaded, ProviderError(result), attempts=1)
        try:
            prepared = self._prepare(loaded)
            card = finalize_answer(prepared, result, self.provider, seconds=time.monotonic() - started)
        except ScreenerError as e:
            return failure(loaded, e, attempts=1)
        return graded(loaded, card, 1)

    async def fetch(self, batch: PendingBatch, failed_reason: str | None) -> None:
        items = {i.custom_id: i for i in read_items(self.state.item_file(batch.items))}
        answered: set[str] = set()
        started = time.monotonic()
        if failed_reason is None:
            async for custom_id, result in self.backend.results(batch.id):
                item = items.get(custom_id)
                if item is None or custom_id in answered:
                    continue
                answered.add(custom_id)
                if item.key not in self.store.done:
                    self._write(await asyncio.to_thread(self._finalize, item, result, started))
        reason = failed_reason or f"no answer for this request in provider batch {batch.id}; --resume submits it again"
        for custom_id, item in items.items():
            if custom_id not in answered and item.key not in self.store.done:
                self._write(await asyncio.to_thread(self._finalize, item, reason, started))
        self.state.remove(batch)

    async def finish_pending(self) -> None:
        for batch in list(self.state.pending):
            reason = await self.wait(batch)
            await self.fetch(batch, reason)


async def run_batch_api(
    inputs: Iterator[BatchInput],
    store: ResultStore,
    provider: Provider,
    state: BatchState,
    options: BatchApiOptions,
    progress: Progress,
    backend: Backend | None = None,
    on_graded: OnGraded | None = None,
) -> None:
    backend = backend or backend_for(provider)
    run = BatchApiRun(store, provider, backend, state, options, progress, on_graded)
    try:
        await run.submit_all(inputs)
        await run.finish_pending()
    finally:
        await backend.aclose()


__all__ = ["BatchApiOptions", "Generation", "run_batch_api"]
