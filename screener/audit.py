"""An append-only, hash-chained JSONL audit log of gradings and human decisions.

One line per event, written as canonical JSON (sorted keys, no spaces). Each line carries ``prev``, the
sha256 of the previous line's bytes (64 zeros for the first line), and ``hash``, the sha256 of its own
canonical JSON without ``hash``. An edited, deleted, reordered or inserted line breaks the chain at that
line; ``verify`` names the first one. (The chain has no secret key: it shows that a log was changed by hand,
not who changed it, and it cannot notice the last lines being cut off.)

What is logged: times, hashes of the input and of the scorecard, which grader and prompt, settings, the
recommendation, tokens and cost, and reviewers' decisions. Never transcript text, never API keys.

Where: ``--audit-log PATH``, else ``SCREENER_AUDIT_LOG``, else ``$XDG_STATE_HOME/screener/audit.jsonl``
(``~/.local/state/screener/audit.jsonl``). Appends hold a thread lock and an ``flock`` on the file, so
concurrent writers in one process and across processes keep the chain intact.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from .errors import InputError, ScreenerError
from .scorecard import Scorecard

try:  # pragma: no cover - always there on Linux and macOS
    import fcntl
except ImportError:  # pragma: no cover - Windows: the thread lock only
    fcntl = None  # type: ignore[assignment]

GENESIS = "0" * 64
ENV_VAR = "SCREENER_AUDIT_LOG"
_TAIL = 65536
_LOCK = threading.Lock()
_SECRET_KEY = re.compile(r"(?:api[_-]?key|secret|token(?!s)|password|passwd|authorization|auth|credential|cookie)", re.I)
_SECRET_ENV = re.compile(r"(?:KEY|TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIAL)", re.I)
_URL_USERINFO = re.compile(r"(?<=://)[^/@\s]+@")


class AuditError(ScreenerError):
    """The audit log could not be written: the grading or decision is not recorded (exit 1)."""


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    lines: int
    problem: str | None = None
    line_no: int | None = None


def default_path() -> Path:
    state = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(state) / "screener" / "audit.jsonl"


def resolve_path(path: Path | str | None = None) -> Path:
    """``path``, else ``SCREENER_AUDIT_LOG``, else the XDG state location."""
    if path:
        return Path(path).expanduser()
    if os.environ.get(ENV_VAR):
        return Path(os.environ[ENV_VAR]).expanduser()
    return default_path()


def canonical(record: dict[str, Any]) -> bytes:
    return json.dumps(record, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str).encode("utf-8")


def sha256_hex(data: bytes | str) -> str:
    return hashlib.sha256(data.encode("utf-8") if isinstance(data, str) else data).hexdigest()


def scorecard_sha256(card: Scorecard) -> str:
    """sha256 of the scorecard's canonical JSON."""
    return sha256_hex(canonical(card.model_dump(mode="json")))


def _record_hash(record: dict[str, Any]) -> str:
    return sha256_hex(canonical({k: v for k, v in record.items() if k != "hash"}))


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _secret_values() -> list[str]:
    return sorted({v for k, v in os.environ.items() if _SECRET_ENV.search(k) and len(v) >= 8}, key=len, reverse=True)


def scrub(value: Any, secrets: list[str] | None = None) -> Any:
    """A copy without secret-looking keys, URL credentials or the values of *_KEY/*_TOKEN env variables."""
    secrets = _secret_values() if secrets is None else secrets
    if isinstance(value, BaseModel):
        value = value.model_dump(mode="json")
    if isinstance(value, dict):
        return {str(k): scrub(v, secrets) for k, v in value.items() if not _SECRET_KEY.search(str(k))}
    if isinstance(value, list | tuple):
        return [scrub(v, secrets) for v in value]
    if isinstance(value, Path):
        value = str(value)
    if isinstance(value, str):
        value = _URL_USERINFO.sub("", value)
        for s in secrets:
            value = value.replace(s, "[redacted]")
    return value


def _last_line(fd: int) -> bytes | None:
    size = os.fstat(fd).st_size
    if size == 0:
        return None
    start = max(0, size - _TAIL)
    while True:
        os.lseek(fd, start, os.SEEK_SET)
        chunk = os.read(fd, size - start)
        body = chunk.rstrip(b"\n")
        cut = body.rfind(b"\n")
        if cut >= 0 or start == 0:
            return body[cut + 1 :] if body else None
        start = max(0, start - _TAIL)


