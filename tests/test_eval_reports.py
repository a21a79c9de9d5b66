"""Reports parse back: JSON (promptfoo v3), JSONL, CSV, JUnit XML; HTML is self-contained and escaped."""

from __future__ import annotations

import csv
import io
import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from screener.cli import main

FIX = Path(__file__).parent / "fixtures" / "evals"
HOSTILE = '<script>alert("x")</script>'


@pytest.fixture
def outputs(tmp_path: Path) -> dict[str, Path]:
    shutil.copy(FIX / "echo_provider.py", tmp_path / "echo_provider.py")
    cfg = tmp_path / "c.yaml"
    cfg.write_text(f"""
description: 'report demo {HOSTILE}'
prompts: ["echo: {{{{ topic }}}}"]
providers: [file://echo_provider.py]
tests:
  - {{description: passes, vars: {{topic: alpha}}, assert: [{{type: contains, value: alpha}}]}}
  - description: 'fails {HOSTILE}'
    vars: {{topic: '{HOSTILE}'}}
    assert: [{{type: contains, value: zzz}}]
  - {{description: errors, vars: {{topic: c, fail: true}}}}
""", encoding="utf-8")
    paths = {k: tmp_path / f"out.{k}" for k in ("json", "jsonl", "csv", "junit.xml", "html")}
    args = ["eval", str(cfg), "--no-cache", "-q"]
    for p in paths.values():
        args += ["-o", str(p)]
    assert main(args) == 1
    return paths


def test_json_has_promptfoo_v3_shape_and_screener_metrics(outputs: dict[str, Path]) -> None:
    doc = json.loads(outputs["json"].read_text())
    assert set(doc) >= {"evalId", "results", "config", "shareableUrl", "screener"}
    res = doc["results"]
    assert res["version"] == 3 and res["timestamp"].endswith("Z")
    assert res["stats"]["successes"] == 1 and res["stats"]["failures"] == 1 and res["stats"]["errors"] == 1
    assert res["prompts"][0]["metrics"]["testPassCount"] == 1 and res["prompts"][0]["metrics"]["testErrorCount"] == 1
    for r in res["results"]:
        assert {"success", "score", "gradingResult", "response", "vars", "provider", "latencyMs", "cost", "testIdx",
                "promptIdx", "failureReason"} <= set(r)
    assert [r["testIdx"] for r in res["results"]] == [0, 1, 2]
    assert doc["config"]["description"].startswith("report demo")
    assert "file://echo_provider.py" in doc["screener"]["metrics"]


def test_jsonl_is_one_result_per_line(outputs: dict[str, Path]) -> None:
    lines = outputs["jsonl"].read_text().splitlines()
    assert [json.loads(x)["testIdx"] for x in lines] == [0, 1, 2]


def test_csv_parses_back_with_status_and_vars(outputs: dict[str, Path]) -> None:
    rows = list(csv.DictReader(io.StringIO(outputs["csv"].read_text())))
    assert [r["status"] for r in rows] == ["pass", "fail", "error"]
    assert rows[1]["var:topic"] == HOSTILE and rows[2]["reason"] == "provider refused: deliberate"


def test_junit_parses_back_with_failures_and_errors(outputs: dict[str, Path]) -> None:
    root = ET.fromstring(outputs["junit.xml"].read_text())
    assert root.tag == "testsuites" and root.get("tests") == "3"
    assert root.get("failures") == "1" and root.get("errors") == "1"
    cases = root.findall(".//testcase")
    assert [c.get("name") for c in cases] == ["passes", f"fails {HOSTILE}", "errors"]
    assert cases[0].find("failure") is None and cases[0].find("error") is None
    assert "zzz" in cases[1].find("failure").get("message")
    assert cases[2].find("error").get("message") == "provider refused: deliberate"


def test_html_is_self_contained_and_escaped(outputs: dict[str, Path]) -> None:
    html = outputs["html"].read_text()
    assert html.startswith("<!doctype html>") and "</html>" in html
    assert HOSTILE not in html and "&lt;script&gt;" in html
    assert "<script" not in html and "http://" not in html and "https://" not in html  # no network, no scripts
    assert "1 passed, 0 known misses (non-gating), 1 failed, 1 errors" in html


# --- reports tell the truth (issue 10.9) -----------------------------------------------------------------


def test_known_misses_are_misses_not_passes_in_every_report(tmp_path):
    import subprocess
    import sys

    reports = {ext: tmp_path / f"r{ext}" for ext in (".json", ".junit.xml", ".html", ".csv")}
    for path in reports.values():
        proc = subprocess.run([sys.executable, "-m", "screener.cli", "eval", "evals/promptfooconfig.yaml", "-o",
                               str(path)], capture_output=True, text=True, cwd=Path(__file__).resolve().parent.parent)
        assert proc.returncode in (0, 1), proc.stderr
    import json as _json

    from screener.evals.metrics import row_status
    doc = _json.loads(reports[".json"].read_text())
    from screener.evals.rows import result_rows

    statuses = {r.description: row_status(r) for r in result_rows(doc)}
    misses = [k for k, v in statuses.items() if v == "known_miss"]
    assert misses, "the golden set lists known misses; they must show as misses"
    junit = reports[".junit.xml"].read_text()
    assert junit.count("<skipped") == len(misses) and "known miss: expected" in junit
    html = reports[".html"].read_text()
    assert "KNOWN MISS" in html and f"{len(misses)} known misses" in html
    assert reports[".csv"].read_text().count(",known_miss,") == len(misses)


def test_junit_lists_every_failing_assertion():
    from screener.evals.reports import to_junit

    row = {"testIdx": 0, "description": "t1", "provider": {"id": "offline"}, "success": False, "score": 0.0,
           "vars": {"expected_signal": "engineer", "expected_recommendation": "hire"},
           "response": {"output": '{"signal": "prompt_tourist", "recommendation": "no_hire"}'},
           "gradingResult": {"pass": False, "reason": "signal: expected engineer", "componentResults": [
               {"pass": False, "reason": "signal: expected engineer, graded prompt_tourist"},
               {"pass": False, "reason": "recommendation side: expected hire, graded no_hire"},
               {"pass": True, "reason": "ok"}]}}
    doc = {"results": {"results": [row], "stats": {"failures": 1, "errors": 0}}, "config": {}}
    xml = to_junit(doc)
    assert "signal: expected engineer, graded prompt_tourist" in xml
    assert "recommendation side: expected hire, graded no_hire" in xml and "and 1 more failing" in xml
    assert "expected: engineer / hire" in xml and "graded: prompt_tourist / no_hire" in xml


def test_eval_with_an_llm_grader_and_no_key_fails_fast_with_one_line(monkeypatch):
    import subprocess
    import sys

    env = {k: v for k, v in __import__("os").environ.items() if k not in ("ANTHROPIC_API_KEY", "OPENAI_API_KEY")}
    proc = subprocess.run([sys.executable, "-m", "screener.cli", "eval", "evals/llm_grader.yaml"], capture_output=True,
                          text=True, env=env, cwd=Path(__file__).resolve().parent.parent, timeout=120)
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines() == ["screener: error: anthropic needs an API key: set ANTHROPIC_API_KEY "
                                                "(or use --provider offline)"]
