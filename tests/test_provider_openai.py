"""The OpenAI provider (chat, responses) and ollama through the real SDK against the loopback FakeAPI."""

from __future__ import annotations

import asyncio
import json
import logging
import socket

import pytest

from screener.errors import MissingKeyError, ProviderError, UsageError
from screener.providers import GenerateRequest, Message, ProviderOptions, get_provider
from screener.providers.openai_api import OllamaProvider, OpenAIProvider, create, create_ollama
from screener.scorecard import GradeOutput
from screener.testing import FakeAPI, Reply
from screener.testing.fake_answers import uses_json_schema
from screener.transcript import Transcript, Turn

KEY = "sk-proj-FAKE-Hn4kTESTKEY-do-not-leak-93be"
SYSTEM = "You grade interviews.\n\n## eval_design: Eval design\nLevels 1-4.\n"
ANSWER = (
    "We built a 400-example golden set from real support tickets. The hallucination rate went from 12% to 3% "
    "after we added a retrieval check, measured on the same set."
)
TRANSCRIPT = Transcript(
    format="plain",
    turns=[
        Turn(index=0, speaker="Sam", role="interviewer", text="Walk me through an eval suite you built."),
        Turn(index=1, speaker="Priya", role="candidate", text=ANSWER),
    ],
)
PATHS = {"chat": "/v1/chat/completions", "responses": "/v1/responses"}


def request(extra: list[Message] | None = None) -> GenerateRequest:
    user = Message(role="user", content=f"Grade this.\n<transcript>\n{TRANSCRIPT.numbered()}\n</transcript>")
    return GenerateRequest(system=SYSTEM, messages=[user, *(extra or [])], output_type=GradeOutput)


@pytest.fixture
def api():
    with FakeAPI(retry_after=0.1, slow_seconds=3) as fake:
        yield fake


