"""Synthetic load corpora: N distinct transcript files from a few real ones, for benchmarks and tests.

Each copy gets a different number of trailing newlines, so every file has its own content hash (the batch
grades each once) while parsing to the same transcript as its source.
"""

from __future__ import annotations

from pathlib import Path

from .inputs import TRANSCRIPT_EXTENSIONS


def make_corpus(sources: list[Path], folder: Path, count: int) -> list[Path]:
    """Write ``count`` files into ``folder`` cycling through ``sources``; returns their paths."""
    if not sources:
        raise ValueError("no source transcripts")
    folder.mkdir(parents=True, exist_ok=True)
    data = [(p.suffix, p.read_bytes().rstrip(b"\n")) for p in sources]
    out = []
    for i in range(count):
        suffix, body = data[i % len(data)]
        path = folder / f"t{i:06d}{suffix}"
        path.write_bytes(body + b"\n" * (1 + i // len(data)))
        out.append(path)
    return out


def fixture_sources(folder: Path) -> list[Path]:
    """The text transcript files directly in ``folder`` (e.g. tests/fixtures/transcripts or golden/transcripts).

    Word and PDF files are left out: a copy's extra trailing newlines would not change the text they hold, so
    copies would not be distinct work."""
    return sorted(p for p in folder.iterdir()
                  if p.is_file() and p.suffix.lower() in TRANSCRIPT_EXTENSIONS - {".docx", ".pdf"})
