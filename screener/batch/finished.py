"""A record finished in a pool worker: its results line and the little the main process needs of it.

Why: the offline grader's workers sent back ``BatchRecord``s, which the main process unpickled (a scorecard is
a few hundred pydantic objects), serialised for the results file and serialised and hashed again for the audit
log: about 1.5 ms of the main process per transcript, on one of the two cores the workers grade on. A worker
now does all of that once; the main process writes the line, chains the audit event and counts the tally.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .records import BatchRecord, Status, to_line


@dataclass
class Finished:
    line: str
    """the record's results line (``to_line``)"""
    status: Status
    key: str
    input: str
    sha256: str | None
    role: str
    event: dict[str, Any] | None = None
    """the audit log's ``grade`` event for it, but its settings (which the command adds): graded records only"""
    cost_usd: float = 0.0
    input_tokens: int = 0
    output_tokens: int = 0
    cached_input_tokens: int = 0
    saved_usd: float = 0.0
    """what its cache reads saved (``Tally.count_cache``)"""
    fatal: bool = False
    """its failure stops the batch (a broken configuration)"""

    @classmethod
    def of(cls, record: BatchRecord, fatal: bool = False, discount: float = 1.0) -> Finished:
        card = record.scorecard
        if record.status != "graded" or card is None or record.sha256 is None:
            return cls(to_line(record), record.status, record.key, record.input, record.sha256, record.role,
                       fatal=fatal)
        from ..audit import grading_event
        from .progress import Tally

        event = grading_event(card, record.sha256, {})
        del event["settings"]
        cache = Tally()
        cache.count_cache(card, discount=discount)
        g = card.grader
        return cls(to_line(record), record.status, record.key, record.input, record.sha256, record.role, event,
                   g.cost_usd or 0.0, g.input_tokens, g.output_tokens, cache.cached_input_tokens, cache.saved_usd,
                   fatal)

    def record(self) -> BatchRecord:
        """The record itself, read back from its line (for a hook that needs the model: rare)."""
        return BatchRecord.model_validate_json(self.line)

    def audit_event(self, settings: dict[str, Any]) -> dict[str, Any]:
        """The ``grade`` event the audit log keeps for it, with the command's ``settings`` for its role."""
        assert self.event is not None
        return {**self.event, "settings": settings}
