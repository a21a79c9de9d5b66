"""Reading one input: its text (hashed, for resume and the audit log) and its parsed transcript.

The hash is the sha256 of the decoded text (UTF-8, newlines normalised, BOM dropped), as ``screener grade``
logs it: the same transcript saved with CRLF line ends or a BOM is the same work.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from ..audit import sha256_hex
from ..errors import InputError
from ..parsing import parse_transcript
from ..parsing.loading import DEFAULT_MAX_BYTES, decode
from ..scorecard import Scorecard
from ..transcript import Transcript
from .inputs import BatchInput
from .records import BatchRecord, record_key


@dataclass
class Loaded:
    item: BatchInput
    role: str
    sha256: str | None
    key: str
    text: str | None = None
    error: str | None = None
    """why the file could not be read (then sha256 is None)"""


def read_input(item: BatchInput, role: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Loaded:
    """Read and hash the file; a bad manifest row or an unreadable file comes back with ``error`` set."""
    role = item.role or role
    if item.error:
        return Loaded(item, role, None, record_key(None, role, item.path), error=item.error)
    try:
        if os.path.isdir(item.path):
            raise InputError(f"{item.path}: is a directory; list transcript files")
        size = os.stat(item.path).st_size
        if size > max_bytes:
            raise InputError(f"{item.path}: {size} bytes is over the {max_bytes}-byte size limit; "
                             "pass only the interview's transcript")
        with open(item.path, "rb") as f:
            data = f.read(max_bytes + 1)
    except FileNotFoundError:
        error = f"{item.path}: no such file; check the path (manifest paths are relative to the manifest)"
        return Loaded(item, role, None, record_key(None, role, item.path), error=error)
    except PermissionError:
        return Loaded(item, role, None, record_key(None, role, item.path),
                      error=f"{item.path}: permission denied; make the file readable")
    except InputError as e:
        return Loaded(item, role, None, record_key(None, role, item.path), error=str(e))
    except OSError as e:
        return Loaded(item, role, None, record_key(None, role, item.path),
                      error=f"{item.path}: cannot be read ({e.strerror or e})")
    try:
        text = decode(data, item.path, max_bytes=max_bytes)
    except InputError as e:
        return Loaded(item, role, None, record_key(None, role, item.path), error=str(e))
    sha = sha256_hex(text)  # the same identity the audit log gives a transcript
    return Loaded(item, role, sha, record_key(sha, role, item.path), text=text)


def parse_loaded(loaded: Loaded, input_format: str | None = None) -> Transcript:
    """The transcript (``InputError`` for anything a person must fix in the file)."""
    assert loaded.text is not None
    return parse_transcript(loaded.text, format=input_format, candidate=loaded.item.speaker, source=loaded.item.path)


def failure(loaded: Loaded, error: BaseException | str, attempts: int = 0) -> BatchRecord:
    message = str(error) if str(error) else type(error).__name__
    return BatchRecord(
        input=loaded.item.path, sha256=loaded.sha256, key=loaded.key, candidate=loaded.item.candidate,
        role=loaded.role, requisition=loaded.item.requisition, status="failed",
        error=" ".join(message.split())[:2000],
        error_type=type(error).__name__ if isinstance(error, BaseException) else "InputError",
        attempts=attempts,
    )


def graded(loaded: Loaded, card: Scorecard, attempts: int) -> BatchRecord:
    return BatchRecord(
        input=loaded.item.path, sha256=loaded.sha256, key=loaded.key,
        candidate=loaded.item.candidate or card.candidate, role=loaded.role,
        requisition=loaded.item.requisition, status="graded", scorecard=card, attempts=attempts,
    )
