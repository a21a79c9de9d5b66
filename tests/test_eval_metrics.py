"""Metrics against the labels; the kappas are checked against values computed by hand."""

from __future__ import annotations

import json
from typing import Any

import pytest

from screener.evals.metrics import (
    cohen_kappa,
    compute_metrics,
    confusion,
    group_metrics,
    percentile,
    weighted_kappa,
)
from screener.evals.rows import ProviderRef, ResultRow


def test_cohen_kappa_hand_computed() -> None:
    # po = 3/4; pe = .5*.25 + .5*.75 = .5; kappa = (.75 - .5) / (1 - .5) = .5
    assert cohen_kappa(["a", "a", "b", "b"], ["a", "b", "b", "b"]) == pytest.approx(0.5)
    # 2x2 table [[20, 5], [10, 15]]: po = .7, pe = .5*.6 + .5*.4 = .5, kappa = .4
    exp = ["y"] * 25 + ["n"] * 25
    pred = ["y"] * 20 + ["n"] * 5 + ["y"] * 10 + ["n"] * 15
    assert cohen_kappa(exp, pred) == pytest.approx(0.4)
    assert cohen_kappa(["a", "b"], ["b", "a"]) == pytest.approx(-1.0)
    assert cohen_kappa(["a", "a"], ["a", "a"]) == 1.0  # one label used identically: perfect
    assert cohen_kappa([], []) is None


def test_quadratic_weighted_kappa_hand_computed() -> None:
    order = ["0", "1", "2"]
    # observed (0,0) (1,2) (2,2); weights (i-j)^2/4; num = .25; den = (2 + .75 + 1) / 3 = 1.25; qwk = 1 - .2 = .8
    assert weighted_kappa(["0", "1", "2"], ["0", "2", "2"], order) == pytest.approx(0.8)
    four = ["strong_no_hire", "no_hire", "hire", "strong_hire"]
    assert weighted_kappa(["no_hire", "hire"], ["no_hire", "hire"], four) == pytest.approx(1.0)
    # opposite ends swapped: num = 2, den = 1 -> -1
    assert weighted_kappa(["strong_no_hire", "strong_hire"], ["strong_hire", "strong_no_hire"], four) == pytest.approx(-1.0)
    # an off-by-one costs less than an off-by-three (quadratic)
    near = weighted_kappa(["no_hire", "hire", "strong_hire", "strong_no_hire"],
                          ["no_hire", "strong_hire", "strong_hire", "strong_no_hire"], four)
    far = weighted_kappa(["no_hire", "hire", "strong_hire", "strong_no_hire"],
                         ["no_hire", "strong_no_hire", "strong_hire", "strong_no_hire"], four)
    assert near is not None and far is not None and near > far


def test_confusion_and_percentile() -> None:
    m = confusion(["a", "a", "b"], ["a", "b", "error"], ["a", "b"])
    assert m == {"a": {"a": 1, "b": 1, "error": 0}, "b": {"a": 0, "b": 0, "error": 1}}
    assert percentile([10, 20, 30, 40], 50) == 25
    assert percentile([10, 20, 30, 40], 95) == pytest.approx(38.5)
    assert percentile([], 50) is None


def row(test: int, signal: str | None, rec: str | None, exp_signal: str, exp_rec: str, *, repeat: int = 0,
        comps: dict[str, int | None] | None = None, exp_comps: dict[str, int] | None = None, error: str | None = None,
        ungrounded: int = 0, latency: int = 100, cached: bool = False) -> dict[str, Any]:
    card = None if error else {
        "signal": signal, "recommendation": rec, "role_fit": "ai_engineer", "ungrounded_quotes": ungrounded,
        "competencies": [{"id": k, "score": v, "evidence": [{"quote": "q", "turn": 1}]} for k, v in (comps or {}).items()],
        "quantified_claims": [{"quote": "q2", "turn": 1}],
    }
    vars_ = {"expected_signal": exp_signal, "expected_recommendation": exp_rec, "expected_role_fit": "ai_engineer"}
    vars_ |= {f"expected_competency_{k}": v for k, v in (exp_comps or {}).items()}
    return ResultRow.model_validate({"testIdx": test, "repeatIndex": repeat, "promptIdx": 0,
                                     "provider": {"id": "offline", "label": ""},
            "vars": vars_, "success": error is None, "error": error, "latencyMs": latency, "cost": 0.01,
            "tokenUsage": {"prompt": 100, "completion": 20},
            "response": None if error else {"output": json.dumps(card), "cached": cached}})


