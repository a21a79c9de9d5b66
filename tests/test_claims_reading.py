"""Quantified claims read right (issue 10, point 4), the cases added with golden/claims_dev_extra2.yaml: settings,
sizes, headcounts, budgets, wages, scales, plans and alerts measure nothing, even when they are said as a change
("we bumped top-k from 5 to 10"); measurements said beside them are still read; and the reader stays linear on
hostile input (CPU time, an eighth of the input against the whole, with the collector paused)."""

from __future__ import annotations

import base64
import gc
import random
import time

import pytest

from screener.offline.numbers import Claim, extract_claims


def measured(sentence: str, context: str | None = None) -> list[Claim]:
    return [c for c in extract_claims(1, sentence, context=context) if c.kind == "measurement"]


def summary(claims: list[Claim]) -> list[tuple]:
    return [(c.metric, c.before, c.after, c.change, c.unit) for c in claims]


@pytest.mark.parametrize("sentence", [
    # a setting, a size or a headcount said as a change is still a setting, a size or a headcount
    "Then we raised top-k from 4 to 12 for the long documents.",
    "We dropped the temperature from 0.7 to 0.2 for extraction.",
    "The similarity threshold moved from 0.8 to 0.72 after tuning.",
    "Our request timeout went from 5 seconds to 20 seconds.",
    "The max context length went from 8k to 32k with the new model.",
    "Our annual budget went from $80k to $120k.",
    "Team headcount went from 6 to 15 in eighteen months.",
    # a scale, a wage, a plan, an alert, an allowance, an attribution
    "Reviewers rate each summary on a 1 to 7 scale.",
    "We paid the raters $22 an hour.",
    "The plan is to reach 85 percent containment next year.",
    "We're aiming for 97 percent precision on the fraud label.",
    "Someone gets paged if the error rate climbed past 3 percent.",
    "Each team is allowed to spend 5 dollars per user per month at most.",
    "Most of it, maybe 70 percent of the gains came from cleaner labels.",
    # samples drawn or read on a schedule, workloads, who the team are, limits and constraints
    "I read about 40 failure traces every Monday.",
    "We pull 300 random chats each week for the audit.",
    "Each reviewer handles about 45 tickets an hour.",
    "Maybe 30 percent of our engineers had shipped an LLM feature before.",
    "The quota on that endpoint was 2,000 requests per minute.",
    "We had to stay under 3 cents per summary.",
    "We were burning through the $25k of credits the vendor gave us.",
])
def test_numbers_that_measure_nothing_are_not_claims_in_other_phrasings(sentence):
    assert measured(sentence) == [], summary(measured(sentence))


@pytest.mark.parametrize("sentence,expected", [
    # the measurement beside a setting is read, the setting is not
    ("We bumped top-k from 5 to 10 and recall@10 went from 0.71 to 0.83.", [(0.71, 0.83, None, None)]),
    ("With the temperature at zero, the pass rate went from 78% to 86%.", [(78, 86, None, "%")]),
    # a value, then what it is now
    ("It was around 2.5 seconds, and now it's about 700 milliseconds.", [(2500, 700, None, "ms")]),
    # "compared with ... before" after a long clause
    ("Only 4 percent of replies were flagged as off-policy after the change, compared with 11 percent before.",
     [(11, 4, None, "%")]),
    # a change by a percentage, said of spend
    ("We cut GPU spend by 40 percent.", [(None, None, -40, "%")]),
])
def test_measurements_beside_settings_and_in_new_phrasings(sentence, expected):
    got = [(c.before, c.after, c.change, c.unit) for c in measured(sentence)]
    assert got == expected, summary(measured(sentence))


@pytest.mark.parametrize("question,answer", [
    ("How many failure cases did you read?", "Around 120, over a couple of days."),
    ("What did you change to get recall up?", "We raised top-k to 25 and added a reranker."),
    ("What was the latency budget?", "We had to keep it under 400 milliseconds."),
])
def test_an_answer_that_gives_a_size_or_a_setting_takes_no_metric_from_the_question(question, answer):
    assert measured(answer, context=question) == [], summary(measured(answer, context=question))


def test_an_answer_with_a_value_still_takes_the_question_s_metric():
    got = measured("About 0.82 on the held-out set.", context="What was the recall after the change?")
    assert [(c.metric, c.after) for c in got] == [("recall", 0.82)]


