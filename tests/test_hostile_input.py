"""Hostile input, with the CLI as a user runs it: who is graded, linear parsing, malformed files, secrets.

The adversary writes the transcript (and names the files): every case here must end in a scorecard for the
right person or in one line and exit 2, never a traceback, a hang, a leaked credential or an audit entry for
a grading nobody received.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from screener.cli import main
from screener.parsing import parse_transcript

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures" / "transcripts"
EXAMPLE = ROOT / "examples" / "zoom_interview.vtt"
LONG_NAME = "María de los Ángeles García López"

ANSWER_1 = ("We built an eval harness from 300 real support tickets, and recall at 5 went from 62% to 81% after we "
            "fixed the chunking, measured on a held-out set that two support leads labelled.")
ANSWER_2 = "A weekly sample of 50 answers graded by hand, checked against the judge; they agreed 88% of the time."


def interview(interviewer: str, candidate: str, sep: str = ": ") -> str:
    return (f"{interviewer}{sep}Thanks for joining. What did you build, and how did you measure it?\n"
            f"{candidate}{sep}{ANSWER_1}\n{interviewer}{sep}How did you check the judge?\n"
            f"{candidate}{sep}{ANSWER_2}\n")


def run(*args: str, stdin: str | None = None, env: dict | None = None, timeout: float = 120,
        cwd: Path | None = None) -> subprocess.CompletedProcess:
    full_env = {k: v for k, v in os.environ.items() if not k.endswith("_API_KEY")}
    full_env.update(env or {})
    return subprocess.run([sys.executable, "-m", "screener", *args], input=stdin, capture_output=True, text=True,
                          env=full_env, timeout=timeout, cwd=cwd)


def one_error_line(stderr: str) -> str:
    lines = [x for x in stderr.strip().splitlines() if not x.startswith("screener: grading with")]
    assert len(lines) == 1 and "Traceback" not in stderr, stderr
    assert lines[0].startswith("screener: error:")
    return lines[0]


def graded_entries(log: Path) -> int:
    if not log.exists():
        return 0
    return sum(json.loads(line).get("event") == "grade" for line in log.read_text().splitlines() if line.strip())


def records(path: Path) -> dict[str, dict]:
    return {Path(r["input"]).name: r for r in (json.loads(x) for x in path.read_text().splitlines() if x.strip())}


# -- 1. speaker parsing never silently grades the wrong person


@pytest.mark.parametrize(("interviewer", "candidate"), [
    ("Dana Levi", LONG_NAME),
    (LONG_NAME, "Sam Okafor"),
    ("Dana Levi", "José María de la Santísima Trinidad Ruiz"),
    ("李娜", "王伟"),
    ("Анна Петрова", "Дмитрий Соколов"),
    ("فاطمة الزهراء", "محمد علي"),
    ("प्रिया सिंह", "राहुल शर्मा"),
    ("Dana Levi", "Sam 🚀"),
])
def test_names_of_any_length_and_script_are_speakers(tmp_path, capsys, interviewer, candidate):
    path = tmp_path / "t.txt"
    path.write_text(interview(interviewer, candidate), encoding="utf-8")
    assert main(["grade", str(path), "-q", "-f", "json"]) == 0
    card = json.loads(capsys.readouterr().out)
    assert card["candidate"] == candidate


def test_full_width_colons_mark_speakers():
    t = parse_transcript(interview("李娜", "王伟", sep="："))
    assert [x.speaker for x in t.turns] == ["李娜", "王伟", "李娜", "王伟"] and t.candidate_name == "王伟"


def test_a_six_word_interviewer_is_not_merged_into_the_candidate(tmp_path, capsys):
    """The issue's case: the long name was not a speaker, so her questions became the candidate's words."""
    text = interview(LONG_NAME, "Ken Ito") + f"{LONG_NAME}: Anything you would do differently? Why?\n"
    t = parse_transcript(text)
    assert {x.speaker: x.role for x in t.turns} == {LONG_NAME: "interviewer", "Ken Ito": "candidate"}
    assert all("?" not in x.text for x in t.candidate_turns)


def test_prose_labels_inside_speech_are_not_speakers():
    text = ("Dana: What happened after the launch?\n"
            "Sam: We rolled back when the error rate doubled, then found the retry storm in the client.\n"
            "Note: we shipped it again on Friday.\n"
            "Step 3: we added a canary at 5% of traffic.\n"
            "Dana: And how did you know it worked?\n"
            "Sam: Errors stayed under 0.1% for a week on the canary.\n"
            "Note: the fix took two days.\n"
            "Result: p95 went from 900 ms to 400 ms.\n"
            "Result: and the on-call pages stopped.\n")
    t = parse_transcript(text)
    assert [(x.speaker, x.role) for x in t.turns] == [("Dana", "interviewer"), ("Sam", "candidate")] * 2
    assert "Note: we shipped it again on Friday. Step 3: we added a canary" in t.turns[1].text
    assert t.turns[3].text.endswith("Result: p95 went from 900 ms to 400 ms. Result: and the on-call pages stopped.")


def test_a_real_speaker_whose_name_is_a_word_still_counts():
    # "Will" and "Mark" are names here, and each speaks more than once
    t = parse_transcript(interview("Will", "Mark"))
    assert t.candidate_name == "Mark"


AMBIGUOUS = ("Dana: Hi, can you hear me?\nSam: Yes, can you hear me?\nDana: Yes, I can hear you fine now.\n"
             "Sam: Great, good to hear it, thanks.\n")


def test_grade_stops_when_it_cannot_tell_the_candidate_and_names_the_speakers(tmp_path):
    path = tmp_path / "t.txt"
    path.write_text(AMBIGUOUS)
    log = tmp_path / "audit.jsonl"
    r = run("grade", str(path), "--audit-log", str(log))
    assert r.returncode == 2 and r.stdout == ""
    line = one_error_line(r.stderr)
    assert "cannot tell with confidence who the candidate is" in line
    assert "speakers: Dana, Sam" in line and '--candidate "NAME"' in line
    assert graded_entries(log) == 0
    ok = run("grade", str(path), "--candidate", "sam", "-q", "-f", "json", "--audit-log", str(log))
    assert ok.returncode == 0 and json.loads(ok.stdout)["candidate"] == "Sam"


@pytest.mark.parametrize(("text", "why"), [
    # the speaker who talks most mostly asks questions (the real candidate's label was unreadable)
    ("Dana: Go on?\nKen: We have a team of eight and a release every week, so how do you run your evals today?\n"
     "Dana: Ask away?\nKen: And who owns the regression suite when a prompt change breaks the support bot?\n"
     "Dana: Anything else?\nKen: That is all from me, thank you for your time.\n", "mostly asks questions"),
    # most of the speech has no speaker label
    ("WEBVTT\n\n00:00:01.000 --> 00:00:03.000\nDana: What did you build?\n\n00:00:04.000 --> 00:00:20.000\n"
     f"{ANSWER_1} {ANSWER_2}\n\n00:00:21.000 --> 00:00:23.000\nKen: Okay.\n\n"
     "00:00:24.000 --> 00:00:25.000\nDana: Right?\n", "no speaker label"),
])
def test_other_unsure_guesses_ask_for_the_candidate(text, why):
    from screener.errors import InputError

    with pytest.raises(InputError, match=f"cannot tell with confidence.*{why}.*--candidate"):
        parse_transcript(text)


def test_batch_records_an_unsure_input_as_failed_and_goes_on(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(FIXTURES / "plain.txt", folder / "plain.txt")
    (folder / "ambiguous.txt").write_text(AMBIGUOUS)
    out = tmp_path / "r.jsonl"
    assert main(["batch", str(folder), "-o", str(out), "-q"]) == 1
    recs = records(out)
    assert recs["plain.txt"]["status"] == "graded"
    failed = recs["ambiguous.txt"]
    assert failed["status"] == "failed" and failed["error_type"] == "InputError"
    assert "cannot tell with confidence who the candidate is" in failed["error"]
    assert "speakers: Dana, Sam" in failed["error"] and '--candidate "NAME"' in failed["error"]


def test_a_manifest_speaker_column_settles_it(tmp_path):
    (tmp_path / "ambiguous.txt").write_text(AMBIGUOUS)
    manifest = tmp_path / "m.csv"
    manifest.write_text("path,speaker\nambiguous.txt,Sam\n")
    out = tmp_path / "r.jsonl"
    assert main(["batch", str(manifest), "-o", str(out), "-q"]) == 0
    assert records(out)["ambiguous.txt"]["scorecard"]["candidate"] == "Sam"


# -- 2. every parsing scan is linear


SIZE = 1_990_000


def _payloads() -> dict[str, str]:
    return {
        "braces": "{" * SIZE, "digits": "7" * SIZE, "dots": "." * SIZE, "word": "a" * SIZE,
        "spaces": "a" + " " * SIZE + "x", "colons": ":" * SIZE, "newlines": "Dana: hi?\n" + "\n" * SIZE,
        "a: lines": "a:\n" * (SIZE // 3), "a: a:": "a: " * (SIZE // 3), "label-ish": ("Ab " * 30 + ":x\n") * (SIZE // 93),
        "unclosed tags": "Sam: " + "<c." * (SIZE // 3), "unclosed voices": "<v a" * (SIZE // 4),
        "timing-ish": ("1" * 50 + " --> \n") * (SIZE // 56), "otter-ish": ("\nA" + "\t" * 60 + "1:00 x\n") * (SIZE // 68),
        "markdown-ish": "**a" * (SIZE // 3), "rules": "- " * (SIZE // 2) + "x", "role parens": "Interviewer (" * (SIZE // 13),
    }


def _parse_seconds(text: str, fmt: str | None) -> float:
    """The best of three runs of parsing ``text``, in CPU seconds of this process (never wall time: a loaded machine stretches that); an InputError is an answer."""
    from screener.errors import InputError

    best = float("inf")
    for _ in range(3):
        started = time.process_time()
        try:
            parse_transcript(text, format=fmt)
        except InputError:
            pass
        best = min(best, time.process_time() - started)
        if best < 0.5:
            break
    return best


@pytest.mark.parametrize("name", list(_payloads()))
def test_every_format_parses_or_fails_in_linear_time_on_2_mb_of_anything(name):
    """2 MB of anything, alone or inside a turn, in every format: linear (a quarter of the text takes about a
    quarter of the time; quadratic would be a sixteenth) and within seconds even on a loaded machine. On a
    quiet one the worst input (600,000 "a:" lines) parses in about 0.9 s: see benchmarks/bench_pathological.py.
    """
    payload = _payloads()[name]
    quarter = payload[: len(payload) // 4]

    def embed(body: str) -> str:
        return interview("Dana Levi", "Sam Okafor") + body + "\n" + interview("Dana Levi", "Sam Okafor")

    cases = [(None, payload), (None, embed(payload))] + [(f, embed(payload)) for f in
                                                          ("text", "vtt", "srt", "otter", "meet", "markdown")]
    for fmt, text in cases:
        full = _parse_seconds(text, fmt)
        assert full < 4.0, (fmt, full)
        if full > 0.25:  # big enough to measure the growth
            part = _parse_seconds(text.replace(payload, quarter), fmt)
            assert full < 8 * max(part, 0.1), (fmt, full, part)


def test_json_messages_with_2_mb_fields_parse_in_under_a_second():
    from screener.errors import InputError

    for field in ("{" * SIZE, "a" + " " * SIZE + "b", "Interviewer (" * (SIZE // 13), "a" * SIZE):
        messages = [{"speaker": "Dana", "text": "What changed?"}, {"speaker": "Sam", "text": field},
                    {"speaker": field[:300], "text": "x"}]
        started = time.process_time()
        with pytest.raises(InputError, match="speaker name is 300 characters"):
            parse_transcript(json.dumps(messages))
        messages.pop()
        parse_transcript(json.dumps(messages), candidate="Sam")
        assert time.process_time() - started < 1.0


# -- 3. malformed input: one line, exit 2, never a traceback


def _surrogate(d: Path) -> str:
    p = d / "t.json"
    p.write_text('[{"speaker": "Dana", "text": "What changed?"}, {"speaker": "Sam", "text": "Recall \\ud800 rose."}]')
    return str(p)


def _surrogate_speaker(d: Path) -> str:
    p = d / "t.json"
    p.write_text('[{"speaker": "Dana", "text": "What changed?"}, {"speaker": "S\\udfffam", "text": "Recall rose."}]')
    return str(p)


def _big_number(d: Path) -> str:
    p = d / "t.json"
    p.write_text('[{"speaker": "Dana", "text": "Q?", "start": ' + "9" * 5000 + '}, {"speaker": "Sam", "text": "A."}]')
    return str(p)


def _infinite_start(d: Path) -> str:
    p = d / "t.json"
    p.write_text('[{"speaker": "Dana", "text": "Q?", "start": 1e999}, {"speaker": "Sam", "text": "A."}]')
    return str(p)


def _deep(d: Path) -> str:
    p = d / "t.json"
    p.write_text('{"messages": [{"speaker": "Dana", "text": "Q?"}], "meta": ' + "[" * 10_000 + "]" * 10_000 + "}")
    return str(p)


def _deep_messages(d: Path) -> str:
    p = d / "t.json"
    p.write_text('[{"speaker": "Dana", "text": ' + "[" * 10_000 + "]" * 10_000 + "}]")
    return str(p)


def _bad_utf8(d: Path) -> str:
    p = d / "t.txt"
    p.write_bytes(b"Dana: hi?\nSam: caf\xe9 \xed\xa0\x80\n")
    return str(p)


def _fifo(d: Path) -> str:
    p = d / "t.txt"
    os.mkfifo(p)
    return str(p)


@pytest.mark.parametrize(("make", "expect"), [
    (_surrogate, "message 1 holds an unpaired surrogate (U+D800)"),
    (_surrogate_speaker, "message 1's speaker holds an unpaired surrogate (U+DFFF)"),
    (_big_number, "holds a number 5,000 digits long"),
    (_infinite_start, "'start' must be seconds"),
    (_deep, "nested too deeply"),
    (_deep_messages, "nested too deeply"),
    (_bad_utf8, "is not UTF-8 (byte 0xe9 at offset 18)"),
    (_fifo, "is a FIFO (named pipe), not a regular file"),
    (lambda d: "/dev/zero", "is a character device, not a regular file"),
    (lambda d: str(d), "is a directory"),
])
def test_malformed_input_is_one_line_and_exit_2(tmp_path, make, expect):
    log = tmp_path / "audit.jsonl"
    r = run("grade", make(tmp_path), "--audit-log", str(log), timeout=60)  # a FIFO must not hang it
    assert r.returncode == 2, r.stderr
    assert expect in one_error_line(r.stderr)
    assert graded_entries(log) == 0


def test_a_5000_digit_number_in_speech_is_graded(tmp_path, capsys):
    path = tmp_path / "t.txt"
    path.write_text(interview("Dana Levi", "Sam Okafor").replace("from 62%", "from " + "9" * 5000 + "%"))
    assert main(["grade", str(path), "-q", "-f", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["candidate"] == "Sam Okafor"


def test_output_paths_are_checked_before_grading_and_nothing_is_audited(tmp_path):
    log = tmp_path / "audit.jsonl"
    a_file = tmp_path / "file"
    a_file.write_text("")
    for args, expect in [
        (["-o", str(tmp_path / "missing" / "card.txt")], "the folder"),
        (["-o", str(tmp_path)], "is a directory"),
        (["-o", str(a_file / "card.txt")], "is not a folder"),
        (["--dump", str(a_file)], "is a file, not a folder"),
        (["--dump", str(a_file / "sub")], "cannot create the folder"),
    ]:
        r = run("grade", str(EXAMPLE), "--audit-log", str(log), *args)
        assert r.returncode == 2, (args, r.stderr)
        line = one_error_line(r.stderr)
        assert expect in line and args[0] in line
        assert "grading with" not in r.stderr  # it stopped before grading
    assert graded_entries(log) == 0


def test_an_output_that_fails_at_write_time_leaves_no_audit_entry(tmp_path, monkeypatch, capsys):
    """Even past the checks (a full disk, a folder turned read-only): no output, so no graded entry."""
    import screener.util.files as files

    def full_disk(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.tempfile, "mkstemp", full_disk)
    log = tmp_path / "audit.jsonl"
    assert main(["grade", str(EXAMPLE), "-q", "-o", str(tmp_path / "card.txt"), "--audit-log", str(log)]) == 2
    assert "No space left on device" in one_error_line(capsys.readouterr().err)
    assert graded_entries(log) == 0 and not (tmp_path / "card.txt").exists()


def test_a_failed_audit_entry_leaves_no_output(tmp_path, capsys):
    log_dir = tmp_path / "log-is-a-dir"
    log_dir.mkdir()
    dest = tmp_path / "card.txt"
    assert main(["grade", str(EXAMPLE), "-q", "-o", str(dest), "--audit-log", str(log_dir)]) == 1
    capsys.readouterr()
    assert not dest.exists() and list(tmp_path.iterdir()) == [log_dir]


def test_output_is_written_atomically_owner_only(tmp_path, capsys):
    dest = tmp_path / "card.md"
    assert main(["grade", str(EXAMPLE), "-q", "-f", "md", "-o", str(dest)]) == 0
    assert dest.read_text().startswith("## Screening scorecard") and (dest.stat().st_mode & 0o777) == 0o600
    assert [p.name for p in tmp_path.iterdir() if p.name != "card.md"] == []


@pytest.fixture
def hostile_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(FIXTURES / "plain.txt", folder / "good.txt")
    shutil.copy(FIXTURES / "zoom.vtt", folder / "good.vtt")
    for make in (_surrogate, _big_number, _deep, _bad_utf8, _fifo):
        made = Path(make(tmp_path))
        made.rename(folder / f"{make.__name__.strip('_')}{made.suffix}")
    (folder / "dir.txt").mkdir()  # a folder named like a transcript
    return folder


def test_batch_turns_each_malformed_input_into_a_failure_and_goes_on(hostile_folder, tmp_path):
    out = tmp_path / "r.jsonl"
    r = run("batch", str(hostile_folder), "-o", str(out), "--audit-log", str(tmp_path / "audit.jsonl"), timeout=120)
    assert r.returncode == 1 and "Traceback" not in r.stderr, r.stderr
    recs = records(out)
    assert {n for n, x in recs.items() if x["status"] == "graded"} == {"good.txt", "good.vtt"}
    errors = {n: x["error"] for n, x in recs.items() if x["status"] == "failed"}
    assert "unpaired surrogate" in errors["surrogate.json"]
    assert "5,000 digits" in errors["big_number.json"]
    assert "nested too deeply" in errors["deep.json"]
    assert "not UTF-8" in errors["bad_utf8.txt"]
    assert "FIFO" in errors["fifo.txt"]
    assert "dir.txt" not in recs or "directory" in errors["dir.txt"]
    assert graded_entries(tmp_path / "audit.jsonl") == 2


def test_resume_survives_failure_records_with_odd_characters(hostile_folder, tmp_path):
    out = tmp_path / "r.jsonl"
    odd = {"input": "odd\ud800\x1b[31m\u202e.txt", "sha256": None, "key": "path:odd\ud800:hybrid", "candidate": None,
           "role": "hybrid", "requisition": None, "status": "failed", "scorecard": None,
           "error": "x\ud800\x00\x9b\n<script>", "error_type": "InputError", "attempts": 0,
           "finished_at": "2026-01-01T00:00:00+00:00"}
    out.write_text(json.dumps(odd) + "\n" + json.dumps({**odd, "key": "k2"}) + "\n{broken\n")
    csv_path, md = tmp_path / "s.csv", tmp_path / "md"
    r = run("batch", str(hostile_folder), "-o", str(out), "--resume", "--csv", str(csv_path), "--md-dir", str(md),
            timeout=120)
    assert r.returncode == 1 and "Traceback" not in r.stderr, r.stderr
    assert "\x1b" not in r.stderr
    recs = records(out)
    assert recs["good.txt"]["status"] == "graded"
    assert len(csv_path.read_text().splitlines()) >= len(recs) + 1
    again = run("batch", str(hostile_folder), "-o", str(out), "--resume", timeout=120)
    assert again.returncode == 1 and "Traceback" not in again.stderr, again.stderr
    assert "2 already done" in again.stderr


def test_batch_output_folders_are_checked_before_grading(tmp_path, capsys):
    a_file = tmp_path / "file"
    a_file.write_text("")
    log = tmp_path / "audit.jsonl"
    for extra in (["--md-dir", str(a_file)], ["--csv", str(a_file / "s.csv")], ["-o", str(a_file / "r.jsonl")]):
        args = ["-o", str(tmp_path / "r.jsonl"), *extra] if extra[0] != "-o" else extra
        assert main(["batch", str(FIXTURES), *args, "--audit-log", str(log)]) == 2
        one_error_line(capsys.readouterr().err)
    assert graded_entries(log) == 0 and not (tmp_path / "r.jsonl").exists()


def test_batch_grades_offline_off_the_event_loop(tmp_path, monkeypatch, capsys):
    """No offline grading runs on the thread of batch's event loop (worker threads or processes do it), so one
    slow transcript cannot stall the others."""
    import os
    import threading

    import screener.offline.grader as offline  # the provider looks the grader up here at each grading

    real = offline.grade_offline
    on_loop: list[bool] = []
    parent = os.getpid()

    def spy(*args, **kwargs):
        on_loop.append(os.getpid() == parent and threading.current_thread() is threading.main_thread())
        return real(*args, **kwargs)

    monkeypatch.setattr(offline, "grade_offline", spy)
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("plain.txt", "zoom.vtt", "teams.vtt", "interview.srt"):
        shutil.copy(FIXTURES / name, folder / name)
    assert main(["batch", str(folder), "-o", str(tmp_path / "r.jsonl"), "-j", "4", "-q"]) == 0
    assert not any(on_loop), "the offline grader ran on the event loop's thread"
    assert all(r["status"] == "graded" for r in records(tmp_path / "r.jsonl").values())


# -- 4. secrets stay secret; transcripts cannot attack the reader


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


SECRET_URL = "http://user:SECRETPW@127.0.0.1:{port}/v1?api_key=QSECRET"


def test_credentials_in_the_base_url_are_masked_in_errors_dump_logs_and_audit(tmp_path):
    url = SECRET_URL.format(port=_closed_port())
    dump, log = tmp_path / "dump", tmp_path / "audit.jsonl"
    key = "sk-test-abcdefghijklmnop1234"
    r = run("grade", str(EXAMPLE), "--provider", "openai:chat:gpt-4o-mini", "--base-url", url, "--retries", "0",
            "--timeout", "5", "-v", "--dump", str(dump), "--audit-log", str(log), env={"OPENAI_API_KEY": key})
    assert r.returncode == 1
    line = one_error_line(r.stderr)
    assert "user:***@127.0.0.1" in line and "api_key=***" in line
    written = r.stderr + "".join(p.read_text() for p in dump.iterdir())
    assert "SECRETPW" not in written and "QSECRET" not in written and key not in written
    assert graded_entries(log) == 0


def test_credentials_in_the_base_url_are_masked_in_batch_records(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-abcdefghijklmnop1234")
    url = SECRET_URL.format(port=_closed_port())
    out = tmp_path / "r.jsonl"
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(FIXTURES / "plain.txt", folder / "plain.txt")
    rc = main(["batch", str(folder), "-o", str(out), "--provider", "openai:chat:gpt-4o-mini", "--base-url", url,
               "--retries", "0", "--timeout", "5", "-v"])
    assert rc == 1
    text = out.read_text() + capsys.readouterr().err
    assert "127.0.0.1" in text and "SECRETPW" not in text and "QSECRET" not in text
    assert "abcdefghijklmnop1234" not in text


def test_markdown_escapes_html_from_transcripts(tmp_path):
    hostile = interview("Dana Levi", "Sam Okafor").replace(
        "after we fixed the chunking", "after we fixed the <script>alert(1)</script> chunking <img src=x onerror=y>")
    path = tmp_path / "t.txt"
    path.write_text(hostile)
    r = run("grade", str(path), "-q", "-f", "md")
    assert r.returncode == 0, r.stderr
    assert "<script>" not in r.stdout and "<img" not in r.stdout
    assert "&lt;script&gt;" in r.stdout or "&lt;img" in r.stdout


def test_terminal_controls_from_transcripts_never_reach_the_console(tmp_path):
    evil = "\x1b]0;owned\x07\x1b[2J\x1b[31m"
    text = interview("Dana Levi", "Sam Okafor").replace("after we fixed", f"after we{evil} fixed\x9b2J")
    path = tmp_path / "t.txt"
    path.write_text(text)
    r = run("grade", str(path), "-q")
    assert r.returncode == 0, r.stderr
    assert "Candidate: Sam Okafor" in r.stdout and "fixed" in r.stdout
    assert not any(ch in r.stdout for ch in "\x1b\x07\x9b")
    j = run("grade", str(path), "-q", "-f", "json")
    assert not any(ch in j.stdout for ch in "\x1b\x07\x9b")
    # a JSON speaker name can carry controls too: gone from the name, the scorecard and the error line
    messages = [{"speaker": line.split(": ", 1)[0] + evil, "text": line.split(": ", 1)[1]}
                for line in AMBIGUOUS.splitlines()]
    amb = tmp_path / "a.json"
    amb.write_text(json.dumps(messages))
    e = run("grade", str(amb))
    assert e.returncode == 2 and "speakers: Dana, Sam" in one_error_line(e.stderr)
    assert not any(ch in e.stderr for ch in "\x1b\x07")
    ok = run("grade", str(amb), "--candidate", "Sam", "-q", "-f", "json")
    assert ok.returncode == 0 and json.loads(ok.stdout)["candidate"] == "Sam"
