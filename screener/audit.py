"""An append-only, tamper-evident JSONL audit log of gradings and human decisions.

One line per event, written as canonical JSON (sorted keys, no spaces). Each line carries ``seq`` (1, 2, ...),
``prev`` (the previous line's ``mac``; 64 zeros for the first line) and ``mac``: HMAC-SHA256, under a key kept
outside the log, of ``prev`` followed by the line's canonical JSON without ``mac``. The chain head (the last
``seq`` and ``mac``, itself MACed) is kept apart from the log in ``<log>.head``. Without the key nobody can edit,
delete, reorder, insert or append a line, nor cut lines off the end or empty the file, without ``verify``
naming the first bad line or the missing tail. (What the key does not protect against is in the README,
"Audit log: threat model".)

The key: ``SCREENER_AUDIT_KEY`` (an even number of 32+ hex digits is read as hex, anything else as its UTF-8
bytes; 16 bytes at least), else the key file ``SCREENER_AUDIT_KEY_FILE``, else ``<log>.key``, created with 0600 permissions when the
first line of a log is written. A key is never created for a log that already has lines or a head.

What is logged: times, hashes of the input and of the scorecard, which grader and prompt, settings, the
recommendation, tokens and cost, and reviewers' decisions with the note's sha256 and a keyed pseudonym of the
reviewer's name. Never transcript text, never note text, never API keys.

Where: ``--audit-log PATH``, else ``SCREENER_AUDIT_LOG``, else ``$XDG_STATE_HOME/screener/audit.jsonl``
(``~/.local/state/screener/audit.jsonl``). Appends hold a thread lock and an exclusive ``flock`` on the log
while they read the head, write the line and replace the head, so concurrent writers in one process and across
processes (a batch and a review at once) keep the chain and its head intact; ``verify`` takes a shared lock.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
import secrets
import tempfile
import threading
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pydantic_core import to_jsonable_python

from .errors import InputError, ScreenerError, UsageError
from .scorecard import Scorecard
from .util.secrets import drop_secrets

try:  # pragma: no cover - always there on Linux and macOS
    import fcntl
except ImportError:  # pragma: no cover - Windows: the thread lock only
    fcntl = None  # type: ignore[assignment]  # the module or None: checked before every use

GENESIS = "0" * 64
ENV_VAR = "SCREENER_AUDIT_LOG"
KEY_ENV = "SCREENER_AUDIT_KEY"
KEY_FILE_ENV = "SCREENER_AUDIT_KEY_FILE"
MIN_KEY_BYTES = 16
_RESERVED = ("seq", "prev", "mac", "hash")
_TAIL = 65536
_LOCK = threading.Lock()
_HEX_KEY = re.compile(r"(?:[0-9a-fA-F]{2}){16,}")
_NEW_KEY = "python -c 'import secrets; print(secrets.token_hex(32))'"


class AuditError(ScreenerError):
    """The audit log could not be written: the grading or decision is not recorded (exit 1)."""


class AuditKeyError(UsageError):
    """The audit key is missing or unusable, so the log cannot be checked (exit 2)."""


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    lines: int
    problem: str | None = None
    line_no: int | None = None
    legacy: bool = False  # a log from before keyed MACs: it cannot be verified
    head_seq: int | None = None
    head_mac: str | None = None


# --- where things live ----------------------------------------------------------------------------------


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


def head_path(log: Path) -> Path:
    """The chain head of ``log``: ``<log>.head``."""
    return log.with_name(log.name + ".head")


def key_path(log: Path) -> Path:
    """The key file of ``log``: ``SCREENER_AUDIT_KEY_FILE``, else ``<log>.key``."""
    if os.environ.get(KEY_FILE_ENV):
        return Path(os.environ[KEY_FILE_ENV]).expanduser()
    return log.with_name(log.name + ".key")


# --- hashing --------------------------------------------------------------------------------------------


def canonical(record: dict[str, Any]) -> bytes:
    return json.dumps(record, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str).encode("utf-8")


def sha256_hex(data: bytes | str) -> str:
    return hashlib.sha256(data.encode("utf-8") if isinstance(data, str) else data).hexdigest()


def scorecard_sha256(card: Scorecard) -> str:
    """sha256 of the scorecard's canonical JSON."""
    return sha256_hex(canonical(card.model_dump(mode="json")))


