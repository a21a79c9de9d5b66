"""``screener batch`` end to end: exit codes, failure records, resume, manifests, exports, rate limits."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from screener.batch.corpus import fixture_sources, make_corpus
from screener.cli import main
from screener.testing.fake_api import FakeAPI

FIXTURES = Path(__file__).parent / "fixtures" / "transcripts"
ANTHROPIC = "anthropic:messages:claude-haiku-4-5"


def records(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.read_text().splitlines() if x.strip()]


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    shutil.copytree(FIXTURES, folder, ignore=shutil.ignore_patterns("scanned.pdf"))  # a scan: no text to grade
    return folder


def test_grades_a_folder_writes_one_record_per_input_and_exports(inputs: Path, tmp_path: Path, capsys) -> None:
    out, csv_path, md = tmp_path / "r.jsonl", tmp_path / "s.csv", tmp_path / "md"
    rc = main(["batch", str(inputs), "-o", str(out), "--csv", str(csv_path), "--md-dir", str(md)])
    assert rc == 0
    recs = records(out)
    files = sorted(str(p) for p in inputs.iterdir())
    assert sorted(r["input"] for r in recs) == files  # every input exactly once
    assert all(r["status"] == "graded" and r["scorecard"]["recommendation"] for r in recs)
    assert all(len(r["sha256"]) == 64 and r["key"] == f"{r['sha256']}:hybrid" for r in recs)
    assert len(csv_path.read_text().splitlines()) == len(files) + 1
    assert len(list(md.glob("*.md"))) == len(files)
    err = capsys.readouterr().err
    assert f"{len(files)} graded, 0 failed" in err


def test_a_bad_transcript_is_a_failure_record_and_the_batch_goes_on(inputs: Path, tmp_path: Path, capsys) -> None:
    (inputs / "broken.txt").write_text("no speakers here, just a paragraph of notes\n")
    (inputs / "binary.vtt").write_bytes(b"WEBVTT\x00\x00\x01")
    out = tmp_path / "r.jsonl"
    assert main(["batch", str(inputs), "-o", str(out)]) == 1
    recs = {Path(r["input"]).name: r for r in records(out)}
    assert len(recs) == len(list(inputs.iterdir()))
    assert recs["broken.txt"]["status"] == "failed" and "no speaker turns" in recs["broken.txt"]["error"]
    assert recs["binary.vtt"]["status"] == "failed" and "binary" in recs["binary.vtt"]["error"]
    assert recs["broken.txt"]["scorecard"] is None and recs["broken.txt"]["error_type"] == "InputError"
    assert sum(r["status"] == "graded" for r in recs.values()) == len(recs) - 2
    assert "2 failed" in capsys.readouterr().err


def test_resume_skips_graded_and_retries_what_failed(inputs: Path, tmp_path: Path, capsys) -> None:
    broken = inputs / "later.txt"
    broken.write_text("just notes\n")
    out = tmp_path / "r.jsonl"
    assert main(["batch", str(inputs), "-o", str(out)]) == 1
    first = {r["input"]: r for r in records(out)}
    broken.write_text((FIXTURES / "plain.txt").read_text() + "\n\n")  # the user fixes the export
    capsys.readouterr()
    assert main(["batch", str(inputs), "-o", str(out), "--resume"]) == 0
    again = records(out)
    assert sorted(r["input"] for r in again) == sorted(first)  # still exactly once each
    assert all(r["status"] == "graded" for r in again)
    unchanged = [r for r in again if r["input"] != str(broken)]
    assert all(r["finished_at"] == first[r["input"]]["finished_at"] for r in unchanged)  # not graded again
    assert f"{len(first) - 1} already done" in capsys.readouterr().err


def test_a_renamed_copy_is_not_graded_twice(inputs: Path, tmp_path: Path, capsys) -> None:
    shutil.copy(inputs / "plain.txt", inputs / "plain-copy.txt")
    out = tmp_path / "r.jsonl"
    assert main(["batch", str(inputs), "-o", str(out)]) == 0
    assert len(records(out)) == len(list(inputs.iterdir())) - 1
    assert "1 duplicate(s) skipped" in capsys.readouterr().err


def test_manifest_fields_reach_the_records_and_bad_rows_are_failures(tmp_path: Path) -> None:
    manifest = tmp_path / "batch.jsonl"
    shutil.copy(FIXTURES / "plain.txt", tmp_path / "plain.txt")
    manifest.write_text(
        json.dumps({"path": "plain.txt", "candidate": "Sam Okafor", "requisition": "REQ-42", "role": "ai_engineer"})
        + "\n{oops\n" + json.dumps({"path": "missing.vtt"}) + "\n")
    out = tmp_path / "r.jsonl"
    assert main(["batch", str(manifest), "-o", str(out), "--role", "ml_engineer"]) == 1
    recs = records(out)
    assert len(recs) == 3
    ok = next(r for r in recs if r["status"] == "graded")
    assert (ok["candidate"], ok["requisition"], ok["role"]) == ("Sam Okafor", "REQ-42", "ai_engineer")
    assert {c["id"] for c in ok["scorecard"]["competencies"]} <= {"ai_eval", "ai_hallucination", "ai_measurement",
                                                                  "ai_retrieval", "ai_agents", "ai_production"}
    errors = sorted(r["error"] for r in recs if r["status"] == "failed")
    assert any(f"{manifest}:2" in e and "not valid JSON" in e for e in errors)
    assert any("missing.vtt: no such file" in e for e in errors)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["batch", "nowhere/", "-o", "{out}"], "no such file or directory"),
        (["batch", "{inputs}", "-o", "{out}", "-j", "0"], "-j 0"),
        (["batch", "{inputs}", "-o", "{out}", "--csv", "{out}"], "same file"),
        (["batch", "{inputs}", "-o", "{out}", "--via", "batch-api"], "--via batch-api needs an Anthropic or OpenAI"),
        (["batch", "{inputs}", "-o", "{out}", "--provider", "anthropic:messages:claude-haiku-4-5"], "ANTHROPIC_API_KEY"),
        (["batch", "{manifest}", "-o", "{out}"], "no path column"),
    ],
)
def test_usage_errors_exit_2_with_one_line(argv, message, inputs: Path, tmp_path: Path, capsys) -> None:
    manifest = tmp_path / "m.csv"
    manifest.write_text("name,role\nA,hybrid\n")
    out = tmp_path / "r.jsonl"
    args = [a.format(inputs=inputs, out=out, manifest=manifest) for a in argv]
    assert main(args) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("screener: error: ") and message in err[0]
    assert not out.exists()  # nothing was graded or written


def test_existing_results_without_resume_exit_2(inputs: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "r.jsonl"
    assert main(["batch", str(inputs), "-o", str(out)]) == 0
    before = out.read_text()
    assert main(["batch", str(inputs), "-o", str(out)]) == 2
    assert "--resume" in capsys.readouterr().err
    assert out.read_text() == before


def test_progress_is_plain_lines_when_stderr_is_not_a_terminal(inputs: Path, tmp_path: Path, capsys) -> None:
    assert main(["batch", str(inputs), "-o", str(tmp_path / "r.jsonl")]) == 0
    err = capsys.readouterr().err
    assert "\r" not in err and "\x1b" not in err
    assert any(line.startswith("batch: ") and " done · " in line for line in err.splitlines())
    assert "screener: batch finished:" in err.splitlines()[-1]


def test_live_provider_rate_limits_are_retried_by_the_batch(tmp_path: Path, monkeypatch, capsys) -> None:
    folder = tmp_path / "in"
    make_corpus(fixture_sources(FIXTURES), folder, 8)
    out = tmp_path / "r.jsonl"
    with FakeAPI(retry_after=0.05) as api:
        monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-test-key")
        monkeypatch.setenv("ANTHROPIC_BASE_URL", api.anthropic_base_url)
        api.script(["429", "429", "529", "ok", "429", "500"])
        rc = main(["batch", str(folder), "-o", str(out), "--provider", ANTHROPIC, "-j", "4"])
        assert api.counts[429] == 3 and api.counts[529] == 1
    assert rc == 0
    recs = records(out)
    assert len(recs) == 8 and all(r["status"] == "graded" for r in recs)
    assert all(r["scorecard"]["grader"]["redacted"] for r in recs)  # remote provider: blind grading
    assert "3 rate-limited" in capsys.readouterr().err  # the 529 is an outage retried, not a quota


def test_provider_errors_after_retries_are_failure_records(tmp_path: Path, monkeypatch, capsys) -> None:
    folder = tmp_path / "in"
    make_corpus(fixture_sources(FIXTURES), folder, 3)
    out = tmp_path / "r.jsonl"
    with FakeAPI(default="500") as api:
        monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-test-key")
        monkeypatch.setenv("ANTHROPIC_BASE_URL", api.anthropic_base_url)
        rc = main(["batch", str(folder), "-o", str(out), "--provider", ANTHROPIC, "--retries", "1", "-j", "2"])
        assert api.counts[500] == 6  # each input: the call and one retry
    assert rc == 1
    recs = records(out)
    assert len(recs) == 3
    assert all(r["status"] == "failed" and "500" in r["error"] and r["error_type"] == "ProviderError" for r in recs)


def test_a_rejected_api_key_stops_the_batch(tmp_path: Path, monkeypatch, capsys) -> None:
    folder = tmp_path / "in"
    make_corpus(fixture_sources(FIXTURES), folder, 30)
    out = tmp_path / "r.jsonl"
    with FakeAPI(default="401") as api:
        monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-secret-0123456789abcdef")
        monkeypatch.setenv("ANTHROPIC_BASE_URL", api.anthropic_base_url)
        rc = main(["batch", str(folder), "-o", str(out), "--provider", ANTHROPIC, "-j", "2"])
        calls = api.counts[401]
    assert rc == 1
    assert calls < 30  # it did not hammer the API with a bad key for every transcript
    err = capsys.readouterr().err
    assert "ANTHROPIC_API_KEY" in err.splitlines()[-1] and "sk-secret" not in err


def test_markdown_exports_inside_the_input_folder_are_not_graded_on_resume(inputs: Path, tmp_path: Path) -> None:
    out, md = tmp_path / "r.jsonl", inputs / "scorecards"
    n = len(list(inputs.iterdir()))
    assert main(["batch", str(inputs), "-o", str(out), "--md-dir", str(md)]) == 0
    assert len(list(md.glob("*.md"))) == n
    assert main(["batch", str(inputs), "-o", str(out), "--md-dir", str(md), "--resume"]) == 0
    assert len(records(out)) == n  # the scorecards were not read back in as transcripts


def test_progress_on_a_terminal_is_one_live_line_with_rate_eta_tokens_and_cost() -> None:
    import io

    from screener.batch.progress import Progress, Tally

    stream = io.StringIO()
    tally = Tally(total=10, graded=3, failed=1, input_tokens=12_500, output_tokens=900, cost_usd=0.42)
    progress = Progress(tally, stream=stream, tty=True)
    progress.update(force=True)
    tally.graded = 9  # a few more results: now there is an ETA
    progress.update(force=True)
    progress.finish("screener: batch finished")
    text = stream.getvalue()
    assert text.count("\r\x1b[2K") == 3 and text.count("\n") == 1  # redrawn in place, summary on its own line
    first, later = text.split("\r\x1b[2K")[1:3]
    assert "4/10 done" in first and "3 graded" in first and "1 failed" in first and "ETA" not in first
    assert "/s" in later and "ETA" in later and "12.5k+900 tokens" in later and "$0.42" in later


def test_every_grading_is_in_the_audit_log_without_transcript_text(inputs: Path, tmp_path: Path) -> None:
    from screener.audit import verify

    log = tmp_path / "audit.jsonl"
    out = tmp_path / "r.jsonl"
    assert main(["batch", str(inputs), "-o", str(out), "--audit-log", str(log)]) == 0
    events = [json.loads(x) for x in log.read_text().splitlines()]
    recs = records(out)
    assert sorted(e["input_sha256"] for e in events) == sorted(r["sha256"] for r in recs)
    assert all(e["event"] == "grade" and e["settings"]["via"] == "batch" for e in events)
    assert verify(log).ok
    assert "Priya" not in log.read_text() and "golden set" not in log.read_text()


def test_an_unwritable_audit_log_stops_the_batch_before_unaudited_results(inputs: Path, tmp_path: Path, capsys) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the log's folder should be")
    out = tmp_path / "r.jsonl"
    assert main(["batch", str(inputs), "-o", str(out), "--audit-log", str(blocker / "audit.jsonl"), "-j", "1"]) == 1
    assert all(r["status"] == "failed" for r in records(out))  # nothing graded without its audit line
    assert "audit" in capsys.readouterr().err.splitlines()[-1]


def test_offline_grading_runs_in_a_process_pool_with_records_in_input_order(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "many"
    paths = make_corpus(fixture_sources(FIXTURES), folder, 24)
    shutil.copy(paths[3], folder / "zz-copy-of-t3.txt")  # the same content again: graded once
    out = tmp_path / "r.jsonl"
    assert main(["batch", str(folder), "-o", str(out), "--provider", "offline", "-j", "2", "-q"]) == 0
    assert [r["input"] for r in records(out)] == [str(p) for p in paths]  # as the inputs were given
    assert all(r["status"] == "graded" and r["scorecard"]["grader"]["provider"] == "offline" for r in records(out))
    assert "24 graded, 0 failed, 1 duplicate(s) skipped" in capsys.readouterr().err
    assert main(["batch", str(folder), "-o", str(out), "--provider", "offline", "-j", "2", "--resume", "-q"]) == 0
    assert "0 graded, 0 failed, 25 already done" in capsys.readouterr().err  # the copy too: same work


def test_is_outage_only_for_provider_failures_never_for_the_request() -> None:
    from screener.batch.runner import is_outage
    from screener.errors import ProviderError

    assert is_outage(ProviderError("down", status=503)) and is_outage(ProviderError("overloaded", status=529))
    assert is_outage(ProviderError("timed out"))  # no status: a timeout or a connection error
    assert not is_outage(ProviderError("bad request", status=400))
    assert not is_outage(ProviderError("bad key", status=401)) and not is_outage(ProviderError("limit", status=429))


def test_fallback_grades_on_the_second_provider_when_the_first_is_down(tmp_path: Path, monkeypatch, capsys) -> None:
    folder = tmp_path / "in"
    paths = make_corpus(fixture_sources(FIXTURES), folder, 5)
    manifest = tmp_path / "m.jsonl"
    manifest.write_text("".join(json.dumps({"path": str(p), "requisition": "REQ-1"}) + "\n" for p in paths))
    out = tmp_path / "r.jsonl"
    with FakeAPI(default="503") as primary, FakeAPI() as backup:
        primary.script(["ok", "ok"])  # up for the first two inputs, then down
        monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-test")
        monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
        monkeypatch.setenv("ANTHROPIC_BASE_URL", primary.anthropic_base_url)
        monkeypatch.setenv("OPENAI_BASE_URL", backup.openai_base_url)
        code = main(["batch", str(manifest), "-o", str(out), "--provider", ANTHROPIC, "--fallback",
                     "openai:chat:gpt-4.1-mini", "-j", "1", "--retries", "0"])
    err = capsys.readouterr().err
    assert code == 0, err
    graders = [(r["scorecard"]["grader"]["provider"], r["scorecard"]["grader"]["model"]) for r in records(out)]
    assert graders[:2] == [(ANTHROPIC, "claude-haiku-4-5")] * 2
    assert graders[2:] == [("openai:chat:gpt-4.1-mini", "gpt-4.1-mini")] * 3
    assert "3 graded on the fallback openai:chat:gpt-4.1-mini" in err
    assert "requisition REQ-1 was graded by 2 models" in err
    cards = [r["scorecard"] for r in records(out)]
    assert all(c["needs_human_review"] and any("more than one model" in x for x in c["review_reasons"])
               for c in cards[2:])


def test_without_fallback_an_outage_is_a_failure_record(tmp_path: Path, monkeypatch, capsys) -> None:
    folder = tmp_path / "in"
    make_corpus(fixture_sources(FIXTURES), folder, 2)
    out = tmp_path / "r.jsonl"
    with FakeAPI(default="503") as primary:
        monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-test")
        monkeypatch.setenv("ANTHROPIC_BASE_URL", primary.anthropic_base_url)
        assert main(["batch", str(folder), "-o", str(out), "--provider", ANTHROPIC, "--retries", "0", "-q"]) == 1
    assert [r["status"] for r in records(out)] == ["failed", "failed"]
    assert "on the fallback" not in capsys.readouterr().err


def test_the_static_prompt_is_cached_and_the_summary_reports_what_it_saved(tmp_path: Path, monkeypatch, capsys) -> None:
    folder = tmp_path / "in"
    make_corpus(fixture_sources(FIXTURES), folder, 6)
    with FakeAPI() as api:
        monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-test")
        monkeypatch.setenv("ANTHROPIC_BASE_URL", api.anthropic_base_url)
        assert main(["batch", str(folder), "-o", str(tmp_path / "r.jsonl"), "--provider", ANTHROPIC, "-j", "1"]) == 0
        systems = {json.dumps(r.body["system"]) for r in api.requests_to("/v1/messages")}
    assert len(systems) == 1  # byte-identical across the batch: one prefix for this rubric and role
    assert json.loads(systems.pop())[0]["cache_control"] == {"type": "ephemeral"}
    cached = sum(r["scorecard"]["grader"]["cached_input_tokens"] for r in records(tmp_path / "r.jsonl"))
    assert cached > 0
    err = capsys.readouterr().err
    assert f"{cached} input tokens read from the prompt cache (saved ~$" in err


def test_a_transcript_in_two_requisitions_is_graded_once_and_recorded_for_each_in_input_order(
        tmp_path: Path, capsys) -> None:
    """One row per input (issue 13): the same transcript under two requisitions or two candidates is two records
    from one grading; the same transcript, requisition and candidate twice is a duplicate; failures found on
    reading keep their place in the input order (issue 14)."""
    for name in ("plain.txt", "zoom.vtt", "otter.txt"):
        shutil.copy(FIXTURES / name, tmp_path / name)
    rows = [("plain.txt", "Tomasz Wiśniewski", "REQ-1"), ("plain.txt", "Tomasz Wiśniewski", "REQ-2"),
            ("missing.vtt", "Nobody", "REQ-1"), ("zoom.vtt", "Ana", "REQ-1"), ("zoom.vtt", "Ana", "REQ-1"),
            ("zoom.vtt", "Bea", "REQ-1"), ("otter.txt", "Cy", "REQ-3")]
    manifest = tmp_path / "m.csv"
    manifest.write_text("path,candidate,requisition\n" + "".join(f"{p},{c},{r}\n" for p, c, r in rows),
                        encoding="utf-8")
    out, csv_out = tmp_path / "r.jsonl", tmp_path / "s.csv"
    assert main(["batch", str(manifest), "-o", str(out), "--csv", str(csv_out), "-j", "2"]) == 1  # missing.vtt
    recs = records(out)
    assert [(Path(r["input"]).name, r["candidate"], r["requisition"]) for r in recs] == [
        (p, c, r) for i, (p, c, r) in enumerate(rows) if i != 4]  # the exact duplicate (row 5) is skipped
    assert [r["status"] for r in recs] == ["graded", "graded", "failed", "graded", "graded", "graded"]
    assert recs[0]["scorecard"] == recs[1]["scorecard"] and recs[0]["key"] != recs[1]["key"]
    assert recs[3]["scorecard"] == recs[4]["scorecard"]
    lines = csv_out.read_text(encoding="utf-8").splitlines()
    assert sum("REQ-1" in line and "Wiśniewski" in line for line in lines) == 1
    assert sum("REQ-2" in line and "Wiśniewski" in line for line in lines) == 1
    assert "1 duplicate(s) skipped" in capsys.readouterr().err
    # resume: nothing graded is graded again, the failure is retried (and fails again)
    assert main(["batch", str(manifest), "-o", str(out), "--resume"]) == 1
    assert sum(r["status"] == "graded" for r in records(out)) == 5


def test_the_resume_command_keeps_every_option_the_run_was_started_with() -> None:
    from screener.cli import build_parser
    from screener.commands.batch import resume_command

    args = build_parser().parse_args([
        "batch", "in/", "-o", "out/r.jsonl", "--csv", "s.csv", "-p", "anthropic:messages:claude-sonnet-4-6",
        "--base-url", "http://user:hunter2pw@127.0.0.1:18801/v1", "--retries", "1", "--audit-log", "a.jsonl",
        "--fallback", "offline", "--no-redact", "-j", "4", "--excel", "--role", "ml_engineer"])
    command = resume_command(args)
    for part in ("screener batch in/", "--output out/r.jsonl", "--csv s.csv", "--excel", "--jobs 4",
                 "--fallback offline", "--provider anthropic:messages:claude-sonnet-4-6", "--retries 1",
                 "--audit-log a.jsonl", "--no-redact", "--role ml_engineer", "127.0.0.1:18801/v1"):
        assert part in command, part
    assert command.endswith("--resume") and "hunter2pw" not in command
    assert "--samples" not in command and "--via" not in command  # defaults are not repeated


def test_an_overloaded_provider_529_falls_back_after_its_retries(tmp_path: Path, monkeypatch, capsys) -> None:
    """A run of 529 ("overloaded", no retry-after) is an outage: retried like a 5xx, then the fallback grades the
    input (it was paced as a quota and retried ~30 times per input, so nothing reached the fallback)."""
    folder = tmp_path / "in"
    make_corpus(fixture_sources(FIXTURES), folder, 3)
    out = tmp_path / "r.jsonl"
    with FakeAPI(default="529") as primary:
        monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-test")
        monkeypatch.setenv("ANTHROPIC_BASE_URL", primary.anthropic_base_url)
        code = main(["batch", str(folder), "-o", str(out), "--provider", ANTHROPIC, "--fallback", "offline",
                     "--retries", "1", "-q"])
        calls = primary.counts[529]
    err = capsys.readouterr().err
    assert code == 0, err
    assert [r["scorecard"]["grader"]["provider"] for r in records(out)] == ["offline"] * 3
    assert "3 graded on the fallback offline" in err
    assert calls <= 3 * 4  # the SDK's retry and the batch's: a few calls per input, not dozens
