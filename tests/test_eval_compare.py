"""``screener compare`` / ``eval --compare``: metric deltas, flipped tests, and the regression gate's exit code."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from screener.cli import main
from screener.evals.compare import compare_documents, format_comparison
from screener.evals.config import Gate

FIX = Path(__file__).parent / "fixtures" / "evals"


def doc(metrics: dict[str, float], results: list[tuple[str, bool]]) -> dict[str, Any]:
    rows = [{"description": name, "success": ok, "provider": {"id": "offline", "label": ""}, "promptIdx": 0,
             "testIdx": i, "error": None,
             "response": {"output": json.dumps({"signal": "engineer" if ok else "prompt_tourist",
                                                "recommendation": "hire" if ok else "no_hire"})}}
            for i, (name, ok) in enumerate(results)]
    return {"results": {"results": rows}, "screener": {"metrics": {"offline": {"metrics": metrics}}}}


def test_metric_deltas_and_flips() -> None:
    before = doc({"signal_accuracy": 0.9, "competency_mae": 0.5, "results": 3}, [("a", True), ("b", False), ("c", True)])
    after = doc({"signal_accuracy": 0.8, "competency_mae": 0.4, "results": 3}, [("a", False), ("b", True), ("c", True)])
    comp = compare_documents(before, after, Gate())
    by = {d.metric: d for d in comp.metrics}
    assert by["signal_accuracy"].delta == pytest.approx(-0.1) and by["signal_accuracy"].worsening == pytest.approx(0.1)
    assert by["competency_mae"].worsening == pytest.approx(-0.1)  # lower MAE is better
    assert by["results"].worsening is None
    assert [(f.test, f.before, f.after) for f in comp.to_fail] == [("a", "PASS engineer/hire", "FAIL prompt_tourist/no_hire")]
    assert [f.test for f in comp.to_pass] == ["b"]
    assert not comp.ok and len(comp.gate_failures) == 2  # one regression, and signal_accuracy fell by > 0.02
    text = format_comparison(comp)
    assert "pass -> fail: 1" in text and "a [offline]: PASS engineer/hire  ->  FAIL prompt_tourist/no_hire" in text
    assert "gate: FAIL" in text and "signal_accuracy got worse by 0.1" in text


def test_gate_thresholds_are_configurable() -> None:
    before = doc({"signal_accuracy": 0.9}, [("a", True), ("b", True)])
    after = doc({"signal_accuracy": 0.89}, [("a", False), ("b", True)])
    assert not compare_documents(before, after, Gate()).ok
    assert compare_documents(before, after, Gate(max_regressions=1)).ok  # 0.01 drop is within the default 0.02
    strict = Gate(max_regressions=1, max_drop={"signal_accuracy": 0.0})
    assert not compare_documents(before, after, strict).ok
    assert compare_documents(doc({}, [("a", True)]), doc({}, [("a", True)]), Gate()).ok


def run_echo(tmp_path: Path, name: str, second_value: str) -> Path:
    shutil.copy(FIX / "echo_provider.py", tmp_path / "echo_provider.py")
    cfg = tmp_path / f"{name}.yaml"
    cfg.write_text(f"""
prompts: ["echo: {{{{ topic }}}}"]
providers: [file://echo_provider.py]
tests:
  - {{description: steady, vars: {{topic: a}}, assert: [{{type: contains, value: a}}]}}
  - {{description: flaky, vars: {{topic: b}}, assert: [{{type: contains, value: {second_value}}}]}}
metadata: {{screener: {{gate: {{max_regressions: 0}}}}}}
""", encoding="utf-8")
    out = tmp_path / f"{name}.json"
    main(["eval", str(cfg), "--no-cache", "-q", "-o", str(out)])
    return out


def test_compare_cli_exit_codes_and_flags(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good, bad = run_echo(tmp_path, "good", "b"), run_echo(tmp_path, "bad", "zzz")
    capsys.readouterr()
    assert main(["compare", str(good), str(good)]) == 0
    assert "gate: PASS" in capsys.readouterr().out
    assert main(["compare", str(good), str(bad), "-o", str(tmp_path / "cmp.html"), "-o", str(tmp_path / "cmp.json")]) == 1
    out = capsys.readouterr().out
    assert "pass -> fail: 1" in out and "flaky [file://echo_provider.py]: PASS" in out and "gate: FAIL" in out
    html = (tmp_path / "cmp.html").read_text()
    assert "Pass &rarr; fail (1)" in html and "flaky" in html
    assert json.loads((tmp_path / "cmp.json").read_text())["passToFail"][0]["test"] == "flaky"
    assert main(["compare", str(good), str(bad), "--max-regressions", "1", "--max-drop", "pass_rate=0.5"]) == 0
    assert main(["compare", str(bad), str(good)]) == 0  # fail -> pass is an improvement
    assert "fail -> pass: 1" in capsys.readouterr().out


def test_eval_compare_flag_exits_1_on_regression(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = run_echo(tmp_path, "good", "b")
    cfg = tmp_path / "bad.yaml"
    run_echo(tmp_path, "bad", "zzz")
    html = tmp_path / "report.html"
    capsys.readouterr()
    assert main(["eval", str(cfg), "--no-cache", "--compare", str(good), "-o", str(html)]) == 1
    out = capsys.readouterr().out
    assert "metric" in out and "pass_rate" in out and "pass -> fail: 1" in out
    assert "Compared with the baseline" in html.read_text()


def test_compare_rejects_files_that_are_not_results(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    junk = tmp_path / "junk.json"
    junk.write_text('{"hello": 1}')
    assert main(["compare", str(junk), str(junk)]) == 2
    assert "not a results JSON" in capsys.readouterr().err


def test_configured_max_drop_overrides_defaults_one_metric_at_a_time() -> None:
    gate = Gate.model_validate({"max_drop": {"signal_accuracy": 0.1}})
    assert gate.max_drop["signal_accuracy"] == 0.1 and gate.max_drop["recommendation_qwk"] == 0.05


def test_tests_sharing_a_description_are_compared_in_order() -> None:
    before = doc({}, [("same", True), ("same", True)])
    after = doc({}, [("same", True), ("same", False)])
    comp = compare_documents(before, after, Gate())
    assert len(comp.to_fail) == 1 and comp.to_fail[0].test == "same"
