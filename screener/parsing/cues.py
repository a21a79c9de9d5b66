"""The intermediate form every format parser produces: cues, merged into speaker turns."""

from __future__ import annotations

from ..transcript import Role

UNKNOWN_SPEAKER = "Unknown speaker"
"""The speaker of a cue with no speaker label (e.g. a Zoom cue without ``Name:``)."""

_UNKNOWN_LABELS = frozenset({"unknown speaker", "unknown"})


class Cue:
    """One labelled piece of speech: a subtitle cue, a message, or a ``Name: text`` line.

    A plain class with slots (not a dataclass): a 2 MB transcript can make hundreds of thousands of them.
    """

    __slots__ = ("speaker", "text", "start", "hint", "more")

    def __init__(self, speaker: str | None, text: str, start: float | None = None, hint: Role | None = None,
                 more: list[str] | None = None) -> None:
        self.speaker = speaker  # None = no label: becomes UNKNOWN_SPEAKER
        self.text = text
        self.start = start
        self.hint = hint  # an explicit role from the transcript itself (labels, JSON roles)
        self.more = more  # continuation lines, joined once (keeps parsing linear); None until the first

    def __repr__(self) -> str:
        return f"Cue({self.speaker!r}, {self.text[:40]!r}, start={self.start!r}, hint={self.hint!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Cue):
            return NotImplemented
        return (self.speaker, self.text, self.start, self.hint, self.more or []) == (
            other.speaker, other.text, other.start, other.hint, other.more or [])

    def add(self, text: str) -> None:
        """Append a continuation line."""
        if self.more is None:
            self.more = [text]
        else:
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
    last: Cue | None = None
    for cue in cues:
        text = cue.joined()
        if not text:
            continue
        speaker = cue.speaker or UNKNOWN_SPEAKER
        if last is not None and last.speaker == speaker:
            last.add(text)
            if last.start is None:
                last.start = cue.start
            if last.hint is None:
                last.hint = cue.hint
        else:  # the cue itself becomes the turn (no copy: a 2 MB transcript can hold 100,000 of them)
            cue.speaker, cue.text, cue.more = speaker, text, None
            turns.append(cue)
            last = cue
    for turn in turns:
        if turn.more:
            turn.text, turn.more = " ".join((turn.text, *turn.more)), None
    return turns
