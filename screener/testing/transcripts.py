"""Transcripts built in code, for tests and examples: ``make_transcript(("Dana", "interviewer", "..."), ...)``."""

from __future__ import annotations

from ..transcript import Transcript, Turn
from ..vocab import SpeakerRole


def make_transcript(*turns: tuple[str, SpeakerRole, str], fmt: str = "text") -> Transcript:
    """A transcript from (speaker, speaker role, text) triples, in order."""
    return Transcript(format=fmt, turns=[Turn(index=i, speaker=s, role=r, text=t) for i, (s, r, t) in enumerate(turns)])


# Two short interviews for the interviewer-trends tests (the coach's counts and the web page): Ana leads the
# candidate to a number ("So recall at ten went from 60 to 90 percent, right?"); Cleo asks the kit's
# hallucination question and a follow-up for the measurement, asked by ``follow_up_by``.
LEADING_INTERVIEW = (
    "Ana: Tell me about a retrieval pipeline you built, from the raw documents to what the model sees.\n"
    "Ben: We chunked the docs and used a vector index, it worked well.\n"
    "Ana: So recall at ten went from 60 to 90 percent, right?\n"
    "Ben: Yes, about that.\n"
)


def clean_interview(follow_up_by: str = "Cleo") -> str:
    """Cleo's interview, its follow-up asked by ``follow_up_by`` (a second interviewer, or Cleo herself)."""
    return (
        "Cleo: Walk me through a hallucination you debugged. What did the model say, and what was actually true?\n"
        "Ben: It cited a refund policy that did not exist; the retrieved chunk was from an old version.\n"
        f"{follow_up_by}: How did you measure the fix, on how many questions?\n"
        "Ben: 200 labelled questions, unsupported answers went from 14 to 3.\n"
    )
