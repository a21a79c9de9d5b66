"""The shipped golden eval: its test file is up to date, it passes offline, its known misses are exactly the
offline grader's misses, and a deliberately worsened grader rule is caught by ``--compare``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from screener.cli import main
from screener.evals.golden_tests import OUTPUT, load_known_misses, render_golden_tests
from screener.evals.loading import load_suite
from screener.golden import load_golden
from screener.offline import grader
from screener.paths import REPO_ROOT

CONFIG = REPO_ROOT / "evals" / "promptfooconfig.yaml"


def test_golden_tests_yaml_is_generated_from_the_labels() -> None:
    assert OUTPUT.read_text(encoding="utf-8") == render_golden_tests(), (
        "evals/golden_tests.yaml is out of date: run python -m screener.evals.golden_tests")


def test_golden_config_loads_every_labelled_case_with_files_relative_to_the_config() -> None:
    suite = load_suite(CONFIG)
    assert suite.warnings == []
    assert [t.case.description for t in suite.tests] == [c.id for c in load_golden()]
    first = suite.tests[0]
    assert first.vars["transcript"].startswith("file://../golden/transcripts/")
    assert "\n" in first.resolved_vars["transcript"]  # the transcript text was loaded


@pytest.fixture(scope="module")
def baseline(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, Path, dict[str, Any]]:
    out = tmp_path_factory.mktemp("golden") / "baseline.json"
    code = main(["eval", str(CONFIG), "--no-cache", "-q", "-o", str(out)])
    return code, out, json.loads(out.read_text(encoding="utf-8"))


def test_golden_eval_passes_offline(baseline: tuple[int, Path, dict[str, Any]]) -> None:
    code, _, doc = baseline
    stats = doc["results"]["stats"]
    assert (code, stats["failures"], stats["errors"]) == (0, 0, 0), [
        (r["description"], r.get("error") or r["gradingResult"]["reason"]) for r in doc["results"]["results"]
        if not r["success"]]
    metrics = doc["screener"]["metrics"]["offline-grader"]["metrics"]
    assert metrics["signal_labelled"] == len(load_golden()) and metrics["grounded_quote_rate"] == 1


def test_known_misses_are_exactly_the_offline_graders_misses(baseline: tuple[int, Path, dict[str, Any]]) -> None:
    _, _, doc = baseline
    missed = set()
    for r in doc["results"]["results"]:
        parts = {c["assertion"].get("metric"): c["score"] for c in r["gradingResult"]["componentResults"]}
        if parts.get("signal") == 0 or parts.get("recommendation_side") == 0:
            missed.add(r["description"])
    known = set(load_known_misses(cases=load_golden()))
    assert missed - known == set(), "new offline-grader misses: fix the grader (or list them with a reason)"
    assert known - missed == set(), "no longer missed: remove from evals/offline_known_misses.yaml and regenerate"


def test_a_worsened_grader_rule_is_caught_by_compare(baseline: tuple[int, Path, dict[str, Any]],
                                                      monkeypatch: pytest.MonkeyPatch,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    _, base_path, _ = baseline
    # the worsened rule: any credited number counts as a measurement, with no method and no before/after
    monkeypatch.setattr(grader.TurnReading, "measured", property(lambda self: bool(self.credited)))
    capsys.readouterr()
    code = main(["eval", str(CONFIG), "--no-cache", "--compare", str(base_path)])
    assert code == 1
    text = capsys.readouterr().out
    flipped = [line for line in text.splitlines() if line.startswith("  ") and "->" in line and "PASS" in line]
    assert text.count("pass -> fail: 0") == 0 and flipped
    assert any("PASS prompt_tourist/" in line and "FAIL engineer/" in line for line in flipped)
    assert "gate: FAIL" in text


def test_llm_grader_config_loads_cleanly() -> None:
    suite = load_suite(REPO_ROOT / "evals" / "llm_grader.yaml")
    assert suite.warnings == []
    assert [p.label for p in suite.providers] == ["claude-grader", "offline-grader"]
    assert suite.settings.gate.max_regressions == 2 and suite.settings.gate.max_drop["grounded_quote_rate"] == 0.0
