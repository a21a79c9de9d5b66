"""Exports: the CSV summary (columns, ATS vocabulary, CSV-injection guard) and Markdown per candidate."""

from __future__ import annotations

import csv
import os
import stat
from pathlib import Path

import pytest

from screener.batch.exports import ATS_RECOMMENDATION, safe_cell, write_csv, write_markdown
from screener.batch.records import BatchRecord
from screener.grading import grade
from screener.rubric import load_rubric
from screener.scorecard import RedFlag


@pytest.fixture
def results(tmp_path: Path, strong_transcript) -> Path:
    card = grade(strong_transcript, "offline")
    hostile = card.model_copy(update={
        "recommendation": "strong_no_hire",
        "red_flags": [RedFlag(kind="prompt_injection", detail="@SUM(1+1)*cmd|' /C calc'!A0", turn=1)],
    })
    out = tmp_path / "results.jsonl"
    records = [
        BatchRecord(input="in/priya.txt", sha256="a" * 64, key="a:hybrid", candidate="Priya Raman", role="hybrid",
                    requisition="REQ-1", status="graded", scorecard=card, attempts=1),
        BatchRecord(input="in/evil.txt", sha256="b" * 64, key="b:hybrid", candidate='=HYPERLINK("http://x","y")',
                    role="ai_engineer", status="graded", scorecard=hostile, attempts=1),
        BatchRecord(input="-rm.txt", sha256=None, key="path:-rm.txt:hybrid", role="hybrid", status="failed",
                    error="+1 provider error 500 after 3 retries", error_type="ProviderError"),
    ]
    out.write_text("".join(r.model_dump_json() + "\n" for r in records))
    return out


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_csv_has_one_row_per_record_with_every_competency_column(results: Path, tmp_path: Path) -> None:
    out = tmp_path / "summary.csv"
    assert write_csv(results, out) == 3
    rows = _rows(out)
    header = list(rows[0])
    for column in ("candidate", "file", "recommendation", "ats_recommendation", "signal", "role_fit", "red_flags",
                   "status", "error", "requisition"):
        assert column in header
    for competency in load_rubric().competencies:
        assert competency.id in header
    priya = rows[0]
    assert priya["candidate"] == "Priya Raman" and priya["requisition"] == "REQ-1" and priya["status"] == "graded"
    ids = {c.id for c in load_rubric().competencies}
    scored = [k for k in header if k in ids and priya[k]]
    assert scored, "the strong transcript has scored competencies"
    assert all(priya[k] in {"1", "2", "3", "4"} for k in scored)
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o600


def test_csv_speaks_ats_vocabulary(results: Path, tmp_path: Path) -> None:
    assert ATS_RECOMMENDATION == {"strong_hire": "STRONG_YES", "hire": "YES", "no_hire": "NO",
                                  "strong_no_hire": "DEFINITELY_NO", "no_decision": "NO_DECISION"}
    out = tmp_path / "summary.csv"
    write_csv(results, out)
    rows = _rows(out)
    for row in rows[:2]:
        assert row["ats_recommendation"] == ATS_RECOMMENDATION[row["recommendation"]]
    assert rows[1]["ats_recommendation"] == "DEFINITELY_NO"
    assert rows[2]["ats_recommendation"] == "" and rows[2]["status"] == "failed"


def test_cells_that_a_spreadsheet_would_run_as_formulas_are_defused(results: Path, tmp_path: Path) -> None:
    out = tmp_path / "summary.csv"
    write_csv(results, out)
    evil, failed = _rows(out)[1], _rows(out)[2]
    assert evil["candidate"] == "'" + '=HYPERLINK("http://x","y")'
    assert evil["red_flags"].startswith("prompt_injection: @SUM")  # mid-cell text is harmless
    assert failed["file"] == "'-rm.txt"
    assert failed["error"] == "'+1 provider error 500 after 3 retries"
    raw = out.read_text()
    for line in raw.splitlines()[1:]:
        for cell in next(csv.reader([line])):
            assert not cell.startswith(("=", "+", "-", "@")), cell
    assert safe_cell("@x") == "'@x" and safe_cell("\tx") == "'\tx" and safe_cell("ok") == "ok" and safe_cell(3) == 3


def test_markdown_scorecard_per_graded_candidate(results: Path, tmp_path: Path) -> None:
    folder = tmp_path / "md"
    assert write_markdown(results, folder) == 2  # the failed record has no scorecard
    files = sorted(p.name for p in folder.iterdir())
    assert len(files) == 2
    assert all("/" not in f and f.endswith(".md") for f in files)
    priya = next(folder.glob("Priya-Raman-*.md")).read_text()
    assert "## Screening scorecard: Priya Raman" in priya
    assert "Requisition: REQ-1" in priya
    evil = [p for p in folder.iterdir() if not p.name.startswith("Priya")][0]
    assert evil.name.startswith("HYPERLINK-http-x-y-")  # a safe file name from a hostile candidate name
