"""Text in any speaker's turns that is aimed at the grader rather than the interview.

Speech is data. What this finds is removed before any grader sees the transcript (replaced by
:data:`MARKER`), raised as a ``prompt_injection`` red flag, and caps the verdict at what the evidence
without it supports (``screener.policy``, rule ``injection_cap``).

How a turn is read:

1. ``normalise``: the text is folded (NFKC-style decomposition, zero-width and bidi controls dropped,
   look-alike letters folded to Latin, lower case), keeping the original offset of every character;
2. ``signals``: words addressed to an AI or the grader (English, French, German, Spanish, Portuguese,
   Italian, Dutch, Chinese, Japanese), overrides of its instructions, orders to grade, role-play, claimed
   authority, requests for secrecy; ``structure``: forged turns and transcript ends, chat-template role tags,
   scorecards in any shape; ``encoded``: base64, hex, percent-encoding, reversed text and ROT13, decoded and
   read again. Quoted examples introduced as such ("a user typed '...'") are discussion, not attack;
3. ``strip``: each hit is widened to the whole instruction (every sentence of it) and mapped back to
   original offsets, so removal is exact.

Every scan is linear in the length of the turn.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...transcript import Transcript, Turn
from .detect import forged_speaker, is_role_word, names_pattern, scan_turns, verdict_announced
from .strip import announces_split, cut_off, resolve, split_pieces, taken_up

__all__ = ["MARKER", "Injection", "detect_injections", "strip_injections"]

MARKER = "[text addressed to the grader removed]"


@dataclass(frozen=True)
class Injection:
    turn: int
    kind: str
    text: str


def _spans(transcript: Transcript) -> dict[int, list[tuple[int, int, str]]]:
    """Original ``(start, end, kind)`` spans to remove, by turn position."""
    names = names_pattern({t.speaker for t in transcript.turns})
    pending: set[str] = set()  # speakers whose instruction is announced to go on in a later turn
    cut: set[str] = set()  # ... or was cut off mid-sentence at the end of their turn
    caught: set[str] = set()  # speakers already caught addressing the grader
    found: dict[int, list[tuple[int, int, str]]] = {}
    scanned = scan_turns([turn.text for turn in transcript.turns], names)
    speakers = _real_speakers(transcript)
    seen: set[str] = set()  # speakers heard so far
    boundary = False  # a fake end of the transcript was found: speakers new after it are forged
    for position, turn in enumerate(transcript.turns):
        scan = scanned[position]
        if turn.text.strip() and forged_speaker(turn.speaker, turn.role, scan[0] if scan else None, speakers,
                                                boundary and turn.speaker not in seen):
            found[position] = [(0, len(turn.text), "fake turn")]
            continue
        seen.add(turn.speaker)
        if scan is None:
            continue
        tt, hits = scan
        if turn.speaker in pending:
            hits.extend(split_pieces(tt, turn.speaker in cut))
        if turn.speaker in caught:
            hits.extend(taken_up(tt))
        if turn.role != "candidate":
            hits.extend(verdict_announced(tt))
        spans = resolve(tt, hits)
        if not spans:
            continue
        boundary = boundary or any(kind == "fake transcript boundary" for _, _, kind in spans)
        caught.add(turn.speaker)
        if announces_split(tt, spans):
            pending.add(turn.speaker)
            if cut_off(tt, spans):
                cut.add(turn.speaker)
        original = []
        for s, e, kind in spans:
            os_, oe = tt.folded.to_original(s, e)
            if turn.text[os_:oe].strip():
                original.append((os_, oe, kind))
        if original:
            found[position] = original
    return found


def _real_speakers(transcript: Transcript) -> bool:
    """Whether the interview's speakers go by names (then "Interviewer:" or "Candidate:" is a label, not a person)."""
    return any(not is_role_word(t.speaker) for t in transcript.turns)


def _injections(turn: Turn, spans: list[tuple[int, int, str]]) -> list[Injection]:
    return [Injection(turn=turn.index, kind=kind, text=turn.text[s:e].strip()) for s, e, kind in spans]


def detect_injections(transcript: Transcript) -> list[Injection]:
    """Every injection attempt in the transcript, in every speaker's turns."""
    found = _spans(transcript)
    return [inj for pos, spans in sorted(found.items()) for inj in _injections(transcript.turns[pos], spans)]


def strip_injections(transcript: Transcript) -> tuple[Transcript, list[Injection]]:
    """A copy of the transcript with each injection replaced by :data:`MARKER`, and the injections."""
    found = _spans(transcript)
    if not found:
        return transcript.model_copy(), []
    injections: list[Injection] = []
    turns = []
    for position, turn in enumerate(transcript.turns):
        spans = found.get(position)
        if not spans:
            turns.append(turn)
            continue
        injections.extend(_injections(turn, spans))
        parts, last = [], 0
        for s, e, _ in spans:
            parts += [turn.text[last:s], MARKER]
            last = e
        parts.append(turn.text[last:])
        turns.append(turn.model_copy(update={"text": "".join(parts)}))
    return transcript.model_copy(update={"turns": turns}), injections
