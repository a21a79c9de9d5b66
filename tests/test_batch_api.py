"""``--via batch-api`` against loopback fakes of Anthropic Message Batches and the OpenAI Batch API."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from screener.batch.corpus import fixture_sources, make_corpus
from screener.cli import main
from screener.testing.fake_api import FakeAPI
from screener.testing.fake_batch_api import install

FIXTURES = Path(__file__).parent / "fixtures" / "transcripts"
PROVIDERS = {
    "anthropic": ("anthropic:messages:claude-haiku-4-5", "ANTHROPIC_API_KEY", "ANTHROPIC_BASE_URL", "anthropic_base_url"),
    "openai": ("openai:chat:gpt-4.1-mini", "OPENAI_API_KEY", "OPENAI_BASE_URL", "openai_base_url"),
}


def records(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.read_text().splitlines() if x.strip()]


def _env(monkeypatch, api: FakeAPI, kind: str) -> str:
    provider, key_var, url_var, attr = PROVIDERS[kind]
    monkeypatch.setenv(key_var, "sk-test-key")
    monkeypatch.setenv(url_var, getattr(api, attr))
    return provider


@pytest.mark.parametrize("kind", ["anthropic", "openai"])
def test_batch_api_grades_validates_and_records_failures(kind: str, tmp_path: Path, monkeypatch, capsys) -> None:
    folder = tmp_path / "in"
    paths = make_corpus(fixture_sources(FIXTURES), folder, 7)
    out = tmp_path / "r.jsonl"
    with FakeAPI() as api:
        batches = install(api, polls_until_done=3)
        provider = _env(monkeypatch, api, kind)
        api.script(["ok", "truncated", "not_json", "500", "ungrounded_quotes"])
        rc = main(["batch", str(folder), "-o", str(out), "--provider", provider, "--via", "batch-api",
                   "--chunk-size", "4", "--poll-interval", "0.01"])
        llm_calls = sum(1 for r in api.requests if r.path.endswith(("/messages", "/chat/completions")))
    assert rc == 1
    assert len(batches.created) == 2  # 7 inputs in chunks of 4
    assert llm_calls == 0  # everything went through the batch endpoints
    recs = {r["input"]: r for r in records(out)}
    assert sorted(recs) == sorted(str(p) for p in paths)
    by_status = {s: [r for r in recs.values() if r["status"] == s] for s in ("graded", "failed")}
    assert len(by_status["graded"]) == 4 and len(by_status["failed"]) == 3
    errors = " | ".join(r["error"] for r in by_status["failed"])
    assert "cut off at the output token limit" in errors
    assert "not valid JSON" in errors
    assert "500" in errors or "Internal server error" in errors
    for r in by_status["graded"]:
        card = r["scorecard"]
        assert card["grader"]["provider"] == provider and card["grader"]["redacted"]
        assert all(ev["quote"] for c in card["competencies"] for ev in c["evidence"])
    # the fabricated quotes were not in the candidate's words: grounding dropped them, as on the live path
    assert any(r["scorecard"]["ungrounded_quotes"] > 0 for r in by_status["graded"])
    assert not (tmp_path / "r.jsonl.batch-state.json").exists()  # nothing pending any more
    assert "submitted provider batch" in capsys.readouterr().err


def test_anthropic_batch_requests_match_the_live_request(tmp_path: Path, monkeypatch) -> None:
    folder = tmp_path / "in"
    make_corpus(fixture_sources(FIXTURES), folder, 2)
    with FakeAPI() as api:
        install(api)
        provider = _env(monkeypatch, api, "anthropic")
        assert main(["batch", str(folder), "-o", str(tmp_path / "r.jsonl"), "--provider", provider, "--via",
                     "batch-api", "--poll-interval", "0.01", "-q"]) == 0
        created = api.requests_to("/v1/messages/batches")[0].body
    params = created["requests"][0]["params"]
    assert params["system"][0]["cache_control"] == {"type": "ephemeral"}  # the static prompt is cached
    assert params["output_config"]["format"]["type"] == "json_schema"
    assert "[CANDIDATE]" in params["messages"][0]["content"]  # names redacted before leaving the machine


def test_an_interrupted_batch_is_fetched_by_id_on_resume_not_submitted_again(tmp_path: Path, monkeypatch) -> None:
    folder = tmp_path / "in"
    paths = make_corpus(fixture_sources(FIXTURES), folder, 5)
    out = tmp_path / "r.jsonl"
    state = tmp_path / "r.jsonl.batch-state.json"
    with FakeAPI() as api:
        batches = install(api, polls_until_done=3)
        env = {**os.environ, "ANTHROPIC_API_KEY": "sk-test-key", "ANTHROPIC_BASE_URL": api.anthropic_base_url,
               "PYTHONWARNINGS": "ignore"}
        proc = subprocess.Popen(
            [sys.executable, "-m", "screener.cli", "batch", str(folder), "-o", str(out), "--provider",
             PROVIDERS["anthropic"][0], "--via", "batch-api", "--poll-interval", "60", "-q"],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        try:
            deadline = time.monotonic() + 60
            while not state.exists() and proc.poll() is None and time.monotonic() < deadline:
                time.sleep(0.01)
            assert state.exists(), "the batch id is saved as soon as the batch is submitted"
            os.kill(proc.pid, signal.SIGKILL)
        finally:
            proc.wait(timeout=30)
        assert len(batches.created) == 1
        saved = json.loads(state.read_text())["pending"][0]["id"]
        assert saved == batches.created[0]

        provider = _env(monkeypatch, api, "anthropic")
        # without --resume the pending batch is not silently abandoned or submitted twice
        assert main(["batch", str(folder), "-o", str(out), "--provider", provider, "--via", "batch-api"]) == 2
        assert main(["batch", str(folder), "-o", str(out), "--provider", provider, "--via", "batch-api",
                     "--resume", "--poll-interval", "0.01", "-q"]) == 0
        assert batches.created == [saved]  # fetched by id, not submitted again
    recs = records(out)
    assert sorted(r["input"] for r in recs) == sorted(str(p) for p in paths)
    assert all(r["status"] == "graded" for r in recs)
    assert not state.exists() and not list(tmp_path.glob("r.jsonl.batch-*.jsonl"))


def test_a_whole_batch_that_fails_becomes_failure_records_and_resume_resubmits(tmp_path: Path, monkeypatch) -> None:
    folder = tmp_path / "in"
    make_corpus(fixture_sources(FIXTURES), folder, 3)
    out = tmp_path / "r.jsonl"
    with FakeAPI() as api:
        batches = install(api, fail_batches=True)
        provider = _env(monkeypatch, api, "openai")
        assert main(["batch", str(folder), "-o", str(out), "--provider", provider, "--via", "batch-api",
                     "--poll-interval", "0.01", "-q"]) == 1
        recs = records(out)
        assert len(recs) == 3 and all("failed" in r["error"] for r in recs if r["status"] == "failed")
        assert all(r["status"] == "failed" for r in recs)
        batches.fail_batches = False
        assert main(["batch", str(folder), "-o", str(out), "--provider", provider, "--via", "batch-api",
                     "--resume", "--poll-interval", "0.01", "-q"]) == 0
        assert len(batches.created) == 2
    recs = records(out)
    assert len(recs) == 3 and all(r["status"] == "graded" for r in recs)
