"""The Anthropic provider sends what the SDK sends, without importing the SDK (loopback FakeAPI only)."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from typing import Any, Literal

import pytest
from pydantic import BaseModel, Field

from screener.coach.llm import TurnLabels
from screener.providers import GenerateRequest, Message, ProviderOptions
from screener.providers.anthropic_api import create
from screener.providers.anthropic_http import API_VERSION, retry_delay, should_retry
from screener.providers.anthropic_schema import transform_schema
from screener.scorecard import GradeOutput
from screener.testing import FakeAPI

anthropic = pytest.importorskip("anthropic")


class Odd(BaseModel):
    """Constraints the API lacks, unions, literals, formats."""

    name: str = Field(min_length=2, max_length=40, description="who")
    when: str = Field(json_schema_extra={"format": "date-time"})
    site: str = Field(json_schema_extra={"format": "color"})
    score: int = Field(ge=1, le=4)
    kind: Literal["a", "b"] = "a"
    tags: list[str] = Field(min_length=2)
    maybe: int | None = None
    either: int | str = 0


@pytest.mark.parametrize("model", [GradeOutput, TurnLabels, Odd])
def test_schema_is_the_sdks_transform(model: type[BaseModel]) -> None:
    assert transform_schema(model) == anthropic.transform_schema(model)


def test_request_body_and_version_match_the_sdks(monkeypatch: pytest.MonkeyPatch) -> None:
    """The same request through the SDK's ``messages.create`` and through the provider: the same JSON body,
    the same API version and key header."""
    monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-ant-test")
    request = GenerateRequest(system="Grade it.", messages=[Message(role="user", content="Transcript: hi")],
                              output_type=GradeOutput)
    with FakeAPI() as api:
        provider = create("messages", "claude-haiku-4-5", ProviderOptions(base_url=api.anthropic_base_url, timeout=5))
        sdk = anthropic.AsyncAnthropic(api_key="sk-ant-test", base_url=api.anthropic_base_url, max_retries=0)

        async def both() -> None:
            try:
                await provider.generate(request)
                await sdk.messages.create(**provider.request_params(request))
            finally:
                await provider.aclose()
                await sdk.close()

        asyncio.run(both())
        ours, theirs = api.requests
    assert ours.path == theirs.path == "/v1/messages"
    assert ours.body == theirs.body
    assert ours.headers["anthropic-version"] == theirs.headers["anthropic-version"] == API_VERSION
    assert ours.headers["content-type"] == theirs.headers["content-type"]


def test_building_and_using_the_provider_never_imports_the_sdk() -> None:
    """The point of the plain HTTP client: a batch sends its first request without the SDK's seconds of import."""
    code = (
        "import asyncio, os, sys\n"
        "from screener.testing import FakeAPI\n"
        "from screener.providers import GenerateRequest, Message, ProviderOptions, get_provider\n"
        "from screener.scorecard import GradeOutput\n"
        "os.environ['ANTHROPIC_API_KEY'] = 'sk-ant-test'\n"
        "with FakeAPI() as api:\n"
        "    p = get_provider('anthropic:messages:claude-haiku-4-5', ProviderOptions(base_url=api.anthropic_base_url))\n"
        "    r = GenerateRequest(system='s', messages=[Message(role='user', content='u')], output_type=GradeOutput)\n"
        "    async def go():\n"
        "        try:\n"
        "            return await p.generate(r)\n"
        "        finally:\n"
        "            await p.aclose()\n"
        "    assert asyncio.run(go()).text\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'anthropic'))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    assert out.stdout.strip() == "[]"


def test_retry_rule_is_the_sdks() -> None:
    assert all(should_retry(s, {}) for s in (408, 409, 429, 500, 503, 529))
    assert not any(should_retry(s, {}) for s in (400, 401, 403, 404, 413, 422))
    assert should_retry(400, {"x-should-retry": "true"}) and not should_retry(503, {"x-should-retry": "false"})


def test_retry_waits_what_the_server_says_else_backs_off() -> None:
    headers: dict[str, Any] = {"retry-after": "3"}
    assert retry_delay(0, headers) == 3.0
    assert retry_delay(0, {"retry-after-ms": "250"}) == 0.25
    assert 0.375 <= retry_delay(0, {"retry-after": "3600"}) <= 0.5  # beyond a minute: back off instead
    assert 0.75 <= retry_delay(1, None) <= 1.0 and 6.0 <= retry_delay(10, None) <= 8.0
