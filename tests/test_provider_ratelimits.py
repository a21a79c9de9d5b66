"""Rate-limit headers in both vendors' spellings, read by the adapters on answers and on 429s."""

from __future__ import annotations

import asyncio
import time

import pytest

from screener.errors import ProviderError
from screener.providers import ProviderOptions, get_provider
from screener.providers.base import GenerateRequest, Message
from screener.providers.ratelimits import parse_duration, parse_rate_limits, parse_reset_time
from screener.scorecard import GradeOutput
from screener.testing import FakeAPI


@pytest.mark.parametrize(("text", "seconds"), [("1.5s", 1.5), ("20ms", 0.02), ("6m0s", 360.0), ("1h2m3s", 3723.0),
                                                ("0s", 0.0), ("2", 2.0)])
def test_openai_durations(text: str, seconds: float) -> None:
    assert parse_duration(text) == pytest.approx(seconds)


@pytest.mark.parametrize("text", ["", "soon", "1.5 s", "5x"])
def test_unreadable_durations_are_none(text: str) -> None:
    assert parse_duration(text) is None


def test_anthropic_reset_is_an_rfc_3339_time() -> None:
    assert parse_reset_time("2030-01-01T00:00:10Z", now=1893456000.0) == pytest.approx(10.0)
    assert parse_reset_time("2030-01-01T00:00:10.500+00:00", now=1893456000.0) == pytest.approx(10.5)
    assert parse_reset_time("2000-01-01T00:00:00Z") == 0.0
    assert parse_reset_time("2030-01-01T00:00:10") is None  # no offset: not RFC 3339
    assert parse_reset_time("tomorrow") is None


def test_both_spellings_give_the_same_buckets() -> None:
    soon = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() + 30))
    anthropic = parse_rate_limits({
        "anthropic-ratelimit-requests-limit": "50", "anthropic-ratelimit-requests-remaining": "20",
        "anthropic-ratelimit-requests-reset": soon,
        "anthropic-ratelimit-input-tokens-limit": "30000", "anthropic-ratelimit-input-tokens-remaining": "12000",
        "anthropic-ratelimit-input-tokens-reset": soon})
    openai = parse_rate_limits({
        "x-ratelimit-limit-requests": "50", "x-ratelimit-remaining-requests": "20", "x-ratelimit-reset-requests": "30s",
        "x-ratelimit-limit-tokens": "30000", "x-ratelimit-remaining-tokens": "12000", "x-ratelimit-reset-tokens": "30s"})
    for limits in (anthropic, openai):
        assert limits is not None and limits.requests is not None and limits.input_tokens is not None
        assert (limits.requests.limit, limits.requests.remaining) == (50, 20)
        assert limits.requests.refill_rate() == pytest.approx(1.0, rel=0.1)  # 30 used, full in 30 s
        assert limits.input_tokens.refill_rate() == pytest.approx(600.0, rel=0.1)


def test_no_rate_limit_headers_is_none_and_garbage_is_ignored() -> None:
    assert parse_rate_limits({"content-type": "application/json"}) is None
    assert parse_rate_limits({"x-ratelimit-limit-requests": "lots", "x-ratelimit-remaining-requests": "1"}) is None


def _request() -> GenerateRequest:
    return GenerateRequest(system="Grade.", messages=[Message(role="user", content="hello")], output_type=GradeOutput)


@pytest.mark.parametrize("provider_id", ["anthropic:messages:claude-haiku-4-5", "openai:chat:gpt-4.1-mini",
                                         "openai:responses:gpt-4.1-mini"])
def test_adapters_read_the_headers_of_answers_and_of_429s(provider_id: str, monkeypatch) -> None:
    with FakeAPI(requests_limit=1) as api:
        monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-test")
        monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
        monkeypatch.setenv("ANTHROPIC_BASE_URL", api.anthropic_base_url)
        monkeypatch.setenv("OPENAI_BASE_URL", api.openai_base_url)
        provider = get_provider(provider_id, ProviderOptions(retries=0))

        async def go():
            try:
                gen = await provider.generate(_request())
                with pytest.raises(ProviderError) as err:
                    await provider.generate(_request())
                return gen, err.value
            finally:
                await provider.aclose()

        gen, error = asyncio.run(go())
    assert gen.rate_limits is not None and gen.rate_limits.requests is not None
    assert (gen.rate_limits.requests.limit, gen.rate_limits.requests.remaining) == (1, 0)
    assert error.kind == "rate_limit" and error.retry_after is not None and error.retry_after > 0
    assert error.rate_limits is not None and error.rate_limits.requests.remaining == 0
    assert "rate_limits" not in gen.model_dump()  # not part of what gets stored
