"""Who is asking: a signed session cookie (after a password login), or a trusted SSO proxy's user header.

- Local users live in the store (argon2 hashes); ``POST /login`` checks the password and puts the user's id
  in the signed session (new CSRF token at login and logout). A disabled user is signed out on their next
  request, whatever their cookie says.
- Login rate limiting: at most ``login_attempts`` failures per client address and per username within
  ``login_window`` seconds (then 429 until the window passes); counted in the database, so every app process
  on one store shares the limit (``screener.store.throttle``; keyed hashes, no names or addresses).
- SSO (oauth2-proxy style): the ``sso_header`` is read only when the request comes from one of
  ``trusted_proxies``; from anywhere else it is ignored. The named user must exist and be enabled.
- Without ``require_login`` (a loopback bind), pages act as the local admin user ``local``.
"""

from __future__ import annotations

import ipaddress
from typing import Any
from urllib.parse import quote

import anyio
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from ..errors import UsageError
from .forms import read_form
from .pages import error_page, page, redirect
from .security import rotate_csrf

LOCAL_USER = "local"
_OPEN_PATHS = ("/login", "/static/", "/favicon.ico")


class LoginLimiter:
    """Failed sign-ins per client address and per username, counted in the store (``screener.store.throttle``)
    so that every app process on one database shares the limit. Keys are HMACs under the session secret."""

    def __init__(self, attempts: int, window: float, secret: str) -> None:
        self.attempts, self.window, self._secret = attempts, window, secret

    def keys(self, address: str, username: str) -> tuple[str, str]:
        """The address's and the username's row keys (keyed hashes)."""
        from ..store.throttle import throttle_key

        return (throttle_key(self._secret, "ip", address), throttle_key(self._secret, "user", username.casefold()))

    def begin(self, store: Any, keys: tuple[str, str]) -> float:
        """Before the password is checked: 0 = go on (the attempt is counted under the username, atomically),
        else seconds until a sign-in may be tried again (and nothing counted)."""
        from ..store.throttle import Throttled, reserve, waiting

        address, user = keys
        try:
            with store.session() as s:
                wait = waiting(s, [address], attempts=self.attempts, window=self.window)
                if wait > 0:
                    return wait
                reserve(s, [user], attempts=self.attempts, window=self.window)
        except Throttled as e:
            return e.wait
        return 0.0

    def failed(self, store: Any, keys: tuple[str, str]) -> None:
        """The password was wrong: the username's place stays counted; the address is charged now."""
        from ..store.throttle import count_failure

        with store.session() as s:
            count_failure(s, [keys[0]], window=self.window)

    def succeeded(self, store: Any, keys: tuple[str, str]) -> None:
        from ..store.throttle import clear

        with store.session() as s:
            clear(s, keys)


