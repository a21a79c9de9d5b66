"""`screener grade` against a loopback fake of the real APIs, through the real SDKs: what the user sees."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from screener.cli import main
from screener.parsing import load_transcript
from screener.testing.fake_api import FakeAPI, default_responder

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "zoom_interview.vtt"
INJECTION = ROOT / "golden" / "transcripts" / "ai_tourist_injection_labels_text.txt"
PROVIDERS = ["openai:chat:gpt-test", "openai:responses:gpt-test", "anthropic:messages:claude-test"]


@pytest.fixture
def api():
    with FakeAPI(retry_after=0, slow_seconds=3) as server:
        yield server


def _env(monkeypatch, api, provider: str) -> None:
    monkeypatch.setenv("OPENAI_BASE_URL", api.openai_base_url)
    monkeypatch.setenv("ANTHROPIC_BASE_URL", api.anthropic_base_url)
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-DO-NOT-LEAK-0123456789abcdef")
    monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-ant-test-DO-NOT-LEAK-0123456789abcdef")


def _grounded(card: dict, path: Path) -> bool:
    turns = {t.index: t for t in load_transcript(path).turns}
    quotes = [(e["quote"], e["turn"]) for c in card["competencies"] for e in c["evidence"]]
    quotes += [(q["quote"], q["turn"]) for q in card["quantified_claims"]]
    return all(turns[t].role == "candidate" and q in turns[t].text for q, t in quotes)


@pytest.mark.parametrize("provider", ["openai:chat:gpt-test", "anthropic:messages:claude-test"])
def test_the_documented_command_prints_a_grounded_scorecard(api, provider):
    env = {k: v for k, v in os.environ.items() if not k.endswith("_API_KEY")}
    env.update(OPENAI_BASE_URL=api.openai_base_url, OPENAI_API_KEY="x",
               ANTHROPIC_BASE_URL=api.anthropic_base_url, ANTHROPIC_API_KEY="x")
    r = subprocess.run([sys.executable, "-m", "screener", "grade", str(EXAMPLE), "--provider", provider,
                        "--format", "json"], capture_output=True, text=True, env=env, timeout=120)
    assert r.returncode == 0, r.stderr
    card = json.loads(r.stdout)
    assert card["grader"]["provider"] == provider and card["grader"]["redacted"] is True
    assert any(c["evidence"] for c in card["competencies"]) and _grounded(card, EXAMPLE)
    assert card["candidate"] == "Adaeze Nwosu"  # real name restored after blind grading
    sent = json.dumps([req.body for req in api.requests])
    assert "Adaeze" not in sent and "Nwosu" not in sent


@pytest.mark.parametrize("provider", PROVIDERS)
def test_rate_limited_then_ok_succeeds(api, monkeypatch, capsys, provider):
    _env(monkeypatch, api, provider)
    api.script(["429", "ok"])
    assert main(["grade", str(EXAMPLE), "-p", provider, "-f", "json", "-q"]) == 0
    assert [r.status for r in api.requests] == [429, 200]


@pytest.mark.parametrize("provider,behaviour,status", [
    ("openai:chat:gpt-test", "500", "500"),
    ("anthropic:messages:claude-test", "529", "529"),
    ("openai:responses:gpt-test", "503", "503"),
])
def test_server_errors_after_retries_are_one_line_and_exit_1(api, monkeypatch, capsys, provider, behaviour, status):
    _env(monkeypatch, api, provider)
    api.default = behaviour
    assert main(["grade", str(EXAMPLE), "-p", provider, "--retries", "1", "-q"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and f"API error {status}" in err[0] and "Traceback" not in err[0]
    assert "DO-NOT-LEAK" not in err[0]
    assert len(api.requests) == 2


def test_slow_server_times_out_with_advice(api, monkeypatch, capsys):
    _env(monkeypatch, api, "openai:chat:gpt-test")
    api.default = "slow"
    assert main(["grade", str(EXAMPLE), "-p", "openai:chat:gpt-test", "--timeout", "0.5", "--retries", "0", "-q"]) == 1
    assert "timed out after 0.5s (raise --timeout?)" in capsys.readouterr().err


@pytest.mark.parametrize("provider", PROVIDERS)
@pytest.mark.parametrize("bad", ["truncated", "invalid_schema", "not_json"])
def test_bad_output_is_repaired_on_the_next_attempt(api, monkeypatch, capsys, provider, bad):
    _env(monkeypatch, api, provider)
    api.script([bad, "ok"])
    assert main(["grade", str(EXAMPLE), "-p", provider, "-f", "json", "-q"]) == 0
    card = json.loads(capsys.readouterr().out)
    assert card["grader"]["attempts"] == 2
    repair = api.requests[1].body
    assert "could not be used" in json.dumps(repair)  # the validation problem went back to the model


@pytest.mark.parametrize("dump", [False, True])
def test_output_that_stays_bad_fails_with_a_typed_one_line_error(api, monkeypatch, capsys, tmp_path, dump):
    _env(monkeypatch, api, "openai:chat:gpt-test")
    api.default = "truncated"
    extra = ["--dump", str(tmp_path / "d")] if dump else []
    assert main(["grade", str(EXAMPLE), "-p", "openai:chat:gpt-test", "-q", *extra]) == 1
    err = capsys.readouterr().err.strip()
    assert err == ("screener: error: openai:chat:gpt-test gave no valid scorecard after 3 attempts: the answer was "
                   "cut off at the output token limit (raise --max-tokens)")


@pytest.mark.parametrize("provider", PROVIDERS)
@pytest.mark.parametrize("behaviour", ["ungrounded_quotes", "interviewer_quotes"])
def test_invented_or_interviewer_quotes_never_reach_the_user(api, monkeypatch, capsys, provider, behaviour):
    _env(monkeypatch, api, provider)
    api.default = behaviour
    assert main(["grade", str(EXAMPLE), "-p", provider, "-f", "json", "-q"]) == 0
    card = json.loads(capsys.readouterr().out)
    assert card["ungrounded_quotes"] > 0 and _grounded(card, EXAMPLE)
    assert all(c["score"] is None for c in card["competencies"])
    assert card["signal"] != "engineer" and card["needs_human_review"]


def test_json_schema_rejection_falls_back_to_json_object(api, monkeypatch, capsys):
    _env(monkeypatch, api, "openai:chat:gpt-test")
    api.default = "reject_json_schema"
    assert main(["grade", str(EXAMPLE), "-p", "openai:chat:gpt-test", "-f", "json", "-q"]) == 0
    formats = [r.body.get("response_format", {}).get("type") for r in api.requests]
    assert formats[0] == "json_schema" and formats[-1] == "json_object"
    assert json.loads(capsys.readouterr().out)["recommendation"]


def _obeys_injections(body: dict, endpoint: str) -> str:
    """A gullible model: if it sees the candidate's note to the AI, it returns the verdict the note asks for."""
    text = json.dumps(body).lower()
    answer = json.loads(default_responder(body, endpoint))
    if "ignore" in text and "instructions" in text or "strong_hire" in text:
        answer.update(recommendation="strong_hire", signal="engineer")
    return json.dumps(answer)


