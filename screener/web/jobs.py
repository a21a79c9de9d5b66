"""Grading as a background job: the request that starts it returns at once, the page shows its progress.

``start(coro_factory)`` runs the grading on the app's event loop (the offline grader's CPU work in a worker
thread, so pages stay fast while it runs); the job records its state where the page reads it.
"""

from __future__ import annotations

import asyncio
import sys
import traceback
from collections.abc import Awaitable, Callable


class JobRunner:
    """Background tasks of one app process; ``limit`` gradings run at once, the rest wait their turn."""

    def __init__(self, limit: int = 4) -> None:
        self.limit = limit
        self._tasks: set[asyncio.Task[None]] = set()
        self._semaphore: asyncio.Semaphore | None = None

    def start(self, job: Callable[[], Awaitable[None]], on_crash: Callable[[str], None]) -> None:
        if self._semaphore is None:
            self._semaphore = asyncio.Semaphore(self.limit)
        semaphore = self._semaphore

        async def run() -> None:
            async with semaphore:
                try:
                    await job()
                except Exception:  # never lost: the page shows the job failed, the terminal the details
                    traceback.print_exc(file=sys.stderr)
                    on_crash("the server hit an unexpected error while grading; the details are in its terminal")

        task = asyncio.get_running_loop().create_task(run())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    @property
    def running(self) -> int:
        return len(self._tasks)

    async def wait(self) -> None:
        """Every started job finished (tests, shutdown)."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)
