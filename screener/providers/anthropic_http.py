"""``POST /v1/messages`` over httpx2 (the HTTP library the Anthropic SDK itself uses), without the SDK.

Why not the SDK: ``import anthropic`` loads 3,500 modules, 4-5 s of CPU, and nothing can be sent before it
ends; a batch of 320 one-second calls at ``-j 32`` is a 10 s job, so the import alone made it 1.5x slower.
Importing only the SDK's client submodules (skipping the package's ``__init__``) still costs 2 s: its resources
import every type. The Messages API is one JSON POST; this client sends what the SDK sends (the same headers
but its telemetry, the same body) and retries the way it does: 408/409/429/5xx and connection errors, honouring
``retry-after`` (up to a minute) or else 0.5 s doubling to 8 s with jitter, and the ``x-should-retry`` header.

Errors come back as ``StatusError`` (an HTTP error answer, with its body and headers), ``TimeoutError_`` and
``ConnectError``; the provider turns them into ``ProviderError``s.
"""

from __future__ import annotations

import asyncio
import json
import random
import ssl
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import httpx2

from ..util.http import parse_retry_after

API_VERSION = "2026-10-21"
"""the ``anthropic-version`` header the installed SDK (2.14) sends; a test compares it"""
DEFAULT_BASE_URL = "https://api.anthropic.com"
MAX_CONNECTIONS = 1000
"""per HTTP client, the SDK's own limit: a batch's ``-j`` (at most 512) never waits for a connection"""
SHARD = 8
"""requests in flight per HTTP client before another client is opened. Each time a request starts or ends,
httpcore's pool checks every idle connection it holds (a socket probe each): at ``-j 32`` on one client that
is up to 32 probes per request on the event loop's thread, on 8-connection clients at most 8."""
MAX_SHARDS = 64
KEEPALIVE = 2 * SHARD
INITIAL_RETRY_DELAY = 0.5
MAX_RETRY_DELAY = 8.0
MAX_RETRY_AFTER = 60.0


class StatusError(Exception):
    """An HTTP error answer (4xx/5xx) after the retries."""

    def __init__(self, status: int, text: str, headers: Mapping[str, str]) -> None:
        super().__init__(f"HTTP {status}")
        self.status = status
        self.text = text
        self.headers = dict(headers)


class TimeoutError_(Exception):  # noqa: N801 - not the builtin: a request that timed out after the retries
    """The request timed out (after the retries)."""


class ConnectError(Exception):
    """No connection, or it broke before an answer came (after the retries); ``__cause__`` says why."""


@dataclass
class Reply:
    headers: dict[str, str]
    body: dict[str, Any]


def should_retry(status: int, headers: Mapping[str, str]) -> bool:
    """The SDK's rule: the server's ``x-should-retry`` when given, else 408, 409, 429 and 5xx."""
    told = headers.get("x-should-retry")
    if told in ("true", "false"):
        return told == "true"
    return status in (408, 409, 429) or status >= 500


def retry_delay(retries_done: int, headers: Mapping[str, str] | None) -> float:
    """Seconds before the next attempt: the server's ``retry-after`` (up to a minute), else an exponential
    back-off with the SDK's jitter."""
    told = parse_retry_after(headers) if headers else None
    if told is not None and 0 < told <= MAX_RETRY_AFTER:
        return told
    return min(INITIAL_RETRY_DELAY * 2.0 ** min(retries_done, 1000), MAX_RETRY_DELAY) * (1 - 0.25 * random.random())


class MessagesClient:
    """One connection pool for a provider's life; ``create`` sends one Messages request."""

    def __init__(self, api_key: str, base_url: str | None, *, timeout: float, max_retries: int) -> None:
        self.base_url = (base_url or DEFAULT_BASE_URL).rstrip("/")
        self.max_retries = max_retries
        self._headers = {"x-api-key": api_key, "anthropic-version": API_VERSION, "accept": "application/json",
                         "content-type": "application/json", "user-agent": "screener (httpx2)"}
        self._timeout = timeout
        self._shards: list[_Shard] = []
        self._tls: ssl.SSLContext | None = None
        """one TLS context for every client (loading the CA certificates costs about 0.1 s of CPU each)"""

    def _shard(self) -> _Shard:
        """The least busy client, or a new one when every client has ``SHARD`` requests in flight."""
        best = min(self._shards, key=lambda s: s.in_flight, default=None)
        if best is None or (best.in_flight >= SHARD and len(self._shards) < MAX_SHARDS):
            if self._tls is None:
                self._tls = httpx2.create_ssl_context()
            best = _Shard(httpx2.AsyncClient(
                verify=self._tls, timeout=httpx2.Timeout(self._timeout),
                limits=httpx2.Limits(max_connections=MAX_CONNECTIONS, max_keepalive_connections=KEEPALIVE)))
            self._shards.append(best)
        return best

    async def create(self, params: Mapping[str, Any]) -> Reply:
        content = json.dumps(params, ensure_ascii=False).encode("utf-8")
        url = f"{self.base_url}/v1/messages"
        for attempt in range(self.max_retries + 1):
            last = attempt == self.max_retries
            shard = self._shard()
            shard.in_flight += 1
            try:
                response = await shard.http.post(url, content=content, headers=self._headers)
            except httpx2.TimeoutException as e:
                if last:
                    raise TimeoutError_(str(e)) from e
                await asyncio.sleep(retry_delay(attempt, None))
                continue
            except httpx2.TransportError as e:
                if last:
                    raise ConnectError(str(e)) from e
                await asyncio.sleep(retry_delay(attempt, None))
                continue
            finally:
                shard.in_flight -= 1
            headers = {k.lower(): v for k, v in response.headers.items()}
            if response.status_code >= 400:
                if not last and should_retry(response.status_code, headers):
                    await asyncio.sleep(retry_delay(attempt, headers))
                    continue
                raise StatusError(response.status_code, response.text, headers)
            return Reply(headers, response.json())
        raise AssertionError("unreachable")  # pragma: no cover - the last attempt returns or raises

    async def aclose(self) -> None:
        shards, self._shards = self._shards, []
        for shard in shards:
            await shard.http.aclose()


@dataclass
class _Shard:
    http: httpx2.AsyncClient
    in_flight: int = 0
