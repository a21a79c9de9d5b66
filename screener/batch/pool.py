"""The CPU-bound steps of a batch, off the event loop: a process pool (one worker per core) or a thread.

The event loop only sends, receives, audits and writes. Everything that computes runs here:

- ``prepare_step``: parse, strip injections, redact, render the prompt (a ``Prepared``, before the call);
- ``finish_step``: ground the quotes and apply the hiring-tool rules (the scorecard, after the call);
- ``grade_chunk``: the offline grader, which computes rather than waits, grades a few inputs per task.

A ``ProcessPoolExecutor`` started with ``forkserver`` (never ``fork``: the main process has threads); its
workers import the grading modules and build what they need once, when they start (``_start``), and ignore
SIGINT, so Ctrl-C reaches the main process alone, which finishes its writes and stops the pool. With one core
(or ``processes=0``) the same steps run in a worker thread instead.
"""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing
import os
import pickle
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import AsyncIterator, Awaitable, Callable
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any, TypeVar, cast

from ..errors import GradingError, InputError, ScreenerError, UsageError
from ..grading import Attempt, GradeOptions, Prepared, grade_async, prepare
from ..providers import Provider, ProviderOptions, get_provider
from ..providers.base import GenerateRequest, GradingContext, Message
from ..samples import combine_samples
from ..scorecard import GradeOutput, GraderInfo, Scorecard
from ..vocab import JobRole
from .finished import Finished
from .prepare import Loaded, Ready, failure, graded, parse_loaded

T = TypeVar("T")

WINDOW_PER_PROCESS = 4
"""offline grading: chunks outstanding per process (memory stays flat; the pool never idles)"""
CHUNK = 4
"""offline grading: inputs per task (one round trip to a worker for several transcripts)"""


@dataclass(frozen=True)
class StepSettings:
    """What the steps need besides the input itself (small: sent with each task)."""

    input_format: str | None = None
    redact: bool = True
    """resolved: the provider's default (redact for remote providers) already applied"""
    redact_pronouns: bool = False
    redact_orgs: bool = False
    samples: int = 1


OfflineSpec = tuple[str, dict[str, Any]]
"""the offline grader's provider id and options: what a worker builds it from"""


@dataclass
class _Worker:
    offline: OfflineSpec | None = None
    grader: Provider | None = None
    stand_in: Provider | None = None


_W = _Worker()


def _start(offline: OfflineSpec | None, parent: int | None = None) -> None:
    """A worker's warm-up: the grader built once, not once per input."""
    if parent is not None:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        threading.Thread(target=_watch, args=(parent,), daemon=True).start()
    _W.offline = offline
    if offline is not None:
        _W.grader = get_provider(offline[0], ProviderOptions.model_validate(offline[1]))


def _watch(parent: int) -> None:
    """End this worker when the batch's process is gone (``kill -9``): the pool's queues hold their own pipe
    ends open in every worker, so an orphaned worker would otherwise wait for work forever. A dead process
    whose own parent has not reaped it yet (a zombie: a wrapper still reading the batch's output) is gone too;
    its workers would otherwise keep that output's pipe open, and the wrapper would wait for them forever."""
    while True:
        time.sleep(1.0)
        try:
            os.kill(parent, 0)
        except ProcessLookupError:
            os._exit(0)
        except PermissionError:  # pragma: no cover - the pid was reused by another user's process
            os._exit(0)
        if _zombie(parent):
            os._exit(0)


