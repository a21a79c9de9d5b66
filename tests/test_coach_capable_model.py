"""The interview report's model path, measured the way the grader's is: answers a capable model wrote when given
the rendered prompt for each blind interviewer turn (tests/fixtures/capable_model/coach_holdout3), replayed
through the real pipeline (each answer is checked against its turn; an answer that cannot back its label up
keeps the lexical reading) and scored against the blind labels. Only aggregates are ever shown."""

from __future__ import annotations

from pathlib import Path

from screener.coach.bench import GOALS, answered, answers_reader, blind_labels, load_blind, score

ANSWERS = Path(__file__).parent / "fixtures" / "capable_model" / "coach_holdout3"


def test_capable_model_answers_on_the_blind_turns_meet_every_goal() -> None:
    items, _malformed = load_blind(blind_labels("holdout3"))
    with_answers = answered(items, ANSWERS)
    assert len(with_answers) == len(items) >= 120  # every blind turn has its answer
    result = score(with_answers, answers_reader(ANSWERS), blind=True)
    assert result.misses == []  # a blind set never lists its items
    short = {kind: (round(s.precision, 3), round(s.recall, 3)) for kind, s in result.kinds.items()
             if s.precision < GOALS["precision"] or s.recall < GOALS["recall"]}
    assert short == {} and result.unlawful_missed == 0, (short, result.unlawful_missed)
