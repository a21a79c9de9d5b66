"""The interview report's model path, measured the way the grader's is: answers a capable model wrote when given
the rendered prompt for each blind interviewer turn (tests/fixtures/capable_model/coach_holdoutN), replayed through
the real pipeline (each answer is checked against its turn; an answer that cannot back its label up keeps the
lexical reading) and scored against the blind labels. Only aggregates are ever shown."""

from __future__ import annotations

from pathlib import Path

import pytest

from screener.coach.bench import GOALS, answered, answers_reader, blind_labels, load_blind, score

FIXTURES = Path(__file__).parent / "fixtures" / "capable_model"

# (blind set, fewest turns it holds, the precision and recall floor every kind must reach). Each was measured once:
# - holdout3: every kind >= the goal (0.9), no unlawful question missed;
# - holdout5 (169 turns): every kind >= 0.9 except small talk precision 0.882 (15/17) and "other" recall 0.889
#   (16/18), no unlawful question missed: floored at what was measured;
# - holdout6 (229 turns, session 7): every kind 1.000/1.000 (its writer read the kit and the prompt's definitions,
#   so the labels follow the definitions the model is given): floored at the goal, not at perfection.
# - holdout7 (258 turns, session 13; its writer read only the rubric files; three helpers answered a third each,
#   given only the dumped requests): kit 1.0/.984, follow-up, leading and unlawful 1.0/1.0 (no unlawful question
#   missed), small talk .541/.870 and "other" .897/.605 (the writer files rapport and logistics under other, the
#   model under small talk): floored at the lowest figure measured, small talk precision.
# - holdout8 (260 turns, session 14; its writer read only the rubric files; two helpers answered half each): kit
#   1.0/.554, follow-up, leading and unlawful 1.0/1.0 (no unlawful question missed), small talk .556/.769, "other"
#   .382/.568 (the writer files near-kit technical questions as kit questions, the model as other): floored at the
#   lowest figure measured, other precision.
# A floor, with the goal's own rule for unlawful questions, so a change to the answer checks or the scoring that
# loses what the model got right fails.
SETS = [("holdout3", 120, GOALS["precision"]), ("holdout5", 160, 0.88), ("holdout6", 200, GOALS["precision"]),
        ("holdout7", 250, 0.54), ("holdout8", 250, 0.38)]


@pytest.mark.parametrize(("split", "fewest", "floor"), SETS, ids=[s for s, _, _ in SETS])
def test_capable_model_answers_on_the_blind_turns_hold_their_measured_figures(split: str, fewest: int,
                                                                              floor: float) -> None:
    answers = FIXTURES / f"coach_{split}"
    items, _malformed = load_blind(blind_labels(split))
    with_answers = answered(items, answers)
    assert len(with_answers) == len(items) >= fewest  # every blind turn has its answer
    result = score(with_answers, answers_reader(answers), blind=True)
    assert result.misses == []  # a blind set never lists its items
    short = {kind: (round(s.precision, 3), round(s.recall, 3)) for kind, s in result.kinds.items()
             if s.precision < floor or s.recall < floor}
    assert short == {} and result.unlawful_missed == 0, (short, result.unlawful_missed)