def test_a_metric_s_time_or_cost_is_a_time_or_a_cost():
    claims = measured("Manual review time fell from 6 minutes to under 2.")
    assert summary(claims) == [("manual review time", 360_000, 120_000, None, "ms")]


def test_a_target_reached_is_a_claim_but_a_target_planned_is_not():
    assert measured("The plan is to hit 90 percent automation by the end of the year.") == []
    reached = measured("We hit 90 percent automation by the end of the year.")
    assert [(c.after, c.unit) for c in reached] == [(90, "%")]


# ------------------------------------------------------------------------------------------------ linear time
def _b64(n: int) -> str:
    rng = random.Random(5)
    out, size = [], 0
    while size < n:
        block = base64.b64encode(rng.randbytes(3000)).decode("ascii")
        piece = " ".join(block[i:i + 76] for i in range(0, len(block), 76)) + " decode this. "
        out.append(piece)
        size += len(piece)
    return "".join(out)[:n]


def _mixed(n: int) -> str:
    rng = random.Random(11)
    pieces = ["王伟", "Дмитрий", "محمد", "é", "e\u0301", "\u200b", "\u202e", "ｆｕｌｌ", "\x1b[31m", " ", " ", "9", ".",
              "\n", "ß", "Ⅻ", "\ufeff", "one", "percent"]
    return "".join(rng.choice(pieces) for _ in range(n // 2))[:n]


def _repeat(unit: str):
    return lambda n: (unit * (n // len(unit) + 1))[:n]


HOSTILE = {
    "5,000-digit numbers": _repeat(f"We cut latency from {'9' * 5000} ms to 300 ms. "),
    "a run of digits": _repeat("7"),
    "a long line with no spaces": _repeat("abc123.,;-_/x=y&z?"),
    "base64 runs": _b64,
    "mixed unicode": _mixed,
    "many short sentences with numbers": _repeat("Recall went from 62% to 81%. We checked it on 400 cases. "),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_reading_claims_is_linear_on_hostile_input(name):
    def cpu(size: int) -> float:
        text = HOSTILE[name](size)
        best = float("inf")
        for _ in range(2):
            started = time.process_time()
            extract_claims(1, text, context="What changed, and how did you measure it?")
            best = min(best, time.process_time() - started)
        return best

    enabled = gc.isenabled()
    gc.disable()
    try:
        whole_size = 800_000
        eighth = max(cpu(whole_size // 8), 0.005)
        whole = cpu(whole_size)
    finally:
        if enabled:
            gc.enable()
    assert whole < 24 * eighth, (name, eighth, whole)  # linear is 8x; quadratic would be 64x


# ------------------------------------------------------------------------------------------------ the new dev file
def test_the_second_dev_file_meets_its_floor_through_the_grader(claims_bench):
    """golden/claims_dev_extra2.yaml (written before the extractor was run on it, then tuned on) read through the
    grader: every claim read (F1 1.000 at commit time) and none from its 165 sentences that measure nothing; the
    floor leaves room for a deliberate trade-off, none for a silent regression."""
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "golden" / "claims_dev_extra2.yaml"
    report = claims_bench.measure("dev", path=path).as_dict()
    figures = {k: round(v, 3) for k, v in report.items() if isinstance(v, float)}
    assert report["claims_f1"] >= 0.97 and report["none_claims"] == 0, figures
    assert report["exchange_claims_accuracy"] >= 0.95, figures
    for field in ("metric", "before", "after", "change", "unit", "plausible"):
        assert report[f"{field}_precision"] >= 0.9 and report[f"{field}_recall"] >= 0.9, (field, figures)


@pytest.mark.parametrize(("sentence", "after"), [
    # a setting word near a lone result does not make the result a setting, nor a team's tickets a share of people
    ("The version two model hit 88 percent accuracy on the suite.", 88.0),
    ("About 30 percent of the team's tickets were resolved by the bot after launch.", 30.0),
])
def test_a_result_beside_a_setting_word_is_still_read(sentence, after):
    assert after in [c.after for c in measured(sentence)]


def test_a_lone_limit_said_as_what_it_was_is_a_setting():
    assert measured("The rate limit from the provider was 10,000 tokens per minute.") == []
