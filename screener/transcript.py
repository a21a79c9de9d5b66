"""The transcript model every parser produces and every grader reads."""

from __future__ import annotations

import math

from pydantic import BaseModel, ConfigDict, Field

from .vocab import SpeakerRole

Role = SpeakerRole  # who speaks in a turn (screener.vocab); the job interviewed for is vocab.JobRole
GENERIC_LABELS = frozenset({"candidate", "interviewee", "applicant", "a", "c", "cand", "speaker 2", "unknown speaker"})


def format_timestamp(seconds: float) -> str:
    """A turn's start as people read it off a recording: ``12:34`` under an hour, ``1:02:03`` from one hour.

    Fractions of a second are dropped (``754.9`` -> ``12:34``); a negative or non-finite value raises
    ``ValueError`` (no parser produces one).
    """
    if not math.isfinite(seconds) or seconds < 0:
        raise ValueError(f"not a time in seconds: {seconds!r}")
    whole = int(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


class Turn(BaseModel):
    """One speaker turn: consecutive cues of one speaker merged."""

    model_config = ConfigDict(extra="forbid")

    index: int = Field(description="0-based position of the turn in the transcript")
    speaker: str = Field(description="the speaker label as written in the transcript")
    role: Role = "unknown"
    text: str
    start: float | None = Field(default=None, description="start time in seconds, when the format has one")

    @property
    def timestamp(self) -> str | None:
        """``start`` as ``MM:SS`` (``H:MM:SS`` from an hour), or None when the format gives no times."""
        return None if self.start is None else format_timestamp(self.start)


class Transcript(BaseModel):
    """A parsed interview transcript."""

    model_config = ConfigDict(extra="forbid")

    turns: list[Turn]
    format: str = Field(description="the detected or forced input format, e.g. 'zoom_vtt'")
    source: str | None = Field(default=None, description="file path, or '-' for stdin")

    @property
    def candidate_turns(self) -> list[Turn]:
        return [t for t in self.turns if t.role == "candidate"]

    @property
    def interviewer_turns(self) -> list[Turn]:
        return [t for t in self.turns if t.role == "interviewer"]

    @property
    def candidate_name(self) -> str | None:
        """The candidate's name when the transcript gives one (not a generic label such as "Candidate" or "A")."""
        names = {t.speaker for t in self.candidate_turns}
        if len(names) != 1:
            return None
        name = next(iter(names))
        return None if name.strip().lower() in GENERIC_LABELS else name

    def turn(self, index: int) -> Turn | None:
        if 0 <= index < len(self.turns) and self.turns[index].index == index:
            return self.turns[index]
        return next((t for t in self.turns if t.index == index), None)

    def numbered(self) -> str:
        """The transcript as the graders see it: one line per turn, ``[turn N] ROLE (Speaker): text``."""
        lines = []
        for t in self.turns:
            lines.append(f"[turn {t.index}] {t.role.upper()} ({t.speaker}): {t.text}")
        return "\n".join(lines)
