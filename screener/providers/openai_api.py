"""``openai:chat:<model>``, ``openai:responses:<model>`` and ``ollama:<model>``: OpenAI and compatible servers.

Requests use ``create`` (not ``.parse``) with strict JSON-schema output built by the SDK's own helper:
``response_format: {type: json_schema, json_schema: {name, schema, strict: true}}`` on Chat Completions,
``text: {format: {type: json_schema, name, schema, strict: true}}`` on Responses. ``create`` hands back the
model's raw text whatever it is (``.parse`` raises on invalid or cut-off JSON); the pipeline validates and
repairs.

OpenAI-compatible servers (Ollama, vLLM, llama.cpp) are reached with ``OPENAI_BASE_URL`` or ``--base-url``.
Some reject ``json_schema`` (llama-cpp-python answers HTTP 500 "Input should be 'text' or 'json_object'",
others 400 naming response_format): the provider then falls back, for the rest of its life, to
``{type: json_object}`` with the schema appended to the system prompt, sets ``fallback_used`` and logs it at
INFO. Models that accept only their default temperature (OpenAI's reasoning models answer 400
"Unsupported value: 'temperature'") get no temperature from then on. The first json_schema request is sent without SDK retries so that such a 500 is recognised at once
instead of being retried; when it fails for another reason it is sent again with the remaining retries.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

import openai
from openai.lib._parsing import type_to_response_format_param
from pydantic import BaseModel

from ..errors import MissingKeyError, ProviderError, UsageError
from ..util.http import classify_status, is_loopback_url, is_retryable
from ._errors import ErrorContext, status_error_body, to_screener_error
from .base import GenerateRequest, Generation, Provider, ProviderOptions, Usage
from .ratelimits import parse_rate_limits

log = logging.getLogger(__name__)

KEY_VAR = "OPENAI_API_KEY"
BASE_URL_VAR = "OPENAI_BASE_URL"
OLLAMA_KEY_VAR = "OLLAMA_API_KEY"
OLLAMA_BASE_URL = "http://localhost:11434/v1"
APIS = ("chat", "responses")
_OFFICIAL_HOST = "api.openai.com"


@lru_cache(maxsize=16)
def response_format(output_type: type[BaseModel]) -> dict[str, Any]:
    """The strict Chat Completions ``response_format`` for ``output_type`` (the SDK's own builder)."""
    param = type_to_response_format_param(output_type)
    if not isinstance(param, dict):  # the SDK returns Omit only when given Omit
        raise TypeError(f"no response_format for {output_type!r}")
    return dict(param)


def schema_suffix(output_type: type[BaseModel]) -> str:
    """What the fallback appends to the system prompt: the JSON schema, for servers without json_schema."""
    schema = response_format(output_type)["json_schema"]["schema"]
    return (
        "\n\n# JSON schema\nAnswer with one JSON object that validates against this JSON schema:\n"
        + json.dumps(schema, sort_keys=True)
        + "\n"
    )


def rejects_json_schema(err: openai.APIStatusError) -> bool:
    """True for the ways OpenAI-compatible servers say they do not support json_schema output."""
    body = status_error_body(err)
    if err.status_code >= 500:
        return "'text' or 'json_object'" in body or ("json_schema" in body and "response_format" in body)
    if err.status_code in (400, 422):
        low = body.lower()
        return any(k in low for k in ("response_format", "json_schema", "text.format"))
    return False


def rejects_temperature(err: openai.APIStatusError) -> bool:
    """True when a model accepts only its default temperature (OpenAI's reasoning models: o-series, gpt-5)."""
    low = status_error_body(err).lower()
    return "temperature" in low and ("unsupported" in low or "not support" in low)


def _retryable(status: int) -> bool:
    """The statuses worth retrying (rate limits and transient failures: screener.util.http)."""
    return is_retryable(classify_status(status))


def _retry_delay(err: BaseException) -> float:
    response = getattr(err, "response", None)
    try:
        delay = float(response.headers.get("retry-after", "")) if response is not None else 0.5
    except ValueError:
        delay = 0.5
    return delay if 0 < delay <= 60 else 0.5


class OpenAIProvider(Provider):
    name = "openai"
    remote = True
    structured_output = True

    def __init__(
        self,
        api: str,
        model: str,
        options: ProviderOptions,
        *,
        api_key: str,
        base_url: str | None,
        key_var: str = KEY_VAR,
    ) -> None:
        super().__init__(model, options)
        self.api = api
        self._client = openai.AsyncOpenAI(
            api_key=api_key, base_url=base_url, timeout=options.timeout, max_retries=options.retries
        )
        self.base_url = str(self._client.base_url).rstrip("/")
        self.official = urlsplit(self.base_url).hostname == _OFFICIAL_HOST
        self._errors = ErrorContext(self.name, key_var, self.base_url, options.timeout, options.retries, api_key)
        self._schema_confirmed = False
        self._send_temperature = True
        self.fallback_used = False
        """True once the server rejected json_schema and json_object mode took over."""

    @property
    def id(self) -> str:
        return f"{self.name}:{self.api}:{self.model}"

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(api={self.api!r}, model={self.model!r}, base_url={self.base_url!r}, "
            f"fallback_used={self.fallback_used})"
        )

    # -- request bodies

    def request_params(self, request: GenerateRequest, *, json_schema: bool = True) -> dict[str, Any]:
        """The keyword arguments of ``chat.completions.create`` / ``responses.create`` for one request."""
        system = request.system if json_schema else request.system + schema_suffix(request.output_type)
        turns = [{"role": m.role, "content": m.content} for m in request.messages]
        params: dict[str, Any] = {"model": self.model}
        if self.options.temperature is not None and self._send_temperature:
            params["temperature"] = self.options.temperature
        if self.api == "responses":
            fmt = response_format(request.output_type)
            params["instructions"] = system
            params["input"] = turns
            params["max_output_tokens"] = self.options.max_tokens
            params["store"] = False  # candidates' transcripts are not kept on the provider's side
            if json_schema:
                inner = fmt["json_schema"]
                params["text"] = {"format": {"type": "json_schema", "name": inner["name"],
                                             "schema": inner["schema"], "strict": True}}
            else:
                params["text"] = {"format": {"type": "json_object"}}
            return params
        params["messages"] = [{"role": "system", "content": system}, *turns]
        # OpenAI's newer models accept only max_completion_tokens; compatible servers know max_tokens.
        params["max_completion_tokens" if self.official else "max_tokens"] = self.options.max_tokens
        params["response_format"] = response_format(request.output_type) if json_schema else {"type": "json_object"}
        return params

    # -- calls

    async def _send(self, request: GenerateRequest, *, json_schema: bool, client: Any = None) -> Generation:
        client = client or self._client
        params = self.request_params(request, json_schema=json_schema)
        if self.api == "responses":
            raw = await client.responses.with_raw_response.create(**params)
            gen = self.generation_from_response(raw.parse())
        else:
            raw = await client.chat.completions.with_raw_response.create(**params)
            gen = self.generation_from_chat(raw.parse())  # the legacy raw response parses synchronously
        gen.rate_limits = parse_rate_limits(raw.headers)
        return gen

    def _fall_back(self, err: openai.APIStatusError) -> None:
        self.fallback_used = True
        self.structured_output = False
        log.info(
            "%s at %s rejected json_schema output (HTTP %s); using json_object with the schema in the prompt",
            self.id, self.base_url, err.status_code,
        )

    async def _generate(self, request: GenerateRequest) -> Generation:
        if self.fallback_used:
            return await self._send(request, json_schema=False)
        try:
            if self._schema_confirmed:
                return await self._send(request, json_schema=True)
            gen = await self._probe(request)
        except openai.APIStatusError as e:
            if not rejects_json_schema(e):
                raise
            self._fall_back(e)
            return await self._send(request, json_schema=False)
        self._schema_confirmed = True
        return gen

    async def _probe(self, request: GenerateRequest) -> Generation:
        """The first json_schema request: one try without SDK retries, then the remaining retries."""
        try:
            return await self._send(request, json_schema=True, client=self._client.with_options(max_retries=0))
        except (openai.APIStatusError, openai.APIConnectionError) as e:
            if isinstance(e, openai.APIStatusError) and (rejects_json_schema(e) or not _retryable(e.status_code)):
                raise
            if not self.options.retries:
                raise
            await asyncio.sleep(_retry_delay(e))
        rest = self._client.with_options(max_retries=self.options.retries - 1)
        return await self._send(request, json_schema=True, client=rest)

    async def generate(self, request: GenerateRequest) -> Generation:
        try:
            try:
                return await self._generate(request)
            except openai.BadRequestError as e:
                if not (self._send_temperature and rejects_temperature(e)):
                    raise
                self._send_temperature = False
                log.info("%s rejected the temperature setting; using the model's default from now on", self.id)
                return await self._generate(request)
        except openai.OpenAIError as e:
            raise to_screener_error(e, openai, self._errors) from e

    # -- answers

    def generation_from_chat(self, resp: Any) -> Generation:
        if not resp.choices:
            raise ProviderError(f"{self.name} at {self.base_url} answered with no choices (model {self.model})")
        choice = resp.choices[0]
        text = choice.message.content or getattr(choice.message, "refusal", None) or ""
        stop = "max_tokens" if choice.finish_reason == "length" else choice.finish_reason
        usage = Usage()
        if resp.usage is not None:
            details = getattr(resp.usage, "prompt_tokens_details", None)
            usage = Usage(
                input_tokens=resp.usage.prompt_tokens or 0,
                output_tokens=resp.usage.completion_tokens or 0,
                cached_input_tokens=(getattr(details, "cached_tokens", 0) or 0) if details else 0,
            )
        return Generation(text=text, usage=usage, model=resp.model or self.model, stop_reason=stop)

    def generation_from_response(self, resp: Any) -> Generation:
        reason = getattr(resp.incomplete_details, "reason", None) if resp.incomplete_details else None
        stop = "max_tokens" if reason == "max_output_tokens" else (reason or resp.status)
        usage = Usage()
        if resp.usage is not None:
            details = getattr(resp.usage, "input_tokens_details", None)
            usage = Usage(
                input_tokens=resp.usage.input_tokens or 0,
                output_tokens=resp.usage.output_tokens or 0,
                cached_input_tokens=(getattr(details, "cached_tokens", 0) or 0) if details else 0,
            )
        return Generation(text=resp.output_text, usage=usage, model=resp.model or self.model, stop_reason=stop)

    async def aclose(self) -> None:
        await self._client.close()


class OllamaProvider(OpenAIProvider):
    name = "ollama"
    remote = False


def create(api: str, model: str, options: ProviderOptions) -> Provider:
    """The factory for ``openai:chat:<model>`` and ``openai:responses:<model>``."""
    if api not in APIS:
        raise UsageError(f"unknown OpenAI API '{api}'; use openai:chat:<model> or openai:responses:<model>")
    if not model:
        raise UsageError(f"no model given; use openai:{api}:<model>, e.g. openai:{api}:gpt-4o-mini")
    base_url = options.base_url or os.environ.get(BASE_URL_VAR) or None
    key = os.environ.get(KEY_VAR, "").strip()
    if not key:
        if base_url is None or not is_loopback_url(base_url):
            raise MissingKeyError(KEY_VAR, "openai")
        key = "no-key-needed-on-loopback"  # local servers (llama.cpp, vLLM) ignore the key
    return OpenAIProvider(api, model, options, api_key=key, base_url=base_url)


def create_ollama(api: str, model: str, options: ProviderOptions) -> Provider:
    """The factory for ``ollama:<model>``: Chat Completions on http://localhost:11434/v1, no key needed."""
    if api not in APIS:
        # "ollama:llama3.1:8b" is parsed as api "llama3.1", model "8b": the colon belongs to the model name.
        model, api = f"{api}:{model}" if model else api, "chat"
    if not model:
        raise UsageError("no model given; use ollama:<model>, e.g. ollama:llama3.1:8b")
    base_url = options.base_url or OLLAMA_BASE_URL
    key = os.environ.get(OLLAMA_KEY_VAR, "").strip() or "ollama"
    provider = OllamaProvider(api, model, options, api_key=key, base_url=base_url, key_var=OLLAMA_KEY_VAR)
    provider.remote = not is_loopback_url(base_url)
    return provider
