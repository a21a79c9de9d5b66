"""Request checks done once, for every route: the Host, the origin of state-changing requests, the CSRF
token, the body size, and the response headers.

Same-origin check (as datasette's ``csrf.py``, after Filippo Valsorda's algorithm): for a POST (PUT, PATCH,
DELETE), ``Sec-Fetch-Site`` is read first (``same-origin`` passes, ``cross-site``/``same-site`` are refused);
without it the ``Origin`` header must equal this server's own origin, and ``Origin: null`` (a sandboxed
iframe, a ``data:`` page) is refused; without either, a ``Referer`` from another origin is refused. Requests
from non-browsers (no such headers) pass this check and still need the CSRF token.

CSRF token: a synchroniser token kept in the signed session (``session["csrf"]``), sent by every form as
the hidden field ``csrf_token`` (or the ``X-CSRF-Token`` header) and compared in constant time.
"""

from __future__ import annotations

import hmac
import secrets

from starlette.datastructures import Headers
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..errors import InputError
from .forms import MAX_BODY_BYTES, too_large

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
    "font-src 'none'; object-src 'none'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS: list[tuple[bytes, bytes]] = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
]
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
CSRF_FIELD = "csrf_token"


class RequestRefused(Exception):
    """A request the checks refuse, with the status and the one line the page shows."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def request_origin(request: Request) -> str:
    """This server's origin as the browser sees it (scheme from the trusted proxy when there is one)."""
    return f"{request.url.scheme}://{request.headers.get('host', '')}"


def check_origin(request: Request) -> None:
    """Refuse a state-changing request another site made the browser send (see the module docstring)."""
    if request.method not in UNSAFE_METHODS:
        return
    site = request.headers.get("sec-fetch-site")
    if site is not None:
        if site in ("same-origin", "none"):
            return
        raise RequestRefused(403, "form posts from other sites are refused; use the form on this page")
    origin = request.headers.get("origin")
    if origin is not None:
        if origin == "null" or origin != request_origin(request):
            raise RequestRefused(403, "form posts from other sites are refused; use the form on this page")
        return
    referer = request.headers.get("referer")
    if referer and not (referer == request_origin(request) or referer.startswith(request_origin(request) + "/")):
        raise RequestRefused(403, "form posts from other sites are refused; use the form on this page")


def csrf_token(request: Request) -> str:
    """The session's CSRF token (made on first use); every form renders it as a hidden field."""
    token = request.session.get("csrf")
    if not isinstance(token, str) or len(token) < 20:
        token = secrets.token_urlsafe(32)
        request.session["csrf"] = token
    return token


def rotate_csrf(request: Request) -> None:
    """A new token at login and logout, so a token seen before cannot be replayed in the new session."""
    request.session["csrf"] = secrets.token_urlsafe(32)


def check_csrf(request: Request, sent: str | None) -> None:
    expected = request.session.get("csrf")
    sent = sent or request.headers.get("x-csrf-token")
    if not isinstance(expected, str) or not sent or not hmac.compare_digest(expected.encode(), sent.encode()):
        raise RequestRefused(403, "the form's security token is missing or out of date; reload the page and "
                                  "submit again")


class BodyLimit(Exception):
    """Raised from ``receive`` when a body grows past the limit (a chunked upload without Content-Length)."""


class GuardMiddleware:
    """Pure ASGI: Host allow-list, body size limit, security headers on every response."""

    def __init__(self, app: ASGIApp, allowed_hosts: set[str] | None, max_body: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.allowed_hosts = allowed_hosts
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                extra = [h for h in SECURITY_HEADERS if h[0] not in names]
                if b"cache-control" not in names:
                    extra.append((b"cache-control", b"no-store"))
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        if self.allowed_hosts is not None and headers.get("host", "") not in self.allowed_hosts:
            await _plain(send_with_headers, 421, "this server answers only to its own address; open it via "
                                                 "the address it printed")
            return
        length = headers.get("content-length")
        if length is not None:
            try:
                size = int(length)
            except ValueError:
                await _plain(send_with_headers, 400, "the request's Content-Length is not a number")
                return
            if size > self.max_body:
                scope.setdefault("state", {})["too_large"] = size
        seen = 0
        limit = self.max_body

        async def limited_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit and not scope.get("state", {}).get("draining"):
                    raise BodyLimit(seen)
            return message

        await self.app(scope, limited_receive, send_with_headers)


async def _plain(send: Send, status: int, text: str) -> None:
    body = f"screener: error: {text}\n".encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


async def drain(request: Request, limit: int = 64_000_000) -> None:
    """Read (and drop) an over-size body, so the browser sees the 413 page rather than a reset connection."""
    left = limit
    request.scope.setdefault("state", {})["draining"] = True
    try:
        async for chunk in request.stream():
            left -= len(chunk)
            if left <= 0:
                break
    except Exception:  # noqa: BLE001 - whatever the client sent (or cut short), the answer is the 413 page
        return


def over_limit(request: Request) -> InputError | None:
    size = request.scope.get("state", {}).get("too_large")
    return too_large(size) if size else None


def scrub_secrets(body: bytes) -> bytes:
    """Defence in depth: no credential value from the environment (every variable ``util.secrets`` counts as
    one: ``*_API_KEY`` including ``OLLAMA_API_KEY``, ``*_TOKEN``, ``*_SECRET``...) leaves in a response."""
    from ..util.secrets import secret_values

    for value in secret_values():
        if value.encode() in body:
            body = body.replace(value.encode(), b"[redacted]")
    return body


def client_address(request: Request) -> str:
    return request.client.host if request.client else ""
