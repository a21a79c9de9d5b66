"""Files: reading only regular files (never hanging on a FIFO), output checks before work, atomic writes.

- ``file_kind(path)``: "FIFO", "directory", "character device"... for what is not a regular file.
- ``read_regular_file(path, max_bytes)``: the bytes of a regular file. The type is checked before opening
  and again on the open descriptor (opened non-blocking, so a FIFO swapped in between cannot hang us);
  every failure is one ``InputError`` line.
- ``check_output_file(path, flag)`` / ``check_output_dir(path, flag)``: raise ``UsageError`` *before* any
  work when an output cannot be written (missing or unwritable folder, a directory given as a file...).
- ``atomic_write_text(path, text)``: a temporary file in the same folder, fsync'd, renamed over ``path``,
  then the folder fsync'd: readers see the old file or the new one, never half of one. New files are
  owner-only (0600: scorecards hold personal data); an existing file keeps its permissions.
  ``StagedWrite`` splits the two halves, so the rename can wait for something else (the audit entry).
- ``read_yaml(path, what=...)``: a config or data YAML file, every failure one line naming the file.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path
from typing import Any

from ..errors import InputError, UsageError
from .errors import os_error_text
from .sizes import human_size

_KINDS = (
    (stat.S_ISDIR, "directory"),
    (stat.S_ISFIFO, "FIFO (named pipe)"),
    (stat.S_ISCHR, "character device"),
    (stat.S_ISBLK, "block device"),
    (stat.S_ISSOCK, "socket"),
)


def kind_of(mode: int) -> str | None:
    """None for a regular file, else what it is ("directory", "FIFO (named pipe)", ...)."""
    if stat.S_ISREG(mode):
        return None
    for test, name in _KINDS:
        if test(mode):
            return name
    return "special file"


def file_kind(path: str | Path) -> str | None:
    """What ``path`` is when it is not a regular file (following symlinks); None for a regular file.

    Raises ``OSError`` (e.g. ``FileNotFoundError``) when it cannot be examined.
    """
    return kind_of(os.stat(path).st_mode)


def not_a_file_message(name: str, kind: str) -> str:
    if kind == "directory":
        return f"{name}: is a directory; pass one transcript file inside it"
    return f"{name}: is a {kind}, not a regular file; save the transcript to a file and pass that"


def read_regular_file(path: str | Path, *, max_bytes: int, name: str | None = None,
                      missing_hint: str = "check the path (or pass '-' to read stdin)",
                      size_hint: str = "pass only the interview's transcript") -> bytes:
    """The bytes of the regular file ``path`` (at most ``max_bytes``); every failure is one ``InputError``."""
    name = name or str(path)
    try:
        kind = file_kind(path)
        if kind is not None:
            raise InputError(not_a_file_message(name, kind))
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
        fd = os.open(path, flags)
        try:
            info = os.fstat(fd)
            kind = kind_of(info.st_mode)  # swapped for something else since the check above
            if kind is not None:
                raise InputError(not_a_file_message(name, kind))
            if info.st_size > max_bytes:
                raise InputError(f"{name}: {human_size(info.st_size)} is over the {human_size(max_bytes)} size "
                                 f"limit; {size_hint}")
            with os.fdopen(fd, "rb", closefd=True) as f:
                fd = -1
                return f.read(max_bytes + 1)
        finally:
            if fd >= 0:
                os.close(fd)
    except FileNotFoundError:
        raise InputError(f"{name}: no such file; {missing_hint}") from None
    except PermissionError:
        raise InputError(f"{name}: permission denied; make the file readable") from None
    except IsADirectoryError:
        raise InputError(not_a_file_message(name, "directory")) from None
    except OSError as e:
        raise InputError(f"{name}: cannot be read ({os_error_text(e)}); check the path") from None
    except ValueError:  # a NUL byte or an unpaired surrogate in the name: no file can have it
        raise InputError(f"{name!r}: not a usable file name; check the path") from None


def check_output_file(path: str | Path, flag: str) -> None:
    """Raise ``UsageError`` unless ``path`` can be written as a file (its folder exists and is writable)."""
    p = Path(path)
    shown = f"{flag} {p}"
    if p.is_dir():
        raise UsageError(f"{shown}: is a directory; give a file name")
    if p.exists():
        kind = file_kind(p)
        if kind is not None:
            raise UsageError(f"{shown}: is a {kind}; give a regular file name")
        if not os.access(p, os.W_OK):
            raise UsageError(f"{shown}: permission denied; choose another path")
    folder = p.parent if str(p.parent) else Path(".")
    if not folder.exists():
        raise UsageError(f"{shown}: the folder {folder} does not exist; create it or choose another path")
    if not folder.is_dir():
        raise UsageError(f"{shown}: {folder} is not a folder; choose another path")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise UsageError(f"{shown}: the folder {folder} is not writable; choose another path")


def check_output_dir(path: str | Path, flag: str, *, create: bool = True) -> None:
    """Raise ``UsageError`` unless ``path`` is (or, with ``create``, can be made) a writable folder."""
    p = Path(path)
    shown = f"{flag} {p}"
    if p.exists() and not p.is_dir():
        raise UsageError(f"{shown}: is a file, not a folder; give a folder")
    if not p.exists():
        if not create:
            raise UsageError(f"{shown}: no such folder; create it or choose another")
        try:
            p.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise UsageError(f"{shown}: cannot create the folder ({os_error_text(e)}); choose another") from None
    if not os.access(p, os.W_OK | os.X_OK):
        raise UsageError(f"{shown}: the folder is not writable; choose another")


class StagedWrite:
    """A file written in full (to a temporary file beside ``path``, fsync'd) but not yet in place.

    ``commit()`` renames it over ``path`` (and fsyncs the folder); ``discard()`` removes it. Used to write an
    output only once everything that must happen first (the audit log entry) has happened.
    """

    def __init__(self, path: str | Path, data: bytes, *, mode: int = 0o600) -> None:
        self.path = Path(path)
        self.folder = self.path.parent if str(self.path.parent) else Path(".")
        with contextlib.suppress(OSError):
            mode = stat.S_IMODE(os.stat(self.path).st_mode)  # an existing file keeps its permissions
        fd, tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp", dir=self.folder)
        self.tmp: str | None = tmp
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            os.chmod(tmp, mode)
        except BaseException:
            self.discard()
            raise

    def commit(self) -> None:
        if self.tmp is None:
            raise RuntimeError("already committed or discarded")
        try:
            os.replace(self.tmp, self.path)
        except BaseException:
            self.discard()
            raise
        self.tmp = None
        fsync_dir(self.folder)

    def discard(self) -> None:
        if self.tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(self.tmp)
            self.tmp = None


def atomic_write_text(path: str | Path, text: str, *, mode: int = 0o600) -> None:
    """Write ``text`` (UTF-8) to ``path`` atomically and durably; ``OSError`` on failure (nothing left behind)."""
    StagedWrite(path, text.encode("utf-8"), mode=mode).commit()


def atomic_write_bytes(path: str | Path, data: bytes, *, mode: int = 0o600) -> None:
    StagedWrite(path, data, mode=mode).commit()


def fsync_dir(folder: str | Path) -> None:
    """fsync a folder so a rename in it survives a power cut (a no-op where folders cannot be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def read_yaml(path: str | Path, *, what: str, expect: type | None = None, expected: str = "",
              error: type[UsageError] | None = None) -> Any:
    """The parsed YAML of ``path``; every failure is one line naming the file: cannot read the ``what`` (why),
    not valid YAML (line, column: problem), or ``expected`` when the top level is not an ``expect``. An empty
    file reads as an empty ``expect``. ``error`` is the class raised (default ``ConfigError``)."""
    import yaml

    from ..errors import ConfigError
    from .errors import yaml_message

    cls = error or ConfigError
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except OSError as e:
        raise cls(f"{path}: cannot read the {what} ({os_error_text(e)})") from None
    except UnicodeDecodeError:
        raise cls(f"{path}: the {what} is not UTF-8 text") from None
    except yaml.YAMLError as e:
        raise cls(f"{path}: not valid YAML ({yaml_message(e)})") from None
    if data is None and expect is not None:
        data = expect()
    if expect is not None and not isinstance(data, expect):
        raise cls(f"{path}: expected {expected or ('a ' + expect.__name__)}")
    return data
