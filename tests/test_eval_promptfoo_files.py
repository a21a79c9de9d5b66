"""The files real promptfoo runs: evals/provider.py (call_api) and evals/asserts.py (scorecard assertions)."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from screener.evals.progress import Progress
from screener.evals.pyscript import load_function
from screener.paths import REPO_ROOT

EVALS = REPO_ROOT / "evals"
ENGINEER = (Path(__file__).parent / "fixtures" / "evals" / "transcripts" / "engineer.txt").read_text().strip()


def fn(file: str, name: str):
    return load_function(EVALS / file, name)


@pytest.fixture(scope="module")
def card_json() -> str:
    result = fn("provider.py", "call_api")("ignored prompt", {"config": {"grader": "offline", "basePath": "/x"}},
                                           {"vars": {"transcript": ENGINEER, "role": "ai_engineer"}})
    assert set(result) == {"output", "tokenUsage", "cost"}
    return result["output"]


def ctx(**vars_: Any) -> dict[str, Any]:
    return {"vars": {"transcript": ENGINEER, **vars_}}


def test_provider_returns_a_scorecard_with_usage_and_cost(card_json: str) -> None:
    card = json.loads(card_json)
    assert card["signal"] in ("engineer", "prompt_tourist", "insufficient_evidence")
    assert card["grader"]["provider"] == "offline" and card["status"] == "draft"


def test_provider_reports_errors_instead_of_raising() -> None:
    call = fn("provider.py", "call_api")
    bad = call("p", {"config": {}}, {"vars": {"transcript": "nobody speaks here"}})
    assert set(bad) == {"error"} and "InputError" in bad["error"]
    unknown = call("p", {"config": {"grader": "nosuch:model"}}, {"vars": {"transcript": ENGINEER}})
    assert "unknown provider" in unknown["error"]


def test_field_assertions_against_expected_vars(card_json: str) -> None:
    card = json.loads(card_json)
    sig = fn("asserts.py", "signal_matches")
    assert sig(card_json, ctx(expected_signal=card["signal"]))["pass"] is True
    other = next(s for s in ("engineer", "prompt_tourist") if s != card["signal"])
    miss = sig(card_json, ctx(expected_signal=other))
    assert miss["pass"] is False and miss["reason"] == f"signal: expected {other}, graded {card['signal']}"
    assert sig(card_json, ctx())["pass"] is False  # no label: never a silent pass
    side = fn("asserts.py", "recommendation_side_matches")
    same_side = "strong_hire" if card["recommendation"] in ("hire", "strong_hire") else "strong_no_hire"
    assert side(card_json, ctx(expected_recommendation=same_side))["pass"] is True
    assert fn("asserts.py", "recommendation_matches")(card_json, ctx(expected_recommendation=same_side))["pass"] is (
        same_side == card["recommendation"])
    assert fn("asserts.py", "role_fit_matches")(card_json, ctx(expected_role_fit=card["role_fit"]))["pass"] is True


def test_competency_assertions(card_json: str) -> None:
    card = json.loads(card_json)
    scored = next(c for c in card["competencies"] if c["score"] is not None)
    in_range = fn("asserts.py", "competency_in_range")
    cfg = lambda **c: {**ctx(), "config": c}  # noqa: E731
    assert in_range(card_json, cfg(competency=scored["id"], min=scored["score"], max=4))["pass"] is True
    below = in_range(card_json, cfg(competency=scored["id"], min=scored["score"] + 1, max=4))
    assert below["pass"] is False and f"graded {scored['score']}" in below["reason"]
    assert in_range(card_json, cfg())["pass"] is False
    close = fn("asserts.py", "competencies_close")
    exact = close(card_json, ctx(**{f"expected_competency_{scored['id']}": scored["score"]}))
    assert exact["pass"] is True and exact["score"] == 1.0
    far = 4 if scored["score"] <= 2 else 1
    off = close(card_json, {**ctx(**{f"expected_competency_{scored['id']}": far}), "config": {"tolerance": 0}})
    assert off["pass"] is False and off["score"] == 0.0 and scored["id"] in off["reason"]


def test_grounded_evidence_catches_a_quote_the_candidate_never_said(card_json: str) -> None:
    grounded = fn("asserts.py", "grounded_evidence")
    ok = grounded(card_json, ctx())
    assert ok["pass"] is True and ok["score"] == 1.0
    card = json.loads(card_json)
    comp = next(c for c in card["competencies"] if c["evidence"])
    comp["evidence"][0]["quote"] = "We reduced hallucinations to zero with a secret technique."
    bad = grounded(json.dumps(card), ctx())
    assert bad["pass"] is False and "not found" in bad["reason"]


def test_progress_redraws_on_a_tty_and_prints_one_line_otherwise() -> None:
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    tty, plain = Tty(), io.StringIO()
    for stream in (tty, plain):
        p = Progress(2, stream=stream)
        p.update("pass", False)
        p.update("error", True)
        p.finish(0.5)
    assert tty.getvalue().count("\r") == 3 and "[1/2]" in tty.getvalue()
    assert plain.getvalue().count("\n") == 1 and "[2/2] 1 passed, 0 failed, 1 errors (1 cached)" in plain.getvalue()
