"""Every assertion type as promptfoo defines it: pass, fail, not-, weight, threshold, metric, python forms."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from screener.evals.assertions import AssertContext, UnsupportedAssertion, run_assertion, run_assertions
from screener.evals.config import Assertion

FIX = Path(__file__).parent / "fixtures" / "evals"
CARD = json.dumps({"signal": "engineer", "recommendation": "hire", "score": 3})


def ctx(output: str = CARD, latency: int | None = 120, cost: float | None = 0.002, **vars_: Any) -> AssertContext:
    return AssertContext(output=output, vars=vars_, prompt="p", test={"vars": vars_}, provider={"id": "offline"},
                         provider_response={"output": output}, latency_ms=latency, cost=cost, base_dir=FIX)


def check(type_: str, value: Any = None, c: AssertContext | None = None, **kw: Any) -> dict[str, Any]:
    return run_assertion(Assertion(type=type_, value=value, **kw), c or ctx())


@pytest.mark.parametrize(("type_", "value", "passes"), [
    ("equals", CARD, True),
    ("equals", "engineer", False),
    ("equals", {"score": 3, "signal": "engineer", "recommendation": "hire"}, True),  # objects compare as JSON
    ("contains", "engineer", True),
    ("contains", "Engineer", False),
    ("icontains", "ENGINEER", True),
    ("contains-any", ["nope", "hire"], True),
    ("contains-any", "nope, never", False),
    ("contains-all", ["engineer", "hire"], True),
    ("contains-all", "engineer, strong_hire", False),
    ("icontains-all", ["ENGINEER", "HIRE"], True),
    ("icontains-any", ["TOURIST"], False),
    ("regex", r'"signal": "(engineer|prompt_tourist)"', True),
    ("regex", r"^engineer", False),
    ("starts-with", '{"signal"', True),
    ("starts-with", "signal", False),
    ("is-json", None, True),
    ("is-json", {"type": "object", "required": ["signal"], "properties": {"signal": {"enum": ["engineer"]}}}, True),
    ("is-json", {"type": "object", "properties": {"score": {"type": "integer", "maximum": 2}}}, False),
    ("is-json", "type: object\nrequired: [missing]\n", False),  # YAML schema string, as promptfoo accepts
    ("contains-json", None, True),
    ("contains-json", {"type": "object", "required": ["recommendation"]}, True),
    ("contains-json", {"type": "object", "required": ["nope"]}, False),
])
def test_deterministic_assertions(type_: str, value: Any, passes: bool) -> None:
    r = check(type_, value)
    assert r["pass"] is passes and r["score"] == (1.0 if passes else 0.0)
    assert (r["reason"] == "Assertion passed") is passes


@pytest.mark.parametrize(("type_", "value"), [("contains", "tourist"), ("regex", "strong"), ("equals", "x"),
                                              ("contains-any", ["a_b_c"]), ("is-json", {"required": ["nope"]})])
def test_not_prefix_inverts(type_: str, value: Any) -> None:
    assert check(type_, value)["pass"] is False
    r = check(f"not-{type_}", value)
    assert r["pass"] is True and r["score"] == 1.0


def test_failure_reasons_say_what_was_expected() -> None:
    assert check("contains", "tourist")["reason"] == 'Expected output to contain "tourist"'
    assert check("not-contains", "engineer")["reason"] == 'Expected output to not contain "engineer"'
    assert "Missing: [strong_hire]" in check("contains-all", ["hire", "strong_hire"])["reason"]
    assert "JSON does not conform" in check("is-json", {"required": ["nope"]})["reason"]
    assert check("is-json", c=ctx("not json"))["reason"] == "Expected output to be valid JSON"
    assert "Invalid regex pattern" in check("regex", "(unclosed")["reason"]


def test_contains_json_finds_json_inside_prose() -> None:
    assert check("contains-json", c=ctx('Here you go: {"a": [1, 2]} thanks'))["pass"] is True
    assert check("contains-json", c=ctx("no json at all { broken"))["pass"] is False
    assert check("not-contains-json", c=ctx("plain words"))["pass"] is True


def test_values_render_vars_and_a_missing_var_fails_the_assertion() -> None:
    assert check("contains", "{{ want }}", ctx(want="engineer"))["pass"] is True
    r = check("contains", "{{ nope }}", ctx())
    assert r["pass"] is False and "nope" in r["reason"]


def test_latency_and_cost_thresholds() -> None:
    assert check("latency", threshold=200)["pass"] is True
    r = check("latency", threshold=100)
    assert r["pass"] is False and "120ms" in r["reason"]
    assert "cached" in check("latency", threshold=1000, c=ctx(latency=None))["reason"]
    assert check("cost", threshold=0.01)["pass"] is True
    assert check("cost", threshold=0.001)["pass"] is False
    assert check("not-cost", threshold=0.001)["pass"] is True
    assert check("cost", threshold=1, c=ctx(cost=None))["pass"] is False
    assert "threshold" in check("latency")["reason"]  # a latency assertion without a threshold cannot pass


def test_python_inline_expression_and_function_body() -> None:
    assert check("python", "json.loads(output)['signal'] == 'engineer'")["pass"] is True
    assert check("python", "'tourist' in output")["pass"] is False
    body = "card = json.loads(output)\nif card['score'] >= 3:\n    return {'pass': True, 'score': 0.9, 'reason': 'ok'}\nreturn False\n"
    r = check("python", body)
    assert (r["pass"], r["score"], r["reason"]) == (True, 0.9, "ok")
    assert check("python", "context['vars']['want'] in output", ctx(want="hire"))["pass"] is True


def test_python_numbers_use_threshold_as_promptfoo_does() -> None:
    assert check("python", "0.4")["pass"] is True  # no threshold: any score > 0 passes
    assert check("python", "0")["pass"] is False
    r = check("python", "0.4", threshold=0.5)
    assert r["pass"] is False and r["score"] == 0.4
    assert check("python", "0.6", threshold=0.5)["pass"] is True
    assert check("not-python", "0.6", threshold=0.5)["pass"] is False


def test_python_file_functions_default_named_and_dict_results() -> None:
    assert check("python", "file://checks.py")["pass"] is True  # get_assert
    assert check("python", "file://checks.py:score_half")["score"] == 0.5
    r = check("python", "file://checks.py:graded", ctx(want="hire"))
    assert (r["pass"], r["score"], r["reason"]) == (True, 0.25, "looked for hire")
    r = check("python", "file://checks.py:graded", ctx(want="hire"), threshold=0.5)
    assert r["pass"] is False and "less than threshold 0.5" in r["reason"]
    assert check("python", "file://checks.py:sees_config", config={"flag": True})["pass"] is True


def test_python_errors_fail_the_assertion_with_the_reason() -> None:
    r = check("python", "file://checks.py:boom")
    assert r["pass"] is False and "deliberate failure" in r["reason"]
    assert "no function 'absent'" in check("python", "file://checks.py:absent")["reason"]
    assert "syntax error" in check("python", "output ==")["reason"]
    assert "must return" in check("python", "'a string'")["reason"]


@pytest.mark.parametrize("type_", ["javascript", "llm-rubric", "model-graded-closedqa", "similar", "factuality",
                                   "not-llm-rubric"])
def test_types_screener_cannot_run_are_reported_not_passed(type_: str) -> None:
    with pytest.raises(UnsupportedAssertion, match="not supported by screener"):
        check(type_, "anything")


def test_a_schema_reference_to_nowhere_fails_with_the_reason_and_fetches_nothing() -> None:
    for schema in ({"$ref": "#/defs/x"}, {"$ref": "http://127.0.0.1:9/schema.json"}):
        r = check("is-json", schema)
        assert r["pass"] is False and "cannot be resolved" in r["reason"]


def test_an_invalid_schema_fails_the_assertion_and_says_why() -> None:
    r = check("is-json", {"type": "nonsense"})
    assert r["pass"] is False and "invalid JSON schema" in r["reason"]


def test_screeners_own_scorecard_schema_with_defs_checks_a_real_answer() -> None:
    from screener.scorecard import GradeOutput

    schema = GradeOutput.model_json_schema()
    assert "$defs" in schema
    answer = json.loads((FIX.parent / "capable_model" / "after" / "h2_eng_matchmaking_srt.json").read_text())
    assert check("is-json", schema, ctx(json.dumps(answer)))["pass"] is True
    broken = {**answer, "competencies": [{**answer["competencies"][0], "score": "four"}]}
    r = check("is-json", schema, ctx(json.dumps(broken)))
    assert r["pass"] is False and "$.competencies[0].score" in r["reason"]


def test_supported_types_come_from_the_registry() -> None:
    from screener.evals.assertions import SUPPORTED

    assert {"equals", "icontains-all", "is-json", "python", "cost"} <= set(SUPPORTED)
    assert check("not-cost", None, threshold=0.001)["pass"] is True  # 0.002 > 0.001, inverted


def test_weights_metrics_and_aggregate_score() -> None:
    asserts = [Assertion(type="contains", value="engineer", metric="quality"),
               Assertion(type="contains", value="tourist", weight=3, metric="quality"),
               Assertion(type="python", value="0.5", metric="half")]
    r = run_assertions(asserts, None, ctx())
    assert r["pass"] is False and r["reason"] == 'Expected output to contain "tourist"'
    assert r["score"] == pytest.approx((1 + 0 + 0.5) / 5)
    assert r["namedScores"] == {"quality": pytest.approx(0.25), "half": 0.5}
    assert len(r["componentResults"]) == 3


def test_weight_zero_reports_but_never_fails() -> None:
    asserts = [Assertion(type="contains", value="engineer"), Assertion(type="contains", value="tourist", weight=0)]
    r = run_assertions(asserts, None, ctx())
    assert r["pass"] is True and r["score"] == 1.0
    ungated = r["componentResults"][1]
    assert ungated["pass"] is True and ungated["score"] == 0.0 and "tourist" in ungated["reason"]


def test_test_threshold_passes_on_the_weighted_score() -> None:
    asserts = [Assertion(type="contains", value="engineer", weight=3), Assertion(type="contains", value="tourist")]
    ok = run_assertions(asserts, 0.75, ctx())
    assert ok["pass"] is True and ok["reason"] == "Aggregate score 0.75 ≥ 0.75 threshold"
    low = run_assertions(asserts, 0.8, ctx())
    assert low["pass"] is False and "< 0.8" in low["reason"]


def test_no_assertions_passes() -> None:
    assert run_assertions([], None, ctx())["reason"] == "No assertions"
