"""Transcripts built in code, for tests and examples: ``make_transcript(("Dana", "interviewer", "..."), ...)``."""

from __future__ import annotations

from ..transcript import Transcript, Turn
from ..vocab import SpeakerRole


def make_transcript(*turns: tuple[str, SpeakerRole, str], fmt: str = "text") -> Transcript:
    """A transcript from (speaker, speaker role, text) triples, in order."""
    return Transcript(format=fmt, turns=[Turn(index=i, speaker=s, role=r, text=t) for i, (s, r, t) in enumerate(turns)])
