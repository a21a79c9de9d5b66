"""The intermediate form every format parser produces: cues, merged into speaker turns."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..transcript import Role

UNKNOWN_SPEAKER = "Unknown speaker"
"""The speaker of a cue with no speaker label (e.g. a Zoom cue without ``Name:``)."""

_UNKNOWN_LABELS = frozenset({"unknown speaker", "unknown"})


@dataclass(slots=True)
class Cue:
    """One labelled piece of speech: a subtitle cue, a message, or a ``Name: text`` line."""

    speaker: str | None  # None = no label: becomes UNKNOWN_SPEAKER
    text: str
    start: float | None = None
    hint: Role | None = None  # an explicit role from the transcript itself (labels, JSON roles)
    more: list[str] = field(default_factory=list)  # continuation lines, joined once (keeps parsing linear)

    def add(self, text: str) -> None:
        """Append a continuation line."""
        self.more.append(text)

    def joined(self) -> str:
        """The whole text: the first line and its continuations, stripped, joined by a space."""
        if not self.more:
            return self.text.strip()
        return " ".join(part for part in (p.strip() for p in (self.text, *self.more)) if part)


def is_unknown(speaker: str) -> bool:
    """True for the speaker of unlabelled speech (ours, or Otter's ``Unknown Speaker``)."""
    return speaker.casefold() in _UNKNOWN_LABELS


def merge_cues(cues: list[Cue]) -> list[Cue]:
    """Consecutive cues of one speaker become one turn: texts joined by a space, first start kept.

    Cues with empty text are dropped first, so they never split a speaker's turn.
    """
    turns: list[Cue] = []
    for cue in cues:
        text = cue.joined()
        if not text:
            continue
        speaker = cue.speaker or UNKNOWN_SPEAKER
        last = turns[-1] if turns else None
        if last is not None and last.speaker == speaker:
            last.add(text)
            if last.start is None:
                last.start = cue.start
            if last.hint is None:
                last.hint = cue.hint
        else:
            turns.append(Cue(speaker, text, cue.start, cue.hint))
    for turn in turns:
        if turn.more:
            turn.text, turn.more = " ".join((turn.text, *turn.more)), []
    return turns