def graded_form(card: Scorecard) -> Scorecard:
    """The scorecard as the grader produced it: without a person's review (what a ``grade`` event hashes)."""
    return card.model_copy(update=dict(status="draft", review=None))


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


# --- the key --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AuditKey:
    secret: bytes
    source: str  # "$SCREENER_AUDIT_KEY" or the key file's path, for messages

    @property
    def id(self) -> str:
        """A short public fingerprint of the key (it reveals nothing about the key)."""
        return hmac.new(self.secret, b"screener-audit-key-id", hashlib.sha256).hexdigest()[:16]

    def entry_mac(self, record: dict[str, Any]) -> str:
        """HMAC-SHA256 of the previous MAC followed by the entry's canonical JSON without ``mac``."""
        body = {k: v for k, v in record.items() if k != "mac"}
        return hmac.new(self.secret, str(record.get("prev", "")).encode("ascii", "replace") + canonical(body),
                        hashlib.sha256).hexdigest()

    def head_mac(self, head: dict[str, Any]) -> str:
        body = {k: head.get(k) for k in ("seq", "mac", "key_id")}
        return hmac.new(self.secret, b"screener-audit-head\n" + canonical(body), hashlib.sha256).hexdigest()

    def pseudonym(self, kind: str, text: str) -> str:
        """A keyed hash of a name: only someone with the key can check whether it is a given person."""
        norm = " ".join(unicodedata.normalize("NFKC", text).casefold().split())
        return hmac.new(self.secret, f"screener-audit-{kind}\n{norm}".encode(), hashlib.sha256).hexdigest()


def _parse_key(value: str, where: str) -> bytes:
    value = value.strip()
    secret = bytes.fromhex(value) if _HEX_KEY.fullmatch(value) else value.encode("utf-8")
    if len(secret) < MIN_KEY_BYTES:
        raise AuditKeyError(f"the audit key in {where} is too short ({len(secret)} bytes; {MIN_KEY_BYTES} at least); "
                            f"make one with {_NEW_KEY}")
    return secret


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:  # pragma: no cover - not every platform opens directories
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover
        pass
    finally:
        os.close(fd)


def load_key(log: Path, *, create: bool = False) -> AuditKey | None:
    """The log's key from ``SCREENER_AUDIT_KEY`` or its key file; ``None`` if there is none (and not ``create``).

    ``create`` writes a new random key file (0600) when none exists. Raises ``AuditKeyError`` for a key that is
    too short, unreadable, or open to other users."""
    if os.environ.get(KEY_ENV, "").strip():
        return AuditKey(_parse_key(os.environ[KEY_ENV], f"${KEY_ENV}"), f"${KEY_ENV}")
    path = key_path(log)
    key = _read_key_file(path)
    if key is None and create:
        key = _create_key_file(path)
    return key


def _read_key_file(path: Path) -> AuditKey | None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except FileNotFoundError:
        return None
    except OSError as e:
        raise AuditKeyError(f"cannot read the audit key {path} ({e.strerror})") from e
    try:
        mode = os.fstat(fd).st_mode & 0o777
        if mode & 0o077:
            raise AuditKeyError(f"the audit key {path} is open to other users (mode {mode:04o}): anyone who can read "
                                f"it can forge the log; chmod 600 {path}")
        text = os.read(fd, 4096).decode("utf-8", "replace")
    finally:
        os.close(fd)
    return AuditKey(_parse_key(text, str(path)), str(path))


def _create_key_file(path: Path) -> AuditKey:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process made it first
        key = _read_key_file(path)
        if key is None:  # pragma: no cover - created and deleted in between
            raise AuditKeyError(f"cannot read the audit key {path}") from None
        return key
    text = secrets.token_hex(32)
    try:
        os.fchmod(fd, 0o600)  # whatever the umask
        os.write(fd, (text + "\n").encode("ascii"))
        os.fsync(fd)
    finally:
        os.close(fd)
    _fsync_dir(path.parent)
    return AuditKey(bytes.fromhex(text), str(path))


# --- the head -------------------------------------------------------------------------------------------


