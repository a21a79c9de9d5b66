"""Responses: HTML pages from the templates (with the CSRF token and the user), errors, downloads."""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from .security import csrf_token, scrub_secrets
from .templating import render


def page(request: Request, template: str, status: int = 200, **context: Any) -> Response:
    context.setdefault("user", getattr(request.state, "user", None))
    context.setdefault("error", None)
    context.setdefault("notice", None)
    body = render(template, csrf_token=csrf_token(request), **context)
    return Response(scrub_secrets(body.encode("utf-8")), status_code=status, media_type="text/html; charset=utf-8")


def error_page(request: Request, status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    response = page(request, "error.html.j2", status, status_code=status,
                    phrase=HTTPStatus(status).phrase, message=message)
    for k, v in (headers or {}).items():
        response.headers[k] = v
    return response


def download(text: str, media_type: str, filename: str) -> Response:
    return Response(scrub_secrets(text.encode("utf-8")), media_type=f"{media_type}; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


def redirect(location: str) -> Response:
    return Response(status_code=303, headers={"Location": location})
