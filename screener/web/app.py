"""The web page as a WSGI application: routing, form handling, security headers.

Routes::

    GET  /                              the form: paste or drop a transcript, pick role and grader
    POST /grade                         grade it; 303 to the result (400/413 with the form and a message)
    GET  /result/<id>                   the scorecard beside the highlighted transcript
    GET  /result/<id>/scorecard.json    download (also .md)
    POST /result/<id>/forget            drop the result from memory
    GET  /kit, /kit/<role>, /kit/<role>.md   the interviewer kit of each role
    GET  /static/<file>                 CSS and JavaScript (no inline script: the CSP forbids it)
"""

from __future__ import annotations

import asyncio
import os
import re
import sys
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from http import HTTPStatus
from pathlib import Path
from typing import TYPE_CHECKING, Any, get_args

from ..errors import GradingError, InputError, ScreenerError, UsageError
from ..rubric import RoleChoice
from ..transcript import Transcript
from ..vocab import TRACKS
from .forms import MAX_BODY_BYTES, MAX_TRANSCRIPT_BYTES, Form, TooLarge, parse_form, size_text, too_large
from .graders import available_graders, choose_grader
from .store import Result, ResultStore
from .templating import render

if TYPE_CHECKING:
    from ..scorecard import Scorecard

StartResponse = Callable[..., Any]
Environ = dict[str, Any]

STATIC = Path(__file__).parent / "static"
ROLES: tuple[str, ...] = get_args(RoleChoice)
ROLE_LABELS = {"hybrid": "AI/ML engineer (both tracks)", "ai_engineer": "AI engineer", "ml_engineer": "ML engineer"}
SECRET_ENV_VARS = ("ANTHROPIC_API_KEY", "OPENAI_API_KEY")
_DRAIN_LIMIT = 64_000_000  # read (and discard) an over-size body up to this, so the browser sees the 413

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'none'; "
    "font-src 'none'; object-src 'none'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = [
    ("Content-Security-Policy", CSP),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "no-referrer"),
    ("X-Frame-Options", "DENY"),
    ("Cross-Origin-Opener-Policy", "same-origin"),
]
_STATIC_TYPES = {".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8"}
_RESULT = re.compile(r"^/result/(?P<id>[A-Za-z0-9_-]{8,64})(?P<rest>/scorecard\.(?:json|md)|/forget)?$")
_KIT = re.compile(r"^/kit/(?P<role>[a-z_]+)(?P<md>\.md)?$")


@dataclass
class Response:
    status: int
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    headers: list[tuple[str, str]] = field(default_factory=list)
    cache: str = "no-store"


