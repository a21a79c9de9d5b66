"""Talk share and the longest monologue: seconds for timed transcripts (``Turn.start``), words otherwise.

A turn's length in seconds is the time to the next turn's start; the last turn, which has no next, is
timed at the transcript's own pace (its seconds per word over the timed turns; 0.4 s a word when nothing is
timed). A transcript counts as timed when every turn has a start and the starts never go backwards; anything
less falls back to words, which every format has.
"""

from __future__ import annotations

from ..transcript import Transcript
from .report import Monologue, TalkStats
from .text import words

DEFAULT_SECONDS_PER_WORD = 0.4


def _lengths(transcript: Transcript) -> tuple[list[float], str]:
    turns = transcript.turns
    counts = [float(len(words(t.text))) for t in turns]
    starts = [t.start for t in turns if t.start is not None]
    if not turns or len(starts) < len(turns):
        return counts, "words"
    timed: list[float] = []
    for a, b in zip(starts, starts[1:], strict=False):
        if b < a:
            return counts, "words"
        timed.append(float(b - a))
    total_words = sum(counts[:-1])
    pace = (sum(timed) / total_words) if total_words and sum(timed) > 0 else DEFAULT_SECONDS_PER_WORD
    timed.append(round(counts[-1] * pace, 1))
    return timed, "seconds"


def talk_stats(transcript: Transcript) -> TalkStats:
    lengths, unit = _lengths(transcript)
    totals = {"interviewer": 0.0, "candidate": 0.0, "unknown": 0.0}
    longest: Monologue | None = None
    longest_i: Monologue | None = None
    for turn, amount in zip(transcript.turns, lengths, strict=True):
        totals[turn.role] += amount
        mono = Monologue(turn=turn.index, speaker=turn.speaker, role=turn.role, amount=round(amount, 1))
        if longest is None or amount > longest.amount:
            longest = mono
        if turn.role == "interviewer" and (longest_i is None or amount > longest_i.amount):
            longest_i = mono
    everyone = sum(totals.values()) or 1.0
    return TalkStats(unit=unit, interviewer=round(totals["interviewer"], 1), candidate=round(totals["candidate"], 1),
                     other=round(totals["unknown"], 1),
                     interviewer_share=round(totals["interviewer"] / everyone, 3),
                     candidate_share=round(totals["candidate"] / everyone, 3),
                     longest_monologue=longest, longest_interviewer_monologue=longest_i)
