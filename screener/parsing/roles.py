"""Who is the candidate (exactly one speaker) and who interviews (everyone else).

In order of precedence:

1. ``candidate=`` / ``interviewer=`` (case-insensitive match on the speaker label) force it.
2. Explicit labels in the transcript: ``Interviewer``/``Candidate``, ``Q``/``A``,
   ``INTERVIEWER (Name)``, JSON ``roles``. One labelled candidate makes everyone else an
   interviewer; labelled interviewers are never the candidate.
3. Among the rest, the candidate is the speaker with the highest
   ``share of words spoken - share of turns ending in '?'``: interviewers ask the questions, and in a
   screening the candidate talks most. Ties go to the speaker who spoke later (interviewers open).

"Unknown speaker" turns (unlabelled speech) keep the role "unknown" and take no part.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..errors import InputError
from ..transcript import Role
from .cues import Cue


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
        chosen = _most_candidate_like(turns, pool)
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


def _most_candidate_like(turns: Sequence[Cue], pool: Sequence[str]) -> str:
    if len(pool) == 1:
        return pool[0]
    words = dict.fromkeys(pool, 0)
    asked = dict.fromkeys(pool, 0)
    spoke = dict.fromkeys(pool, 0)
    for turn in turns:
        if turn.speaker in words:
            words[turn.speaker] += len(turn.text.split())
            spoke[turn.speaker] += 1
            asked[turn.speaker] += turn.text.rstrip(" \"'”’)").endswith("?")
    total = sum(words.values()) or 1
    scores = {s: words[s] / total - (asked[s] / spoke[s] if spoke[s] else 0.0) for s in pool}
    best = max(scores.values())
    return [s for s in pool if scores[s] == best][-1]