def _read_head(log: Path) -> tuple[dict[str, Any] | None, bytes | None]:
    """(the parsed head or None, its raw bytes or None if there is no head file)."""
    try:
        raw = head_path(log).read_bytes()
    except FileNotFoundError:
        return None, None
    except OSError as e:
        raise InputError(f"{head_path(log)}: cannot read the audit log's head ({e.strerror})") from e
    try:
        head = json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError):
        return None, raw
    if (not isinstance(head, dict) or not isinstance(head.get("seq"), int) or not isinstance(head.get("mac"), str)
            or not isinstance(head.get("head_mac"), str)):
        return None, raw
    return head, raw


def _head_ok(key: AuditKey, head: dict[str, Any] | None) -> bool:
    return head is not None and hmac.compare_digest(str(head["head_mac"]), key.head_mac(head))


def _write_head(log: Path, key: AuditKey, seq: int, mac: str) -> None:
    """Replace ``<log>.head`` atomically: a 0600 temporary file, fsync, rename, fsync the folder."""
    head: dict[str, Any] = {"seq": seq, "mac": mac, "key_id": key.id}
    head["head_mac"] = key.head_mac(head)
    target = head_path(log)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        os.fchmod(fd, 0o600)
        os.write(fd, canonical(head) + b"\n")
        os.fsync(fd)
        os.close(fd)
        fd = -1
        os.replace(tmp, target)
    except BaseException:
        if fd >= 0:
            os.close(fd)
        Path(tmp).unlink(missing_ok=True)
        raise
    _fsync_dir(target.parent)


# --- scrubbing ------------------------------------------------------------------------------------------


def scrub(value: Any, secrets: list[str] | None = None) -> Any:
    """A JSON-ready copy without secret-named keys, URL credentials or credential env values
    (``util.secrets.drop_secrets``: the one scrubber)."""
    return drop_secrets(to_jsonable_python(value, fallback=str), secrets)


# --- appending ------------------------------------------------------------------------------------------


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


def _ends_with_newline(fd: int) -> bool:
    size = os.fstat(fd).st_size
    os.lseek(fd, size - 1, os.SEEK_SET)
    ends = os.read(fd, 1) == b"\n"
    os.lseek(fd, 0, os.SEEK_END)
    return ends


def _json_dict(raw: bytes) -> dict[str, Any] | None:
    try:
        record = json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError):
        return None
    return record if isinstance(record, dict) else None


def _is_legacy(record: dict[str, Any] | None) -> bool:
    return record is not None and "hash" in record and "prev" in record and "mac" not in record


def _next_link(target: Path, fd: int) -> tuple[AuditKey, int, str]:
    """(key, seq, prev) for the line about to be written; refuses a log whose tail does not match its head."""
    head, head_raw = _read_head(target)
    last = _last_line(fd)
    check = f"run `screener audit verify --audit-log {target}`"
    if last is None:  # an empty log
        if head_raw is not None:
            seq = head["seq"] if head else "?"
            raise AuditError(f"the audit log {target} is empty but its head records {seq} entries (emptied?); {check}")
        key = load_key(target, create=True)
        assert key is not None
        return key, 1, GENESIS
    record = _json_dict(last)
    if head_raw is None and _is_legacy(record):
        raise AuditError(f"the audit log {target} is a legacy unkeyed log (from before keyed MACs); keep it as a "
                         f"record and move it aside (mv {target} {target}.legacy) so screener starts a keyed log")
    key = load_key(target)
    if key is None:
        raise AuditError(f"the audit key for {target} is missing (set {KEY_ENV} or restore {key_path(target)}); a "
                         "new key would break the chain, so nothing is written")
    if head_raw is None:
        raise AuditError(f"the chain head {head_path(target)} of the audit log is missing (deleted?); {check}")
    if not _head_ok(key, head):
        raise AuditError(f"the chain head {head_path(target)} does not verify with the key from {key.source} "
                         f"(forged, or a different key than the log was written with); {check}")
    assert head is not None
    if record is not None and record.get("seq") == head["seq"] and record.get("mac") == head["mac"]:
        return key, head["seq"] + 1, head["mac"]
    link = _past_head(fd, key, head)  # a crash between writing lines and replacing the head, or a torn line
    if link is None:
        raise AuditError(f"the audit log {target} does not end where its head says (head: entry {head['seq']}; last "
                         f"line: entry {record.get('seq') if record else None!r}): lines cut off or added without "
                         f"the key; {check}")
    return key, link[0] + 1, link[1]


