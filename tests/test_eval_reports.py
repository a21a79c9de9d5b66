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
    assert "1 passed, 1 failed, 1 errors" in html
