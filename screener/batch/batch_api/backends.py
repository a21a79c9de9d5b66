"""Provider batch APIs behind one small interface: submit requests, poll, stream results.

- Anthropic Message Batches: ``messages.batches.create(requests=[{custom_id, params}])``, ``retrieve``
  until ``processing_status == "ended"``, then ``results`` (a JSONL stream of ``{custom_id, result}``).
- OpenAI Batch API: a JSONL file of ``{custom_id, method, url, body}`` uploaded with
  ``files.create(purpose="batch")``, ``batches.create(input_file_id, endpoint, completion_window="24h")``,
  ``retrieve`` until a final status, then ``files.content`` of the output (and error) file.

Request bodies come from the live providers' own ``request_params``, and answers are turned into a
``Generation`` by the providers' own converters, so a batch asks and reads exactly like the live path.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol, cast

from ...errors import ProviderError, UsageError
from ...providers.base import GenerateRequest, Generation, Provider

if TYPE_CHECKING:  # the SDKs are imported only when a backend is used
    from ...providers.anthropic_api import AnthropicProvider
    from ...providers.openai_api import OpenAIProvider

Result = Generation | str
"""an answer, or why there is none (one line)"""


@dataclass
class PollState:
    ended: bool
    status: str
    done: int
    total: int
    failed_reason: str | None = None
    """set when the whole batch failed or expired (every request gets this reason)"""


class Backend(Protocol):
    kind: str

    async def submit(self, requests: list[tuple[str, GenerateRequest]]) -> str: ...

    async def poll(self, batch_id: str) -> PollState: ...

    def results(self, batch_id: str) -> AsyncIterator[tuple[str, Result]]: ...

    async def aclose(self) -> None: ...


def _sdk_error(provider: Provider, e: BaseException, sdk: Any) -> ProviderError:
    """The provider's own converter (key scrubbing, retry-after, "check the key", the error kind)."""
    from ...providers._errors import to_screener_error

    ctx = getattr(provider, "_errors", None)
    if ctx is None:  # pragma: no cover - every batch-capable provider has one
        return ProviderError(f"{provider.id} batch API error: {type(e).__name__}")
    err = to_screener_error(e, sdk, ctx)
    return ProviderError(f"batch API: {err}", status=err.status, body=err.body, retry_after=err.retry_after,
                         kind=err.kind)


def _api_key(provider: Provider) -> str:
    """The key the provider itself was created with (one lookup, in the provider's factory)."""
    ctx = getattr(provider, "_errors", None)
    return (ctx.secret if ctx is not None else None) or ""


class AnthropicBatches:
    kind = "anthropic"

    def __init__(self, provider: AnthropicProvider) -> None:
        import anthropic

        self.sdk = anthropic
        self.provider = provider
        key = _api_key(provider)
        self.client = anthropic.AsyncAnthropic(api_key=key, base_url=getattr(provider, "base_url", None),
                                               timeout=provider.options.timeout, max_retries=provider.options.retries)

    async def submit(self, requests: list[tuple[str, GenerateRequest]]) -> str:
        body = [{"custom_id": cid, "params": self.provider.request_params(req)} for cid, req in requests]
        try:
            # the SDK types each request as its TypedDict; ours are the same keys, built from request_params
            batch = await self.client.messages.batches.create(requests=body)  # type: ignore[arg-type]
        except self.sdk.AnthropicError as e:
            raise _sdk_error(self.provider, e, self.sdk) from e
        return batch.id

    async def poll(self, batch_id: str) -> PollState:
        try:
            batch = await self.client.messages.batches.retrieve(batch_id)
        except self.sdk.AnthropicError as e:
            raise _sdk_error(self.provider, e, self.sdk) from e
        c = batch.request_counts
        total = c.processing + c.succeeded + c.errored + c.canceled + c.expired
        return PollState(ended=batch.processing_status == "ended", status=batch.processing_status,
                         done=total - c.processing, total=total)

    async def results(self, batch_id: str) -> AsyncIterator[tuple[str, Result]]:
        try:
            stream = await self.client.messages.batches.results(batch_id)
            async for line in stream:
                result = line.result
                if result.type == "succeeded":
                    yield line.custom_id, self.provider.generation_from_message(result.message)
                elif result.type == "errored":
                    err = result.error.error
                    yield line.custom_id, f"the batch request errored: {err.type}: {' '.join(err.message.split())[:300]}"
                else:
                    yield line.custom_id, f"the batch request was {result.type} before it ran; rerun with --resume"
        except self.sdk.AnthropicError as e:
            raise _sdk_error(self.provider, e, self.sdk) from e

    async def aclose(self) -> None:
        await self.client.close()


