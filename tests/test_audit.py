"""The hash-chained audit log: what it records, what it never records, and that tampering is caught."""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import threading
from pathlib import Path

import pytest

from screener import audit
from screener.audit import AuditError, append_event, record_grading, resolve_path, scorecard_sha256, verify
from screener.cli import main
from screener.grading import GradeOptions, grade
from screener.providers.fake import FakeProvider

FAKE_KEY = "sk-ant-api03-AUDITTEST-9f8e7d6c5b4a-distinctive"
SECRET_PHRASE = "We kept a golden set of 300 real support questions"


def _answer(request):
    turn = request.context.transcript.candidate_turns[0]
    quote = " ".join(turn.text.split()[:8])
    return {
        "recommendation": "hire", "signal": "engineer", "role_fit": "ai_engineer", "summary": "Measured work.",
        "competencies": [{"id": c.id, "name": c.name, "score": 3, "rationale": "Measured.",
                          "evidence": [{"quote": quote, "turn": turn.index}]} for c in request.context.competencies],
        "quantified_claims": [], "red_flags": [], "follow_ups": [],
    }


@pytest.fixture
def card(strong_transcript):
    return grade(strong_transcript, FakeProvider([_answer]), GradeOptions(role="ai_engineer"))


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def _write(path: Path, lines: list[str]) -> None:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture
def log(tmp_path) -> Path:
    path = tmp_path / "audit.jsonl"
    for i in range(5):
        append_event(path, {"event": "test", "n": i})
    return path


def test_a_grading_is_logged_with_provenance_and_hashes(tmp_path, card, strong_transcript):
    path = tmp_path / "audit.jsonl"
    sha = hashlib.sha256(strong_transcript.numbered().encode()).hexdigest()
    record_grading(card, sha, {"role": "ai_engineer", "samples": 1, "options": {"temperature": 0.0}}, path)
    (line,) = _lines(path)
    rec = json.loads(line)
    assert rec["event"] == "grade" and rec["input_sha256"] == sha and rec["time"].endswith("Z")
    assert rec["provider"] == "fake:fake-model" and rec["model"] == "fake-model"
    assert rec["prompt_version"] == card.grader.prompt_version and rec["redacted"] is True
    assert rec["settings"] == {"role": "ai_engineer", "samples": 1, "options": {"temperature": 0.0}}
    assert rec["scorecard_sha256"] == scorecard_sha256(card) and rec["recommendation"] == card.recommendation
    assert rec["input_tokens"] == card.grader.input_tokens > 0 and "cost_usd" in rec
    assert rec["prev"] == "0" * 64 and len(rec["hash"]) == 64
    assert verify(path).ok


def test_no_transcript_text_and_no_api_keys_reach_the_log(tmp_path, monkeypatch, card):
    monkeypatch.setenv("ANTHROPIC_API_KEY", FAKE_KEY)
    path = tmp_path / "audit.jsonl"
    settings = {"role": "ai_engineer", "api_key": FAKE_KEY, "options": {"base_url": f"https://user:{FAKE_KEY}@llm.local/v1",
                                                                         "headers": {"Authorization": f"Bearer {FAKE_KEY}"},
                                                                         "comment": f"key is {FAKE_KEY}"}}
    record_grading(card, "ab" * 32, settings, path)
    append_event(path, {"event": "review", "reviewer": "Dana", "decision": "hold", "note": f"oops {FAKE_KEY}"})
    text = path.read_text(encoding="utf-8")
    assert FAKE_KEY not in text and "AUDITTEST" not in text
    assert SECRET_PHRASE not in text and "priya@example.com" not in text and "Priya Raman" not in text
    rec = json.loads(_lines(path)[0])
    assert "api_key" not in rec["settings"] and rec["settings"]["options"]["base_url"] == "https://llm.local/v1"
    assert verify(path).ok


def test_settings_may_hold_models_and_paths(tmp_path, card):
    from screener.providers import ProviderOptions

    path = tmp_path / "audit.jsonl"
    record_grading(card, "ab" * 32, {"options": ProviderOptions(timeout=30), "dump": tmp_path / "dump"}, path)
    rec = json.loads(_lines(path)[0])
    assert rec["settings"]["options"]["timeout"] == 30 and rec["settings"]["dump"] == str(tmp_path / "dump")
    assert verify(path).ok


def test_each_line_is_chained_to_the_previous_one(log):
    lines = _lines(log)
    assert len(lines) == 5
    for before, after in zip(lines, lines[1:], strict=False):
        assert json.loads(after)["prev"] == hashlib.sha256(before.encode()).hexdigest()
    assert verify(log) == audit.VerifyResult(ok=True, lines=5)


@pytest.mark.parametrize(
    ("tamper", "bad_line", "words"),
    [
        ("edit", 3, "line 3 was edited"),
        ("delete", 3, "line 3 does not follow line 2"),
        ("delete_first", 1, "line 1 is not the start"),
        ("reorder", 2, "line 2 does not follow line 1"),
        ("insert_forged", 5, "line 5 does not follow line 4"),  # the forged line 4 chains; line 5 breaks
        ("insert_garbage", 3, "line 3 is not a JSON audit record"),
        ("torn_tail", 5, "line 5 is not a JSON audit record"),
    ],
)
def test_verify_names_the_first_bad_line(log, capsys, tamper, bad_line, words):
    lines = _lines(log)
    if tamper == "edit":
        rec = json.loads(lines[2])
        rec["n"] = 99
        lines[2] = json.dumps(rec, sort_keys=True, separators=(",", ":"))
    elif tamper == "delete":
        del lines[2]
    elif tamper == "delete_first":
        del lines[0]
    elif tamper == "reorder":
        lines[1], lines[2] = lines[2], lines[1]
    elif tamper == "insert_forged":  # a well-formed line with a correct hash, chained to line 3
        forged = {"event": "test", "n": 42, "time": "2020-01-01T00:00:00.000Z",
                  "prev": hashlib.sha256(lines[2].encode()).hexdigest()}
        forged["hash"] = hashlib.sha256(audit.canonical(forged)).hexdigest()
        lines.insert(3, audit.canonical(forged).decode())
    elif tamper == "insert_garbage":
        lines.insert(2, "hello")
    elif tamper == "torn_tail":
        lines[4] = lines[4][:40]
    _write(log, lines)
    result = verify(log)
    assert not result.ok and result.line_no == bad_line and words in (result.problem or "")
    assert main(["audit", "verify", "--audit-log", str(log)]) == 1
    err = capsys.readouterr().err
    assert f"line {bad_line}" in err and err.count("\n") == 1


