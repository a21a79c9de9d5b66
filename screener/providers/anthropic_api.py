"""``anthropic:messages:<model>``: the Anthropic Messages API with native structured output.

The request is the one ``messages.create`` sends (not ``.parse``) with ``output_config: {format: {type:
json_schema, schema}}``, the schema built with the SDK's own transform (``anthropic_schema``). It goes over
``anthropic_http`` (httpx2, the SDK's HTTP library) rather than the SDK, whose import costs 4-5 s of CPU before
the first request. The model's raw text comes back whatever it is, and the pipeline, not the provider,
validates and repairs. When a model rejects structured output (HTTP 400 naming output_config / output_format),
the provider switches for the rest of its life to forced tool use with the same schema and records that in
``fallback_used``.

The system prompt goes as one text block with ``cache_control: ephemeral``: it is byte-identical across
transcripts, so a batch pays for it once. ``options.temperature`` is not sent (the SDK 2.12+ Messages API has
no such parameter).
"""

from __future__ import annotations

import json
import logging
import os
from typing import Any

from ..errors import MissingKeyError, ProviderError, UsageError
from ._errors import ErrorContext, connect_error, scrub, status_error, timeout_error
from .anthropic_http import ConnectError, MessagesClient, StatusError, TimeoutError_
from .anthropic_schema import output_schema
from .base import GenerateRequest, Generation, Provider, ProviderOptions, Usage
from .ratelimits import parse_rate_limits

log = logging.getLogger(__name__)

KEY_VAR = "ANTHROPIC_API_KEY"
BASE_URL_VAR = "ANTHROPIC_BASE_URL"
APIS = ("messages",)
TOOL_NAME = "record_scorecard"


__all__ = ["AnthropicProvider", "create", "output_schema"]


def _rejects_output_format(err: StatusError) -> bool:
    if err.status != 400:
        return False
    body = err.text.lower()
    return any(k in body for k in ("output_config", "output_format", "structured output"))


class AnthropicProvider(Provider):
    name = "anthropic"
    remote = True
    structured_output = True
    cached_input_counts_toward_limit = False  # Anthropic's input-token limit skips cache reads

    def __init__(self, model: str, options: ProviderOptions, *, api_key: str, base_url: str | None) -> None:
        super().__init__(model, options)
        self._client = MessagesClient(api_key, base_url, timeout=options.timeout, max_retries=options.retries)
        self.base_url = self._client.base_url
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
            reply = await self._client.create(self.request_params(request))
        except StatusError as e:
            if not self.fallback_used and _rejects_output_format(e):
                self.fallback_used = True
                log.info("%s: structured output rejected; using forced tool use from now on", self.id)
                return await self.generate(request)
            raise status_error(e.status, e.text, e.headers, self._errors) from e
        except TimeoutError_ as e:
            raise timeout_error(self._errors) from e
        except ConnectError as e:
            raise connect_error(e.__cause__, self._errors) from e
        except ValueError as e:  # a 2xx answer that is not JSON
            text = scrub(" ".join(str(e).split()), self._errors.secret)[:200]
            raise ProviderError(f"{self.name} client error: the answer is not JSON ({text})") from e
        gen = self.generation_from_message(reply.body)
        gen.rate_limits = parse_rate_limits(reply.headers)
        return gen

    def generation_from_message(self, message: dict[str, Any]) -> Generation:
        """The ``Generation`` of a Messages API answer (its JSON body)."""
        blocks = message.get("content") or []
        tool_inputs = [b.get("input") for b in blocks if b.get("type") == "tool_use"]
        if tool_inputs:
            text = json.dumps(tool_inputs[0])
        else:
            text = "".join(b.get("text") or "" for b in blocks if b.get("type") == "text")
        u = message.get("usage") or {}
        read = u.get("cache_read_input_tokens") or 0
        written = u.get("cache_creation_input_tokens") or 0
        usage = Usage(input_tokens=(u.get("input_tokens") or 0) + read + written,
                      output_tokens=u.get("output_tokens") or 0, cached_input_tokens=read)
        stop = message.get("stop_reason")
        if stop == "tool_use":
            stop = "end_turn"
        return Generation(text=text, usage=usage, model=message.get("model") or self.model, stop_reason=stop)

    async def aclose(self) -> None:
        await self._client.aclose()


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
