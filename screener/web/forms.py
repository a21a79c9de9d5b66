"""Reading a form post: URL-encoded or multipart (a chosen or dropped file), with a size limit.

Uses only the standard library (``urllib.parse`` and the ``email`` multipart parser), so the web page
adds no dependency. Over-size bodies raise ``TooLarge`` before a byte is parsed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from email.message import Message
from email.parser import BytesParser
from email.policy import HTTP
from urllib.parse import parse_qs

from ..errors import InputError
from ..parsing.loading import DEFAULT_MAX_BYTES

MAX_TRANSCRIPT_BYTES = DEFAULT_MAX_BYTES
MAX_BODY_BYTES = MAX_TRANSCRIPT_BYTES + 64_000  # the transcript plus the form's other fields and multipart framing


class TooLarge(InputError):
    """The request body is over the limit (HTTP 413)."""


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


def parse_form(content_type: str, body: bytes) -> Form:
    """Fields (and files) of a posted form; an unsupported encoding is an InputError."""
    kind = content_type.split(";", 1)[0].strip().lower()
    if kind == "application/x-www-form-urlencoded":
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            raise InputError("the form was not sent as UTF-8; reload the page and submit again") from None
        return Form(fields={k: v[0] for k, v in parse_qs(text, keep_blank_values=True).items()})
    if kind == "multipart/form-data":
        return _parse_multipart(content_type, body)
    raise InputError("unsupported form encoding; submit the form on the page (or post multipart/form-data)")


def _parse_multipart(content_type: str, body: bytes) -> Form:
    head = f"Content-Type: {content_type}\r\nMIME-Version: 1.0\r\n\r\n".encode("latin-1", "replace")
    message: Message = BytesParser(policy=HTTP).parsebytes(head + body)
    if not message.is_multipart():
        raise InputError("the multipart form could not be read; reload the page and submit again")
    form = Form()
    for part in message.iter_parts():  # type: ignore[attr-defined]
        name = part.get_param("name", header="content-disposition")
        if not name:
            continue
        payload = part.get_payload(decode=True) or b""
        filename = part.get_filename()
        if filename is not None:
            if payload or filename:
                form.files[name] = Upload(filename=_basename(filename), data=payload)
            continue
        charset = part.get_content_charset() or "utf-8"
        try:
            form.fields[name] = payload.decode(charset)
        except (UnicodeDecodeError, LookupError):
            raise InputError(f"form field '{name}' is not UTF-8 text; paste the transcript again") from None
    return form


def _basename(filename: str) -> str:
    return filename.replace("\\", "/").rsplit("/", 1)[-1][:200]
