"""Build the interview report for one transcript: one pass over its turns, then one over what was found.

Reads only the transcript and the kit; never the scorecard, and nothing it computes reaches the grader.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

from ..errors import UsageError
from ..rubric import RoleChoice
from ..transcript import Transcript
from ..vocab import JOB_ROLES
from . import kit_match, leading, probes
from .classify import TurnReading, classify_turn
from .report import (
    AskedQuestion,
    CoachReport,
    CompetencyCoverage,
    FlaggedQuestion,
    FollowUpCheck,
    KitQuestionRef,
    MissedFollowUp,
    TurnKinds,
    UnlawfulQuestion,
)
from .talk import talk_stats
from .text import quote


def _ref(q: kit_match.KitQuestion) -> dict:
    return {"competency": q.competency, "competency_name": q.competency_name, "number": q.number, "text": q.text}


def _probed(reading: TurnReading, text: str) -> bool:
    """The turn asks for the artefact, the number or the method (a probe, a kit follow-up, or both)."""
    if "follow_up_probe" in reading.kinds:
        return True
    if reading.kit is not None and reading.kit.follow_up is not None:
        return True
    return "leading" not in reading.kinds and probes.asks_for_specifics(text)


def _suggest(question: kit_match.KitQuestion | None, answer: str, role: RoleChoice) -> tuple[str, str] | None:
    """A kit follow-up for a vague answer: from the kit question whose topic (its text and follow-ups) the answer
    shares most, the question in force winning ties; within it, the follow-up sharing most with the answer."""
    found = kit_match.concepts(answer, role)

    def weight(c: str) -> float:
        return 0.5 if c.startswith("w:") or c in kit_match.GENERAL else 1.0

    best: tuple[float, kit_match.KitQuestion] | None = None
    for q in kit_match.kit_questions(role):
        topic = q.concepts.union(*q.follow_up_concepts)
        score = sum(weight(c) for c in found & topic) + (1.0 if q is question else 0.0)
        if score > 0 and (best is None or score > best[0]):
            best = (score, q)
    if best is None or not best[1].follow_ups:
        return None
    q = best[1]
    i = max(range(len(q.follow_ups)), key=lambda i: (len(found & q.follow_up_concepts[i]), -i))
    return q.competency, q.follow_ups[i]


def _text(transcript: Transcript, index: int) -> str:
    """The text of turn ``index`` (an index taken from the transcript's own turns, so it is there)."""
    turn = transcript.turn(index)
    return turn.text if turn is not None else ""


def coach_report(transcript: Transcript, role: RoleChoice = "hybrid", *,
                 readings: Mapping[int, TurnReading] | None = None,
                 method: Literal["lexical", "llm"] = "lexical") -> CoachReport:
    """The interview report for ``transcript`` against the kit of ``role`` (ai_engineer, ml_engineer or hybrid).

    Feedback for the interviewer, separate from the candidate's scorecard: which kit questions were asked,
    which competencies were never probed, whether vague answers got a follow-up, leading and unlawful
    questions with their turns, talk share and the longest monologue, and the kit follow-ups that were missed.
    ``readings``: interviewer turns already read (by a model, ``coach.llm``); the others are read here.
    """
    if role not in JOB_ROLES:
        raise UsageError(f"unknown role '{role}'; use one of: {', '.join(JOB_ROLES)}")
    comps = kit_match.competencies(role)
    given = readings or {}
    readings = {}
    kinds: list[TurnKinds] = []
    asked: list[AskedQuestion] = []
    leading_qs: list[FlaggedQuestion] = []
    unlawful_qs: list[UnlawfulQuestion] = []
    probed_turns: dict[str, list[int]] = {c.id: [] for c in comps}
    in_force: dict[int, kit_match.KitQuestion | None] = {}  # candidate turn -> the kit question it answers
    last_question: kit_match.KitQuestion | None = None
    previous_answer: str | None = None
    said: set[float] = set()  # every number the candidate has said so far
    for turn in transcript.turns:
        if turn.role == "candidate":
            previous_answer = turn.text
            said |= leading.said_numbers(turn.text)
            in_force[turn.index] = last_question
            continue
        if turn.role != "interviewer":
            continue
        reading = given.get(turn.index) or classify_turn(turn.text, previous_answer, role, said)
        readings[turn.index] = reading
        kinds.append(TurnKinds(turn=turn.index, kinds=reading.kinds, competency=reading.competency))
        if reading.kit is not None:
            q = reading.kit.question
            if reading.kit.follow_up is None and "kit_question" in reading.kinds:
                asked.append(AskedQuestion(**_ref(q), turn=turn.index, quote=quote(turn.text)))
                last_question = q
            probed_turns.setdefault(q.competency, []).append(turn.index)
        for lead in reading.leading:
            leading_qs.append(FlaggedQuestion(turn=turn.index, quote=quote(lead.sentence), why=lead.why))
        for hit in reading.unlawful:
            unlawful_qs.append(UnlawfulQuestion(turn=turn.index, quote=quote(hit.sentence), topic=hit.topic,
                                                why=hit.why, instead=hit.instead))

    # the interviewer turn and the candidate turn after each turn (one backwards pass)
    next_interviewer: dict[int, int] = {}
    next_candidate: dict[int, int] = {}
    upcoming: int | None = None
    upcoming_answer: int | None = None
    for turn in reversed(transcript.turns):
        if upcoming is not None:
            next_interviewer[turn.index] = upcoming
        if upcoming_answer is not None:
            next_candidate[turn.index] = upcoming_answer
        if turn.role == "interviewer":
            upcoming = turn.index
        elif turn.role == "candidate":
            upcoming_answer = turn.index

    vague: list[FollowUpCheck] = []
    missed: list[MissedFollowUp] = []
    suggested: set[tuple[str, str]] = set()
    for turn in transcript.turns:
        if turn.role != "candidate" or not probes.is_vague(turn.text):
            continue
        nxt = next_interviewer.get(turn.index)
        followed = nxt is not None and _probed(readings[nxt], _text(transcript, nxt))
        suggestion = None if followed else _suggest(in_force.get(turn.index), turn.text, role)
        if suggestion and suggestion in suggested:
            suggestion = None  # said once is enough
        if suggestion:
            suggested.add(suggestion)
        vague.append(FollowUpCheck(answer_turn=turn.index, answer_quote=quote(turn.text), followed_up=followed,
                                   follow_up_turn=nxt if followed else None,
                                   suggested_follow_up=suggestion[1] if suggestion else None))
        if suggestion:
            missed.append(MissedFollowUp(after_turn=turn.index, competency=suggestion[0], question=suggestion[1],
                                         why="the answer claimed a result or a practice with no number, artefact "
                                             "or method, and the next question did not ask for one"))

    # kit questions whose topic got no probing follow-up before the next kit question
    asked_turns = [a.turn for a in asked]
    vague_after = {m.after_turn for m in missed}
    interviewer_order = [t.index for t in transcript.turns if t.role == "interviewer"]
    position = {idx: i for i, idx in enumerate(interviewer_order)}
    kit_questions = {(q.competency, q.number): q for q in kit_match.kit_questions(role)}
    for i, a in enumerate(asked):
        end = asked_turns[i + 1] if i + 1 < len(asked_turns) else None
        start = position[a.turn] + 1
        followed = False
        for idx in interviewer_order[start:]:
            if end is not None and idx >= end:
                break
            if _probed(readings[idx], _text(transcript, idx)):
                followed = True
                break
        q = kit_questions[(a.competency, a.number)]
        answer = next_candidate.get(a.turn)
        if not followed and q.follow_ups and answer not in vague_after:
            missed.append(MissedFollowUp(after_turn=answer if answer is not None else a.turn,
                                         competency=q.competency, question=q.follow_ups[0],
                                         why=f"no follow-up asked for the number, the artefact or the method after "
                                             f"the kit question at turn {a.turn}"))
    missed.sort(key=lambda m: m.after_turn)

    coverage: list[CompetencyCoverage] = []
    for c in comps:
        turns = probed_turns.get(c.id, [])
        coverage.append(CompetencyCoverage(id=c.id, name=c.name, probed=bool(turns), turns=turns,
                                           suggested_question=None if turns else c.questions[0].text))
    asked_keys = {(a.competency, a.number) for a in asked}
    return CoachReport(
        role=role, method=method, source=transcript.source, candidate=transcript.candidate_name,
        turns=len(transcript.turns), interviewer_turns=len(readings),
        kit_asked=asked,
        kit_not_asked=[KitQuestionRef(**_ref(q)) for key, q in kit_questions.items() if key not in asked_keys],
        competencies=coverage, never_probed=[c.id for c in coverage if not c.probed],
        vague_answers=vague, leading_questions=leading_qs, unlawful_questions=unlawful_qs,
        talk=talk_stats(transcript), missed_follow_ups=missed, turn_kinds=kinds,
    )
