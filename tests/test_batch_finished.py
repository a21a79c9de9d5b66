"""Records finished in a pool worker (``batch.finished``): the results file and the audit log hold what they held
when the main process built them: one line per input in input order, each graded one's audit event with the
hash ``screener review`` checks and the command's settings, and a log that cannot be written still stops the
batch with nothing graded unaudited."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

from screener.audit import AuditError, graded_form, scorecard_sha256
from screener.batch.finished import Finished
from screener.batch.pipeline import Pipeline, PipelineOptions
from screener.batch.progress import Progress, Tally
from screener.batch.records import BatchRecord
from screener.batch.store import ResultStore, iter_records
from screener.cli import main
from screener.grading import grade
from screener.scorecard import Scorecard

FIXTURES = Path(__file__).parent / "fixtures" / "transcripts"


def test_offline_batch_audits_every_grading_with_its_scorecard_hash_and_settings(tmp_path, monkeypatch):
    monkeypatch.setenv("SCREENER_AUDIT_KEY", "k" * 64)
    log, out = tmp_path / "audit.jsonl", tmp_path / "r.jsonl"
    inputs = sorted(p for p in FIXTURES.iterdir() if p.suffix == ".txt")[:4]
    assert inputs
    rc = main(["batch", *map(str, inputs), "-o", str(out), "--provider", "offline", "-j", "2", "-q",
               "--audit-log", str(log)])
    assert rc in (0, 1)
    records = list(iter_records(out))
    assert [r["input"] for r in records] == [str(p) for p in inputs]
    graded = [r for r in records if r["status"] == "graded"]
    events = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    assert graded and len(events) == len(graded)
    for record, event in zip(graded, events, strict=True):
        card = Scorecard.model_validate(record["scorecard"])
        assert event["event"] == "grade" and event["input_sha256"] == record["sha256"]
        assert event["scorecard_sha256"] == scorecard_sha256(graded_form(card))
        assert event["settings"]["grade"]["role"] == record["role"] and event["settings"]["provider"] == "offline"


def _finished(count: int) -> list[Finished]:
    card = grade(_transcript())
    out = []
    for i in range(count):
        ok = i % 5 != 2
        record = BatchRecord(input=f"in/{i:03d}.txt", sha256=f"{i:064x}", key=f"{i}:hybrid", role="hybrid",
                             status="graded" if ok else "failed", scorecard=card if ok else None,
                             error=None if ok else "unreadable")
        out.append(Finished.of(record))
    return out


def _transcript():
    from screener.parsing import parse_transcript

    path = sorted(p for p in FIXTURES.iterdir() if p.suffix == ".txt")[0]
    return parse_transcript(path.read_text(encoding="utf-8"), source=str(path))


def _write(tmp_path: Path, items: list[Finished], hook) -> tuple[Pipeline, Tally, list[dict]]:
    out = tmp_path / "r.jsonl"
    store = ResultStore.open(out, resume=False)
    tally = Tally()
    pipeline = Pipeline(store, PipelineOptions(), Progress(tally, quiet=True), pool=None,  # type: ignore[arg-type]
                        on_graded=hook)

    async def go() -> None:
        await asyncio.gather(*(pipeline.write_soon(f) for f in items), return_exceptions=True)

    try:
        asyncio.run(go())
    finally:
        pipeline.close()
        store.close()
    return pipeline, tally, list(iter_records(out))


class _Events:
    """A hook with ``events``: what the command's auditor has."""

    def __init__(self, fail: bool = False) -> None:
        self.fail = fail
        self.logged: list[dict] = []

    def __call__(self, record: BatchRecord) -> None:
        self.events([Finished.of(record)])

    def many(self, records: list[BatchRecord]) -> None:
        raise AssertionError("finished records are audited from their events, not rebuilt")

    def events(self, finished: list[Finished]) -> None:
        if self.fail:
            raise AuditError("cannot write the audit log: disk full")
        self.logged.extend(f.audit_event({"role": f.role}) for f in finished)


def test_finished_records_are_written_in_order_counted_and_audited_from_their_events(tmp_path):
    items = _finished(12)
    hook = _Events()
    _, tally, records = _write(tmp_path, items, hook)
    assert [r["input"] for r in records] == [f.input for f in items]
    assert tally.graded == sum(f.status == "graded" for f in items) and tally.failed == 12 - tally.graded
    assert [e["input_sha256"] for e in hook.logged] == [f.sha256 for f in items if f.status == "graded"]


def test_finished_records_whose_audit_fails_are_failures_without_scorecards(tmp_path):
    pipeline, tally, records = _write(tmp_path, _finished(6), _Events(fail=True))
    assert isinstance(pipeline.fatal, AuditError)
    assert tally.graded == 0
    assert all(r["status"] == "failed" and r["scorecard"] is None for r in records)