def test_group_metrics_from_results() -> None:
    rows = [
        row(0, "engineer", "hire", "engineer", "hire", comps={"ai_eval": 3, "ai_rag": None},
            exp_comps={"ai_eval": 4, "ai_rag": 2}, latency=100),
        row(1, "prompt_tourist", "no_hire", "prompt_tourist", "strong_no_hire", latency=300, ungrounded=2),
        row(2, "engineer", "hire", "prompt_tourist", "no_hire", latency=200),
        row(3, None, None, "engineer", "strong_hire", error="boom"),
    ]
    m = group_metrics(rows)["metrics"]
    assert m["signal_accuracy"] == pytest.approx(2 / 4)  # the errored result counts as wrong
    assert m["recommendation_accuracy"] == pytest.approx(1 / 4)
    # signal kappa over the 3 graded pairs: po = 2/3; pe = (1*2 + 2*1)/9 = 4/9; kappa = (2/3-4/9)/(5/9) = .4
    assert m["signal_kappa"] == pytest.approx(0.4)
    assert m["competency_mae"] == 1  # over the slots both the label and the grader score
    assert m["competency_mae.ai_eval"] == 1 and "competency_mae.ai_rag" not in m
    assert m["competency_under_credit"] == pytest.approx(1 / 2)  # ai_rag labelled 2, graded not assessed
    assert "competency_over_credit" not in m  # no slot is labelled "not assessed"
    # quotes kept: card 0 has 2 evidence + 1 claim, cards 1 and 2 one claim each = 5; 2 dropped as ungrounded
    assert m["grounded_quote_rate"] == pytest.approx(1 - 2 / 7)
    assert (m["tokens_input"], m["tokens_output"], m["cost_usd"]) == (400, 80, 0.04)
    assert m["latency_p50_ms"] == 200 and m["latency_p95_ms"] == pytest.approx(290)
    assert (m["successes"], m["errors"], m["failures"]) == (3, 1, 0)
    assert "self_consistency" not in m
    conf = group_metrics(rows)["confusion"]["signal"]
    assert conf["engineer"]["error"] == 1 and conf["prompt_tourist"]["engineer"] == 1


def test_over_credit_under_credit_and_reused_quotes() -> None:
    card = {"signal": "engineer", "recommendation": "hire", "role_fit": "ml_engineer", "quantified_claims": [],
            "ungrounded_quotes": 0, "competencies": [
                {"id": "ai_eval", "score": 3, "evidence": [{"quote": "We built 300 cases", "turn": 1}]},
                {"id": "ai_agents", "score": 2, "evidence": [{"quote": "we  built 300 CASES", "turn": 1}]},
                {"id": "ai_retrieval", "score": None, "evidence": []},
                {"id": "ai_production", "score": 2, "evidence": [{"quote": "p95 went to 400 ms", "turn": 3}]}]}
    r = {"vars": {"role": "ai_engineer", "expected_signal": "engineer", "expected_role_fit": "ml_engineer",
                  "expected_competency_ai_eval": 3, "expected_competency_ai_agents": None,
                  "expected_competency_ai_retrieval": 2, "expected_competency_ai_production": "null"},
         "success": True, "response": {"output": json.dumps(card)}, "provider": {"id": "offline"},
         "promptIdx": 0, "testIdx": 0, "latencyMs": 1}
    m = group_metrics([ResultRow.model_validate(r)])["metrics"]
    assert m["competency_over_credit"] == 1.0  # both "not assessed" slots were scored
    assert m["competency_under_credit"] == 0.5  # ai_retrieval labelled 2, not assessed
    assert m["competency_mae"] == 0
    assert m["quote_reuse_rate"] == pytest.approx(2 / 3)  # two of the three quotes are one sentence filed twice
    assert m["role_fit_accuracy_off_role"] == 1 and m["role_fit_off_role_labelled"] == 1


def test_self_consistency_across_repeats_and_cached_latency_excluded() -> None:
    rows = [row(0, "engineer", "hire", "engineer", "hire", repeat=r) for r in range(3)]
    rows += [row(1, "engineer", "hire", "engineer", "hire", repeat=0),
             row(1, "prompt_tourist", "no_hire", "engineer", "hire", repeat=1),
             row(1, "engineer", "hire", "engineer", "hire", repeat=2, cached=True, latency=5)]
    m = group_metrics(rows)["metrics"]
    assert m["self_consistency"] == 0.5
    assert m["latency_p50_ms"] == 100  # the cached answer's latency is not a measurement


def test_metrics_group_by_provider() -> None:
    a = row(0, "engineer", "hire", "engineer", "hire")
    b = row(0, "prompt_tourist", "no_hire", "engineer", "hire").model_copy(
        update={"provider": ProviderRef(id="fake:x", label="B")})
    groups = compute_metrics([a, b])
    assert set(groups) == {"offline", "B"}
    assert groups["offline"]["metrics"]["signal_accuracy"] == 1 and groups["B"]["metrics"]["signal_accuracy"] == 0
