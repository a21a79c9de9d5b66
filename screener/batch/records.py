"""One line of ``results.jsonl``: an input and what became of it.

``status`` is ``graded`` (``scorecard`` set) or ``failed`` (``error`` says why, in one line). ``key`` names
the work: the transcript's content hash and the role it was graded for, so a renamed file is not graded
twice and ``--resume`` recognises work already done.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from ..scorecard import Scorecard

Status = Literal["graded", "failed"]


class BatchRecord(BaseModel):
    model_config = ConfigDict(extra="forbid")

    input: str = Field(description="the transcript path as given (or the manifest line of a bad row)")
    sha256: str | None = Field(description="sha256 of the file's bytes; null when it could not be read")
    key: str = Field(description="what resume matches on: sha256 and role (and the requisition and candidate a "
                                 "manifest gives)")
    candidate: str | None = None
    role: str
    requisition: str | None = None
    status: Status
    scorecard: Scorecard | None = None
    error: str | None = None
    error_type: str | None = None
    attempts: int = 0
    finished_at: str = Field(default_factory=lambda: datetime.now(UTC).isoformat(timespec="seconds"))


def record_key(sha256: str | None, role: str, path: str, requisition: str | None = None,
               candidate: str | None = None) -> str:
    """``sha256:role``, then ``:requisition:candidate`` when a manifest gives either (the same transcript in two
    requisitions is two records); an unreadable file falls back to its path (it is retried on resume anyway)."""
    base = f"{sha256}:{role}" if sha256 else f"path:{path}:{role}"
    if requisition or candidate:
        base += f":{requisition or ''}:{candidate or ''}"
    return base


def content_key(sha256: str, role: str) -> str:
    """What is graded: the transcript and the role (inputs sharing it are graded once, recorded each)."""
    return f"{sha256}:{role}"


def to_line(record: BatchRecord) -> str:
    return record.model_dump_json(exclude_none=False) + "\n"
