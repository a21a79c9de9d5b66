"""The one HTTP client every ATS adapter sends through: httpx, retries on 429 and 5xx, honouring retry-after.

A request is built first as plain data (``AtsRequest``: method, URL, headers, JSON body), so ``--dry-run`` can
print exactly what would be sent, with the credential masked, and the tests can check the same object the
network sees. What a failure means is read from ``screener.util.http`` (``classify_status``,
``parse_retry_after``), as for the model providers.
"""

from __future__ import annotations

import base64
import json
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import httpx2 as httpx

from ..errors import ScreenerError, UsageError
from ..util.http import classify_status, is_retryable, parse_retry_after

MAX_WAIT = 60.0  # seconds: a longer retry-after is not waited out; the push fails and can be run again
USER_AGENT = "screener-ats/1"


def basic_auth(key: str) -> str:
    """The ``Authorization`` value all three vendors take: HTTP Basic with the key as user, no password."""
    return "Basic " + base64.b64encode(f"{key}:".encode()).decode("ascii")


@dataclass
class AtsRequest:
    """One request to an ATS, as data. ``secret_headers`` hold the credential and are never printed."""

    method: str
    url: str
    body: dict[str, Any] | None
    headers: dict[str, str] = field(default_factory=dict)
    secret_headers: dict[str, str] = field(default_factory=dict)

    def masked(self) -> str:
        """The request as it would go on the wire, each credential header shown as ``***``."""
        lines = [f"{self.method} {self.url}", f"User-Agent: {USER_AGENT}"]
        for name, value in {**self.headers, **self.secret_headers}.items():
            shown = _mask(value) if name in self.secret_headers else value
            lines.append(f"{name}: {shown}")
        if self.body is not None:
            lines += ["", json.dumps(self.body, indent=2, ensure_ascii=False)]
        return "\n".join(lines) + "\n"


def _mask(value: str) -> str:
    scheme, _, rest = value.partition(" ")
    return f"{scheme} ***" if rest else "***"


class AtsError(ScreenerError):
    """The ATS answered with an error (or could not be reached); ``exit_code`` says who must act."""

    def __init__(self, message: str, *, status: int | None = None, exit_code: int = 1) -> None:
        super().__init__(message)
        self.status = status
        self.exit_code = exit_code


@dataclass
class AtsResponse:
    status: int
    data: Any
    attempts: int


Sleep = Callable[[float], None]


def _body(response: httpx.Response) -> Any:
    try:
        return response.json()
    except ValueError:
        return response.text


def send(request: AtsRequest, *, vendor: str, transport: httpx.BaseTransport | None = None, retries: int = 3,
         timeout: float = 30.0, sleep: Sleep | None = None, describe: Callable[[int, Any], str] | None = None,
         ) -> AtsResponse:
    """Send ``request``; retry a 429 or 5xx up to ``retries`` times, waiting what the server asked (or 1, 2, 4 s).

    A final error becomes an ``AtsError`` whose message is one line: ``describe(status, body)`` when given,
    else the status. 401/403/404/4xx exit 2 (the key, the id or the config must change); 429, 5xx and
    unreachable servers exit 1."""
    sleep = sleep or time.sleep
    headers = {"User-Agent": USER_AGENT, **request.headers, **request.secret_headers}
    attempts = 0
    with httpx.Client(transport=transport, timeout=timeout) as client:
        while True:
            attempts += 1
            try:
                response = client.request(request.method, request.url, headers=headers, json=request.body)
            except httpx.HTTPError as e:
                if attempts <= retries:
                    sleep(min(2 ** (attempts - 1), MAX_WAIT))
                    continue
                raise AtsError(f"{vendor} could not be reached ({type(e).__name__}) after {attempts} attempts; "
                               "check the network or base_url and push again") from None
            status = response.status_code
            if status < 400:
                return AtsResponse(status, _body(response), attempts)
            kind = classify_status(status)
            wait = parse_retry_after(dict(response.headers))
            if is_retryable(kind) and attempts <= retries and (wait is None or wait <= MAX_WAIT):
                sleep(wait if wait is not None else min(2 ** (attempts - 1), MAX_WAIT))
                continue
            body = _body(response)
            text = describe(status, body) if describe else f"{vendor} answered {status}"
            if is_retryable(kind):
                after = f"; it asked to wait {wait:g}s" if wait is not None else ""
                raise AtsError(f"{text} after {attempts} attempt(s){after}; push again later", status=status)
            raise AtsError(text, status=status, exit_code=2)


def check_key(env: Mapping[str, str], var: str, vendor: str) -> str:
    """The key from the environment, or one line saying which variable to set (exit 2)."""
    value = (env.get(var) or "").strip()
    if not value:
        raise UsageError(f"{vendor} needs an API key: set {var} in the environment (it is never stored or printed)")
    return value
