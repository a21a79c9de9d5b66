"""The store read as batch results (the exports' hook), and grading jobs shared by several processes."""

from __future__ import annotations

import multiprocessing

from store_fixtures import *  # noqa: F403 - the db_url and store fixtures

from screener.batch.exports import competency_ids, csv_row, markdown_for
from screener.batch.records import BatchRecord
from screener.grading import GradeOptions, grade
from screener.providers import get_provider
from screener.store import (
    add_interview,
    claim_grading,
    fail_grading,
    finish_grading,
    get_or_create_candidate,
    get_or_create_requisition,
    open_store,
    queue_grading,
    record_decision,
    save_grading,
)
from screener.store.rows import export_records


def _card(transcript):
    return grade(transcript, get_provider("offline"), GradeOptions(role="ai_engineer"))


def test_export_records_are_results_jsonl_records_the_exports_read(store, strong_transcript):
    card = _card(strong_transcript)
    with store.session() as s:
        req = get_or_create_requisition(s, "REQ-1", role="ai_engineer")
        a = add_interview(s, candidate=get_or_create_candidate(s, "Ada"), transcript="t1", role="ai_engineer",
                          requisition=req, source="in/ada.txt")
        b = add_interview(s, candidate=get_or_create_candidate(s, "Bo"), transcript="t2", role="ai_engineer")
        record_decision(s, save_grading(s, a, card), decision="advance", reviewer_name="Grace", note="strong evals")
        save_grading(s, b, card)
        failed = queue_grading(s, b)
        fail_grading(s, failed, "provider said 500")
        queue_grading(s, a)  # still queued: never exported
    with store.reader() as s:
        rows = list(export_records(s))
        with_failed = list(export_records(s, include_failed=True))
        only_req = list(export_records(s, requisition="REQ-1"))
    assert [r["candidate"] for r in rows] == ["Ada", "Bo"] and len(with_failed) == 3 and len(only_req) == 1
    for row in with_failed:
        BatchRecord.model_validate(row)  # the results.jsonl shape, exactly
    ada = rows[0]
    assert (ada["input"], ada["requisition"], ada["role"], ada["status"]) == ("in/ada.txt", "REQ-1", "ai_engineer", "graded")
    assert ada["scorecard"]["status"] == "reviewed" and ada["scorecard"]["review"]["decision"] == "advance"
    assert ada["key"] == f"{ada['sha256']}:ai_engineer"
    assert rows[1]["input"].startswith("store:interview/") and rows[1]["scorecard"]["review"] is None
    assert with_failed[-1]["status"] == "failed" and with_failed[-1]["error"] == "provider said 500"
    csv = csv_row(ada, competency_ids())
    assert csv["candidate"] == "Ada" and csv["recommendation"] == card.recommendation
    assert "Ada" in markdown_for(ada)


def _worker(url: str, name: str, queue) -> None:
    claimed = []
    with open_store(url) as store:
        while True:
            with store.session() as s:
                job = claim_grading(s, name)
                if job is None:
                    break
                claimed.append(job.id)
    queue.put(claimed)


def test_two_processes_claim_every_queued_grading_exactly_once(db_url, strong_transcript):
    store = open_store(db_url)
    with store.session() as s:
        interview = add_interview(s, candidate=get_or_create_candidate(s, "Ada"), transcript="t", role="ai_engineer")
        ids = [queue_grading(s, interview, {"provider": "offline"}).id for _ in range(40)]
    ctx = multiprocessing.get_context("spawn")
    queue = ctx.Queue()
    procs = [ctx.Process(target=_worker, args=(db_url, f"w{i}", queue)) for i in range(2)]
    for p in procs:
        p.start()
    claimed = [queue.get(timeout=120) for _ in procs]
    for p in procs:
        p.join(timeout=60)
    every = sorted(claimed[0] + claimed[1])
    assert every == ids  # none lost, none taken twice
    card = _card(strong_transcript)
    with store.session() as s:
        finish_grading(s, ids[0], card)  # one process finishes what another claimed
    with store.reader() as s:
        from screener.store import get_grading

        assert get_grading(s, ids[0]).status == "done" and get_grading(s, ids[1]).status == "running"
    store.close()
