"""SDK exceptions -> screener errors, at the adapter boundary (shared by the Anthropic and OpenAI adapters).

Both SDKs (Stainless-generated) export the same exception names: ``APIStatusError`` (with ``status_code``
and ``response``), ``APIConnectionError`` and its subclass ``APITimeoutError``, ``AuthenticationError``.
The adapter passes its SDK module in, so this module imports neither SDK.

Every text that leaves here is scrubbed of the API key, even when a server echoes it back.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from types import ModuleType

from ..errors import ProviderError
from ..util.http import classify_status, is_retryable, parse_retry_after
from ..util.secrets import scrub as scrub_text
from ..util.secrets import secret_values
from .ratelimits import parse_rate_limits

_MAX_MESSAGE = 200
_MAX_BODY = 4000


@dataclass(frozen=True)
class ErrorContext:
    """What an error message needs to name: the provider, its key variable, where it was sent, the limits."""

    provider: str
    key_var: str
    base_url: str
    timeout: float
    retries: int
    secret: str | None = field(default=None, repr=False)


def scrub(text: str, secret: str | None) -> str:
    """``text`` with this provider's key (and its long ends), every credential env value, key-looking strings
    and URL credentials masked: ``util.secrets.scrub`` with the key in hand added."""
    return scrub_text(text, [secret, *secret_values()] if secret else None)


def short_message(body_text: str) -> str:
    """The human part of an error body: ``error.message`` (or ``message``, ``detail``), else the text, shortened."""
    message: object = None
    try:
        data = json.loads(body_text)
    except ValueError:
        data = None
    if isinstance(data, dict):
        err = data.get("error", data)
        if isinstance(err, dict):
            message = err.get("message") or err.get("detail")
        elif isinstance(err, str):
            message = err
        message = message or data.get("message") or data.get("detail")
    text = " ".join(str(message or body_text or "no details").split())
    return text if len(text) <= _MAX_MESSAGE else text[: _MAX_MESSAGE - 1] + "…"


def status_error_body(err: BaseException) -> str:
    """The raw response text of an SDK status error ('' when it has none)."""
    response = getattr(err, "response", None)
    try:
        return response.text if response is not None else ""
    except Exception:  # a streamed or closed response
        return ""


def retry_after_seconds(err: BaseException) -> float | None:
    """Seconds from a ``retry-after-ms`` or ``retry-after`` header (seconds or an HTTP date), if sent."""
    response = getattr(err, "response", None)
    headers = getattr(response, "headers", None)
    return parse_retry_after(dict(headers.items())) if headers else None


def to_screener_error(err: BaseException, sdk: ModuleType, ctx: ErrorContext) -> ProviderError:
    """The one-line ``ProviderError`` for an exception raised by ``sdk`` (raise it ``from err``)."""
    name = ctx.provider
    if isinstance(err, sdk.APIStatusError):
        status = int(err.status_code)
        body = scrub(status_error_body(err), ctx.secret)
        message = scrub(short_message(body), ctx.secret)
        if status == 401:
            text = f"{name} rejected the API key (HTTP 401): check {ctx.key_var}"
        else:
            text = f"{name} API error {status}: {message}"
            if is_retryable(classify_status(status)) and ctx.retries:
                text += f" (after {ctx.retries} {'retry' if ctx.retries == 1 else 'retries'}; raise --retries?)"
        headers = getattr(getattr(err, "response", None), "headers", None)
        return ProviderError(text, status=status, body=body[:_MAX_BODY], retry_after=retry_after_seconds(err),
                             rate_limits=parse_rate_limits(dict(headers.items())) if headers else None)
    if isinstance(err, sdk.APITimeoutError):
        return ProviderError(f"{name} request to {ctx.base_url} timed out after {ctx.timeout:g}s (raise --timeout?)")
    if isinstance(err, sdk.APIConnectionError):
        cause = err.__cause__ or err.__context__
        detail = f" ({scrub(' '.join(str(cause).split()), ctx.secret)[:_MAX_MESSAGE]})" if cause and str(cause) else ""
        return ProviderError(f"cannot connect to {name} at {ctx.base_url}{detail}: is the server running?")
    text = scrub(" ".join(str(err).split()), ctx.secret)[:_MAX_MESSAGE] or type(err).__name__
    return ProviderError(f"{name} client error: {text}")