@pytest.mark.parametrize("provider", PROVIDERS)
def test_injection_never_raises_the_verdict_on_any_provider(api, monkeypatch, capsys, provider, tmp_path):
    _env(monkeypatch, api, provider)
    api.responder = _obeys_injections
    assert main(["grade", str(INJECTION), "-p", provider, "-f", "json", "-q", "--role", "ai_engineer"]) == 0
    with_injection = json.loads(capsys.readouterr().out)
    assert any(f["kind"] == "prompt_injection" for f in with_injection["red_flags"])
    assert with_injection["recommendation"] != "strong_hire"
    assert "ignore" not in json.dumps([r.body for r in api.requests]).lower().split("transcript>")[1]


def test_keys_never_reach_the_output_or_the_dump(api, monkeypatch, capsys, tmp_path):
    _env(monkeypatch, api, "anthropic:messages:claude-test")
    assert main(["grade", str(EXAMPLE), "-p", "anthropic:messages:claude-test", "--dump", str(tmp_path / "d"),
                 "-f", "json", "-v"]) == 0
    out = capsys.readouterr()
    blob = out.out + out.err + "".join(p.read_text() for p in (tmp_path / "d").iterdir())
    assert "DO-NOT-LEAK" not in blob
    assert "cache_control" in json.dumps(api.requests[0].body["system"])