class HttpError(Exception):
    def __init__(self, status: int, message: str, headers: list[tuple[str, str]] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.headers = headers or []


class WebApp:
    """The WSGI app. ``allowed_hosts``: Host header values accepted (None = any; set for loopback binds)."""

    def __init__(self, store: ResultStore | None = None, allowed_hosts: set[str] | None = None) -> None:
        self.store = store or ResultStore()
        self.allowed_hosts = allowed_hosts
        self._static = {p.name: p for p in STATIC.iterdir() if p.suffix in _STATIC_TYPES}

    # -- WSGI -------------------------------------------------------------------------------------
    def __call__(self, environ: Environ, start_response: StartResponse) -> Iterable[bytes]:
        try:
            response = self.dispatch(environ)
        except HttpError as e:
            response = self._error_page(e.status, str(e), e.headers)
        except Exception:  # never a traceback on the page
            traceback.print_exc(file=sys.stderr)
            response = self._error_page(500, "the server hit an unexpected error; the details are in its terminal")
        body = _scrub_secrets(response.body)
        headers = [("Content-Type", response.content_type), ("Content-Length", str(len(body))),
                   ("Cache-Control", response.cache), *SECURITY_HEADERS, *response.headers]
        start_response(f"{response.status} {HTTPStatus(response.status).phrase}", headers)
        return [body] if environ.get("REQUEST_METHOD") != "HEAD" else [b""]

    def dispatch(self, environ: Environ) -> Response:
        method = environ.get("REQUEST_METHOD", "GET")
        path = environ.get("PATH_INFO", "/") or "/"
        self._check_host(environ)
        if method == "POST":
            self._check_origin(environ)
        if path == "/":
            _allow(method, "GET")
            notice = "The result was forgotten." if environ.get("QUERY_STRING") == "forgotten=1" else None
            return self._page(200, "index.html.j2", **self._form_context(notice=notice))
        if path == "/grade":
            _allow(method, "POST")
            return self._grade(environ)
        if path.startswith("/static/"):
            _allow(method, "GET")
            return self._static_file(path.removeprefix("/static/"))
        if path in ("/kit", "/kit/"):
            _allow(method, "GET")
            return self._page(200, "kits.html.j2", roles=[(r, ROLE_LABELS[r]) for r in ROLES])
        if m := _KIT.match(path):
            _allow(method, "GET")
            return self._kit(m["role"], bool(m["md"]))
        if m := _RESULT.match(path):
            return self._result(method, m["id"], m["rest"] or "", environ)
        if path == "/favicon.ico":
            return Response(204, b"", content_type="text/plain")
        raise HttpError(404, "no such page; start again from the grading form")

    # -- pages ------------------------------------------------------------------------------------
    def _page(self, status: int, template: str, **context: Any) -> Response:
        return Response(status, render(template, **context).encode("utf-8"))

    def _error_page(self, status: int, message: str, headers: list[tuple[str, str]] | None = None) -> Response:
        body = render("error.html.j2", status=status, phrase=HTTPStatus(status).phrase, message=message)
        return Response(status, body.encode("utf-8"), headers=list(headers or []))

    def _form_context(self, form: Form | None = None, error: str | None = None,
                      notice: str | None = None) -> dict[str, Any]:
        from ..parsing import FORMATS

        form = form or Form()
        graders = available_graders()
        return {
            "error": error,
            "notice": notice,
            "roles": [(r, ROLE_LABELS[r]) for r in ROLES],
            "formats": FORMATS,
            "graders": graders,
            "values": {
                "text": form.get("text"),
                "role": form.get("role", "hybrid"),
                "format": form.get("format"),
                "grader": form.get("grader", graders[0].key),
                "candidate": form.get("candidate"),
                "interviewer": form.get("interviewer"),
            },
            "max_size": size_text(MAX_TRANSCRIPT_BYTES),
        }

    def _grade(self, environ: Environ) -> Response:
        form: Form | None = None
        try:
            form = parse_form(environ.get("CONTENT_TYPE", ""), _read_body(environ))
            role = form.get("role", "hybrid") or "hybrid"
            if role not in ROLES:
                raise UsageError(f"unknown role '{role}'; choose one of: {', '.join(ROLES)}")
            grader = choose_grader(form.get("grader"))
            transcript, text = _transcript_from(form)
            card = asyncio.run(_grade_async(transcript, grader.provider_id, role))
            _audit(card, text, role, grader.provider_id)
        except TooLarge as e:
            return self._page(413, "index.html.j2", **self._form_context(None, str(e)))
        except UsageError as e:  # InputError, ConfigError, MissingKeyError: the user can fix it
            return self._page(400, "index.html.j2", **self._form_context(form, str(e)))
        except GradingError as e:
            return self._page(502, "index.html.j2", **self._form_context(form, f"grading failed: {e}"))
        except ScreenerError as e:
            return self._page(500, "index.html.j2", **self._form_context(form, str(e)))
        key = self.store.add(Result(card=card, transcript=transcript, role=role))  # type: ignore[arg-type]
        return Response(303, b"", headers=[("Location", f"/result/{key}")])

    def _result(self, method: str, key: str, rest: str, environ: Environ) -> Response:
        if rest == "/forget":
            _allow(method, "POST")
            self.store.forget(key)
            return Response(303, b"", headers=[("Location", "/?forgotten=1")])
        _allow(method, "GET")
        result = self.store.get(key)
        if result is None:
            raise HttpError(404, "this result is no longer kept (results live in memory only, for a few hours, "
                                 "and are gone when the server stops); grade the transcript again")
        if rest:
            return self._download(result, rest.rsplit(".", 1)[-1])
        from .views import build_view

        view = build_view(result.card, result.transcript, result.role)
        return self._page(200, "result.html.j2", view=view, key=key, role_label=ROLE_LABELS[result.role],
                          transcript=result.transcript)

    def _download(self, result: Result, kind: str) -> Response:
        from ..render import to_json, to_markdown

        name = f"scorecard-{_slug(result.card.candidate or 'candidate')}.{kind}"
        text, ctype = (to_json(result.card), "application/json") if kind == "json" else (
            to_markdown(result.card), "text/markdown")
        return Response(200, text.encode("utf-8"), content_type=f"{ctype}; charset=utf-8",
                        headers=[("Content-Disposition", f'attachment; filename="{name}"')])

    def _kit(self, role: str, markdown: bool) -> Response:
        if role not in ROLES:
            raise HttpError(404, f"no kit for role '{role}'; choose one of: {', '.join(ROLES)}")
        if markdown:
            from ..kit import render_kit

            return Response(200, render_kit(role).encode("utf-8"),  # type: ignore[arg-type]
                            content_type="text/markdown; charset=utf-8",
                            headers=[("Content-Disposition", f'attachment; filename="interviewer-kit-{role}.md"')])
        from ..prompting import ROLE_TITLES
        from ..rubric import load_rubric

        rubric = load_rubric()
        tracks = TRACKS if role == "hybrid" else (role,)
        sections = [(ROLE_TITLES[t], [c for c in rubric.for_role(role) if c.track == t]) for t in tracks]  # type: ignore[arg-type]
        return self._page(200, "kit.html.j2", role=role, role_label=ROLE_LABELS[role],
                          sections=[s for s in sections if s[1]], rubric_version=rubric.version,
                          roles=[(r, ROLE_LABELS[r]) for r in ROLES])

    def _static_file(self, name: str) -> Response:
        path = self._static.get(name)
        if path is None:
            raise HttpError(404, "no such file")
        return Response(200, path.read_bytes(), content_type=_STATIC_TYPES[path.suffix], cache="no-cache")

    # -- request checks ---------------------------------------------------------------------------
    def _check_host(self, environ: Environ) -> None:
        if self.allowed_hosts is None:
            return
        host = environ.get("HTTP_HOST", "")
        if host not in self.allowed_hosts:
            raise HttpError(421, "this server answers only to its own address; open it via the address it printed")

    def _check_origin(self, environ: Environ) -> None:
        origin = environ.get("HTTP_ORIGIN")
        if origin and origin != "null" and origin != f"http://{environ.get('HTTP_HOST', '')}":
            raise HttpError(403, "form posts from other sites are refused; use the form on this page")


def _allow(method: str, allowed: str) -> None:
    if method == allowed or (allowed == "GET" and method == "HEAD"):
        return
    raise HttpError(405, f"use {allowed} here", headers=[("Allow", allowed if allowed != "GET" else "GET, HEAD")])


def _read_body(environ: Environ) -> bytes:
    if "chunked" in environ.get("HTTP_TRANSFER_ENCODING", "").lower():
        raise HttpError(411, "send the form with a Content-Length (chunked uploads are not accepted)")
    raw = environ.get("CONTENT_LENGTH") or ""
    try:
        length = int(raw)
    except ValueError:
        raise HttpError(411, "the request has no valid Content-Length; submit the form from the page") from None
    if length < 0:
        raise HttpError(400, "the request's Content-Length is negative")
    stream = environ["wsgi.input"]
    if length > MAX_BODY_BYTES:
        _drain(stream, length)
        raise too_large(length)
    return stream.read(length)


def _drain(stream: Any, length: int) -> None:
    left = min(length, _DRAIN_LIMIT)
    while left > 0:
        chunk = stream.read(min(left, 1 << 16))
        if not chunk:
            break
        left -= len(chunk)


def _transcript_from(form: Form) -> tuple[Transcript, str]:
    """The parsed transcript and the text it was parsed from (hashed for the audit log)."""
    from ..parsing import parse_transcript
    from ..parsing.loading import decode

    upload = form.files.get("file")
    fmt = form.get("format") or None
    names = {"candidate": form.get("candidate").strip() or None, "interviewer": form.get("interviewer").strip() or None}
    if upload is not None and upload.data:
        if len(upload.data) > MAX_TRANSCRIPT_BYTES:
            raise too_large(len(upload.data))
        name = upload.filename or "uploaded file"
        text = decode(upload.data, name, max_bytes=MAX_TRANSCRIPT_BYTES)
        return parse_transcript(text, format=fmt, source=name, **names), text
    if upload is not None and upload.filename and not form.get("text").strip():
        raise InputError(f"{upload.filename}: the file is empty; export the transcript again, with the speech in it")
    text = form.get("text")
    if len(text.encode("utf-8")) > MAX_TRANSCRIPT_BYTES:
        raise too_large(len(text.encode("utf-8")))
    if not text.strip():
        raise InputError("nothing to grade: paste a transcript into the box or choose a transcript file")
    return parse_transcript(text, format=fmt, source="pasted transcript", **names), text


def _audit(card: Scorecard, text: str, role: str, provider_id: str) -> None:
    """Every grading on the page goes into the audit log, as on the command line."""
    from ..audit import record_grading, sha256_hex

    record_grading(card, sha256_hex(text),
                   {"role": role, "samples": 1, "redact": None, "via": "web", "provider": provider_id})


async def _grade_async(transcript: Transcript, provider_id: str, role: str):  # -> Scorecard
    from ..grading import GradeOptions, grade_async

    return await grade_async(transcript, provider_id, GradeOptions(role=role))  # type: ignore[arg-type]


def _slug(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", name).strip("-").lower()[:40] or "candidate"


def _scrub_secrets(body: bytes) -> bytes:
    """Defence in depth: an API key value never leaves in a response, whatever produced the text."""
    for var in SECRET_ENV_VARS:
        value = os.environ.get(var, "")
        if len(value) >= 8 and value.encode() in body:
            body = body.replace(value.encode(), b"[redacted]")
    return body
