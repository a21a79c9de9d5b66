"""The provider-batch transport (``--via batch-api``): submit in chunks, save the batch ids, poll, collect.

Inputs go through the same pipeline as live calls (``..pipeline``): read, dedupe, prepare on the process
pool; they stream into chunks of ``chunk_size`` requests (the only thing held in memory), and each chunk
becomes one provider batch whose id is saved at once (see ``state``). After submitting, each pending batch is
polled until it ends and its results are streamed: every answer is validated, then grounded and
policy-checked on the pool exactly as a live answer is (``pool.finish_step``, against the transcript prepared
again from the same bytes), audited and written as one record. A request the provider did not answer, an
answer that does not validate, or a file that changed since submission becomes a failure record (retried on
``--resume``); there is no repair round in a batch. Interrupted while waiting? ``--resume`` polls the saved
batch ids instead of submitting again.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from dataclasses import dataclass

from ...errors import InputError, OutputValidationError, ProviderError
from ...grading import Attempt, read_answer
from ...providers.base import GenerateRequest, Generation, Provider
from ..inputs import BatchInput
from ..pipeline import OnGraded, Pipeline, PipelineOptions, grader_info
from ..pool import CpuPool, default_processes, finish_step, prepare_step
from ..prepare import Loaded, read_input
from ..progress import Progress
from ..store import ResultStore
from .backends import Backend, Result, backend_for
from .state import BatchState, Item, PendingBatch, read_items, write_items

BATCH_DISCOUNT = 0.5
"""Both Anthropic Message Batches and the OpenAI Batch API bill half the list price."""


@dataclass
class BatchApiOptions(PipelineOptions):
    chunk_size: int = 500
    poll_interval: float = 30.0


class _Stop(Exception):
    """The pipeline met a fatal error: stop submitting and fetching (raised again by ``run_batch_api``)."""


class BatchApiRun:
    def __init__(self, pipeline: Pipeline, provider: Provider, backend: Backend, state: BatchState,
                 options: BatchApiOptions) -> None:
        self.pipeline = pipeline
        self.provider = provider
        self.backend = backend
        self.state = state
        self.options = options
        self.progress = pipeline.progress
        self.settings = options.steps(provider)

    def _check(self) -> None:
        if self.pipeline.fatal is not None:
            raise _Stop

    # -- submitting

    async def submit_all(self, inputs: Iterator[BatchInput]) -> None:
        pending_keys = {item.key for b in self.state.pending for item in read_items(self.state.item_file(b.items))}
        chunk: list[tuple[Item, GenerateRequest]] = []
        for item in inputs:
            loaded = await self.pipeline.admit(item, pending_keys)
            self._check()
            if loaded is None:
                continue
            try:
                prepared = await self.pipeline.pool.run(prepare_step, loaded, self.settings)
            except Exception as e:
                await self.pipeline.fail(loaded, e)
                self._check()
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

    # -- waiting and collecting

    async def wait(self, batch: PendingBatch) -> str | None:
        """Poll until the batch ends; the reason when the whole batch failed, else None."""
        while True:
            state = await self.backend.poll(batch.id)
            self.progress.extra = f"provider batch {batch.id}: {state.done}/{state.total or batch.count} ({state.status})"
            self.progress.update()
            if state.ended:
                return state.failed_reason
            await asyncio.sleep(self.options.poll_interval)

    async def collect(self, item: Item, result: Result, started: float) -> None:
        """One answer (or why there is none) -> one record, through the pipeline's finish, audit and write."""
        source = BatchInput(path=item.input, candidate=item.candidate, role=item.role,
                            requisition=item.requisition, speaker=item.speaker)
        loaded = await asyncio.to_thread(read_input, source, item.role)
        if loaded.error or loaded.sha256 != item.sha256:
            why = loaded.error or f"{item.input}: the file changed after it was submitted; --resume grades the new version"
            await self.pipeline.fail(Loaded(source, item.role, item.sha256, item.key), InputError(why))
            return
        try:
            if isinstance(result, str):
                raise ProviderError(result)
            attempt = _attempt(self.provider, result)
            info = grader_info(self.provider, [attempt], time.monotonic() - started, discount=BATCH_DISCOUNT)
            card = await self.pipeline.pool.run(finish_step, loaded, [attempt], info, self.settings)
        except Exception as e:
            await self.pipeline.fail(loaded, e, attempts=1)
            return
        await self.pipeline.graded(loaded, card)

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
                if item.key not in self.pipeline.store.done:
                    await self.collect(item, result, started)
                    self._check()  # the batch stays pending: --resume fetches it again
        reason = failed_reason or f"no answer for this request in provider batch {batch.id}; --resume submits it again"
        for custom_id, item in items.items():
            if custom_id not in answered and item.key not in self.pipeline.store.done:
                await self.collect(item, reason, started)
                self._check()
        self.state.remove(batch)

    async def finish_pending(self) -> None:
        for batch in list(self.state.pending):
            reason = await self.wait(batch)
            await self.fetch(batch, reason)


def _attempt(provider: Provider, gen: Generation) -> Attempt:
    """A provider batch's answer as one attempt; ``OutputValidationError`` when it is cut off or invalid."""
    answer = read_answer(gen)
    if answer.output is None:
        detail = f": {answer.errors[0]}" if answer.errors else ""
        raise OutputValidationError(f"{provider.id} batch answer: {answer.problem}{detail}",
                                    attempts=1, last_output=gen.text)
    return Attempt(answer.output, gen.usage, 1, gen.model)


async def run_batch_api(
    inputs: Iterator[BatchInput],
    store: ResultStore,
    provider: Provider,
    state: BatchState,
    options: BatchApiOptions,
    progress: Progress,
    backend: Backend | None = None,
    on_graded: OnGraded | None = None,
    pool: CpuPool | None = None,
) -> None:
    """Submit, wait for and collect every input; raises the first fatal error (the records so far stay)."""
    backend = backend or backend_for(provider)
    own_pool = pool is None
    if pool is None:
        pool = CpuPool(default_processes())
    pipeline = Pipeline(store, options, progress, pool, on_graded, discount=BATCH_DISCOUNT)
    run = BatchApiRun(pipeline, provider, backend, state, options)
    try:
        await run.submit_all(inputs)
        await run.finish_pending()
    except _Stop:
        pass
    finally:
        await backend.aclose()
        pipeline.close()
        if own_pool:
            pool.close()
    if pipeline.fatal is not None:
        raise pipeline.fatal


__all__ = ["BATCH_DISCOUNT", "BatchApiOptions", "Generation", "run_batch_api"]