def _trusted(address: str, proxies: list[str]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    for entry in proxies:
        try:
            if ip in ipaddress.ip_network(entry, strict=False):
                return True
        except ValueError:
            continue
    return False


def _load_user(store: Any, *, user_id: int | None = None, username: str | None = None) -> Any:
    from ..store import User, get_user

    with store.reader() as s:
        user = s.get(User, user_id) if user_id is not None else get_user(s, username or "")
    return user if user is not None and not user.disabled else None


def local_user(store: Any) -> Any:
    """The implicit admin of a loopback workspace without logins (made on first use)."""
    from ..store import add_user, get_user

    with store.session() as s:
        user = get_user(s, LOCAL_USER)
        if user is None:
            user = add_user(s, LOCAL_USER, None, "admin")
    return user


class AuthMiddleware:
    """Sets ``request.state.user``; sends anyone not signed in to the login page when login is required."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope, receive)
        app_state = request.app.state
        store, config = app_state.store, app_state.config
        user = None
        if store is not None:
            user = await anyio.to_thread.run_sync(lambda: self._identify(request, store, config))
        request.state.user = user
        path = request.url.path
        if store is not None and user is None and not path.startswith(_OPEN_PATHS):
            if path.endswith("/status"):
                response: Response = JSONResponse({"state": "signed_out", "error": "sign in again"}, status_code=401)
            else:
                response = redirect(f"/login?next={quote(path)}")
            await response(scope, receive, send)
            return
        await self.app(scope, receive, send)

    @staticmethod
    def _identify(request: Request, store: Any, config: Any) -> Any:
        if config.sso_header and request.client and _trusted(request.client.host, config.trusted_proxies):
            name = request.headers.get(config.sso_header, "").strip()
            if name:
                return _load_user(store, username=name)
        uid = request.session.get("uid")
        if isinstance(uid, int):
            user = _load_user(store, user_id=uid)
            if user is None:
                request.session.pop("uid", None)
            return user
        if not config.require_login:
            return local_user(store)
        return None


async def login_form(request: Request) -> Response:
    return page(request, "login.html.j2", next=_next(request.query_params.get("next")), username="")


def _next(target: str | None) -> str:
    """Only a path on this site (no ``//host``, no scheme): the login page is no open redirect."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


async def login(request: Request) -> Response:
    try:
        form = await read_form(request)
    except UsageError as e:
        return page(request, "login.html.j2", e.http_status, error=str(e), next="/", username="")
    username = form.get("username").strip()[:150]
    target = _next(form.get("next"))
    limiter: LoginLimiter = request.app.state.login_limiter
    store = request.app.state.store
    keys = limiter.keys(request.client.host if request.client else "", username)
    wait = await anyio.to_thread.run_sync(limiter.begin, store, keys)
    if wait > 0:
        return page(request, "login.html.j2", 429, next=target, username=username,
                    error=f"too many failed sign-ins; try again in {int(wait) + 1} s")
    user = await anyio.to_thread.run_sync(lambda: _authenticate(store, username, form.get("password")),
                                          limiter=_password_checks())
    if user is None:
        await anyio.to_thread.run_sync(limiter.failed, store, keys)
        return page(request, "login.html.j2", 401, next=target, username=username,
                    error="wrong username or password (or the account is disabled)")
    await anyio.to_thread.run_sync(limiter.succeeded, store, keys)
    request.session.clear()
    rotate_csrf(request)
    request.session["uid"] = user.id
    return redirect(target)


_DUMMY: list[str] = []
_CHECKS: dict[int, anyio.CapacityLimiter] = {}
PASSWORD_CHECKS = 2  # argon2 checks at once per process: each takes ~64 MiB and most of a core for a moment


def _password_checks() -> anyio.CapacityLimiter:
    """One limiter per event loop: a burst of sign-ins queues instead of taking all memory and threads."""
    import asyncio

    key = id(asyncio.get_running_loop())
    if key not in _CHECKS:
        _CHECKS[key] = anyio.CapacityLimiter(PASSWORD_CHECKS)
    return _CHECKS[key]


def _authenticate(store: Any, username: str, password: str) -> Any:
    """``screener.store.authenticate``, with the argon2 check outside any database transaction: it takes tens
    of milliseconds of CPU, and 50 people signing in at once must not hold 50 connections (or SQLite's lock)."""
    from ..store import get_user, hash_password, needs_rehash, verify_password

    with store.reader() as s:
        user = get_user(s, username)
    if user is None or not user.password_hash:
        if not _DUMMY:
            _DUMMY.append(hash_password("screener-dummy-password"))
        verify_password(_DUMMY[0], password)  # a wrong name costs the same time as a wrong password
        return None
    if not verify_password(user.password_hash, password) or user.disabled:
        return None
    if needs_rehash(user.password_hash):
        from ..store import set_password

        with store.session() as s:
            set_password(s, username, password)
    return user


async def logout(request: Request) -> Response:
    try:
        await read_form(request)
    except UsageError as e:
        return error_page(request, e.http_status, str(e))
    request.session.clear()
    rotate_csrf(request)
    return redirect("/login?signed_out=1")


ROUTES = [
    Route("/login", login_form, methods=["GET"]),
    Route("/login", login, methods=["POST"]),
    Route("/logout", logout, methods=["POST"]),
]
