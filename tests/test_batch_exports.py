"""Exports: the CSV summary (columns, ATS vocabulary, CSV-injection guard) and Markdown per candidate."""

from __future__ import annotations

import csv
import os
import stat
from pathlib import Path

import pytest

from screener.batch.exports import (
    ATS_RECOMMENDATION,
    markdown_name,
    safe_cell,
    safe_stem,
    write_csv,
    write_markdown,
)
from screener.batch.records import BatchRecord
from screener.grading import grade
from screener.rubric import load_rubric
from screener.scorecard import RedFlag, Review


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


# --- what a coordinator needs: one row per input, the decision, provenance, Excel, safe names ----------------


def _record(card, *, input: str, sha: str, requisition: str | None, status: str = "graded", **extra):
    return BatchRecord(input=input, sha256=sha, key=f"{sha}:hybrid", candidate=extra.pop("candidate", None),
                       role="hybrid", requisition=requisition, status=status,
                       scorecard=card if status == "graded" else None, attempts=1, **extra)


def test_same_transcript_in_two_requisitions_is_two_rows_and_a_retry_is_one(tmp_path: Path, strong_transcript) -> None:
    card = grade(strong_transcript, "offline")
    out = tmp_path / "results.jsonl"
    records = [
        _record(None, input="in/priya.txt", sha="c" * 64, requisition="REQ-1", status="failed", error="timeout"),
        _record(card, input="in/priya.txt", sha="c" * 64, requisition="REQ-1", candidate="Priya Raman"),
        _record(card, input="in/priya.txt", sha="c" * 64, requisition="REQ-2", candidate="Priya Raman"),
    ]
    out.write_text("".join(r.model_dump_json() + "\n" for r in records))
    csv_path = tmp_path / "summary.csv"
    assert write_csv(out, csv_path) == 2
    rows = _rows(csv_path)
    assert [(r["requisition"], r["status"]) for r in rows] == [("REQ-1", "graded"), ("REQ-2", "graded")]
    assert write_markdown(out, tmp_path / "md") == 2  # one card per requisition, no file overwritten


def test_csv_carries_the_decision_and_provenance(tmp_path: Path, strong_transcript) -> None:
    card = grade(strong_transcript, "offline")
    card = card.model_copy(update={
        "grader": card.grader.model_copy(update={"cost_usd": 0.0123}),
        "status": "reviewed",
        "review": Review(reviewer="Dana Levi", decision="advance", note=None, at="2026-12-01T10:00:00+00:00")})
    out = tmp_path / "results.jsonl"
    rec = _record(card, input="in/priya.txt", sha="d" * 64, requisition="REQ-9", candidate="Priya Raman",
                  finished_at="2026-12-01T09:00:00+00:00")
    out.write_text(rec.model_dump_json() + "\n")
    csv_path = tmp_path / "summary.csv"
    write_csv(out, csv_path)
    header = next(csv.reader([csv_path.read_text().splitlines()[0]]))
    assert header[:2] == ["requisition", "candidate"]
    [row] = _rows(csv_path)
    assert row["reviewer"] == "Dana Levi" and row["decision"] == "advance"
    assert row["decided_at"] == "2026-12-01T10:00:00+00:00" and row["graded_at"] == "2026-12-01T09:00:00+00:00"
    assert row["grader"] == "offline" and row["model"] == card.grader.model
    assert row["prompt_version"] == card.grader.prompt_version and row["cost_usd"] == "0.0123"
    assert row["recommendation"] == card.recommendation
    assert row["ats_recommendation"] == ATS_RECOMMENDATION[card.recommendation]


def test_excel_csv_starts_with_a_bom_and_keeps_names(tmp_path: Path, strong_transcript) -> None:
    card = grade(strong_transcript, "offline")
    out = tmp_path / "results.jsonl"
    out.write_text(_record(card, input="in/t.txt", sha="e" * 64, requisition=None,
                           candidate="Tomasz Wiśniewski").model_dump_json() + "\n")
    plain, excel = tmp_path / "plain.csv", tmp_path / "excel.csv"
    write_csv(out, plain)
    write_csv(out, excel, excel=True)
    assert not plain.read_bytes().startswith(b"\xef\xbb\xbf")
    assert excel.read_bytes().startswith(b"\xef\xbb\xbfrequisition,")
    with excel.open(newline="", encoding="utf-8-sig") as f:
        assert next(csv.DictReader(f))["candidate"] == "Tomasz Wiśniewski"


