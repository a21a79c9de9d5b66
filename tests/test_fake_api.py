"""The loopback fake LLM API: wire formats, scripting, recording, routing, rate limits and the CLI entry."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import urllib.error
import urllib.request

import pytest
from pydantic import ValidationError

from screener.prompting import transcript_block
from screener.scorecard import GradeOutput
from screener.testing import BEHAVIOURS, FakeAPI, Reply
from screener.testing.fake_answers import default_grade
from screener.testing.fake_api import LLAMA_CPP_REJECTION
from screener.transcript import Transcript, Turn

CANDIDATE = (
    "I owned the eval harness for our RAG assistant. We went from 31% to 9% wrong citations on a 250-question "
    "golden set after adding a reranker."
)
INTERVIEWER = "Interesting, and how did you decide on the size of that golden set?"
TRANSCRIPT = Transcript(
    format="plain",
    turns=[
        Turn(index=0, speaker="Alex", role="interviewer", text="Tell me about an evaluation you designed yourself."),
        Turn(index=1, speaker="Priya", role="candidate", text=CANDIDATE),
        Turn(index=2, speaker="Alex", role="interviewer", text=INTERVIEWER),
        Turn(index=3, speaker="Priya", role="candidate", text="We bootstrapped confidence intervals on 50-question samples."),
    ],
)
SYSTEM = "Grade.\n## eval_design: Eval design\n## retrieval: Retrieval\n## production: Production\n"


def chat_body(**extra) -> dict:
    body = {
        "model": "m",
        "messages": [
            {"role": "system", "content": SYSTEM},
            {"role": "user", "content": "<transcript>\n" + transcript_block(TRANSCRIPT) + "\n</transcript>"},
        ],
        "response_format": {"type": "json_schema", "json_schema": {"name": "GradeOutput", "schema": {}}},
    }
    body.update(extra)
    return body


def post(url: str, body: object, headers: dict | None = None) -> tuple[int, dict, object]:
    data = json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, method="POST",
                                 headers={"content-type": "application/json", **(headers or {})})
    try:
        with urllib.request.urlopen(req, timeout=5) as resp:
            return resp.status, dict(resp.headers), json.loads(resp.read())
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), json.loads(e.read())


def chat_text(payload: dict) -> str:
    return payload["choices"][0]["message"]["content"]


@pytest.fixture
def api():
    with FakeAPI(retry_after=0.5) as fake:
        yield fake


def test_records_requests_without_auth_headers(api):
    status, _, _ = post(api.openai_base_url + "/chat/completions", chat_body(),
                        {"Authorization": "Bearer sk-secret-1", "X-Api-Key": "sk-secret-2", "X-Trace": "t1"})
    assert status == 200
    (rec,) = api.requests
    assert rec.method == "POST" and rec.path == "/v1/chat/completions"
    assert rec.body["model"] == "m" and rec.behaviour == "ok" and rec.status == 200
    assert rec.headers["x-trace"] == "t1"
    assert "sk-secret" not in json.dumps(rec.headers) and "authorization" not in rec.headers


def test_default_answer_quotes_only_the_candidate_verbatim(api):
    _, _, payload = post(api.openai_base_url + "/chat/completions", chat_body())
    grade = GradeOutput.model_validate_json(chat_text(payload))
    turns = {t.index: t for t in TRANSCRIPT.turns}
    assert [c.id for c in grade.competencies] == ["eval_design", "retrieval", "production"]
    for c in grade.competencies:
        for ev in c.evidence:
            assert turns[ev.turn].role == "candidate" and ev.quote in turns[ev.turn].text
    for claim in grade.quantified_claims:
        assert claim.quote in turns[claim.turn].text
    assert grade.signal == "engineer"


def test_default_answer_without_candidate_turns_is_insufficient_evidence():
    line = '{"turn": 0, "speaker_role": "INTERVIEWER", "speaker": "Alex", "text": "Hello, can you hear me?"}'
    body = {"messages": [{"role": "user", "content": line}]}
    grade = GradeOutput.model_validate(default_grade(body, "chat"))
    assert grade.signal == "insufficient_evidence" and all(c.score is None for c in grade.competencies)


def test_default_answer_reads_the_real_grader_prompt():
    from screener.prompting import render_grader_prompt
    from screener.rubric import load_rubric

    competencies = load_rubric().for_role("ai_engineer")
    prompt = render_grader_prompt(competencies, "ai_engineer", transcript_block(TRANSCRIPT))
    body = {"system": [{"type": "text", "text": prompt.system}],
            "messages": [{"role": "user", "content": prompt.user}]}
    grade = GradeOutput.model_validate(default_grade(body, "messages"))
    assert [c.id for c in grade.competencies] == [c.id for c in competencies]
    assert any(ev.quote in CANDIDATE for c in grade.competencies for ev in c.evidence)


def test_script_is_consumed_in_order_then_the_default_applies(api):
    api.script(["500", "503", "ok"])
    api.default = "not_json"
    url = api.openai_base_url + "/chat/completions"
    statuses = [post(url, chat_body())[0] for _ in range(4)]
    assert statuses == [500, 503, 200, 200]
    assert [r.behaviour for r in api.requests] == ["500", "503", "ok", "not_json"]
    assert api.counts == {500: 1, 503: 1, 200: 2} and api.pending() == []


def test_429_carries_retry_after(api):
    api.script(["429"])
    status, headers, body = post(api.openai_base_url + "/chat/completions", chat_body())
    assert status == 429 and headers["retry-after"] == "0.5"
    assert body["error"]["code"] == "rate_limit_exceeded"


def test_529_is_anthropic_overloaded_error(api):
    api.script(["529"])
    body = {"model": "claude", "max_tokens": 10, "messages": [{"role": "user", "content": "hi"}]}
    status, _, payload = post(api.url + "/v1/messages", body)
    assert status == 529
    assert payload["type"] == "error" and payload["error"]["type"] == "overloaded_error"


def test_reject_json_schema_is_llama_cpp_exact_and_only_for_json_schema(api):
    api.default = "reject_json_schema"
    url = api.openai_base_url + "/chat/completions"
    status, _, payload = post(url, chat_body())
    assert status == 500 and payload == LLAMA_CPP_REJECTION
    assert "Input should be 'text' or 'json_object'" in payload["error"]["message"]
    status, _, payload = post(url, chat_body(response_format={"type": "json_object"}))
    assert status == 200
    GradeOutput.model_validate_json(chat_text(payload))


def test_truncated_is_a_cut_off_prefix_on_every_endpoint(api):
    full = json.loads(chat_text(post(api.openai_base_url + "/chat/completions", chat_body())[2]))
    api.default = "truncated"
    _, _, chat = post(api.openai_base_url + "/chat/completions", chat_body())
    assert chat["choices"][0]["finish_reason"] == "length"
    assert json.dumps(full).startswith(chat_text(chat)) and len(chat_text(chat)) < len(json.dumps(full))
    _, _, msg = post(api.url + "/v1/messages", {"model": "c", "max_tokens": 5, "messages": chat_body()["messages"][1:]})
    assert msg["stop_reason"] == "max_tokens"
    _, _, resp = post(api.openai_base_url + "/responses", {"model": "g", "input": "x"})
    assert resp["status"] == "incomplete" and resp["incomplete_details"]["reason"] == "max_output_tokens"


def test_bad_answers_fail_validation_in_the_expected_ways(api):
    url = api.openai_base_url + "/chat/completions"
    api.script(["invalid_schema", "not_json"])
    wrong_fields = chat_text(post(url, chat_body())[2])
    json.loads(wrong_fields)
    with pytest.raises(ValidationError):
        GradeOutput.model_validate_json(wrong_fields)
    with pytest.raises(ValueError):
        json.loads(chat_text(post(url, chat_body())[2]))


def test_quote_behaviours_produce_valid_but_unfaithful_scorecards(api):
    url = api.openai_base_url + "/chat/completions"
    api.script(["ungrounded_quotes", "interviewer_quotes", "inflated"])
    ungrounded, interviewer, inflated = (GradeOutput.model_validate_json(chat_text(post(url, chat_body())[2]))
                                         for _ in range(3))
    everything = TRANSCRIPT.numbered()
    assert all(e.quote not in everything for c in ungrounded.competencies for e in c.evidence)
    interviewer_texts = {t.index: t.text for t in TRANSCRIPT.interviewer_turns}
    for c in interviewer.competencies:
        for e in c.evidence:
            assert e.turn in interviewer_texts and e.quote in interviewer_texts[e.turn]
    assert inflated.recommendation == "strong_hire" and inflated.signal == "engineer"
    candidate_texts = {t.index: t.text for t in TRANSCRIPT.candidate_turns}
    assert all(e.quote in candidate_texts[e.turn] for c in inflated.competencies for e in c.evidence)
    assert all(c.score == 4 for c in inflated.competencies)


def test_anthropic_tool_use_requests_get_a_tool_use_block(api):
    body = {"model": "c", "max_tokens": 100, "system": SYSTEM, "messages": chat_body()["messages"][1:],
            "tools": [{"name": "record", "input_schema": {}}], "tool_choice": {"type": "tool", "name": "record"}}
    _, _, msg = post(api.url + "/v1/messages", body)
    (block,) = msg["content"]
    assert block["type"] == "tool_use" and block["name"] == "record" and msg["stop_reason"] == "tool_use"
    GradeOutput.model_validate(block["input"])


def test_401_answers_unauthorized(api):
    api.script(["401"])
    status, _, payload = post(api.openai_base_url + "/chat/completions", chat_body(), {"Authorization": "Bearer k"})
    assert status == 401 and payload["error"]["code"] == "invalid_api_key"


def test_custom_responder_and_routes(api):
    api.responder = lambda body, endpoint: json.dumps({"endpoint": endpoint, "model": body["model"]})
    _, _, payload = post(api.openai_base_url + "/responses", {"model": "g", "input": "hi"})
    assert json.loads(payload["output"][0]["content"][0]["text"]) == {"endpoint": "responses", "model": "g"}

    api.add_route("POST", "/v1/messages/batches", lambda req: Reply(200, {"id": "batch_1", "n": len(req.body["requests"])}))
    status, _, payload = post(api.url + "/v1/messages/batches", {"requests": [{}, {}]})
    assert status == 200 and payload == {"id": "batch_1", "n": 2}  # the longest prefix wins over /v1/messages
    status, _, payload = post(api.url + "/v2/unknown", {})
    assert status == 404 and "no route" in payload["error"]["message"]


def test_a_failing_route_answers_500_and_the_server_keeps_serving(api):
    def broken(req):
        raise RuntimeError("boom")

    api.add_route("POST", "/v1/broken", broken)
    assert post(api.url + "/v1/broken", {})[0] == 500
    assert post(api.openai_base_url + "/chat/completions", chat_body())[0] == 200


def test_rate_limit_answers_429_with_a_computed_retry_after():
    with FakeAPI(rate_limit=1.0) as api:
        url = api.openai_base_url + "/chat/completions"
        first, second = post(url, chat_body()), post(url, chat_body())
    assert first[0] == 200
    assert second[0] == 429 and 0 < float(second[1]["retry-after"]) <= 1.0
    assert api.requests[1].behaviour == "rate_limited"


def test_fail_rates_are_random_but_reproducible_with_a_seed():
    def sequence(seed: int) -> list[int]:
        with FakeAPI(fail_rates={"500": 0.3, "truncated": 0.3}, seed=seed) as api:
            url = api.openai_base_url + "/chat/completions"
            return [post(url, chat_body())[0] for _ in range(30)]

    one, two = sequence(7), sequence(7)
    assert one == two
    assert 500 in one and 200 in one


def test_unknown_behaviour_is_rejected():
    with pytest.raises(ValueError, match="unknown behaviour 'teapot'"):
        FakeAPI(default="teapot")
    api = FakeAPI()
    with pytest.raises(ValueError, match="use one of"):
        api.script(["ok", "418"])
    assert "inflated" in BEHAVIOURS


def test_command_line_entry_serves_until_interrupted():
    proc = subprocess.Popen(
        [sys.executable, "-m", "screener.testing.fake_api", "--port", "0", "--latency", "0", "--rate-limit", "100"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        line = proc.stdout.readline()
        base = re.search(r"OPENAI_BASE_URL=(\S+)", line).group(1)
        status, _, payload = post(base + "/chat/completions", chat_body())
        assert status == 200
        GradeOutput.model_validate_json(chat_text(payload))
    finally:
        os.kill(proc.pid, signal.SIGINT)
        proc.wait(timeout=10)
    assert proc.returncode == 0


def test_command_line_rejects_bad_arguments():
    proc = subprocess.run([sys.executable, "-m", "screener.testing.fake_api", "--fail-rate", "500"],
                          capture_output=True, text=True, timeout=30)
    assert proc.returncode == 2 and "BEHAVIOUR=PROBABILITY" in proc.stderr


def anthropic_body(system: str = SYSTEM, user: str = "<transcript>\nCandidate: hello\n</transcript>") -> dict:
    return {"model": "m", "max_tokens": 100,
            "system": [{"type": "text", "text": system, "cache_control": {"type": "ephemeral"}}],
            "messages": [{"role": "user", "content": user}]}


def test_request_limit_is_a_refilled_bucket_reported_in_anthropic_headers():
    with FakeAPI(requests_limit=2, limit_window=60) as api:
        url = api.anthropic_base_url + "/v1/messages"
        answers = [post(url, anthropic_body()) for _ in range(3)]
    (s1, h1, _), (s2, h2, _), (s3, h3, _) = answers
    assert (s1, s2, s3) == (200, 200, 429)
    h1, h3 = {k.lower(): v for k, v in h1.items()}, {k.lower(): v for k, v in h3.items()}
    assert h1["anthropic-ratelimit-requests-limit"] == "2" and h1["anthropic-ratelimit-requests-remaining"] == "1"
    assert h3["anthropic-ratelimit-requests-remaining"] == "0"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z", h3["anthropic-ratelimit-requests-reset"])
    assert 29 <= int(h3["retry-after"]) <= 31  # one request refills in 60 s / 2, whole seconds on the wire
    assert "x-ratelimit-limit-requests" not in h1


def test_token_limit_counts_input_tokens_and_skips_anthropic_cache_reads():
    with FakeAPI(input_tokens_limit=100_000) as api:
        url = api.anthropic_base_url + "/v1/messages"
        system = "Grade the interview. " * 400  # ~2,000 tokens, cached after the first request
        _, first, _ = post(url, anthropic_body(system))
        _, second, _ = post(url, anthropic_body(system))
    used_first = 100_000 - int(first["anthropic-ratelimit-input-tokens-remaining"])
    used_second = int(first["anthropic-ratelimit-input-tokens-remaining"]) - int(
        second["anthropic-ratelimit-input-tokens-remaining"])
    assert used_first > 2000 and used_second < used_first - 1500  # the cache read did not count
    assert api.admitted_tokens == pytest.approx(used_first + used_second, abs=50)  # minus a few ms of refill


def test_openai_headers_give_reset_durations_and_count_every_token():
    with FakeAPI(requests_limit=10, input_tokens_limit=50_000, limit_window=1) as api:
        url = api.openai_base_url + "/chat/completions"
        status, headers, _ = post(url, chat_body())
    h = {k.lower(): v for k, v in headers.items()}
    assert status == 200
    assert (h["x-ratelimit-limit-requests"], h["x-ratelimit-remaining-requests"]) == ("10", "9")
    assert re.fullmatch(r"\d+ms", h["x-ratelimit-reset-requests"])  # 1 request of 10 per second: 100ms
    assert int(h["x-ratelimit-remaining-tokens"]) < 50_000
    assert re.fullmatch(r"\d+(\.\d+)?(ms|s)", h["x-ratelimit-reset-tokens"])


def test_limits_can_be_enforced_without_headers():
    with FakeAPI(requests_limit=1, rate_limit_headers=False) as api:
        url = api.openai_base_url + "/chat/completions"
        (s1, h1, _), (s2, h2, _) = post(url, chat_body()), post(url, chat_body())
    assert (s1, s2) == (200, 429) and "retry-after" in {k.lower() for k in h2}
    assert not any(k.lower().startswith("x-ratelimit") for k in h1)