@pytest.fixture(autouse=True)
def _env(monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    monkeypatch.delenv("OPENAI_BASE_URL", raising=False)
    monkeypatch.delenv("OLLAMA_API_KEY", raising=False)


def provider(api: FakeAPI, kind: str = "chat", **opts) -> OpenAIProvider:
    options = ProviderOptions(base_url=api.openai_base_url, timeout=opts.pop("timeout", 5), **opts)
    p = create(kind, "gpt-4o-mini", options)
    assert isinstance(p, OpenAIProvider)
    return p


def run_many(p: OpenAIProvider, reqs: list[GenerateRequest]):
    async def go():
        try:
            return [await p.generate(r) for r in reqs]
        finally:
            await p.aclose()

    return asyncio.run(go())


def run(p: OpenAIProvider, req: GenerateRequest):
    return run_many(p, [req])[0]


@pytest.mark.parametrize("kind", ["chat", "responses"])
def test_valid_answer_is_raw_json_with_usage_and_model(api, kind):
    gens = run_many(provider(api, kind), [request(), request()])
    for gen in gens:
        grade = GradeOutput.model_validate_json(gen.text)
        assert all(e.quote in ANSWER for c in grade.competencies for e in c.evidence)
        assert gen.model == "gpt-4o-mini" and gen.stop_reason in ("stop", "completed")
        assert gen.usage.input_tokens > 0 and gen.usage.output_tokens > 0
    # the repeated system prompt is reported as cached input by the (fake) server
    assert gens[0].usage.cached_input_tokens == 0 < gens[1].usage.cached_input_tokens


def test_chat_sends_strict_json_schema_in_response_format(api):
    run(provider(api, "chat", temperature=0.0, max_tokens=999), request())
    body = api.requests_to(PATHS["chat"])[0].body
    rf = body["response_format"]
    assert rf["type"] == "json_schema"
    assert rf["json_schema"]["strict"] is True and rf["json_schema"]["name"] == "GradeOutput"
    schema = rf["json_schema"]["schema"]
    assert set(schema["required"]) == set(GradeOutput.model_fields) and schema["additionalProperties"] is False
    assert body["messages"][0] == {"role": "system", "content": SYSTEM}
    assert body["temperature"] == 0.0
    assert body["max_tokens"] == 999  # compatible servers know max_tokens


def test_responses_sends_schema_in_text_format_and_does_not_store(api):
    run(provider(api, "responses", max_tokens=777), request())
    body = api.requests_to(PATHS["responses"])[0].body
    fmt = body["text"]["format"]
    assert fmt["type"] == "json_schema" and fmt["strict"] is True and fmt["name"] == "GradeOutput"
    assert set(fmt["schema"]["properties"]) == set(GradeOutput.model_fields)
    assert body["instructions"] == SYSTEM
    assert body["max_output_tokens"] == 777 and body["store"] is False


def test_official_endpoint_uses_max_completion_tokens():
    p = create("chat", "gpt-5-mini", ProviderOptions(max_tokens=500))
    params = p.request_params(request())
    assert p.official and params["max_completion_tokens"] == 500 and "max_tokens" not in params
    assert p.base_url == "https://api.openai.com/v1"


@pytest.mark.parametrize("kind", ["chat", "responses"])
def test_repair_turns_are_forwarded_in_order(api, kind):
    repair = [Message(role="assistant", content="not json"), Message(role="user", content="Fix it: JSON only.")]
    run(provider(api, kind), request(repair))
    body = api.requests_to(PATHS[kind])[0].body
    turns = body["messages"][1:] if kind == "chat" else body["input"]
    assert [(t["role"], t["content"][:8]) for t in turns] == [
        ("user", "Grade th"), ("assistant", "not json"), ("user", "Fix it: "),
    ]


@pytest.mark.parametrize("kind", ["chat", "responses"])
def test_429_with_retry_after_is_retried_then_succeeds(api, kind):
    api.script(["429", "ok"])
    gen = run(provider(api, kind, retries=2), request())
    GradeOutput.model_validate_json(gen.text)
    assert api.counts[429] == 1 and api.counts[200] == 1


def test_429_after_the_first_request_uses_the_sdk_retries(api):
    api.script(["ok", "429", "ok"])
    gens = run_many(provider(api, retries=1), [request(), request()])
    assert len(gens) == 2 and api.counts[429] == 1


@pytest.mark.parametrize("kind", ["chat", "responses"])
def test_repeated_500_raises_provider_error_after_all_retries(api, kind):
    api.default = "500"
    with pytest.raises(ProviderError) as info:
        run(provider(api, kind, retries=2), request())
    assert info.value.status == 500
    assert str(info.value).startswith("openai API error 500: Internal server error (after 2 retries")
    assert len(api.requests) == 3


def test_slow_answer_times_out_with_a_hint(api):
    api.script(["slow"])
    with pytest.raises(ProviderError) as info:
        run(provider(api, timeout=0.3, retries=0), request())
    assert "timed out after 0.3s (raise --timeout?)" in str(info.value)


@pytest.mark.parametrize("kind", ["chat", "responses"])
def test_truncated_answer_reports_max_tokens(api, kind):
    api.script(["truncated"])
    gen = run(provider(api, kind), request())
    assert gen.stop_reason == "max_tokens"
    with pytest.raises(ValueError):
        json.loads(gen.text)


@pytest.mark.parametrize("kind", ["chat", "responses"])
def test_json_schema_rejection_falls_back_to_json_object_for_good(api, kind, caplog):
    caplog.set_level(logging.INFO, logger="screener")
    api.default = "reject_json_schema"  # llama-cpp-python: HTTP 500 for every json_schema request
    p = provider(api, kind, retries=3)
    gens = run_many(p, [request(), request()])
    for gen in gens:
        GradeOutput.model_validate_json(gen.text)
    assert p.fallback_used and not p.structured_output
    bodies = [r.body for r in api.requests_to(PATHS[kind])]
    # one rejected probe (no retries burnt on it), then json_object only
    assert [uses_json_schema(b, kind) for b in bodies] == [True, False, False]
    assert api.counts[500] == 1
    fmt = bodies[1]["response_format"] if kind == "chat" else bodies[1]["text"]["format"]
    assert fmt == {"type": "json_object"}
    systems = [b["messages"][0]["content"] if kind == "chat" else b["instructions"] for b in bodies[1:]]
    assert systems[0] == systems[1]  # still byte-identical from transcript to transcript
    assert systems[0].startswith(SYSTEM) and "JSON schema" in systems[0]
    appended = json.loads(systems[0][len(SYSTEM):].split(":\n", 1)[1])
    assert set(appended["properties"]) == set(GradeOutput.model_fields)
    assert "rejected json_schema" in caplog.text


def test_400_naming_response_format_also_falls_back(api):
    def strict_server(req):  # a server that answers 400 to json_schema, like some vLLM/Ollama versions
        if uses_json_schema(req.body, "chat"):
            return Reply(400, {"error": {"message": "response_format type json_schema is not supported"}})
        return api.respond("chat", req.body)[1]

    api.add_route("POST", "/v1/chat/completions", strict_server)
    p = provider(api)
    gen = run(p, request())
    GradeOutput.model_validate_json(gen.text)
    assert p.fallback_used and api.counts[400] == 1 and api.counts[200] == 1


def test_other_400_errors_do_not_fall_back(api):
    api.add_route("POST", "/v1/chat/completions", lambda req: Reply(400, {"error": {"message": "model not found"}}))
    p = provider(api)
    with pytest.raises(ProviderError) as info:
        run(p, request())
    assert info.value.status == 400 and "model not found" in str(info.value) and not p.fallback_used


def test_first_request_500_then_ok_is_retried_without_fallback(api):
    api.script(["500", "ok"])
    p = provider(api, retries=1)
    GradeOutput.model_validate_json(run(p, request()).text)
    assert not p.fallback_used and api.counts[500] == 1


def test_missing_key_names_the_variable(monkeypatch):
    monkeypatch.delenv("OPENAI_API_KEY")
    with pytest.raises(MissingKeyError) as info:
        create("chat", "gpt-4o-mini", ProviderOptions())
    assert info.value.env_var == "OPENAI_API_KEY" and "OPENAI_API_KEY" in str(info.value)
    with pytest.raises(MissingKeyError):
        create("chat", "gpt-4o-mini", ProviderOptions(base_url="https://llm.example.com/v1"))


def test_no_key_needed_for_a_server_on_loopback(api, monkeypatch):
    monkeypatch.delenv("OPENAI_API_KEY")
    monkeypatch.setenv("OPENAI_BASE_URL", api.openai_base_url)
    p = get_provider("openai:chat:qwen2.5-7b-instruct", ProviderOptions(retries=0))
    GradeOutput.model_validate_json(run(p, request()).text)
    assert api.requests[0].body["model"] == "qwen2.5-7b-instruct"


def test_unknown_api_is_a_usage_error_naming_the_valid_ones():
    with pytest.raises(UsageError, match=r"openai:chat:<model> or openai:responses:<model>"):
        create("completions", "gpt-4o", ProviderOptions())


def test_ollama_defaults_to_localhost_and_keeps_colons_in_model_names(api):
    p = get_provider("ollama:llama3.1:8b")
    assert isinstance(p, OllamaProvider)
    assert p.model == "llama3.1:8b" and p.api == "chat" and p.id == "ollama:chat:llama3.1:8b"
    assert p.base_url == "http://localhost:11434/v1" and p.remote is False
    local = create_ollama("chat", "qwen3", ProviderOptions(base_url=api.openai_base_url, retries=0))
    GradeOutput.model_validate_json(run(local, request()).text)
    assert api.requests[0].body["model"] == "qwen3"
    remote = create_ollama("chat", "qwen3", ProviderOptions(base_url="http://gpu-box.example:11434/v1"))
    assert remote.remote is True


def test_connection_refused_names_the_url():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"http://127.0.0.1:{port}/v1"
    p = create("chat", "gpt-4o-mini", ProviderOptions(base_url=url, retries=0, timeout=2))
    with pytest.raises(ProviderError) as info:
        run(p, request())
    assert url in str(info.value) and "is the server running?" in str(info.value)


@pytest.mark.parametrize("kind", ["chat", "responses"])
def test_api_key_never_appears_in_errors_reprs_or_logs(api, kind, caplog):
    caplog.set_level(logging.DEBUG, logger="screener")
    api.default = "401"  # the fake echoes the presented key in full, worse than the real API
    p = provider(api, kind, retries=2)
    with pytest.raises(ProviderError) as info:
        run(p, request())
    err = info.value
    assert err.status == 401 and "rejected the API key" in str(err) and "OPENAI_API_KEY" in str(err)
    assert len(api.requests) == 1  # a rejected key is not retried
    for text in (str(err), repr(err), err.body or "", repr(p), str(vars(p)), caplog.text):
        assert KEY not in text
    assert all(KEY not in json.dumps(r.headers) for r in api.requests)


def test_models_that_reject_temperature_get_none_from_then_on(api):
    def reasoning_model(req):  # what OpenAI answers for temperature=0 on o-series / gpt-5 models
        if "temperature" in req.body:
            return Reply(400, {"error": {"message": "Unsupported value: 'temperature' does not support 0.0 with this "
                                         "model. Only the default (1) value is supported.",
                                         "type": "invalid_request_error", "param": "temperature",
                                         "code": "unsupported_value"}})
        return api.respond("chat", req.body)[1]

    api.add_route("POST", "/v1/chat/completions", reasoning_model)
    p = provider(api, temperature=0.0)
    for gen in run_many(p, [request(), request()]):
        GradeOutput.model_validate_json(gen.text)
    assert ["temperature" in r.body for r in api.requests] == [True, False, False]
    assert not p.fallback_used


def test_rate_limit_error_carries_retry_after_for_callers_that_pace_themselves():
    import asyncio

    from screener.errors import ProviderError
    from screener.providers import ProviderOptions
    from screener.providers.openai_api import create
    from screener.testing.fake_api import FakeAPI

    with FakeAPI() as api:
        api.default = "429"
        api.retry_after = 3
        provider = create("chat", "gpt-test", ProviderOptions(base_url=api.openai_base_url, retries=0))
        from screener.providers.base import GenerateRequest, Message
        from screener.scorecard import GradeOutput

        req = GenerateRequest(system="s", messages=[Message(role="user", content="u")], output_type=GradeOutput)
        try:
            asyncio.run(provider.generate(req))
        except ProviderError as e:
            assert e.status == 429 and e.retry_after == 3
        else:
            raise AssertionError("expected a 429")