def test_formula_look_alikes_are_escaped_too() -> None:
    for value in ("  =1+1", "\uff1dcmd()", "\n=x", "-2+3"):
        assert safe_cell(value) == "'" + value
    assert safe_cell("Wiśniewski = good") == "Wiśniewski = good"


@pytest.mark.parametrize("name, stem", [
    ("Tomasz Wiśniewski", "Tomasz-Wiśniewski"),
    ("Tomasz Wis\u0301niewski", "Tomasz-Wiśniewski"),  # decomposed accents compose
    ("王芳", "王芳"),
    ("Zoë O'Brien-Smith", "Zoë-O-Brien-Smith"),
    ("../../etc/passwd", "etc-passwd"),
    ("\u202eevil\u202c name", "evil-name"),
    ("CON", "CON-"),
    ("...", "candidate"),
])
def test_markdown_file_names_are_safe_for_any_name(name: str, stem: str) -> None:
    assert safe_stem(name) == stem


def test_long_names_stay_under_file_system_limits() -> None:
    stem = safe_stem("Wiśniewski" * 100)
    assert len(stem.encode()) <= 120 and stem.startswith("Wiśniewski")
    name = markdown_name({"candidate": "王" * 300, "requisition": "R" * 300, "sha256": "f" * 64, "role": "hybrid"})
    assert len(name.encode()) < 255 and name.endswith("-ffffffff-hybrid.md")


def test_markdown_card_labels_sections_and_keeps_turns(results: Path, tmp_path: Path) -> None:
    folder = tmp_path / "md"
    write_markdown(results, folder)
    evil = next(p for p in folder.iterdir() if not p.name.startswith("Priya")).read_text()
    assert "### Red flags" in evil and "(turn 1)" in evil  # a red flag keeps its turn
    assert "@SUM(1+1)*cmd" in evil
    priya = next(folder.glob("Priya-Raman-*.md")).read_text()
    for heading in ("### Verdict", "### Summary", "### Competencies", "### Evidence", "### Grader"):
        assert heading in priya


def test_batch_command_writes_an_excel_csv(tmp_path: Path) -> None:
    from screener.cli import main

    src = tmp_path / "in"
    src.mkdir()
    (src / "t.txt").write_text("Interviewer: How did you test the prompt?\nTomasz Wiśniewski: We kept a golden set "
                               "of 200 questions and the wrong-answer rate went from 12% to 4% on it.\n",
                               encoding="utf-8")
    out = tmp_path / "summary.csv"
    code = main(["batch", str(src), "-o", str(tmp_path / "r.jsonl"), "--csv", str(out), "--excel", "-q"])
    assert code == 0
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    with out.open(newline="", encoding="utf-8-sig") as f:
        assert len(list(csv.DictReader(f))) == 1


def test_markdown_cards_show_quote_times_from_the_graded_file(tmp_path: Path, strong_transcript) -> None:
    from screener.cli import main

    src = tmp_path / "in"
    src.mkdir()
    cues = [f"00:{i:02d}:05.000 --> 00:{i:02d}:09.000\n<v {t.speaker}>{t.text}"
            for i, t in enumerate(strong_transcript.turns)]
    vtt = src / "priya.vtt"
    vtt.write_text("WEBVTT\n\n" + "\n\n".join(cues) + "\n", encoding="utf-8")
    results = tmp_path / "r.jsonl"
    assert main(["batch", str(src), "-o", str(results), "--md-dir", str(tmp_path / "md"), "-q"]) == 0
    card = next((tmp_path / "md").glob("*.md")).read_text()
    assert "(turn 1, 01:05)" in card
    vtt.write_text(vtt.read_text() + "\n")  # the file changed since grading: its times may not be the graded ones
    assert write_markdown(results, tmp_path / "md2") == 1
    again = next((tmp_path / "md2").glob("*.md")).read_text()
    assert "(turn 1)" in again and "(turn 1, " not in again