def test_cli_verify_on_an_untouched_log_exits_0(log, capsys, monkeypatch):
    monkeypatch.setenv("SCREENER_AUDIT_LOG", str(log))
    assert main(["audit", "verify"]) == 0
    assert "5 line(s), chain intact" in capsys.readouterr().out


def test_verify_of_a_missing_log_is_one_line_exit_2(tmp_path, capsys):
    assert main(["audit", "verify", "--audit-log", str(tmp_path / "none.jsonl")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("screener: error:") and "no audit log here" in err and err.count("\n") == 1


def test_an_empty_log_verifies(tmp_path):
    path = tmp_path / "empty.jsonl"
    path.write_text("")
    assert verify(path).ok and verify(path).lines == 0


def test_appending_after_a_torn_line_keeps_new_lines_whole(log):
    lines = _lines(log)
    log.write_text("\n".join(lines) + "\n" + lines[-1][:30], encoding="utf-8")  # a crash mid-write, no newline
    rec = append_event(log, {"event": "test", "n": "after"})
    assert json.loads(_lines(log)[-1]) == rec
    result = verify(log)
    assert not result.ok and result.line_no == 6  # the torn line is reported, not silently merged


def test_concurrent_appends_from_threads_keep_a_valid_chain(tmp_path):
    path = tmp_path / "audit.jsonl"
    errors: list[BaseException] = []

    def worker(k: int) -> None:
        try:
            for i in range(20):
                append_event(path, {"event": "test", "thread": k, "i": i})
        except BaseException as e:  # pragma: no cover - reported below
            errors.append(e)

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    result = verify(path)
    assert result.ok and result.lines == 120


def _proc_worker(path: str, k: int) -> None:
    for i in range(15):
        append_event(Path(path), {"event": "test", "proc": k, "i": i})


def test_concurrent_appends_from_processes_keep_a_valid_chain(tmp_path):
    path = tmp_path / "audit.jsonl"
    ctx = multiprocessing.get_context("fork")
    procs = [ctx.Process(target=_proc_worker, args=(str(path), k)) for k in range(3)]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    assert all(p.exitcode == 0 for p in procs)
    result = verify(path)
    assert result.ok and result.lines == 45


def test_path_comes_from_flag_then_env_then_xdg_state(tmp_path, monkeypatch):
    monkeypatch.delenv("SCREENER_AUDIT_LOG", raising=False)
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    assert resolve_path(None) == tmp_path / "state" / "screener" / "audit.jsonl"
    monkeypatch.delenv("XDG_STATE_HOME")
    assert resolve_path(None) == Path.home() / ".local" / "state" / "screener" / "audit.jsonl"
    monkeypatch.setenv("SCREENER_AUDIT_LOG", str(tmp_path / "env.jsonl"))
    assert resolve_path(None) == tmp_path / "env.jsonl"
    assert resolve_path(tmp_path / "flag.jsonl") == tmp_path / "flag.jsonl"
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.delenv("SCREENER_AUDIT_LOG")
    append_event(None, {"event": "test"})
    assert (tmp_path / "state" / "screener" / "audit.jsonl").stat().st_mode & 0o077 == 0  # private: owner only


def test_a_log_that_cannot_be_written_raises_an_exit_1_error_naming_the_fix(tmp_path, card):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    with pytest.raises(AuditError, match=r"cannot write the audit log .*set --audit-log") as info:
        record_grading(card, "ab" * 32, {}, blocker / "audit.jsonl")
    assert info.value.exit_code == 1 and "\n" not in str(info.value)


def test_an_event_needs_a_name(tmp_path):
    with pytest.raises(ValueError, match="event"):
        append_event(tmp_path / "a.jsonl", {"n": 1})


def test_show_prints_readable_lines_and_the_last_n(tmp_path, card, capsys):
    path = tmp_path / "audit.jsonl"
    record_grading(card, "cd" * 32, {"role": "ai_engineer"}, path)
    append_event(path, {"event": "review", "reviewer": "Dana Levi", "decision": "advance", "note": "clear evals",
                        "recommendation": "hire", "scorecard_sha256": scorecard_sha256(card)})
    assert main(["audit", "show", "--audit-log", str(path)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 2 and "grade" in out[0] and "hire" in out[0] and "cdcdcdcdcdcd" in out[0]
    assert "advance by Dana Levi" in out[1] and "clear evals" in out[1]
    assert main(["audit", "show", "--last", "1", "--json", "--audit-log", str(path)]) == 0
    (only,) = capsys.readouterr().out.splitlines()
    assert json.loads(only)["event"] == "review"


def test_audit_without_an_action_is_exit_2(capsys):
    assert main(["audit"]) == 2
    assert "choose an action" in capsys.readouterr().err