def _past_head(fd: int, key: AuditKey, head: dict[str, Any]) -> tuple[int, str] | None:
    """(seq, mac) of the last authentic entry when the log runs on past its head: the lines after the head's
    entry each follow the one before and their MACs verify (a crash after a group of lines was written and
    before the head was replaced), and a torn last line (a crash mid-write) stays a bad line of its own.
    None when the lines after the head are not that (cut off, added or edited without the key)."""
    tail = _lines_from(fd, head["seq"])
    first = _json_dict(tail[0]) if tail else None
    if tail is None or first is None or first.get("mac") != head["mac"]:
        return None
    seq, mac = head["seq"], head["mac"]
    for no, raw in enumerate(tail[1:], start=2):
        record = _json_dict(raw)
        if record is None and no == len(tail):
            break  # torn: the next line chains on from the entry before it
        if (record is None or record.get("seq") != seq + 1 or record.get("prev") != mac
                or not isinstance(record.get("mac"), str) or not hmac.compare_digest(record["mac"], key.entry_mac(record))):
            return None
        seq, mac = record["seq"], record["mac"]
    return seq, mac


_GROUP_TAIL = 16 * 1024 * 1024
"""how far back from the end ``_lines_from`` looks for the head's entry (a group of entries written at once)"""


def _lines_from(fd: int, seq: int) -> list[bytes] | None:
    """The log's lines from entry ``seq``'s to the end, read from the end (None when it is not within
    ``_GROUP_TAIL`` bytes of the end)."""
    size = os.fstat(fd).st_size
    start = size
    while start > 0 and size - start < _GROUP_TAIL:
        start = max(0, start - 4 * _TAIL)
        os.lseek(fd, start, os.SEEK_SET)
        lines = _split(os.read(fd, size - start))
        whole = lines if start == 0 else lines[1:]  # the first may be the end of a line before ``start``
        for i in range(len(whole) - 1, -1, -1):
            record = _json_dict(whole[i])
            if record is not None and record.get("seq") == seq:
                return whole[i:]
            if record is not None and isinstance(record.get("seq"), int) and record["seq"] < seq:
                return None  # past it: the head's entry is not in the log
    return None


def append_event(path: Path | None, event: dict[str, Any]) -> dict[str, Any]:
    """Append one event (it needs an ``event`` name) chained to the head; returns the record written."""
    return append_events(path, [event])[0]


