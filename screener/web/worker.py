"""The workspace's grading worker: queued gradings in the database, run by whichever app process claims them.

Every app process runs one worker loop: it is woken when this process queues a job and otherwise looks for
queued jobs every ``poll`` seconds, so a job queued on one process (or left by a process that died, once
``requeue_stale`` puts it back) is graded by another. All job state is in the database.
"""

from __future__ import annotations

import asyncio
import os
import socket
import sys
import traceback
from datetime import timedelta
from typing import Any

import anyio

STALE_AFTER = timedelta(minutes=15)


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def grade_one(store: Any, worker: str) -> bool:
    """Claim the oldest queued grading and run it to done or failed; False when nothing was queued."""
    from ..errors import GradingError, ScreenerError
    from ..grading import GradeOptions, grade
    from ..parsing import parse_transcript
    from ..store import claim_grading, fail_grading, finish_grading
    from .grade_routes import audit_grading

    with store.session() as s:
        job = claim_grading(s, worker)
        if job is None:
            return False
        job_id, options = job.id, dict(job.options)
        interview = job.interview
        text, fmt, source = interview.transcript, interview.format, interview.source
        role = interview.role
    try:
        if text is None:
            raise GradingError("the transcript was removed (retention or erasure) before it was graded")
        transcript = parse_transcript(text, format=fmt, source=source, candidate=options.get("candidate_label"),
                                      interviewer=options.get("interviewer_label"))
        card = grade(transcript, options.get("provider", "offline"), GradeOptions(role=role))
        audit_grading(card, text, role, options.get("provider", "offline"))
    except GradingError as e:
        with store.session() as s:
            fail_grading(s, job_id, f"grading failed: {e}")
        return True
    except ScreenerError as e:
        with store.session() as s:
            fail_grading(s, job_id, str(e))
        return True
    except Exception:  # never a stuck job: it fails with a line, the terminal has the details
        traceback.print_exc(file=sys.stderr)
        with store.session() as s:
            fail_grading(s, job_id, "the server hit an unexpected error while grading; the details are in its terminal")
        return True
    with store.session() as s:
        finish_grading(s, job_id, card)
    return True


_CHILD_STORE: dict[str, Any] = {}


def grade_one_in_child(url: str, worker: str) -> bool:
    """``grade_one`` in a grading process (its own store connection, made once per process)."""
    if url not in _CHILD_STORE:
        from ..store import open_store

        _CHILD_STORE[url] = open_store(url, migrate=False)
    return grade_one(_CHILD_STORE[url], worker)


class Worker:
    """``processes`` = 0: grade in a thread of the app process (tests, small installs); N > 0: in a pool of N
    processes, so the offline grader's CPU work never holds the app's GIL while pages are served."""

    def __init__(self, store: Any, poll: float = 2.0, processes: int = 0) -> None:
        self.store = store
        self.poll = poll
        self.processes = processes
        self._pool: Any = None
        self.name = worker_name()
        self._loops: list[tuple[asyncio.AbstractEventLoop, asyncio.Event, asyncio.Task[None]]] = []

    def kick(self) -> None:
        """Wake the loop(s) now (callable from any thread or event loop)."""
        for loop, wake, _ in list(self._loops):
            loop.call_soon_threadsafe(wake.set)

    def start(self) -> None:
        loop = asyncio.get_running_loop()
        wake = asyncio.Event()
        self._loops.append((loop, wake, loop.create_task(self._run(wake))))

    async def _grade_one(self) -> bool:
        if self.processes <= 0:
            return await anyio.to_thread.run_sync(grade_one, self.store, self.name)
        if self._pool is None:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            self._pool = ProcessPoolExecutor(self.processes, mp_context=multiprocessing.get_context("spawn"))
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._pool, grade_one_in_child, self.store.url, self.name)

    async def stop(self) -> None:
        if self._pool is not None and len(self._loops) <= 1:
            # waited for (off the loop): a pool left to shut down at interpreter exit wakes a closed pipe and
            # prints "Exception ignored ... Bad file descriptor" after "screener: stopped"; a grading in flight
            # finishes (queued ones are cancelled and stay queued in the store)
            pool, self._pool = self._pool, None
            await asyncio.to_thread(pool.shutdown, wait=True, cancel_futures=True)
        loop = asyncio.get_running_loop()
        for entry in [e for e in self._loops if e[0] is loop]:
            self._loops.remove(entry)
            entry[2].cancel()
            try:
                await entry[2]
            except asyncio.CancelledError:
                pass

    async def _run(self, wake: asyncio.Event) -> None:
        from ..store import requeue_stale

        def requeue() -> None:
            with self.store.session() as s:
                requeue_stale(s, STALE_AFTER)

        while True:
            try:
                await anyio.to_thread.run_sync(requeue)
                if self.processes > 1:  # keep every grading process busy while jobs are queued
                    while any(await asyncio.gather(*(self._grade_one() for _ in range(self.processes)))):
                        pass
                else:
                    while await self._grade_one():
                        pass
            except Exception:  # a database hiccup: log it, try again at the next poll
                traceback.print_exc(file=sys.stderr)
            try:
                await asyncio.wait_for(wake.wait(), timeout=self.poll)
            except TimeoutError:
                pass
            wake.clear()
