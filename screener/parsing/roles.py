"""Who is the candidate (exactly one speaker) and who interviews (everyone else).

In order of precedence:

1. ``candidate=`` / ``interviewer=`` (case-insensitive match on the speaker label) force it.
2. Explicit labels in the transcript: ``Interviewer``/``Candidate``, ``Q``/``A``,
   ``INTERVIEWER (Name)``, JSON ``roles``. One labelled candidate makes everyone else an
   interviewer; labelled interviewers are never the candidate.
3. Among the rest, the candidate is the speaker with the highest
   ``share of words spoken - share of turns ending in '?'`` (less ``OPENER_PRIOR`` for whoever speaks
   first): interviewers ask the questions and open the call, and in a screening the candidate talks most.

A guess is never silent when it could be wrong: when the two most candidate-like speakers score within
``MIN_MARGIN`` of each other, when the most candidate-like speaker asks questions in more than
``MAX_QUESTION_SHARE`` of their turns, or when unlabelled speech outweighs theirs, ``InputError`` names the
speakers and asks for ``--candidate "NAME"`` rather than grade the wrong person.

"Unknown speaker" turns (unlabelled speech) keep the role "unknown" and take no part.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from ..errors import InputError
from ..transcript import Role
from .cues import Cue, is_unknown

MIN_MARGIN = 0.15
"""How far ahead of the next speaker the inferred candidate must score (the golden set's closest: 0.21)."""
OPENER_PRIOR = 0.15
"""Taken off the score of the speaker who speaks first: interviewers open the call."""
MAX_QUESTION_SHARE = 0.5
"""The inferred candidate may end at most this share of their turns with a question mark."""
_QUESTION_MARKS = ("?", "？", "؟", "\u037e")  # ASCII, full-width, Arabic, Greek
_CLOSERS = " \"'”’)」』»"
_CJK = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def assign_roles(
    turns: Sequence[Cue],
    speakers: Sequence[str],
    *,
    candidate: str | None = None,
    interviewer: str | None = None,
    where: str = "transcript",
) -> dict[str, Role]:
    """A role for each of ``speakers`` (the named speakers, in order of first turn)."""
    forced_candidate = _match(candidate, speakers, "candidate", where)
    forced_interviewer = _match(interviewer, speakers, "interviewer", where)
    if forced_candidate is not None and forced_candidate == forced_interviewer:
        raise InputError(f"{where}: {forced_candidate!r} cannot be both the candidate and the interviewer")
    hints = _hints(turns)
    chosen = forced_candidate
    if chosen is None:
        labelled = [s for s in speakers if hints.get(s) == "candidate" and s != forced_interviewer]
        if len(labelled) > 1:
            raise InputError(
                f"{where}: {len(labelled)} speakers are labelled as the candidate ({', '.join(labelled)}); "
                "say which one with candidate=NAME (--candidate)"
            )
        chosen = labelled[0] if labelled else None
    if chosen is None:
        pool = [s for s in speakers if s != forced_interviewer and hints.get(s) != "interviewer"]
        if not pool:
            raise InputError(
                f"{where}: every speaker is labelled as an interviewer ({', '.join(speakers)}); "
                "say who the candidate is with candidate=NAME (--candidate)"
            )
        chosen = _most_candidate_like(turns, pool, speakers, where)
    return {s: "candidate" if s == chosen else "interviewer" for s in speakers}


def _match(name: str | None, speakers: Sequence[str], role: str, where: str) -> str | None:
    if name is None:
        return None
    wanted = " ".join(name.split()).casefold()
    for speaker in speakers:
        if speaker.casefold() == wanted:
            return speaker
    raise InputError(f"{where}: {role} {name!r} is not a speaker; speakers: {', '.join(speakers)}")


def _hints(turns: Sequence[Cue]) -> Mapping[str, Role]:
    hints: dict[str, Role] = {}
    for turn in turns:
        if turn.hint is not None and turn.speaker is not None:
            hints.setdefault(turn.speaker, turn.hint)
    return hints


def word_count(text: str) -> int:
    """Words, counting each Chinese/Japanese character as one (those scripts write no spaces)."""
    count = len(text.split())
    if not text.isascii():
        count += len(_CJK.findall(text))
    return count


def ask_for_candidate(where: str, speakers: Sequence[str], why: str) -> InputError:
    """The one-line error when the candidate cannot be told: why, the speakers seen, the flag that fixes it."""
    return InputError(
        f"{where}: cannot tell with confidence who the candidate is ({why}); speakers: {', '.join(speakers)}; "
        'say who with --candidate "NAME"'
    )


def _most_candidate_like(turns: Sequence[Cue], pool: Sequence[str], speakers: Sequence[str], where: str) -> str:
    if len(pool) == 1:
        return pool[0]
    words = dict.fromkeys(pool, 0)
    asked = dict.fromkeys(pool, 0)
    spoke = dict.fromkeys(pool, 0)
    unlabelled = 0
    opener = next((t.speaker for t in turns if t.speaker and not is_unknown(t.speaker)), None)
    for turn in turns:
        if turn.speaker in words:
            words[turn.speaker] += word_count(turn.text)
            spoke[turn.speaker] += 1
            asked[turn.speaker] += turn.text.rstrip(_CLOSERS).endswith(_QUESTION_MARKS)
        elif turn.speaker is None or is_unknown(turn.speaker):
            unlabelled += word_count(turn.text)
    total = sum(words.values()) or 1
    scores = {s: words[s] / total - (asked[s] / spoke[s] if spoke[s] else 0.0) - (OPENER_PRIOR if s == opener else 0.0)
              for s in pool}
    ranked = sorted(pool, key=lambda s: scores[s], reverse=True)
    best, runner_up = ranked[0], ranked[1]
    if scores[best] - scores[runner_up] < MIN_MARGIN:
        raise ask_for_candidate(where, speakers, f"{best} and {runner_up} talk and ask questions alike")
    if spoke[best] and asked[best] / spoke[best] > MAX_QUESTION_SHARE:
        raise ask_for_candidate(where, speakers, f"{best}, who talks most, mostly asks questions")
    if unlabelled > words[best]:
        raise ask_for_candidate(where, speakers, f"more of the speech has no speaker label than {best} has")
    return best
