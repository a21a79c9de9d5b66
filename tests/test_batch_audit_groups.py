"""The batch's writer audits the records waiting for it as one group (``OnGraded.many``: one audit-log disk sync
for many gradings): every graded record is audited before it is written, in input order, and a group whose
audit entries cannot be written is recorded as failed, nothing graded without its audit line."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

import pytest

from screener.audit import AuditError
from screener.batch.pipeline import Pipeline, PipelineOptions
from screener.batch.progress import Progress, Tally
from screener.batch.records import BatchRecord
from screener.batch.store import ResultStore, iter_records
from screener.grading import grade


class _Auditor:
    def __init__(self, fail: bool = False) -> None:
        self.groups: list[list[str]] = []
        self.fail = fail

    def __call__(self, record: BatchRecord) -> None:
        self.many([record])

    def many(self, records: list[BatchRecord]) -> None:
        if self.fail:
            raise AuditError("cannot write the audit log: disk full")
        self.groups.append([r.input for r in records])


def _records(card, count: int) -> list[BatchRecord]:
    out = []
    for i in range(count):
        status = "failed" if i % 7 == 3 else "graded"
        out.append(BatchRecord(input=f"in/{i:03d}.txt", sha256=f"{i:064x}", key=f"{i}:hybrid", role="hybrid",
                               status=status, scorecard=card if status == "graded" else None,
                               error=None if status == "graded" else "unreadable", attempts=1))
    return out


def _write_all(tmp_path: Path, records: list[BatchRecord], auditor: _Auditor) -> tuple[Pipeline, Path]:
    out = tmp_path / "r.jsonl"
    store = ResultStore.open(out, resume=False)
    pipeline = Pipeline(store, PipelineOptions(), Progress(Tally(), quiet=True), pool=None,  # type: ignore[arg-type]
                        on_graded=auditor)

    async def main() -> None:
        await asyncio.gather(*(pipeline.write_soon(r) for r in records))

    try:
        asyncio.run(main())
    finally:
        pipeline.close()
        store.close()
    return pipeline, out


@pytest.fixture
def card(strong_transcript):
    return grade(strong_transcript, "offline")


def test_records_handed_over_together_are_audited_in_groups_and_written_in_order(tmp_path, card):
    records = _records(card, 60)
    auditor = _Auditor()
    pipeline, out = _write_all(tmp_path, records, auditor)
    assert [r["input"] for r in iter_records(out)] == [r.input for r in records]
    audited = [name for group in auditor.groups for name in group]
    assert audited == [r.input for r in records if r.status == "graded"]  # each once, in order, none failed
    assert len(auditor.groups) < len(audited)  # grouped: fewer audit writes than gradings
    assert pipeline.tally.graded == len(audited) and pipeline.tally.failed == len(records) - len(audited)


def test_a_group_whose_audit_fails_is_recorded_failed_and_stops_the_batch(tmp_path, card):
    records = _records(card, 20)
    pipeline, out = _write_all(tmp_path, records, _Auditor(fail=True))
    written = list(iter_records(out))
    assert [r["input"] for r in written] == [r.input for r in records]
    assert all(r["status"] == "failed" and r["scorecard"] is None for r in written)
    assert any("audit" in (r["error"] or "") for r in written)
    assert isinstance(pipeline.fatal, AuditError)


class _HeldAuditor(_Auditor):
    """Holds the writer thread inside its first group until released."""

    def __init__(self) -> None:
        super().__init__()
        self.entered, self.release = threading.Event(), threading.Event()

    def many(self, records: list[BatchRecord]) -> None:
        if not self.groups:
            self.entered.set()
            self.release.wait(30)
        super().many(records)


def test_a_record_handed_over_under_a_new_event_loop_is_settled_on_that_loop(tmp_path, card):
    """A drain started under one ``asyncio.run`` that takes a record handed over under the next settles that
    record's future on the loop waiting for it (it hung: the drain woke the first, closed, loop)."""
    first, second = _records(card, 2)
    auditor = _HeldAuditor()
    store = ResultStore.open(tmp_path / "r.jsonl", resume=False)
    pipeline = Pipeline(store, PipelineOptions(), Progress(Tally(), quiet=True), pool=None,  # type: ignore[arg-type]
                        on_graded=auditor)

    async def hand_over_first() -> None:
        pipeline.write_soon(first)  # the writer thread starts on it; this loop ends without waiting

    async def write_second() -> None:
        waiting = asyncio.ensure_future(pipeline.write(second))
        await asyncio.sleep(0)  # handed over while the first drain still runs
        auditor.release.set()
        await asyncio.wait_for(waiting, 30)  # a guard against hanging the suite, not a timing assertion

    try:
        asyncio.run(hand_over_first())
        assert auditor.entered.wait(30)
        asyncio.run(write_second())
    finally:
        auditor.release.set()
        pipeline.close()
        store.close()
    assert [r["input"] for r in iter_records(tmp_path / "r.jsonl")] == [first.input, second.input]