def _zombie(pid: int) -> bool:
    """True when ``pid`` has exited and waits to be reaped (Linux ``/proc``; False where it cannot tell)."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            stat = f.read()
    except OSError:
        return False
    return stat[stat.rfind(b")") + 2 : stat.rfind(b")") + 3] == b"Z"


_LOCAL = threading.local()


def _loop() -> asyncio.AbstractEventLoop:
    """This thread's event loop for the offline grader's coroutine, made once per worker (``asyncio.run`` makes
    and closes a loop per transcript)."""
    loop = getattr(_LOCAL, "loop", None)
    if loop is None:
        loop = _LOCAL.loop = asyncio.new_event_loop()
    return loop


def _stand_in() -> Provider:
    """``grading.prepare`` asks a provider only whether it is remote; ``redact`` is given, so any will do."""
    if _W.stand_in is None:
        _W.stand_in = get_provider("offline")
    return _W.stand_in


def prepare_step(loaded: Loaded, s: StepSettings) -> Prepared:
    """Parse and prepare one input (``InputError`` for anything a person must fix in the file)."""
    transcript = parse_loaded(loaded, s.input_format)
    return prepare(transcript, cast(JobRole, loaded.role), _stand_in(), s.redact, pronouns=s.redact_pronouns,
                   orgs=s.redact_orgs)


class _LazyContext(GradingContext):
    """A ``GradingContext`` unpickled on first use: a remote provider never reads it, so the event loop never
    spends the time (nor imports what the transcript's objects need)."""

    def __init__(self, blob: bytes) -> None:  # noqa: D107 - the dataclass fields come from the blob
        self._blob = blob

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") or "_blob" not in self.__dict__:
            raise AttributeError(name)
        context = pickle.loads(self.__dict__.pop("_blob"))
        self.__dict__.update(transcript=context.transcript, competencies=context.competencies, role=context.role)
        return getattr(self, name)


@dataclass
class Sendable:
    """A prepared transcript as the event loop needs it: the request's text, plus what only the pool reads (the
    grading context, for graders that read it instead of the prompt, and the whole ``Prepared``, for
    ``finish_step``) as pickled bytes it passes on unopened. Unpickling a ``Prepared`` would import the
    redaction and injection modules into the main process and cost it CPU time per transcript."""

    system: str
    user: str
    context: bytes
    prepared: bytes

    def request(self) -> GenerateRequest:
        return GenerateRequest(system=self.system, messages=[Message(role="user", content=self.user)],
                               output_type=GradeOutput, context=_LazyContext(self.context))


def send_step(loaded: Loaded, s: StepSettings) -> Sendable:
    """``prepare_step`` for a live call: the ``Sendable`` of one input."""
    prepared = prepare_step(loaded, s)
    return Sendable(prepared.prompt.system, prepared.prompt.user, pickle.dumps(prepared.context(), pickle.HIGHEST_PROTOCOL),
                    pickle.dumps(prepared, pickle.HIGHEST_PROTOCOL))


def finish_step(source: Prepared | Sendable | Loaded, attempts: list[Attempt], info: GraderInfo,
                s: StepSettings | None = None) -> Scorecard:
    """The scorecard from validated answers: grounding and policy, per sample, then the samples combined.
    A ``Loaded`` input (an answer that arrived later, from a provider batch) is prepared again first."""
    if isinstance(source, Prepared):
        prepared = source
    elif isinstance(source, Sendable):
        prepared = pickle.loads(source.prepared)
    else:
        assert s is not None
        prepared = prepare_step(source, s)
    info = info.model_copy(update={"prompt_version": prepared.prompt.version,
                                   "redacted": prepared.redaction is not None})
    return combine_samples([prepared.scorecard(a.output, info) for a in attempts])


def _grade_offline(loaded: Loaded, s: StepSettings) -> Finished:
    """The record of one input, finished here: its line and audit event made in the worker (``Finished``)."""
    assert _W.grader is not None
    try:
        transcript = parse_loaded(loaded, s.input_format)
        options = GradeOptions(role=cast(JobRole, loaded.role), samples=s.samples, redact=s.redact,
                               redact_pronouns=s.redact_pronouns, redact_orgs=s.redact_orgs)
        card = _loop().run_until_complete(grade_async(transcript, _W.grader, options))
    except ScreenerError as e:
        fatal = isinstance(e, UsageError) and not isinstance(e, InputError)
        return Finished.of(failure(loaded, e, attempts=getattr(e, "attempts", 0)), fatal)
    except Exception as e:  # a bug must not sink the other transcripts: record it and go on
        return Finished.of(failure(loaded, f"internal error ({type(e).__name__}: {e}); please report it"))
    return Finished.of(graded(loaded, card, card.grader.attempts))


def grade_chunk(chunk: list[Loaded], s: StepSettings) -> list[Finished]:
    """Grade a few inputs with the offline grader (in a worker); every problem becomes a failure record."""
    return [_grade_offline(loaded, s) for loaded in chunk]


def default_processes() -> int:
    """One worker per core; none (a thread) on a single core, where a process buys nothing."""
    cores = os.cpu_count() or 1
    return cores if cores > 1 else 0


def offline_spec(provider: Provider) -> OfflineSpec:
    return provider.id, provider.options.model_dump()


_PATH_VARIABLES = ("PYTHONPATH", "PYTHONSAFEPATH")


def _start_fork_server(preload: str) -> None:
    """Start the fork server (once per process) importing ``preload``, from where this process imports.

    The fork server is a new interpreter run with ``-c``, so Python puts the working directory first on its
    ``sys.path``, and Python 3.11's fork server does not take the parent's path: a folder named ``screener``
    (or another checkout) where the user runs ``batch`` was imported instead of screener, and the pool died with
    a traceback. It is started with this process's own path in ``PYTHONPATH`` and ``PYTHONSAFEPATH`` set (no
    working directory prepended), restored at once: it imports the screener this process runs."""
    from multiprocessing import forkserver

    forkserver.set_forkserver_preload([preload])
    saved = {name: os.environ.get(name) for name in _PATH_VARIABLES}
    os.environ["PYTHONPATH"] = os.pathsep.join(os.getcwd() if p == "" else p for p in sys.path)
    os.environ["PYTHONSAFEPATH"] = "1"
    try:
        forkserver.ensure_running()
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


class WorkerDied(GradingError):
    """A worker process died while it ran a step (killed, out of memory), every time it was tried."""


STEP_TRIES = 3
"""times a step is run when its worker dies under it: a pool whose worker dies loses every step in flight, so
each is run again on a new pool; one that kills its worker each time (a transcript that exhausts memory) fails"""
MAX_RESTARTS = 10
"""new pools a batch may start; past them the workers keep dying whatever they run, and each step fails"""


class CpuPool:
    """``await pool.run(step, *args)``: a step in a worker process (or a thread when ``processes`` is 0).

    ``offline``: the offline grader's spec, when the pool grades (``grade_chunk``). Made before the provider's
    SDK is imported and ``warm``-ed, its workers start while the main process imports (see the CLI).

    A worker that dies (killed, out of memory) breaks the whole process pool: the steps in flight are run again
    on a new one (``STEP_TRIES``, ``MAX_RESTARTS``), and a step that still fails raises :class:`WorkerDied`,
    which the batch records as that input's failure."""

    def __init__(self, processes: int, offline: OfflineSpec | None = None) -> None:
        self.processes = processes
        self.offline = offline
        self.restarts = 0
        self._alone = asyncio.Lock()
        self.executor: Executor
        if processes > 0:
            self.executor = self._process_pool()
        else:
            _start(offline)
            self.executor = ThreadPoolExecutor(4, thread_name_prefix="screener-batch")

    def _process_pool(self) -> ProcessPoolExecutor:
        context = multiprocessing.get_context("forkserver")
        # the fork server imports the steps' modules once; every worker forks from it ready to work
        _start_fork_server(f"{__package__}.preload.{'offline' if self.offline else 'live'}")
        return ProcessPoolExecutor(self.processes, mp_context=context, initializer=_start,
                                   initargs=(self.offline, os.getpid()))

    def _replace(self, broken: Executor) -> None:
        """A new process pool for one whose worker died (once, however many of its steps saw it break; none past
        ``MAX_RESTARTS``, when every step fails)."""
        if self.executor is not broken or self.restarts >= MAX_RESTARTS:
            return
        broken.shutdown(wait=False, cancel_futures=True)
        self.restarts += 1
        self.executor = self._process_pool()

    def warm(self) -> None:
        """Start every worker now, from a thread: starting them waits for the fork server's imports (seconds),
        which overlap whatever the main process does next instead of holding it up."""
        if isinstance(self.executor, ProcessPoolExecutor):
            executor, count = self.executor, self.processes

            def start() -> None:
                try:
                    for _ in range(count):
                        executor.submit(os.getpid)
                except RuntimeError:  # closed before it started (a usage error, Ctrl-C): nothing to warm
                    pass

            threading.Thread(target=start, name="screener-pool-warm", daemon=True).start()

    def submit(self, step: Callable[..., T], *args: Any) -> Future[T]:
        """``run`` without an event loop (before one runs): the step's future."""
        return self.executor.submit(step, *args)

    async def run(self, step: Callable[..., T], *args: Any) -> T:
        loop = asyncio.get_running_loop()
        for tries in range(1, STEP_TRIES + 1):
            # a step run again runs alone (and new steps wait): one that kills its worker takes no other with it
            async with self._alone if tries > 1 or self._alone.locked() else contextlib.nullcontext():
                executor = self.executor
                try:  # (submitting starts a worker when one is missing: the fork server may have died)
                    future = loop.run_in_executor(executor, step, *args)
                except (BrokenProcessPool, EOFError, ConnectionError):
                    self._replace(executor)
                    continue
                try:
                    return await future
                except BrokenProcessPool:
                    self._replace(executor)
        raise WorkerDied(f"a worker process died each time it graded this input ({STEP_TRIES} tries: killed, or "
                         f"out of memory?); the other inputs went on")

    def close(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)


async def _graded_chunk(pool: CpuPool, chunk: list[Loaded], settings: StepSettings) -> list[Finished]:
    """A chunk's records; when its worker died each time, each input of it tried on its own, so that only one
    that kills its worker is recorded as failed."""
    try:
        return await pool.run(grade_chunk, chunk, settings)
    except WorkerDied as e:
        if len(chunk) == 1:
            return [Finished.of(failure(chunk[0], e))]
        return [f for loaded in chunk for f in await _graded_chunk(pool, [loaded], settings)]


async def run_offline(inputs: AsyncIterator[Loaded | Ready], pool: CpuPool, settings: StepSettings,
                      take: Callable[[Finished], Awaitable[bool]],
                      settle: Callable[[], Awaitable[None]] | None = None) -> None:
    """Grade ``inputs`` in chunks on the pool; ``take`` gets each outcome in input order and returns False to
    stop (a fatal error). At most ``WINDOW_PER_PROCESS`` chunks per process are outstanding. A ``Ready``
    (a record that needs no grading) is made and taken at its place in the order, after ``settle`` (the
    records taken before it written: it may be another input's record, recorded again)."""
    window: deque[asyncio.Future[list[Finished]] | Ready] = deque()
    limit = max(1, pool.processes) * WINDOW_PER_PROCESS
    chunk: list[Loaded] = []

    async def drain(until: int) -> bool:
        while len(window) > until:
            entry = window.popleft()
            if isinstance(entry, Ready):
                if settle is not None:
                    await settle()
                outcomes = [Finished.of(entry.make())]
            else:
                outcomes = await entry
            for outcome in outcomes:
                if not await take(outcome):
                    return False
        return True

    try:
        going = True
        async for loaded in inputs:
            if isinstance(loaded, Ready):
                if chunk:
                    window.append(asyncio.ensure_future(_graded_chunk(pool, chunk, settings)))
                    chunk = []
                window.append(loaded)
                going = await drain(limit - 1)
                if not going:
                    break
                continue
            chunk.append(loaded)
            if len(chunk) >= CHUNK:
                window.append(asyncio.ensure_future(_graded_chunk(pool, chunk, settings)))
                chunk = []
                going = await drain(limit - 1)
                if not going:
                    break
        if going and chunk:
            window.append(asyncio.ensure_future(_graded_chunk(pool, chunk, settings)))
        if going:
            await drain(0)
    finally:
        for future in window:
            if not isinstance(future, Ready):
                future.cancel()
