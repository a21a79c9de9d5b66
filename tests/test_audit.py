"""The MAC-chained audit log: what it records, what it never records, and that tampering is caught.

Tampering is tried the way an adversary would, on real files, and checked with the real CLI in a subprocess
(`python -m screener audit verify`): each attempt must exit 1 with one line naming the first bad line or the
missing tail.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import multiprocessing
import os
import re
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from screener import audit
from screener.audit import (
    AuditError,
    append_event,
    head_path,
    key_path,
    load_key,
    record_grading,
    resolve_path,
    scorecard_sha256,
    verify,
)
from screener.cli import main
from screener.grading import GradeOptions, grade
from screener.providers.fake import FakeProvider

FAKE_KEY = "sk-ant-api03-AUDITTEST-9f8e7d6c5b4a-distinctive"
SECRET_PHRASE = "We kept a golden set of 300 real support questions"
OTHER_KEY = "a different passphrase, long enough"


@pytest.fixture(autouse=True)
def _no_key_from_the_environment(monkeypatch):
    monkeypatch.delenv("SCREENER_AUDIT_KEY", raising=False)
    monkeypatch.delenv("SCREENER_AUDIT_KEY_FILE", raising=False)


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
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")


def _canon(record: dict) -> str:
    return json.dumps(record, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _sha_mac(record: dict) -> str:
    """What an attacker without the key can compute: a plain SHA-256 in place of the MAC."""
    body = {k: v for k, v in record.items() if k != "mac"}
    return hashlib.sha256(record["prev"].encode() + _canon(body).encode()).hexdigest()


def _cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    full = {k: v for k, v in os.environ.items() if not k.startswith("SCREENER_AUDIT_KEY")}
    full.update(env or {})
    return subprocess.run([sys.executable, "-m", "screener", *args], capture_output=True, text=True, env=full,
                          timeout=60)


@pytest.fixture
def log(tmp_path) -> Path:
    path = tmp_path / "audit.jsonl"
    for i in range(5):
        append_event(path, {"event": "test", "n": i})
    return path


# --- what is recorded ------------------------------------------------------------------------------------


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
    assert rec["seq"] == 1 and rec["prev"] == "0" * 64 and len(rec["mac"]) == 64 and "hash" not in rec
    assert verify(path).ok


def test_no_transcript_text_no_api_keys_and_no_audit_key_reach_the_log(tmp_path, monkeypatch, card):
    monkeypatch.setenv("ANTHROPIC_API_KEY", FAKE_KEY)
    monkeypatch.setenv("SCREENER_AUDIT_KEY", OTHER_KEY)
    path = tmp_path / "audit.jsonl"
    settings = {"role": "ai_engineer", "api_key": FAKE_KEY, "options": {"base_url": f"https://user:{FAKE_KEY}@llm.local/v1",
                                                                         "headers": {"Authorization": f"Bearer {FAKE_KEY}"},
                                                                         "comment": f"key is {FAKE_KEY} / {OTHER_KEY}"}}
    record_grading(card, "ab" * 32, settings, path)
    append_event(path, {"event": "note", "text": f"oops {FAKE_KEY}"})
    text = path.read_text(encoding="utf-8") + head_path(path).read_text()
    assert FAKE_KEY not in text and "AUDITTEST" not in text and OTHER_KEY not in text
    assert SECRET_PHRASE not in text and "priya@example.com" not in text and "Priya Raman" not in text
    rec = json.loads(_lines(path)[0])
    assert "api_key" not in rec["settings"] and rec["settings"]["options"]["base_url"] == "https://user:***@llm.local/v1"
    assert verify(path).ok


def test_settings_may_hold_models_and_paths(tmp_path, card):
    from screener.providers import ProviderOptions

    path = tmp_path / "audit.jsonl"
    record_grading(card, "ab" * 32, {"options": ProviderOptions(timeout=30), "dump": tmp_path / "dump"}, path)
    rec = json.loads(_lines(path)[0])
    assert rec["settings"]["options"]["timeout"] == 30 and rec["settings"]["dump"] == str(tmp_path / "dump")
    assert verify(path).ok


def test_events_cannot_set_their_own_chain_fields(tmp_path):
    path = tmp_path / "audit.jsonl"
    rec = append_event(path, {"event": "test", "seq": 99, "prev": "f" * 64, "mac": "e" * 64, "hash": "d" * 64})
    assert rec["seq"] == 1 and rec["prev"] == "0" * 64 and rec["mac"] != "e" * 64 and "hash" not in rec
    assert verify(path).ok


# --- the chain, the key and the head ---------------------------------------------------------------------


def test_each_line_is_mac_chained_to_the_previous_one_under_the_key(log):
    key = bytes.fromhex(key_path(log).read_text().strip())
    prev = "0" * 64
    for seq, line in enumerate(_lines(log), start=1):
        rec = json.loads(line)
        body = _canon({k: v for k, v in rec.items() if k != "mac"})
        assert rec["seq"] == seq and rec["prev"] == prev
        assert rec["mac"] == hmac.new(key, prev.encode() + body.encode(), hashlib.sha256).hexdigest()
        prev = rec["mac"]
    head = json.loads(head_path(log).read_text())
    assert head["seq"] == 5 and head["mac"] == prev and len(head["head_mac"]) == 64
    assert verify(log) == audit.VerifyResult(ok=True, lines=5, head_seq=5, head_mac=prev)


def test_the_key_file_and_the_head_are_created_private_beside_the_log(tmp_path):
    path = tmp_path / "logs" / "audit.jsonl"
    assert not key_path(path).exists()
    append_event(path, {"event": "test"})
    kp, hp = key_path(path), head_path(path)
    assert kp == tmp_path / "logs" / "audit.jsonl.key" and hp == tmp_path / "logs" / "audit.jsonl.head"
    assert kp.stat().st_mode & 0o777 == 0o600 and hp.stat().st_mode & 0o777 == 0o600
    assert path.stat().st_mode & 0o777 == 0o600
    assert len(bytes.fromhex(kp.read_text().strip())) == 32  # 256 random bits
    before = kp.read_text()
    append_event(path, {"event": "test"})
    assert kp.read_text() == before  # made once, on first use
    assert [p.name for p in path.parent.iterdir() if p.name.endswith(".tmp")] == []


def test_the_key_can_live_elsewhere(tmp_path, monkeypatch):
    monkeypatch.setenv("SCREENER_AUDIT_KEY_FILE", str(tmp_path / "vault" / "screener.key"))
    path = tmp_path / "audit.jsonl"
    append_event(path, {"event": "test"})
    assert (tmp_path / "vault" / "screener.key").stat().st_mode & 0o777 == 0o600
    assert not (tmp_path / "audit.jsonl.key").exists() and verify(path).ok


@pytest.mark.parametrize("value", ["9f" * 32, "correct horse battery staple"])
def test_the_key_can_come_from_the_environment_as_hex_or_a_passphrase(tmp_path, monkeypatch, value):
    monkeypatch.setenv("SCREENER_AUDIT_KEY", value)
    path = tmp_path / "audit.jsonl"
    append_event(path, {"event": "test"})
    assert not key_path(path).exists()  # nothing written: the key is the environment's
    expected = bytes.fromhex(value) if value.startswith("9f") else value.encode()
    assert load_key(path).secret == expected
    assert _cli("audit", "verify", "--audit-log", str(path), env={"SCREENER_AUDIT_KEY": value}).returncode == 0


def test_a_short_key_is_refused_in_one_line(tmp_path):
    path = tmp_path / "audit.jsonl"
    path.write_text("")
    r = _cli("audit", "verify", "--audit-log", str(path), env={"SCREENER_AUDIT_KEY": "hunter2"})
    assert r.returncode == 0  # an empty log needs no key
    append_event(path, {"event": "test"})
    r = _cli("audit", "verify", "--audit-log", str(path), env={"SCREENER_AUDIT_KEY": "hunter2"})
    assert r.returncode == 2 and "too short (7 bytes" in r.stderr and r.stderr.count("\n") == 1


def test_a_key_file_open_to_others_is_refused(log):
    key_path(log).chmod(0o644)
    r = _cli("audit", "verify", "--audit-log", str(log))
    assert r.returncode == 2 and "open to other users (mode 0644)" in r.stderr and "chmod 600" in r.stderr
    assert r.stderr.count("\n") == 1
    with pytest.raises(AuditError, match="open to other users"):
        append_event(log, {"event": "test"})


def test_verify_without_the_key_is_one_line_exit_2(log):
    key_path(log).unlink()
    r = _cli("audit", "verify", "--audit-log", str(log))
    assert r.returncode == 2 and r.stderr.startswith("screener: error:") and r.stderr.count("\n") == 1
    assert "no audit key" in r.stderr and "SCREENER_AUDIT_KEY" in r.stderr and str(key_path(log)) in r.stderr


def test_without_the_key_nothing_is_appended_and_no_new_key_is_made(log):
    key_path(log).unlink()
    before = log.read_bytes()
    with pytest.raises(AuditError, match="audit key for .* is missing"):
        append_event(log, {"event": "test"})
    assert log.read_bytes() == before and not key_path(log).exists()


def test_cli_verify_on_an_untouched_log_exits_0(log, capsys, monkeypatch):
    monkeypatch.setenv("SCREENER_AUDIT_LOG", str(log))
    assert main(["audit", "verify"]) == 0
    out = capsys.readouterr().out
    assert "5 line(s), chain intact" in out and "head: entry 5" in out


def test_verify_of_a_missing_log_is_one_line_exit_2(tmp_path, capsys):
    assert main(["audit", "verify", "--audit-log", str(tmp_path / "none.jsonl")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("screener: error:") and "no audit log here" in err and err.count("\n") == 1


def test_a_fresh_empty_log_without_head_or_key_verifies(tmp_path):
    path = tmp_path / "empty.jsonl"
    path.write_text("")
    assert verify(path).ok and verify(path).lines == 0
    r = _cli("audit", "verify", "--audit-log", str(path))
    assert r.returncode == 0 and "0 line(s)" in r.stdout


# --- tampering, one attempt at a time, checked with the real CLI -----------------------------------------


def _tamper(log: Path, how: str) -> dict | None:
    """Change the 5-line log as an attacker without the key would; returns extra env for the CLI."""
    lines = _lines(log)
    recs = [json.loads(x) for x in lines]
    if how == "edit":  # any field of line 3, its MAC left as it was
        recs[2]["n"] = 99
        lines[2] = _canon(recs[2])
    elif how == "edit_time":
        recs[1]["time"] = "2020-01-01T00:00:00.000Z"
        lines[1] = _canon(recs[1])
    elif how == "delete":
        del lines[2]
    elif how == "delete_first":
        del lines[0]
    elif how == "reorder":
        lines[1], lines[2] = lines[2], lines[1]
    elif how == "recomputed_sha_chain":  # edit line 3, then redo every link after it with SHA-256 (no key)
        recs[2]["n"] = 99
        for i in range(2, 5):
            recs[i]["prev"] = recs[i - 1]["mac"]
            recs[i]["mac"] = _sha_mac(recs[i])
        lines = [_canon(r) for r in recs]
        head = json.loads(head_path(log).read_text())
        head["mac"] = recs[4]["mac"]
        head["head_mac"] = hashlib.sha256(_canon({k: head[k] for k in ("seq", "mac", "key_id")}).encode()).hexdigest()
        head_path(log).write_text(_canon(head) + "\n")
    elif how == "rewritten_as_legacy":  # the whole log redone as an old-style SHA-256 chain, head deleted
        prev = "0" * 64
        lines = []
        for r in recs:
            r = {k: v for k, v in r.items() if k not in ("mac", "seq")} | {"prev": prev}
            r["hash"] = hashlib.sha256(_canon(r).encode()).hexdigest()
            lines.append(_canon(r))
            prev = hashlib.sha256(lines[-1].encode()).hexdigest()
        head_path(log).unlink()
    elif how == "forged_append":  # a well-formed line 6 chained to line 5, its MAC a guess
        forged = {"event": "review", "decision": "advance", "time": "2020-01-01T00:00:00.000Z", "seq": 6,
                  "prev": recs[4]["mac"]}
        forged["mac"] = _sha_mac(forged)
        lines.append(_canon(forged))
    elif how == "forged_insert":
        forged = {"event": "test", "n": 42, "time": "2020-01-01T00:00:00.000Z", "seq": 4, "prev": recs[2]["mac"]}
        forged["mac"] = _sha_mac(forged)
        lines.insert(3, _canon(forged))
    elif how == "truncate":
        lines = lines[:3]
    elif how == "truncate_one":
        lines = lines[:4]
    elif how == "empty":
        lines = []
    elif how == "delete_log":
        log.unlink()
        return None
    elif how == "head_deleted":
        head_path(log).unlink()
    elif how == "truncate_and_delete_head":
        lines = lines[:3]
        head_path(log).unlink()
    elif how == "head_forged":  # the head rewritten to claim 3 entries after cutting lines 4-5
        lines = lines[:3]
        head = json.loads(head_path(log).read_text()) | {"seq": 3, "mac": recs[2]["mac"]}
        head_path(log).write_text(_canon(head) + "\n")
    elif how == "wrong_key":
        return {"SCREENER_AUDIT_KEY": OTHER_KEY}
    elif how == "wrong_key_file":
        other = log.with_name("other.key")
        other.write_text("ab" * 32 + "\n")
        other.chmod(0o600)
        return {"SCREENER_AUDIT_KEY_FILE": str(other)}
    elif how == "insert_garbage":
        lines.insert(2, "hello")
    elif how == "torn_tail":
        lines[4] = lines[4][:40]
    else:  # pragma: no cover
        raise AssertionError(how)
    _write(log, lines)
    return None


@pytest.mark.parametrize(
    ("how", "bad_line", "words"),
    [
        ("edit", 3, "line 3 was edited or forged"),
        ("edit_time", 2, "line 2 was edited or forged"),
        ("delete", 3, "line 3 does not follow line 2"),
        ("delete_first", 1, "line 1 is not the start"),
        ("reorder", 2, "line 2 does not follow line 1"),
        ("recomputed_sha_chain", 3, "line 3 was edited or forged"),
        ("rewritten_as_legacy", 1, "line 1 has no MAC although this log has a key file"),
        ("forged_append", 6, "line 6 was edited or forged"),
        ("forged_insert", 4, "line 4 was edited or forged"),
        ("truncate", 4, "lines 4-5 are missing from the end: the head records 5 entries, the log has 3"),
        ("truncate_one", 5, "lines 5-5 are missing from the end"),
        ("empty", 1, "lines 1-5 are missing: the head records 5 entries and the log is empty"),
        ("delete_log", 1, "lines 1-5 are missing"),
        ("head_deleted", 6, "audit.jsonl.head is missing (deleted?): the tail after line 5 cannot be checked"),
        ("truncate_and_delete_head", 4, "audit.jsonl.head is missing (deleted?): the tail after line 3"),
        ("head_forged", 4, "was edited or forged, or the key is wrong (its MAC does not verify with the key from"),
        ("wrong_key", 1, "line 1 and the chain head do not verify with the key from $SCREENER_AUDIT_KEY"),
        ("wrong_key_file", 1, "line 1 and the chain head do not verify with the key from"),
        ("insert_garbage", 3, "line 3 is not a JSON audit record"),
        ("torn_tail", 5, "line 5 is not a JSON audit record"),
    ],
)
def test_verify_names_the_first_bad_line_or_the_missing_tail(log, how, bad_line, words):
    env = _tamper(log, how)
    r = _cli("audit", "verify", "--audit-log", str(log), env=env)
    assert r.returncode == 1, r.stderr
    assert r.stdout == "" and r.stderr.count("\n") == 1 and "TAMPERED" in r.stderr
    assert words in r.stderr and "Traceback" not in r.stderr
    assert re.search(r"\blines? \d+", r.stderr), "names the line or the missing tail"
    if env is None:
        result = verify(log)
        assert not result.ok and result.line_no == bad_line and words in (result.problem or "")


def test_a_forged_head_is_named(log):
    _tamper(log, "head_forged")
    result = verify(log)
    assert not result.ok and "chain head" in result.problem and "edited or forged" in result.problem
    assert "tail after line 3" in result.problem


@pytest.mark.parametrize("how", ["truncate", "empty", "delete_log", "head_deleted", "head_forged", "forged_append",
                                 "rewritten_as_legacy"])
def test_an_append_does_not_paper_over_a_cut_tail_or_a_deleted_head(log, how):
    """A later grading must not make the tampering go away by rewriting the head."""
    _tamper(log, how)
    before = log.read_bytes() if log.exists() else None
    with pytest.raises(AuditError) as info:
        append_event(log, {"event": "test", "n": "later"})
    assert info.value.exit_code == 1 and "\n" not in str(info.value)
    assert (log.read_bytes() if log.exists() else b"") == (before or b"")
    assert not verify(log).ok


def test_a_stale_head_is_named(log):
    """The head restored from an old copy (with all lines kept): the lines past it are named."""
    stale = head_path(log).read_text()
    append_event(log, {"event": "test", "n": 5})
    head_path(log).write_text(stale)
    result = verify(log)
    assert not result.ok and result.line_no == 6 and "line 6 is past the chain head" in result.problem


def test_a_rollback_of_log_and_head_together_needs_a_copy_of_the_head_kept_elsewhere(log, capsys):
    """The documented limit: cut to an old length and restore that length's head, and the chain is whole.
    The head `verify` prints (entry N, mac) then differs from the one noted elsewhere."""
    lines = _lines(log)
    old_head = json.loads(head_path(log).read_text())
    append_event(log, {"event": "test", "n": 5})
    assert main(["audit", "verify", "--audit-log", str(log)]) == 0
    noted = capsys.readouterr().out
    _write(log, lines)
    head_path(log).write_text(_canon(old_head) + "\n")
    assert main(["audit", "verify", "--audit-log", str(log)]) == 0
    now = capsys.readouterr().out
    assert "head: entry 6" in noted and "head: entry 5" in now


def test_a_crash_between_line_and_head_is_named_then_healed_by_the_next_append(log, monkeypatch):
    real = audit._write_head
    monkeypatch.setattr(audit, "_write_head", lambda *a: None)  # the process dies before replacing the head
    append_event(log, {"event": "test", "n": 5})
    result = verify(log)
    assert not result.ok and result.line_no == 6 and "past the chain head" in result.problem
    monkeypatch.setattr(audit, "_write_head", real)
    append_event(log, {"event": "test", "n": 6})  # the line is authentic (its MAC verifies), so the chain goes on
    result = verify(log)
    assert result.ok and result.lines == 7 and result.head_seq == 7


def test_appending_after_a_torn_line_keeps_new_lines_whole(log):
    lines = _lines(log)
    log.write_text("\n".join(lines) + "\n" + lines[-1][:30], encoding="utf-8")  # a crash mid-write, no newline
    rec = append_event(log, {"event": "test", "n": "after"})
    assert json.loads(_lines(log)[-1]) == rec and rec["seq"] == 6
    result = verify(log)
    assert not result.ok and result.line_no == 6  # the torn line is reported, not silently merged


# --- logs from before keyed MACs -------------------------------------------------------------------------


def _legacy_log(path: Path, n: int = 3) -> None:
    """A log as screener wrote it before this change: prev = sha256(previous line), hash = sha256(own JSON)."""
    prev, lines = "0" * 64, []
    for i in range(n):
        rec = {"event": "test", "n": i, "time": "2025-01-01T00:00:00.000Z", "prev": prev}
        rec["hash"] = hashlib.sha256(_canon(rec).encode()).hexdigest()
        lines.append(_canon(rec))
        prev = hashlib.sha256(lines[-1].encode()).hexdigest()
    _write(path, lines)


def test_a_legacy_log_is_named_as_unkeyed_not_crashed_on(tmp_path):
    path = tmp_path / "old.jsonl"
    _legacy_log(path)
    r = _cli("audit", "verify", "--audit-log", str(path))
    assert r.returncode == 1 and r.stderr.count("\n") == 1 and "Traceback" not in r.stderr
    assert "LEGACY" in r.stderr and "legacy unkeyed" in r.stderr and "intact over 3 line(s)" in r.stderr
    assert f"mv {path} {path}.legacy" in r.stderr
    result = verify(path)
    assert not result.ok and result.legacy and result.line_no == 1


def test_a_broken_legacy_log_says_where(tmp_path):
    path = tmp_path / "old.jsonl"
    _legacy_log(path)
    lines = _lines(path)
    del lines[1]
    _write(path, lines)
    result = verify(path)
    assert result.legacy and "breaks at line 2" in result.problem


def test_a_legacy_log_is_not_appended_to(tmp_path, capsys):
    path = tmp_path / "old.jsonl"
    _legacy_log(path)
    before = path.read_bytes()
    with pytest.raises(AuditError, match="legacy unkeyed log"):
        append_event(path, {"event": "test"})
    assert path.read_bytes() == before and not key_path(path).exists() and not head_path(path).exists()
    example = Path(__file__).resolve().parent.parent / "examples" / "zoom_interview.vtt"
    assert main(["grade", str(example), "-q", "--audit-log", str(path)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "legacy unkeyed log" in err and f"mv {path}" in err


# --- concurrency -----------------------------------------------------------------------------------------


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
    assert result.ok and result.lines == 120 and result.head_seq == 120


def _proc_worker(path: str, k: int) -> None:
    for i in range(15):
        append_event(Path(path), {"event": "test", "proc": k, "i": i})


def test_concurrent_appends_from_processes_keep_a_valid_chain_and_head(tmp_path):
    path = tmp_path / "audit.jsonl"
    ctx = multiprocessing.get_context("fork")
    procs = [ctx.Process(target=_proc_worker, args=(str(path), k)) for k in range(3)]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    assert all(p.exitcode == 0 for p in procs)
    result = verify(path)
    assert result.ok and result.lines == 45 and result.head_seq == 45
    assert len(set(key_path(path).read_text().split())) == 1  # one key, made once


# --- where, errors, show ---------------------------------------------------------------------------------


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
    state = tmp_path / "state" / "screener"
    assert (state / "audit.jsonl").stat().st_mode & 0o077 == 0  # private: owner only
    assert (state / "audit.jsonl.key").stat().st_mode & 0o777 == 0o600
    assert (state / "audit.jsonl.head").stat().st_mode & 0o777 == 0o600


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
    append_event(path, {"event": "review", "reviewer_hmac": "7e" * 32, "decision": "advance",
                        "note_sha256": "5a" * 32, "recommendation": "hire", "scorecard_sha256": scorecard_sha256(card)})
    assert main(["audit", "show", "--audit-log", str(path)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 2 and "grade" in out[0] and "hire" in out[0] and "cdcdcdcdcdcd" in out[0]
    assert "advance by reviewer 7e7e7e7e7e7e" in out[1] and "note sha256 5a5a5a5a5a5a" in out[1]
    assert main(["audit", "show", "--last", "1", "--json", "--audit-log", str(path)]) == 0
    (only,) = capsys.readouterr().out.splitlines()
    assert json.loads(only)["event"] == "review"


def test_show_reads_a_legacy_log(tmp_path, capsys):
    path = tmp_path / "old.jsonl"
    _write(path, [_canon({"event": "review", "reviewer": "Dana", "decision": "hold", "note": "old style",
                          "prev": "0" * 64, "hash": "1" * 64})])
    assert main(["audit", "show", "--audit-log", str(path)]) == 0
    assert "hold by Dana" in capsys.readouterr().out


def test_audit_without_an_action_is_exit_2(capsys):
    assert main(["audit"]) == 2
    assert "choose an action" in capsys.readouterr().err


def test_the_grading_entry_records_which_policy_rules_fired(tmp_path):
    from screener.audit import grading_event
    from screener.grading import grade
    from screener.testing.transcripts import make_transcript

    t = make_transcript(("Ines", "interviewer", "Tell me about an eval you built."),
                        ("Kofi", "candidate", "Sure, so we had a suite..."))
    card = grade(t, "offline")
    event = grading_event(card, "0" * 64, {})
    assert event["rules_fired"] == card.rules_fired and "no_decision" in event["rules_fired"]
