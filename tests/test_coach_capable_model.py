"""The interview report's model path, measured the way the grader's is: answers a capable model wrote when given
the rendered prompt for each blind interviewer turn (tests/fixtures/capable_model/coach_holdout3, coach_holdout5 and coach_holdout6), replayed
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


ANSWERS_HOLDOUT5 = Path(__file__).parent / "fixtures" / "capable_model" / "coach_holdout5"
# measured once on holdout5 (169 turns): every kind >= 0.9 except small talk precision 0.882 (15/17) and "other"
# recall 0.889 (16/18); no unlawful question missed. A floor at what was measured, with the goal's own rule for
# unlawful questions, so a change to the answer checks or the scoring that loses what the model got right fails.
HOLDOUT5_FLOOR = 0.88


def test_capable_model_answers_on_the_holdout5_turns_hold_their_measured_figures() -> None:
    items, _malformed = load_blind(blind_labels("holdout5"))
    with_answers = answered(items, ANSWERS_HOLDOUT5)
    assert len(with_answers) == len(items) >= 160
    result = score(with_answers, answers_reader(ANSWERS_HOLDOUT5), blind=True)
    assert result.misses == []
    short = {kind: (round(s.precision, 3), round(s.recall, 3)) for kind, s in result.kinds.items()
             if s.precision < HOLDOUT5_FLOOR or s.recall < HOLDOUT5_FLOOR}
    assert short == {} and result.unlawful_missed == 0, (short, result.unlawful_missed)


ANSWERS_HOLDOUT6 = Path(__file__).parent / "fixtures" / "capable_model" / "coach_holdout6"
# measured once on holdout6 (229 turns, session 7): every kind 1.000/1.000, no unlawful question missed (its writer
# read the kit and the prompt's definitions, so the labels follow the definitions the model is given). Floored at
# the goal, not at perfection, so a scoring change that loses what the model got right fails.


def test_capable_model_answers_on_the_holdout6_turns_meet_every_goal() -> None:
    items, _malformed = load_blind(blind_labels("holdout6"))
    with_answers = answered(items, ANSWERS_HOLDOUT6)
    assert len(with_answers) == len(items) >= 200
    result = score(with_answers, answers_reader(ANSWERS_HOLDOUT6), blind=True)
    assert result.misses == []
    short = {kind: (round(s.precision, 3), round(s.recall, 3)) for kind, s in result.kinds.items()
             if s.precision < GOALS["precision"] or s.recall < GOALS["recall"]}
    assert short == {} and result.unlawful_missed == 0, (short, result.unlawful_missed)
