"""Reading a form post (URL-encoded or multipart, parsed by python-multipart through Starlette), with limits.

An over-size body is refused before it is parsed (by its Content-Length, or as it streams in); the form's
CSRF token is checked here, so every state-changing route that reads a form is protected in one place.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from starlette.datastructures import UploadFile
from starlette.requests import Request

from ..errors import InputError
from ..parsing.loading import DEFAULT_MAX_BYTES

MAX_TRANSCRIPT_BYTES = DEFAULT_MAX_BYTES
MAX_BODY_BYTES = MAX_TRANSCRIPT_BYTES + 64_000  # the transcript plus the form's other fields and multipart framing


class TooLarge(InputError):
    """The request body is over the limit (HTTP 413)."""

    http_status = 413


def size_text(n: int) -> str:
    if n >= 1_000_000:
        return f"{n / 1_000_000:.1f} MB"
    if n >= 1_000:
        return f"{n / 1_000:.1f} kB"
    return f"{n} bytes"


def too_large(size: int, limit: int = MAX_TRANSCRIPT_BYTES) -> TooLarge:
    return TooLarge(
        f"the upload is {size_text(size)}, over the {size_text(limit)} limit; "
        "paste or choose only the interview's transcript"
    )


@dataclass
class Upload:
    filename: str
    data: bytes


@dataclass
class Form:
    fields: dict[str, str] = field(default_factory=dict)
    files: dict[str, Upload] = field(default_factory=dict)

    def get(self, name: str, default: str = "") -> str:
        return self.fields.get(name, default)


async def read_form(request: Request) -> Form:
    """The posted form's fields and files (after the CSRF check); over-size or unreadable bodies raise."""
    from starlette.exceptions import HTTPException

    from .security import BodyLimit, check_csrf, drain, over_limit

    if (error := over_limit(request)) is not None:
        await drain(request)
        raise error
    kind = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if kind not in ("application/x-www-form-urlencoded", "multipart/form-data"):
        raise InputError("unsupported form encoding; submit the form on the page (or post multipart/form-data)")
    try:
        data = await request.form(max_files=4, max_fields=64, max_part_size=MAX_BODY_BYTES)
    except BodyLimit as e:
        await drain(request)
        raise too_large(int(str(e.args[0]))) from None
    except HTTPException as e:  # python-multipart could not read it
        raise InputError(f"the form could not be read ({e.detail}); reload the page and submit again") from None
    form = Form()
    for name, value in data.multi_items():
        if isinstance(value, UploadFile):
            content = await value.read()
            if content or value.filename:
                form.files[name] = Upload(filename=_basename(value.filename or ""), data=content)
        else:
            form.fields[name] = value
    check_csrf(request, form.fields.get("csrf_token"))
    return form


def _basename(filename: str) -> str:
    return filename.replace("\\", "/").rsplit("/", 1)[-1][:200]
