"""The web page as an ASGI application (Starlette): the route table, the middleware, the error pages.

Middleware, outermost first: ``GuardMiddleware`` (Host allow-list, body size limit, security headers),
Starlette's ``SessionMiddleware`` (a signed, HttpOnly, SameSite=Lax cookie; Secure behind HTTPS), the
same-origin check on every state-changing request. Forms are read by ``forms.read_form``, which checks the
CSRF token; a test walks the route table and posts to every POST route without one.
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import anyio
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from ..store.engine import StoreError
from . import ats_routes, auth, grade_routes, interview_routes, kit_routes, list_routes, trends_routes
from .auth import AuthMiddleware, LoginLimiter
from .config import WebConfig, secret_key
from .interview_routes import Denied
from .jobs import JobRunner
from .pages import error_page
from .security import GuardMiddleware, RequestRefused, check_origin
from .store import ResultStore

STATIC = Path(__file__).parent / "static"
_STATIC_TYPES = {".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8"}
_STATIC_FILES = {p.name: p for p in STATIC.iterdir() if p.suffix in _STATIC_TYPES}


class OriginMiddleware:
    """Every POST (PUT, PATCH, DELETE) passes the same-origin check before any route sees it."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            request = Request(scope, receive)
            try:
                check_origin(request)
            except RequestRefused as e:
                await error_page(request, e.status, str(e))(scope, receive, send)
                return
        await self.app(scope, receive, send)


async def static_file(request: Request) -> Response:
    path = _STATIC_FILES.get(request.path_params["name"])
    if path is None:
        return error_page(request, 404, "no such file")
    return Response(path.read_bytes(), media_type=_STATIC_TYPES[path.suffix], headers={"Cache-Control": "no-cache"})


async def favicon(_: Request) -> Response:
    return Response(status_code=204)


async def http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    messages = {404: "no such page; start again from the grading form"}
    if exc.status_code == 405:
        allow = (exc.headers or {}).get("Allow", "")
        return error_page(request, 405, f"use {allow.split(',')[0].strip() or 'another method'} here",
                          headers={"Allow": allow})
    return error_page(request, exc.status_code, messages.get(exc.status_code, str(exc.detail)))


async def refused(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestRefused)
    return error_page(request, exc.status, str(exc))


async def denied(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, Denied)
    return error_page(request, exc.status, str(exc))


async def store_error(request: Request, exc: Exception) -> Response:
    traceback.print_exception(exc, file=sys.stderr)
    return error_page(request, 503, f"the workspace database is unavailable right now ({exc}); try again shortly",
                      headers={"Retry-After": "5"})


async def server_error(request: Request, exc: Exception) -> Response:  # never a traceback on the page
    traceback.print_exception(exc, file=sys.stderr)
    return error_page(request, 500, "the server hit an unexpected error; the details are in its terminal")


def _apply_retention(store: Any) -> None:
    """Delete the transcripts older than the workspace's retention (README, "Retention and erasure") on every
    start; one line on stderr for what it removed, or why it could not (the app still starts)."""
    from ..errors import ScreenerError
    from ..store.retention import run_retention

    try:
        result = run_retention(store)
    except (ScreenerError, OSError) as e:
        print(f"screener: retention not applied on start: {e}; run `screener retention run`", file=sys.stderr)
        return
    if result.removed:
        print(f"screener: retention removed {result.removed} transcript(s) past the workspace's retention", file=sys.stderr)


def create_app(config: WebConfig | None = None, results: ResultStore | None = None, store: Any = None) -> Starlette:
    """The app; ``config`` says who may use it and how the session is signed. With a ``store`` (a
    ``screener.store.Store``) it is the team workspace; without one, results live in memory only."""
    config = config or WebConfig()
    workspace = store is not None
    signing_key = secret_key(config.secret_key)
    routes = [
        *([Route("/", workspace_home, methods=["GET"]), *auth.ROUTES, *interview_routes.ROUTES, *ats_routes.ROUTES,
            *list_routes.ROUTES, *trends_routes.ROUTES]
          if workspace else grade_routes.ROUTES),
        *kit_routes.ROUTES,
        Route("/static/{name:str}", static_file, methods=["GET"]),
        Route("/favicon.ico", favicon, methods=["GET"]),
    ]
    middleware = [
        Middleware(GuardMiddleware, allowed_hosts=config.allowed_hosts),
        Middleware(SessionMiddleware, secret_key=signing_key, session_cookie="screener_session",
                   max_age=config.session_max_age, same_site="lax", https_only=config.secure_cookies),
        Middleware(OriginMiddleware),
        Middleware(AuthMiddleware),
    ]

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        if app.state.store is not None:
            await anyio.to_thread.run_sync(_apply_retention, app.state.store)
        if app.state.worker is not None:
            app.state.worker.start()
        try:
            yield
        finally:
            if app.state.worker is not None:
                await app.state.worker.stop()

    app = Starlette(routes=routes, middleware=middleware, lifespan=lifespan,
                    exception_handlers={HTTPException: http_error, RequestRefused: refused, Denied: denied,
                                        StoreError: store_error,
                                        Exception: server_error})
    app.state.config = config
    app.state.results = results or ResultStore()
    app.state.jobs = JobRunner()
    app.state.store = store
    app.state.worker = None
    if workspace:
        from .worker import Worker

        app.state.worker = Worker(store, processes=config.grading_processes)
    app.state.login_limiter = LoginLimiter(config.login_attempts, config.login_window, signing_key)
    return app


async def workspace_home(request: Request) -> Response:
    from .pages import redirect

    return redirect("/interviews/new")
