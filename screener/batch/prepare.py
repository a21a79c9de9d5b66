"""Reading one input: its text (hashed, for resume and the audit log) and its parsed transcript.

The hash is the sha256 of the decoded text (UTF-8, newlines normalised, BOM dropped), as ``screener grade``
logs it: the same transcript saved with CRLF line ends or a BOM is the same work.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..audit import sha256_hex
from ..errors import InputError
from ..parsing import parse_transcript
from ..parsing.loading import DEFAULT_MAX_BYTES, decode
from ..scorecard import Scorecard
from ..transcript import Transcript
from ..util.errors import one_line
from ..util.files import read_regular_file
from ..util.secrets import scrub
from ..util.text import strip_controls, without_surrogates
from .inputs import BatchInput
from .records import BatchRecord, record_key


@dataclass
class Ready:
    """A record that needs no grading (a failure found on reading, another input's grading of the same
    transcript), made when its turn to be written comes (records are written in input order)."""

    make: Callable[[], BatchRecord]


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
    """Read and hash the file; a bad manifest row or an unreadable file comes back with ``error`` set.

    Only a regular file is opened (a FIFO, device or folder is refused by its type first, so none can hang
    the batch); every problem is the one line the failure record keeps.
    """
    role = item.role or role
    if item.error:
        key = record_key(None, role, item.path, item.requisition, item.candidate)
        return Loaded(item, role, None, key, error=item.error)
    try:
        data = read_regular_file(item.path, max_bytes=max_bytes,
                                 missing_hint="check the path (manifest paths are relative to the manifest)")
        text = decode(data, item.path, max_bytes=max_bytes)
    except InputError as e:
        key = record_key(None, role, item.path, item.requisition, item.candidate)
        return Loaded(item, role, None, key, error=str(e))
    sha = sha256_hex(text)  # the same identity the audit log gives a transcript
    return Loaded(item, role, sha, record_key(sha, role, item.path, item.requisition, item.candidate), text=text)


def parse_loaded(loaded: Loaded, input_format: str | None = None) -> Transcript:
    """The transcript (``InputError`` for anything a person must fix in the file)."""
    assert loaded.text is not None
    return parse_transcript(loaded.text, format=input_format, candidate=loaded.item.speaker, source=loaded.item.path)


def failure(loaded: Loaded, error: BaseException | str, attempts: int = 0) -> BatchRecord:
    """A failure record: the reason on one line, credentials masked, no control characters or surrogates."""
    message = str(error) if str(error) else type(error).__name__
    return BatchRecord(
        input=without_surrogates(loaded.item.path), sha256=loaded.sha256, key=without_surrogates(loaded.key),
        candidate=loaded.item.candidate, role=loaded.role, requisition=loaded.item.requisition, status="failed",
        error=error_text(message),
        error_type=type(error).__name__ if isinstance(error, BaseException) else "InputError",
        attempts=attempts,
    )


def error_text(message: str, limit: int = 2000) -> str:
    """An error message for a results file: one line, scrubbed of credentials and control characters."""
    return one_line(strip_controls(scrub(without_surrogates(message))), limit)


def recorded_for(loaded: Loaded, record: BatchRecord) -> BatchRecord:
    """``record`` (the grading of the same transcript and role in this run) as the record of another input:
    its own path, key, candidate and requisition; graded once, recorded for each input that names it."""
    card = record.scorecard
    return record.model_copy(update={
        "input": without_surrogates(loaded.item.path), "key": without_surrogates(loaded.key),
        "candidate": loaded.item.candidate or (card.candidate if card is not None else None),
        "requisition": loaded.item.requisition, "role": loaded.role})


def graded(loaded: Loaded, card: Scorecard, attempts: int) -> BatchRecord:
    return BatchRecord(
        input=without_surrogates(loaded.item.path), sha256=loaded.sha256, key=without_surrogates(loaded.key),
        candidate=loaded.item.candidate or card.candidate, role=loaded.role,
        requisition=loaded.item.requisition, status="graded", scorecard=card, attempts=attempts,
    )