_OPENAI_FINAL = {"completed", "failed", "expired", "cancelled"}


class OpenAIBatches:
    kind = "openai"

    def __init__(self, provider: OpenAIProvider) -> None:
        import openai

        self.sdk = openai
        self.provider = provider
        self.api: str = getattr(provider, "api", "chat")
        base_url = getattr(provider, "base_url", None)
        key = _api_key(provider)
        self.endpoint = "/v1/responses" if self.api == "responses" else "/v1/chat/completions"
        self.client = openai.AsyncOpenAI(api_key=key, base_url=base_url, timeout=provider.options.timeout,
                                         max_retries=provider.options.retries)

    async def submit(self, requests: list[tuple[str, GenerateRequest]]) -> str:
        with tempfile.TemporaryDirectory(prefix="screener-batch-") as tmp:
            path = os.path.join(tmp, "requests.jsonl")
            with open(path, "w", encoding="utf-8") as f:
                for cid, req in requests:
                    body = self.provider.request_params(req)
                    f.write(json.dumps({"custom_id": cid, "method": "POST", "url": self.endpoint, "body": body}) + "\n")
            try:
                with open(path, "rb") as f:
                    uploaded = await self.client.files.create(file=("requests.jsonl", f), purpose="batch")
                # endpoint: a Literal in the SDK; ours is one of those values, chosen by the api in the id
                batch = await self.client.batches.create(input_file_id=uploaded.id, endpoint=self.endpoint,  # type: ignore[arg-type]
                                                         completion_window="24h")
            except self.sdk.OpenAIError as e:
                raise _sdk_error(self.provider, e, self.sdk) from e
        return batch.id

    async def poll(self, batch_id: str) -> PollState:
        try:
            batch = await self.client.batches.retrieve(batch_id)
        except self.sdk.OpenAIError as e:
            raise _sdk_error(self.provider, e, self.sdk) from e
        c = batch.request_counts
        total, done = (c.total, c.completed + c.failed) if c else (0, 0)
        reason = None
        if batch.status in ("failed", "expired", "cancelled"):
            errors = [e.message for e in (batch.errors.data or [])] if batch.errors and batch.errors.data else []
            reason = f"the provider's batch {batch_id} {batch.status}" + (f": {errors[0]}" if errors else "")
        return PollState(ended=batch.status in _OPENAI_FINAL, status=batch.status, done=done, total=total,
                         failed_reason=reason)

    def _answer(self, body: dict[str, Any]) -> Generation:
        if self.api == "responses":
            from openai.types.responses import Response

            return self.provider.generation_from_response(Response.model_validate(body))
        from openai.types.chat import ChatCompletion

        return self.provider.generation_from_chat(ChatCompletion.model_validate(body))

    async def _lines(self, file_id: str | None) -> AsyncIterator[dict[str, Any]]:
        if not file_id:
            return
        content = await self.client.files.content(file_id)
        for raw in content.iter_lines():
            if raw.strip():
                yield json.loads(raw)

    async def results(self, batch_id: str) -> AsyncIterator[tuple[str, Result]]:
        try:
            batch = await self.client.batches.retrieve(batch_id)
            for file_id in (batch.output_file_id, batch.error_file_id):
                async for line in self._lines(file_id):
                    cid = str(line.get("custom_id"))
                    response = line.get("response") or {}
                    error = line.get("error")
                    if error or response.get("status_code") != 200:
                        detail = (error or {}).get("message") or ((response.get("body") or {}).get("error") or {}).get("message")
                        status = response.get("status_code")
                        yield cid, f"the batch request failed{f' (HTTP {status})' if status else ''}: {detail or 'no details'}"
                        continue
                    try:
                        yield cid, self._answer(response["body"])
                    except (ProviderError, ValueError, KeyError) as e:
                        yield cid, f"unreadable batch answer: {' '.join(str(e).split())[:300]}"
        except self.sdk.OpenAIError as e:
            raise _sdk_error(self.provider, e, self.sdk) from e

    async def aclose(self) -> None:
        await self.client.close()


def check_backend(provider: Provider) -> None:
    """``UsageError`` unless the provider has a batch API screener speaks."""
    if provider.name not in ("anthropic", "openai") or not hasattr(provider, "request_params"):
        raise UsageError(f"--via batch-api needs an Anthropic or OpenAI provider (got {provider.id}); "
                     "use --provider anthropic:messages:MODEL or openai:chat:MODEL, or drop --via")


def backend_for(provider: Provider) -> Backend:
    check_backend(provider)
    if provider.name == "anthropic":
        return AnthropicBatches(cast("AnthropicProvider", provider))
    return OpenAIBatches(cast("OpenAIProvider", provider))
