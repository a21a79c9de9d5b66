"""Reading a transcript file (or stdin) into text, with one-line errors for every bad input."""

from __future__ import annotations

import codecs
import sys
from pathlib import Path

from ..errors import InputError
from ..util.files import read_regular_file
from ..util.sizes import human_size
from .documents import document_text

DEFAULT_MAX_BYTES = 2_000_000
_FIX_SIZE = "pass only the interview's transcript, or raise the limit (max_bytes)"
_FIX_BINARY = "export the transcript as .docx, .pdf or text (.txt, .vtt, .srt, .json or .md)"


def read_transcript_text(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """The text of a transcript file (``"-"`` = stdin): checked for size, binary content and encoding.

    UTF-8 (with or without BOM) and UTF-16 with a BOM are accepted, and so are Word (.docx) and PDF files,
    recognised by their bytes (see ``documents``); newlines come back as ``\\n``. Only a
    regular file is opened: a FIFO, device or directory is one line, checked before anything is read.
    """
    name = str(path)
    data = _read_stdin(max_bytes) if name == "-" else _read_file(Path(path), name, max_bytes)
    return decode(data, name, max_bytes=max_bytes)


def decode(data: bytes, name: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """Checked bytes -> text (the checks of ``read_transcript_text`` on bytes already read)."""
    if len(data) > max_bytes:
        raise InputError(f"{name}: over the {human_size(max_bytes)} size limit; {_FIX_SIZE}")
    extracted = document_text(data, name)
    if extracted is not None:
        if len(extracted) > max_bytes:
            raise InputError(f"{name}: its text is over the {human_size(max_bytes)} size limit; {_FIX_SIZE}")
        text = extracted
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError(
                f"{name}: has a UTF-16 byte-order mark but is not valid UTF-16; re-save it as UTF-8"
            ) from None
    else:
        if b"\x00" in data:
            raise InputError(
                f"{name}: looks binary (it contains NUL bytes), not a text transcript; {_FIX_BINARY}"
            )
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as e:
            raise InputError(
                f"{name}: is not UTF-8 (byte 0x{data[e.start]:02x} at offset {e.start}); re-save it as UTF-8"
            ) from None
    if "\x00" in text:
        raise InputError(
            f"{name}: looks binary (it contains NUL characters), not a text transcript; {_FIX_BINARY}"
        )
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError(f"{name}: the transcript is empty; export it again, with the speech in it")
    return text


def _read_file(path: Path, name: str, max_bytes: int) -> bytes:
    # a FIFO, device, socket or directory is refused before it is opened: reading one could hang or never end
    return read_regular_file(path, name=name, max_bytes=max_bytes, size_hint=_FIX_SIZE)


def _read_stdin(max_bytes: int) -> bytes:
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:  # a text stream (e.g. replaced in tests)
        return sys.stdin.read(max_bytes + 1).encode("utf-8", "surrogateescape")
    return stream.read(max_bytes + 1)