def append_event(path: Path | None, event: dict[str, Any]) -> dict[str, Any]:
    """Append one event (it needs an ``event`` name) chained to the last line; returns the record written."""
    if not isinstance(event.get("event"), str) or not event["event"]:
        raise ValueError("an audit event needs an 'event' name")
    target = resolve_path(path)
    record = scrub({k: v for k, v in event.items() if k not in ("prev", "hash")})
    record.setdefault("time", now_iso())
    try:
        target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        with _LOCK:
            fd = os.open(target, os.O_RDWR | os.O_CREAT | os.O_APPEND, 0o600)
            try:
                if fcntl is not None:
                    fcntl.flock(fd, fcntl.LOCK_EX)
                last = _last_line(fd)
                record["prev"] = sha256_hex(last) if last is not None else GENESIS
                record["hash"] = _record_hash(record)
                line = canonical(record) + b"\n"
                os.lseek(fd, 0, os.SEEK_END)
                if os.fstat(fd).st_size and last is not None and not _ends_with_newline(fd):
                    line = b"\n" + line  # a torn last line stays a (bad) line of its own
                os.write(fd, line)
                os.fsync(fd)
            finally:
                os.close(fd)  # closing releases the flock
    except OSError as e:
        raise AuditError(
            f"cannot write the audit log {target} ({e.strerror or e}); fix its permissions or set --audit-log / "
            f"{ENV_VAR} to a writable file"
        ) from e
    return record


def _ends_with_newline(fd: int) -> bool:
    size = os.fstat(fd).st_size
    os.lseek(fd, size - 1, os.SEEK_SET)
    ends = os.read(fd, 1) == b"\n"
    os.lseek(fd, 0, os.SEEK_END)
    return ends


def grading_event(card: Scorecard, transcript_sha256: str, settings: dict[str, Any]) -> dict[str, Any]:
    g = card.grader
    return {
        "event": "grade",
        "input_sha256": transcript_sha256,
        "redacted": g.redacted,
        "provider": g.provider,
        "model": g.model,
        "prompt_version": g.prompt_version,
        "settings": settings,
        "scorecard_sha256": scorecard_sha256(card),
        "recommendation": card.recommendation,
        "signal": card.signal,
        "needs_human_review": card.needs_human_review,
        "samples": g.samples,
        "attempts": g.attempts,
        "input_tokens": g.input_tokens,
        "output_tokens": g.output_tokens,
        "cached_input_tokens": g.cached_input_tokens,
        "cost_usd": g.cost_usd,
    }


def record_grading(card: Scorecard, transcript_sha256: str, settings: dict[str, Any], path: Path | None = None) -> None:
    """Log one grading (no transcript text; secrets scrubbed from ``settings``). Raises ``AuditError``."""
    append_event(path, grading_event(card, transcript_sha256, settings))


def read_lines(path: Path) -> list[bytes]:
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError as e:
        raise InputError(f"{path}: no audit log here; pass --audit-log PATH or set {ENV_VAR}") from e
    except OSError as e:
        raise InputError(f"{path}: cannot read the audit log ({e.strerror})") from e
    if not data:
        return []
    return data[:-1].split(b"\n") if data.endswith(b"\n") else data.split(b"\n")


def verify(path: Path) -> VerifyResult:
    """Check every line's hash and its link to the line before; the first bad line is named (1-based)."""
    lines = read_lines(path)
    prev = GENESIS
    for no, raw in enumerate(lines, start=1):
        try:
            record = json.loads(raw)
        except (json.JSONDecodeError, UnicodeDecodeError):
            return VerifyResult(False, len(lines), f"line {no} is not a JSON audit record (edited or torn)", no)
        if not isinstance(record, dict) or not isinstance(record.get("hash"), str) or not isinstance(record.get("prev"), str):
            return VerifyResult(False, len(lines), f"line {no} has no prev/hash fields (not written by screener)", no)
        if record["hash"] != _record_hash(record) or canonical(record) != raw:
            return VerifyResult(False, len(lines), f"line {no} was edited (its hash does not match its content)", no)
        if record["prev"] != prev:
            return VerifyResult(
                False, len(lines),
                f"line {no} does not follow line {no - 1} (a line was deleted, inserted or moved here)" if no > 1
                else "line 1 is not the start of the log (a line was deleted or inserted before it)",
                no,
            )
        prev = sha256_hex(raw)
    return VerifyResult(True, len(lines))
