"""Audit entries appended as a group (``append_events``: one disk sync for many gradings) keep the keyed chain:
each entry links to the one before, the head names the last, a crash before the head is replaced is named by
``verify`` and healed by the next append, and an edit inside a group is caught like any other."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from screener import audit
from screener.audit import AuditError, append_event, append_events, head_path, verify


@pytest.fixture(autouse=True)
def _no_key_from_the_environment(monkeypatch):
    monkeypatch.delenv("SCREENER_AUDIT_KEY", raising=False)
    monkeypatch.delenv("SCREENER_AUDIT_KEY_FILE", raising=False)


@pytest.fixture
def log(tmp_path) -> Path:
    path = tmp_path / "audit.jsonl"
    append_event(path, {"event": "test", "n": 0})
    return path


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def _group_then_crash(log: Path, monkeypatch, count: int) -> None:
    """A group of ``count`` entries written whole, then the process dies before it replaces the head."""
    real = audit._write_head
    monkeypatch.setattr(audit, "_write_head", lambda *a: None)
    append_events(log, [{"event": "test", "n": i} for i in range(1, count + 1)])
    monkeypatch.setattr(audit, "_write_head", real)


def test_a_group_is_chained_entry_by_entry_and_the_head_names_its_last(log):
    written = append_events(log, [{"event": "test", "n": i} for i in range(1, 6)])
    assert [r["seq"] for r in written] == [2, 3, 4, 5, 6]
    assert [r["prev"] for r in written[1:]] == [r["mac"] for r in written[:-1]]
    result = verify(log)
    assert result.ok and result.lines == 6 and result.head_seq == 6 and result.head_mac == written[-1]["mac"]
    assert [json.loads(line)["n"] for line in _lines(log)] == [0, 1, 2, 3, 4, 5]


def test_a_group_syncs_the_log_once(log, monkeypatch):
    syncs = []
    real = audit.os.fsync
    monkeypatch.setattr(audit.os, "fsync", lambda fd: (syncs.append(fd), real(fd)))
    append_events(log, [{"event": "test", "n": i} for i in range(50)])
    assert len(syncs) <= 3  # the log, the head's temporary file, the folder: not three per entry


def test_an_empty_group_writes_nothing(log):
    before = log.read_bytes(), head_path(log).read_bytes()
    assert append_events(log, []) == []
    assert (log.read_bytes(), head_path(log).read_bytes()) == before


def test_an_event_without_a_name_refuses_the_whole_group(log):
    with pytest.raises(ValueError):
        append_events(log, [{"event": "test"}, {"n": 1}])
    assert len(_lines(log)) == 1


def test_a_crash_after_a_group_before_its_head_is_named_then_healed(log, monkeypatch):
    real = audit._write_head
    monkeypatch.setattr(audit, "_write_head", lambda *a: None)  # the process dies before replacing the head
    append_events(log, [{"event": "test", "n": i} for i in range(1, 5)])
    result = verify(log)
    assert not result.ok and result.line_no == 2 and "past the chain head" in result.problem
    monkeypatch.setattr(audit, "_write_head", real)
    after = append_event(log, {"event": "test", "n": "after"})  # the lines are authentic: the chain goes on
    assert after["seq"] == 6
    result = verify(log)
    assert result.ok and result.lines == 6 and result.head_seq == 6


def test_a_group_torn_mid_write_keeps_its_whole_lines_and_reports_the_torn_one(log, monkeypatch):
    _group_then_crash(log, monkeypatch, 3)
    lines = _lines(log)
    log.write_text("\n".join(lines[:-1]) + "\n" + lines[-1][:40], encoding="utf-8")  # the last line cut off
    after = append_event(log, {"event": "test", "n": "after"})
    assert after["seq"] == 4 and after["prev"] == json.loads(lines[2])["mac"]  # chained on the last whole line
    result = verify(log)
    assert not result.ok and result.line_no == 4 and "not a JSON audit record" in result.problem


def test_a_line_past_the_head_edited_without_the_key_stops_the_next_append(log, monkeypatch):
    _group_then_crash(log, monkeypatch, 3)
    lines = _lines(log)
    edited = json.loads(lines[2])
    edited["n"] = 99
    lines[2] = json.dumps(edited, sort_keys=True, separators=(",", ":"))
    log.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(AuditError, match="does not end where its head says"):
        append_event(log, {"event": "test", "n": "after"})
    assert len(_lines(log)) == 4  # nothing chained onto a forged line


def test_an_edit_inside_a_written_group_is_named_by_verify(log):
    append_events(log, [{"event": "test", "n": i} for i in range(1, 6)])
    lines = _lines(log)
    edited = json.loads(lines[3])
    edited["n"] = "changed"
    lines[3] = json.dumps(edited, sort_keys=True, separators=(",", ":"))
    log.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = verify(log)
    assert not result.ok and result.line_no == 4 and "edited or forged" in result.problem


def test_lines_cut_off_inside_a_group_are_named(log):
    append_events(log, [{"event": "test", "n": i} for i in range(1, 6)])
    lines = _lines(log)
    log.write_text("\n".join(lines[:4]) + "\n", encoding="utf-8")
    result = verify(log)
    assert not result.ok and "missing from the end" in result.problem
    with pytest.raises(AuditError):
        append_event(log, {"event": "test", "n": "after"})