def append_events(path: Path | None, events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Append several events at once, each chained to the one before: one write and one disk sync of the log,
    then one replacement of the head, for the whole group (a batch grades faster than three syncs a line).

    A crash before the head is replaced leaves authentic lines past it: ``verify`` names them and the next
    append chains on from the last of them. Returns the records written, in order."""
    for event in events:
        if not isinstance(event.get("event"), str) or not event["event"]:
            raise ValueError("an audit event needs an 'event' name")
    if not events:
        return []
    target = resolve_path(path)
    records = [scrub({k: v for k, v in event.items() if k not in _RESERVED}) for event in events]
    for record in records:
        record.setdefault("time", now_iso())
    try:
        target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        with _LOCK:
            fd = os.open(target, os.O_RDWR | os.O_CREAT | os.O_APPEND, 0o600)
            try:
                if fcntl is not None:
                    fcntl.flock(fd, fcntl.LOCK_EX)
                key, seq, prev = _next_link(target, fd)
                lines = []
                for record in records:
                    record["seq"], record["prev"] = seq, prev
                    record["mac"] = prev = key.entry_mac(record)
                    lines.append(canonical(record) + b"\n")
                    seq += 1
                data = b"".join(lines)
                os.lseek(fd, 0, os.SEEK_END)
                if os.fstat(fd).st_size and not _ends_with_newline(fd):
                    data = b"\n" + data  # a torn last line stays a (bad) line of its own
                _write_all(fd, data)
                os.fsync(fd)
                _write_head(target, key, seq - 1, prev)
            finally:
                os.close(fd)  # closing releases the flock
    except UsageError as e:  # the key or the head cannot be used
        raise AuditError(f"cannot write the audit log {target}: {e}") from e
    except OSError as e:
        raise AuditError(
            f"cannot write the audit log {target} ({e.strerror or e}); fix its permissions or set --audit-log / "
            f"{ENV_VAR} to a writable file"
        ) from e
    return records


def _write_all(fd: int, data: bytes) -> None:
    """``os.write`` until every byte is written (a large group may take more than one)."""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def grading_event(card: Scorecard, transcript_sha256: str, settings: dict[str, Any]) -> dict[str, Any]:
    """The ``grade`` event: hashes and verdict. ``scorecard_sha256`` is what ``review`` checks a scorecard against."""
    g = card.grader
    return {
        "event": "grade",
        "input_sha256": transcript_sha256,
        "redacted": g.redacted,
        "provider": g.provider,
        "model": g.model,
        "prompt_version": g.prompt_version,
        "settings": settings,
        "scorecard_sha256": scorecard_sha256(graded_form(card)),
        "recommendation": card.recommendation,
        "signal": card.signal,
        "needs_human_review": card.needs_human_review,
        "rules_fired": list(card.rules_fired),  # ids of the hiring-tool rules that changed or flagged it
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


def record_gradings(gradings: list[tuple[Scorecard, str, dict[str, Any]]], path: Path | None = None) -> None:
    """``record_grading`` for several gradings (card, transcript sha256, settings), with one disk sync."""
    append_events(path, [grading_event(card, sha, settings) for card, sha, settings in gradings])


# --- reading and verifying ------------------------------------------------------------------------------


def _split(data: bytes) -> list[bytes]:
    if not data:
        return []
    return data[:-1].split(b"\n") if data.endswith(b"\n") else data.split(b"\n")


def read_lines(path: Path) -> list[bytes]:
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError as e:
        raise InputError(f"{path}: no audit log here; pass --audit-log PATH or set {ENV_VAR}") from e
    except OSError as e:
        raise InputError(f"{path}: cannot read the audit log ({e.strerror})") from e
    return _split(data)


@contextmanager
def _shared_lock(path: Path) -> Iterator[None]:
    """Hold a shared flock on the log (if it exists) so no append runs between reading the log and its head."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        yield
        return
    try:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_SH)
        yield
    finally:
        os.close(fd)


def _legacy_chain(lines: list[bytes]) -> int | None:
    """The first line where a pre-MAC (plain SHA-256) chain breaks, or None if it is intact."""
    prev = GENESIS
    for no, raw in enumerate(lines, start=1):
        record = _json_dict(raw)
        if record is None or not isinstance(record.get("hash"), str) or record.get("prev") != prev:
            return no
        if record["hash"] != sha256_hex(canonical({k: v for k, v in record.items() if k != "hash"})):
            return no
        prev = sha256_hex(raw)
    return None


def _legacy_result(path: Path, lines: list[bytes]) -> VerifyResult:
    broken = _legacy_chain(lines)
    state = f"its chain breaks at line {broken}" if broken else f"its chain is intact over {len(lines)} line(s)"
    return VerifyResult(
        False, len(lines),
        f"line 1 is a legacy unkeyed entry: this log was written before keyed MACs, with a plain SHA-256 chain that "
        f"anyone can recompute ({state}), so it cannot be verified; keep it as a record and move it aside "
        f"(mv {path} {path}.legacy) so screener starts a keyed log",
        1, legacy=True,
    )


def verify(path: Path, key: AuditKey | None = None) -> VerifyResult:
    """Check every line's MAC and link, then the tail against the head; the first bad line is named (1-based).

    Raises ``InputError`` when there is neither a log nor a head, and ``AuditKeyError`` when the key is missing."""
    return _verify(Path(path), key, [])


