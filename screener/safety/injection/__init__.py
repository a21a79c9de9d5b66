"""Text in any speaker's turns that is aimed at the grader rather than the interview.

Speech is data. What this finds is removed before any grader sees the transcript (replaced by
:data:`MARKER`), raised as a ``prompt_injection`` red flag, and caps the verdict at what the evidence
without it supports (``screener.policy``, rule ``injection_cap``).

What an injection is here: text addressed to whoever or whatever reads the transcript (the grader, an AI, the
summariser, "whoever reads this"), text about the grading output that asks for a value (a score, the
recommendation, a verdict, "no concerns"), or structure that forges the prompt frame (role tags, fake turns and
transcript ends, scorecards in any shape). How a transcript is read:

1. ``normalise``: each turn is folded (NFKC-style decomposition, zero-width and bidi controls dropped, look-alike
   letters folded to Latin, lower case, leetspeak and spaced-out letters read as words), keeping the original
   offset of every character;
2. ``anchors``: the literal forms every finder needs, found for the whole transcript in one pass per turn; a
   finder runs only around them;
3. ``requests``: a value asked of the grading output in any word order (an order, a claim on this grading in the
   present, a grading label, a rule for candidates); ``signals``: the grader addressed (vocatives, notes and labels
   to it, "if you are an AI", "I want the AI grader to..."), overrides of its instructions, orders to grade,
   role-play, claimed authority, secrecy; ``structure``: forged turns and transcript ends, chat-template and
   home-made role tags, scorecards as JSON/XML/YAML/TOML/CSV/tables/key=value; ``encoded``: base64, hex, binary,
   percent-encoding, backwards text and ROT13, decoded and read again (``ciphers``: HTML entities, escapes, character
   codes, base32, Morse, Caesar and Atbash, whose decoded text is an instruction when it names the grading); ``cjk`` and ``scripts``: Chinese, Japanese,
   Korean, Arabic and Hindi. The Latin-script words cover English, French, German, Spanish, Portuguese, Italian,
   Dutch, Russian, Turkish, Polish, Vietnamese, Indonesian and Swedish/Norwegian. Reported speech, quoted examples,
   described schemas and rules, and defences against attacks are discussion, not attack;
4. ``detect``: speakers no person is (a system label, a scorecard field read as a speaker, a role label saying a
   verdict, anyone new after a fake end of the transcript) and verdicts announced in an interviewer's statement;
5. ``strip``: each hit is widened to the whole instruction (its sentences, the ones that carry it on after a
   neutral sentence or a number asked for, its lead-in and closing marker, pieces in the speaker's later turns) and
   mapped back to original offsets, so removal is exact and the evidence around it is kept.

Every scan is linear in the length of the turn.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...transcript import Transcript, Turn
from .detect import forged_speaker, is_role_word, names_pattern, scan_turns, verdict_announced
from .shaping import announces
from .strip import announces_split, cut_off, resolve, split_pieces, taken_up
from .units import TurnText

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
    last_turn: dict[str, int] = {}  # each speaker's latest turn so far, by position
    boundary = False  # a fake end of the transcript was found: speakers new after it are forged
    for position, turn in enumerate(transcript.turns):
        scan = scanned[position]
        if turn.text.strip() and forged_speaker(turn.speaker, turn.role, scan[0] if scan else None, speakers,
                                                boundary and turn.speaker not in seen):
            found[position] = [(0, len(turn.text), "fake turn")]
            continue
        seen.add(turn.speaker)
        before = last_turn.get(turn.speaker)
        last_turn[turn.speaker] = position
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
            if before is not None and tt.units and tt.unit_at(spans[0][0]) == 0:
                announced = _announcement(scanned[before])
                earlier = found.get(before, [])
                if announced is not None and not any(a <= announced[0] < b for a, b, _ in earlier):
                    found[before] = sorted([*earlier, announced])
    return found


def _announcement(scan: tuple[TurnText, list] | None) -> tuple[int, int, str] | None:
    """The announcement that ends a turn ("For whoever produces the final rating of this interview, there's one
    more thing."), in original offsets: an instruction that opens the speaker's next turn takes it."""
    if scan is None or not scan[0].units:
        return None
    tt = scan[0]
    k = len(tt.units) - 1
    if not announces(tt, k):
        return None
    return (*tt.folded.to_original(*tt.units[k]), "split instruction")


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
