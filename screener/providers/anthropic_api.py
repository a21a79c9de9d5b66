"""``anthropic:messages:<model>``: the Anthropic Messages API with native structured output.

The request uses ``messages.create`` (not ``.parse``) with ``output_config: {format: {type: json_schema,
schema}}``, the schema built from the output type by the SDK's own ``transform_schema``. ``create`` returns
the model's raw text whatever it is (``.parse`` raises on invalid or cut-off JSON), and the pipeline, not the
provider, validates and repairs. When a model rejects structured output (HTTP 400 naming output_config /
output_format), the provider switches for the rest of its life to forced tool use with the same schema and
records that in ``fallback_used``.

The system prompt goes as one text block with ``cache_control: ephemeral``: it is byte-identical across
transcripts, so a batch pays for it once. Anthropic SDK 2.12 has no ``temperature`` parameter for Messages,
so ``options.temperature`` is not sent.
"""

from __future__ import annotations

import json
import logging
import os
from functools import lru_cache
from typing import Any

import anthropic
from pydantic import BaseModel

from ..errors import MissingKeyError, UsageError
from ._errors import ErrorContext, status_error_body, to_screener_error
from .base import GenerateRequest, Generation, Provider, ProviderOptions, Usage
from .ratelimits import parse_rate_limits

log = logging.getLogger(__name__)

KEY_VAR = "ANTHROPIC_API_KEY"
BASE_URL_VAR = "ANTHROPIC_BASE_URL"
APIS = ("messages",)
TOOL_NAME = "record_scorecard"


@lru_cache(maxsize=16)
def output_schema(output_type: type[BaseModel]) -> dict[str, Any]:
    """The JSON schema Anthropic's structured output accepts for ``output_type`` (the SDK's transform)."""
    return anthropic.transform_schema(output_type)


def _rejects_output_format(err: anthropic.APIStatusError) -> bool:
    if err.status_code != 400:
        return False
    body = status_error_body(err).lower()
    return any(k in body for k in ("output_config", "output_format", "structured output"))


class AnthropicProvider(Provider):
    name = "anthropic"
    remote = True
    structured_output = True
    cached_input_counts_toward_limit = False  # Anthropic's input-token limit skips cache reads

    def __init__(self, model: str, options: ProviderOptions, *, api_key: str, base_url: str | None) -> None:
        super().__init__(model, options)
        self._client = anthropic.AsyncAnthropic(
            api_key=api_key, base_url=base_url, timeout=options.timeout, max_retries=options.retries
        )
        self.base_url = str(self._client.base_url).rstrip("/")
        self._errors = ErrorContext(self.name, KEY_VAR, self.base_url, options.timeout, options.retries, api_key)
        self.fallback_used = False
        """True once the model rejected structured output and forced tool use took over."""

    @property
    def id(self) -> str:
        return f"anthropic:messages:{self.model}"

    def __repr__(self) -> str:
        return f"AnthropicProvider(model={self.model!r}, base_url={self.base_url!r}, fallback_used={self.fallback_used})"

    def request_params(self, request: GenerateRequest) -> dict[str, Any]:
        """The keyword arguments of ``messages.create`` for one request."""
        schema = output_schema(request.output_type)
        params: dict[str, Any] = {
            "model": self.model,
            "max_tokens": self.options.max_tokens,
            "system": [{"type": "text", "text": request.system, "cache_control": {"type": "ephemeral"}}],
            "messages": [{"role": m.role, "content": m.content} for m in request.messages],
        }
        if self.fallback_used:
            params["tools"] = [
                {"name": TOOL_NAME, "description": "Record the complete scorecard.", "input_schema": schema}
            ]
            params["tool_choice"] = {"type": "tool", "name": TOOL_NAME}
        else:
            params["output_config"] = {"format": {"type": "json_schema", "schema": schema}}
        return params

    async def generate(self, request: GenerateRequest) -> Generation:
        try:
            raw = await self._client.messages.with_raw_response.create(**self.request_params(request))
            message = await raw.parse()
        except anthropic.APIStatusError as e:
            if not self.fallback_used and _rejects_output_format(e):
                self.fallback_used = True
                log.info("%s: structured output rejected; using forced tool use from now on", self.id)
                return await self.generate(request)
            raise to_screener_error(e, anthropic, self._errors) from e
        except anthropic.AnthropicError as e:
            raise to_screener_error(e, anthropic, self._errors) from e
        gen = self.generation_from_message(message)
        gen.rate_limits = parse_rate_limits(raw.headers)
        return gen

    def generation_from_message(self, message: Any) -> Generation:
        tool_inputs = [b.input for b in message.content if b.type == "tool_use"]
        if tool_inputs:
            text = json.dumps(tool_inputs[0])
        else:
            text = "".join(b.text for b in message.content if b.type == "text")
        u = message.usage
        read = u.cache_read_input_tokens or 0
        written = u.cache_creation_input_tokens or 0
        usage = Usage(input_tokens=u.input_tokens + read + written, output_tokens=u.output_tokens, cached_input_tokens=read)
        stop = message.stop_reason
        if stop == "tool_use":
            stop = "end_turn"
        return Generation(text=text, usage=usage, model=message.model or self.model, stop_reason=stop)

    async def aclose(self) -> None:
        await self._client.close()


def create(api: str, model: str, options: ProviderOptions) -> Provider:
    """The factory for ``anthropic:messages:<model>``."""
    if api not in APIS:
        raise UsageError(f"unknown Anthropic API '{api}'; use anthropic:messages:<model>")
    if not model:
        raise UsageError("no model given; use anthropic:messages:<model>, e.g. anthropic:messages:claude-sonnet-4-6")
    key = os.environ.get(KEY_VAR, "").strip()
    if not key:
        raise MissingKeyError(KEY_VAR, "anthropic")
    base_url = options.base_url or os.environ.get(BASE_URL_VAR) or None
    return AnthropicProvider(model, options, api_key=key, base_url=base_url)
