"""Graded results kept in memory only (the page without a workspace database).

Transcripts are personal data: nothing is written to disk, at most ``capacity`` results are kept
(oldest dropped first), each for at most ``ttl`` seconds, and a result can be forgotten at once.
Result ids are random (unguessable), so one interviewer cannot page through another's results.
A result starts ``queued``, becomes ``grading`` while its job runs, and ends ``done`` or ``failed``.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Literal

from ..rubric import RoleChoice
from ..scorecard import Scorecard
from ..transcript import Transcript

JobState = Literal["queued", "grading", "done", "failed"]


@dataclass
class Result:
    transcript: Transcript
    role: RoleChoice
    grader_label: str = "offline"
    card: Scorecard | None = None
    state: JobState = "queued"
    stage: str = "waiting for a free grader"
    error: str | None = None
    started: float = field(default_factory=time.time)
    finished: float | None = None
    created: float = field(default_factory=time.monotonic)


class ResultStore:
    def __init__(self, capacity: int = 50, ttl: float = 4 * 3600) -> None:
        self.capacity = capacity
        self.ttl = ttl
        self._items: OrderedDict[str, Result] = OrderedDict()
        self._lock = threading.Lock()

    def add(self, result: Result) -> str:
        key = secrets.token_urlsafe(16)
        with self._lock:
            self._expire()
            self._items[key] = result
            while len(self._items) > self.capacity:
                self._items.popitem(last=False)
        return key

    def get(self, key: str) -> Result | None:
        with self._lock:
            self._expire()
            return self._items.get(key)

    def forget(self, key: str) -> bool:
        with self._lock:
            return self._items.pop(key, None) is not None

    def __len__(self) -> int:
        with self._lock:
            return len(self._items)

    def _expire(self) -> None:
        now = time.monotonic()
        for key in [k for k, r in self._items.items() if now - r.created > self.ttl]:
            del self._items[key]
