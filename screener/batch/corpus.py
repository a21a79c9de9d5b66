"""Synthetic load corpora: N distinct transcript files from a few real ones, for benchmarks and tests.

``make_corpus``: each copy of a source gets a different number of trailing newlines, so every file has its own
content hash (the batch grades each once) while parsing to the same transcript as its source.

``make_long_corpus``: interviews of a realistic length (1,500-3,000 words by default) joined from the sources'
own turns: each file takes a target length, then the interviewer and candidate turns of one source after
another (a different rotation of the sources per file), relabelled as one interviewer and one candidate, until
the target is reached (the last source cut at a turn boundary). Nothing is invented: every sentence is a real
turn of a real transcript, each in its speaker's role. Written as plain ``Name: text`` transcripts.
"""

from __future__ import annotations

import hashlib
import random
from pathlib import Path

from .inputs import TRANSCRIPT_EXTENSIONS

LONG_WORDS = (1500, 3000)
"""the length of a real screening interview, in words of speech (about 12-25 minutes)"""


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


Segment = list[tuple[str, str]]
"""one source's turns: (role, text), interviewer and candidate turns only"""


def _segments(sources: list[Path]) -> list[tuple[str, Segment]]:
    """(candidate name, turns) for each source that parses and has both an interviewer and a candidate."""
    from ..errors import InputError
    from ..parsing import parse_transcript

    out = []
    for path in sources:
        try:
            transcript = parse_transcript(path.read_text(encoding="utf-8"), source=str(path))
        except InputError:
            continue
        turns: Segment = [(str(t.role), " ".join(t.text.split())) for t in transcript.turns
                 if t.role in ("interviewer", "candidate") and t.text.strip()]
        if {r for r, _ in turns} == {"interviewer", "candidate"}:
            out.append((transcript.candidate_name or "Candidate", turns))
    return out


def long_interview(segments: list[tuple[str, Segment]], start: int, target: int) -> tuple[str, int]:
    """One interview of about ``target`` words of speech, joined from ``segments`` from ``start`` on:
    (its text, its words of speech). Turns keep their roles; whole turns only, so it ends at a turn boundary."""
    name = segments[start % len(segments)][0]
    lines: list[str] = []
    words = 0
    k = start
    while words < target:
        _, turns = segments[k % len(segments)]
        k += 1
        for role, text in turns:
            lines.append(f"{'Interviewer' if role == 'interviewer' else name}: {text}")
            words += len(text.split())
            if words >= target and role == "candidate":
                break
    return "\n\n".join(lines) + "\n", words


def make_long_corpus(sources: list[Path], folder: Path, count: int, words: tuple[int, int] = LONG_WORDS,
                     seed: int = 14) -> list[Path]:
    """Write ``count`` distinct interviews of ``words`` (min, max) words of speech into ``folder`` (see the module
    docstring); returns their paths."""
    segments = _segments(sources)
    if not segments:
        raise ValueError("no source transcript with both an interviewer and a candidate")
    low, high = words
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    seen: set[bytes] = set()
    out = []
    for i in range(count):
        # the last turn can run past the target: aim below the maximum by a long answer's length
        text, _ = long_interview(segments, i % len(segments), rng.randint(low, max(low, high - 300)))
        while (digest := hashlib.sha256(text.encode()).digest()) in seen:  # the same rotation and length again
            text += "\n"  # one more newline makes it its own work
        seen.add(digest)
        path = folder / f"t{i:06d}.txt"
        path.write_text(text, encoding="utf-8")
        out.append(path)
    return out


def fixture_sources(folder: Path) -> list[Path]:
    """The text transcript files directly in ``folder`` (e.g. tests/fixtures/transcripts or golden/transcripts).

    Word and PDF files are left out: a copy's extra trailing newlines would not change the text they hold, so
    copies would not be distinct work."""
    return sorted(p for p in folder.iterdir()
                  if p.is_file() and p.suffix.lower() in TRANSCRIPT_EXTENSIONS - {".docx", ".pdf"})
