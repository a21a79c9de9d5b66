"""The results file: one flushed line per input, resume skips graded work and retries failures, crash tails."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from screener.batch.records import BatchRecord
from screener.batch.store import ResultStore, iter_records
from screener.errors import UsageError


def rec(key: str, status: str = "graded", error: str | None = None) -> BatchRecord:
    return BatchRecord(input=f"{key}.txt", sha256=key, key=f"{key}:hybrid", role="hybrid", status=status,  # type: ignore[arg-type]
                       error=error)


def lines(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.read_text().splitlines()]


def test_each_record_is_on_disk_as_soon_as_it_is_appended(tmp_path: Path) -> None:
    out = tmp_path / "r.jsonl"
    store = ResultStore.open(out, resume=False)
    store.append(rec("a"))
    assert [d["key"] for d in lines(out)] == ["a:hybrid"]  # readable before close: flushed per record
    store.append(rec("b", "failed", "boom"))
    store.close()
    assert [(d["key"], d["status"], d["error"]) for d in lines(out)] == [("a:hybrid", "graded", None),
                                                                         ("b:hybrid", "failed", "boom")]
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o600  # results hold personal data


def test_existing_results_need_resume(tmp_path: Path) -> None:
    out = tmp_path / "r.jsonl"
    out.write_text(rec("a").model_dump_json() + "\n")
    with pytest.raises(UsageError, match="--resume"):
        ResultStore.open(out, resume=False)


def test_resume_knows_graded_work_and_retries_failures(tmp_path: Path) -> None:
    out = tmp_path / "r.jsonl"
    store = ResultStore.open(out, resume=False)
    store.append(rec("a"))
    store.append(rec("b", "failed", "429 after retries"))
    store.close()
    again = ResultStore.open(out, resume=True)
    assert again.done == {"a:hybrid"}
    assert again.previous_failures == {"b:hybrid"}
    again.append(rec("b"))  # the retried input now grades
    again.close()
    records = lines(out)
    assert sorted((d["key"], d["status"]) for d in records) == [("a:hybrid", "graded"), ("b:hybrid", "graded")]


def test_a_retry_that_fails_again_replaces_the_old_failure(tmp_path: Path) -> None:
    out = tmp_path / "r.jsonl"
    store = ResultStore.open(out, resume=False)
    store.append(rec("b", "failed", "first"))
    store.close()
    again = ResultStore.open(out, resume=True)
    again.append(rec("b", "failed", "second"))
    again.close()
    assert [(d["key"], d["error"]) for d in lines(out)] == [("b:hybrid", "second")]


def test_a_truncated_last_line_from_a_crash_is_dropped(tmp_path: Path) -> None:
    out = tmp_path / "r.jsonl"
    good = rec("a").model_dump_json() + "\n"
    cut = rec("b").model_dump_json()[:37]  # the process died mid-write
    out.write_text(good + cut)
    store = ResultStore.open(out, resume=True)
    assert store.done == {"a:hybrid"} and store.dropped_lines == 1
    store.append(rec("b"))
    store.close()
    assert [d["key"] for d in lines(out)] == ["a:hybrid", "b:hybrid"]  # the new record starts on its own line


def test_a_complete_last_line_without_newline_is_kept_and_not_glued_to_the_next(tmp_path: Path) -> None:
    out = tmp_path / "r.jsonl"
    out.write_text(rec("a").model_dump_json())  # no trailing newline
    store = ResultStore.open(out, resume=True)
    assert store.done == {"a:hybrid"}
    store.append(rec("b"))
    store.close()
    assert [d["key"] for d in lines(out)] == ["a:hybrid", "b:hybrid"]


def test_a_graded_record_is_never_replaced_by_a_later_failure(tmp_path: Path) -> None:
    out = tmp_path / "r.jsonl"
    out.write_text(rec("a").model_dump_json() + "\n" + rec("a", "failed", "dup").model_dump_json() + "\n")
    store = ResultStore.open(out, resume=True)
    store.close()
    assert [(d["key"], d["status"]) for d in iter_records(out)] == [("a:hybrid", "graded")]