def _verify(path: Path, key: AuditKey | None, records: list[dict[str, Any]]) -> VerifyResult:
    """``verify``, adding to ``records`` each record it checked (all of them when the result is ok)."""
    with _shared_lock(path):
        try:
            lines = read_lines(path)
        except InputError:
            if head_path(path).exists():
                lines = []  # the log was deleted; its head says what it held
            else:
                raise
        head, head_raw = _read_head(path)
    if not lines and head_raw is None:
        return VerifyResult(True, 0)  # a fresh log: nothing written yet
    if head_raw is None and _is_legacy(_json_dict(lines[0])):
        if os.environ.get(KEY_FILE_ENV) is None and key_path(path).is_file():  # keys are made only for keyed logs
            return VerifyResult(False, len(lines), f"line 1 has no MAC although this log has a key file "
                                f"({key_path(path)}): the log was rewritten as an unkeyed chain and its head deleted", 1)
        return _legacy_result(path, lines)
    key = key or load_key(path)
    if key is None:
        raise AuditKeyError(f"{path}: no audit key to verify it with: set {KEY_ENV} or restore {key_path(path)} "
                            "(the key the log was written with)")
    head_ok = _head_ok(key, head)
    n = len(lines)

    def bad(no: int, problem: str) -> VerifyResult:
        return VerifyResult(False, n, problem, no)

    prev = GENESIS
    macs: list[str] = []
    for no, raw in enumerate(lines, start=1):
        record = _json_dict(raw)
        if record is None:
            return bad(no, f"line {no} is not a JSON audit record (edited or torn)")
        if not isinstance(record.get("mac"), str):
            if _is_legacy(record):
                return bad(no, f"line {no} has no MAC: an unkeyed (plain SHA-256) line in a keyed log, rewritten or "
                               "inserted without the key")
            return bad(no, f"line {no} has no seq/prev/mac fields (not written by screener)")
        if canonical(record) != raw or not hmac.compare_digest(record["mac"], key.entry_mac(record)):
            if no == 1 and head_raw is not None and not head_ok:
                return bad(no, f"line 1 and the chain head do not verify with the key from {key.source}: a wrong "
                               f"key ({KEY_ENV} or key file), or the whole log was rewritten without the key")
            return bad(no, f"line {no} was edited or forged (its MAC does not match its content)")
        if record.get("prev") != prev or record.get("seq") != no:
            return bad(no, f"line {no} does not follow line {no - 1} (a line was deleted, inserted or moved here)"
                           if no > 1 else "line 1 is not the start of the log (a line was deleted or inserted before it)")
        prev = record["mac"]
        macs.append(prev)
        records.append(record)
    hp = head_path(path)
    if head_raw is None:
        return bad(n + 1, f"the chain head {hp} is missing (deleted?): the tail after line {n} cannot be checked, "
                          "so lines cut off there would go unnoticed")
    if not head_ok:
        return bad(n + 1, f"the chain head {hp} was edited or forged, or the key is wrong (its MAC does not verify "
                          f"with the key from {key.source}): the tail after line {n} cannot be checked")
    assert head is not None
    seq = head["seq"]
    if seq > n:
        if n == 0:
            return bad(1, f"lines 1-{seq} are missing: the head records {seq} entries and the log is empty "
                          "(emptied or deleted)")
        return bad(n + 1, f"lines {n + 1}-{seq} are missing from the end: the head records {seq} entries, the log "
                          f"has {n} (truncated)")
    if seq < n:
        return bad(seq + 1, f"line {seq + 1} is past the chain head (the head records {seq} entries): the head is "
                            "stale (restored from an old copy?) or screener stopped between writing a line and its head")
    if seq < 1 or macs[seq - 1] != head["mac"]:
        return bad(seq, f"line {seq} is not the entry the chain head records (the log was rewritten)")
    return VerifyResult(True, n, head_seq=seq, head_mac=head["mac"])


def verified_events(path: Path) -> tuple[list[dict[str, Any]], AuditKey | None]:
    """The log's records once it verifies, and its key (``[]`` and ``None`` where there is no log at all);
    ``AuditError`` naming the problem if it does not verify or cannot be checked."""
    path = Path(path)
    if not path.exists() and not head_path(path).exists():
        return [], None
    records: list[dict[str, Any]] = []
    try:
        key = load_key(path)
        result = _verify(path, key, records)
    except UsageError as e:  # no key, a bad key, an unreadable log
        raise AuditError(f"{e}; nothing was recorded") from e
    if not result.ok:
        raise AuditError(f"the audit log {path} does not verify ({result.problem}); nothing was recorded; run "
                         f"`screener audit verify --audit-log {path}`")
    return records, key
