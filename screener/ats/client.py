"""The one HTTP client every ATS adapter sends through: httpx, retries on 429 and 5xx, honouring retry-after.

A request is built first as plain data (``AtsRequest``: method, URL, headers, JSON body), so ``--dry-run`` can
print exactly what would be sent, with the credential masked, and the tests can check the same object the
network sees. A request that needs an OAuth access token first (Greenhouse Harvest v3) carries its token
request (``TokenRequest``); ``send`` fetches the token through the same client, with the same retries, once,
and keeps it in memory only for that send. What a failure means is read from ``screener.util.http`` (``classify_status``,
``parse_retry_after``), as for the model providers.
"""

from __future__ import annotations

import base64
import json
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

import httpx2 as httpx

from ..errors import ScreenerError, UsageError
from ..util.http import classify_status, is_retryable, parse_retry_after

MAX_WAIT = 60.0  # seconds: a longer retry-after is not waited out; the push fails and can be run again
USER_AGENT = "screener-ats/1"


def basic_auth(key: str, password: str = "") -> str:
    """The ``Authorization`` value all three vendors take: HTTP Basic with the key as user, no password (or,
    for an OAuth client, the client id as user and the secret as password)."""
    return "Basic " + base64.b64encode(f"{key}:{password}".encode()).decode("ascii")


def _wire(method: str, url: str, headers: dict[str, str], secret_headers: dict[str, str], body: str | None) -> str:
    lines = [f"{method} {url}", f"User-Agent: {USER_AGENT}"]
    for name, value in {**headers, **secret_headers}.items():
        lines.append(f"{name}: {_mask(value) if name in secret_headers else value}")
    if body is not None:
        lines += ["", body]
    return "\n".join(lines) + "\n"


@dataclass
class TokenRequest:
    """An OAuth 2.0 token request (form-encoded POST) whose ``access_token`` the main request is sent with.

    ``secret_headers`` hold the client credentials (never printed); ``describe(status, body)`` turns the token
    endpoint's refusal into one line that names the config key and variable to fix."""

    url: str
    form: dict[str, str]
    secret_headers: dict[str, str] = field(default_factory=dict, repr=False)  # never in a repr or a log
    describe: Callable[[int, Any], str] | None = None

    def masked(self) -> str:
        return _wire("POST", self.url, {"Content-Type": "application/x-www-form-urlencoded"}, self.secret_headers,
                     urlencode(self.form))


@dataclass
class AtsRequest:
    """One request to an ATS, as data. ``secret_headers`` hold the credential and are never printed.

    With ``token``, the ``Authorization`` header is ``Bearer <access_token>`` from that token request, fetched
    by ``send``; ``secret_headers`` then only show where it goes (``Bearer ***``)."""

    method: str
    url: str
    body: dict[str, Any] | None
    headers: dict[str, str] = field(default_factory=dict)
    secret_headers: dict[str, str] = field(default_factory=dict, repr=False)  # never in a repr or a log
    token: TokenRequest | None = None

    def masked(self) -> str:
        """The request(s) as they would go on the wire, each credential header shown as ``***``: the token
        request first when there is one."""
        body = json.dumps(self.body, indent=2, ensure_ascii=False) if self.body is not None else None
        main = _wire(self.method, self.url, self.headers, self.secret_headers, body)
        return f"{self.token.masked()}\n{main}" if self.token else main


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


def _exchange(client: httpx.Client, method: str, url: str, headers: dict[str, str], *, vendor: str, retries: int,
              sleep: Sleep, describe: Callable[[int, Any], str] | None, json_body: Any = None,
              form: dict[str, str] | None = None, what: str = "base_url") -> AtsResponse:
    """One request with the retry rules of ``send`` (429/5xx and connection failures, retry-after honoured)."""
    attempts = 0
    while True:
        attempts += 1
        try:
            if form is not None:
                response = client.request(method, url, headers=headers, data=form)
            else:
                response = client.request(method, url, headers=headers, json=json_body)
        except httpx.HTTPError as e:
            if attempts <= retries:
                sleep(min(2 ** (attempts - 1), MAX_WAIT))
                continue
            raise AtsError(f"{vendor} could not be reached ({type(e).__name__}) after {attempts} attempts; "
                           f"check the network or {what} and push again") from None
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


def _access_token(client: httpx.Client, token: TokenRequest, *, vendor: str, retries: int, sleep: Sleep) -> str:
    headers = {"User-Agent": USER_AGENT, "Content-Type": "application/x-www-form-urlencoded",
               **token.secret_headers}
    got = _exchange(client, "POST", token.url, headers, vendor=vendor, retries=retries, sleep=sleep,
                    describe=token.describe, form=token.form, what="token_url")
    value = got.data.get("access_token") if isinstance(got.data, dict) else None
    if not isinstance(value, str) or not value.strip():
        raise AtsError(f"{vendor}'s token endpoint ({token.url}) answered {got.status} without an access_token; "
                       "check token_url and push again", status=got.status)
    return value.strip()


def send(request: AtsRequest, *, vendor: str, transport: httpx.BaseTransport | None = None, retries: int = 3,
         timeout: float = 30.0, sleep: Sleep | None = None, describe: Callable[[int, Any], str] | None = None,
         ) -> AtsResponse:
    """Send ``request``; retry a 429 or 5xx up to ``retries`` times, waiting what the server asked (or 1, 2, 4 s).

    With ``request.token`` the access token is fetched first, once, through the same client and retry rules
    (its refusal is ``request.token.describe``); it is held in memory for this send only.

    A final error becomes an ``AtsError`` whose message is one line: ``describe(status, body)`` when given,
    else the status. 401/403/404/4xx exit 2 (the key, the id or the config must change); 429, 5xx and
    unreachable servers exit 1."""
    sleep = sleep or time.sleep
    headers = {"User-Agent": USER_AGENT, **request.headers, **request.secret_headers}
    with httpx.Client(transport=transport, timeout=timeout) as client:
        if request.token is not None:
            headers["Authorization"] = "Bearer " + _access_token(client, request.token, vendor=vendor,
                                                                 retries=retries, sleep=sleep)
        return _exchange(client, request.method, request.url, headers, vendor=vendor, retries=retries, sleep=sleep,
                         describe=describe, json_body=request.body)


def check_key(env: Mapping[str, str], var: str, vendor: str, *, what: str = "an API key") -> str:
    """The key (or OAuth client secret: ``what``) from the environment, or one line saying which variable to set
    (exit 2)."""
    value = (env.get(var) or "").strip()
    if not value:
        raise UsageError(f"{vendor} needs {what}: set {var} in the environment (it is never stored or printed)")
    return value
