"""Batch inputs: files, directories, globs and manifests, streamed one item at a time.

``iter_inputs(arguments)`` yields ``BatchInput`` items lazily (a directory is walked as it is read, a manifest
is read line by line), so memory stays flat however many transcripts there are. Arguments are checked up
front (``check_arguments``): one that names nothing is a usage error, before any grading starts.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import UsageError

TRANSCRIPT_EXTENSIONS: frozenset[str] = frozenset({".txt", ".vtt", ".srt", ".json", ".md", ".markdown", ".docx",
                                                    ".pdf"})
"""What a directory walk picks up (case-insensitive); other files in a directory are ignored."""
MANIFEST_EXTENSIONS: frozenset[str] = frozenset({".jsonl", ".csv"})
_GLOB_CHARS = set("*?[")


@dataclass(frozen=True)
class BatchInput:
    """One transcript to grade, with what a manifest says about it.

    ``error`` is set for a manifest row that cannot be graded (it becomes a failure record).
    """

    path: str
    candidate: str | None = None
    role: str | None = None
    requisition: str | None = None
    speaker: str | None = None
    error: str | None = None


def is_manifest(path: str | Path) -> bool:
    return Path(path).suffix.lower() in MANIFEST_EXTENSIONS


def _is_glob(arg: str) -> bool:
    return any(ch in _GLOB_CHARS for ch in arg) and not os.path.exists(arg)


def check_arguments(arguments: Iterable[str]) -> None:
    """Raise ``UsageError`` naming the first argument that is no file, directory or matching glob."""
    for arg in arguments:
        if _is_glob(arg):
            if next(glob.iglob(arg, recursive=True), None) is None:
                raise UsageError(f"{arg}: the pattern matches no files; quote it or check the path")
        elif not os.path.exists(arg):
            raise UsageError(f"{arg}: no such file or directory; pass transcript files, folders, globs or a manifest")
        elif os.path.isfile(arg) and not os.access(arg, os.R_OK):
            raise UsageError(f"{arg}: permission denied; make the file readable")
        elif os.path.isfile(arg) and is_manifest(arg):
            from .manifest import check_manifest

            check_manifest(arg)


def _walk(folder: str, skip: frozenset[str]) -> Iterator[str]:
    """Transcript-looking files under ``folder``, recursively, in a stable (sorted) order, lazily."""
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and os.path.realpath(os.path.join(root, d)) not in skip)
        for name in sorted(files):
            if not name.startswith(".") and Path(name).suffix.lower() in TRANSCRIPT_EXTENSIONS:
                yield os.path.join(root, name)


def _expand(arg: str, skip: frozenset[str]) -> Iterator[str]:
    if _is_glob(arg):
        for match in sorted(glob.iglob(arg, recursive=True)):
            if os.path.isdir(match):
                yield from _walk(match, skip)
            elif os.path.isfile(match):
                yield match
    elif os.path.isdir(arg):
        yield from _walk(arg, skip)
    else:
        yield arg


def iter_inputs(arguments: Iterable[str], exclude: Iterable[str | Path] = ()) -> Iterator[BatchInput]:
    """Every input the arguments name, in order; manifests (``.jsonl``/``.csv``) expand to their rows.

    A manifest is read only when named directly or by a glob (a folder walk never treats a file as a
    manifest). Folders in ``exclude`` (e.g. the Markdown export folder) are never walked into.
    """
    from .manifest import read_manifest

    skip = frozenset(os.path.realpath(p) for p in exclude)
    for arg in arguments:
        if not _is_glob(arg) and os.path.isfile(arg) and is_manifest(arg):
            yield from read_manifest(arg)
            continue
        for path in _expand(arg, skip):
            if is_manifest(path) and not os.path.isdir(arg):
                yield from read_manifest(path)
            elif os.path.realpath(os.path.dirname(path)) not in skip:
                yield BatchInput(path=path)


def count_inputs(arguments: Iterable[str], exclude: Iterable[str | Path] = ()) -> int:
    """How many items ``iter_inputs`` yields (a cheap second pass; nothing is kept)."""
    return sum(1 for _ in iter_inputs(arguments, exclude))
