"""`screener grade --interview-report`: the interview report beside the scorecard, and the scorecard unchanged."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from screener.cli import main
from screener.coach import CoachReport
from screener.golden import load_golden
from screener.scorecard import Scorecard

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "golden" / "transcripts" / "ai_strong_eval_suite_zoom.vtt"


def _grade(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert main(["grade", *args, "-q"]) == 0
    return capsys.readouterr().out


def _without_time(card: dict) -> dict:
    return {**card, "grader": {k: v for k, v in card["grader"].items() if k != "seconds"}}


def test_scorecard_is_identical_with_and_without_the_report_on_the_whole_golden_set(
        capsys: pytest.CaptureFixture[str]) -> None:
    cases = load_golden()
    assert len(cases) >= 90
    flagged = 0
    for case in cases:
        args = [str(case.path()), "--role", case.role, "--format", "json", "--input-format", case.format,
                *(["--candidate", case.candidate] if case.candidate else [])]
        plain = json.loads(_grade(capsys, *args))
        both = json.loads(_grade(capsys, *args, "--interview-report"))
        assert set(both) == {"input", "scorecard", "interview_report"}, case.id
        assert _without_time(both["scorecard"]) == _without_time(plain), case.id
        Scorecard.model_validate(both["scorecard"])
        report = CoachReport.model_validate(both["interview_report"])
        assert report.role == case.role and both["input"] == str(case.path())
        flagged += bool(report.leading_questions or report.unlawful_questions)
    assert flagged  # the golden set has interviews with leading questions: the report is not empty throughout


@pytest.mark.parametrize("fmt", ["text", "md"])
def test_text_and_markdown_keep_the_scorecard_and_add_the_report_after_it(
        capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    plain = _grade(capsys, str(EXAMPLE), "--role", "ai_engineer", "--format", fmt)
    both = _grade(capsys, str(EXAMPLE), "--role", "ai_engineer", "--format", fmt, "--interview-report")
    head, _, report = both.partition("Interview report")
    # the scorecard part differs at most in the grader's timing line
    strip = [line for line in plain.splitlines() if "grader:" not in line]
    assert [line for line in head.splitlines() if "grader:" not in line][:len(strip)] == strip
    assert "Kit questions asked" in report and "Talk" in report
    assert "not on the interviewer as a person" in report


def test_an_unlawful_question_lowers_nothing_for_the_candidate(capsys: pytest.CaptureFixture[str],
                                                               tmp_path: Path) -> None:
    lines = EXAMPLE.read_text(encoding="utf-8").splitlines()
    # the same interview with the interviewer asking the candidate's age and marital status on one cue
    cue = next(i for i, line in enumerate(lines) if line.startswith("Tomasz Kowalczyk: I've read your CV"))
    asked = list(lines)
    asked[cue] = lines[cue].replace("Tomasz Kowalczyk: ", "Tomasz Kowalczyk: How old are you? And are you married? ",
                                    1)
    path = tmp_path / "asked.vtt"
    path.write_text("\n".join(asked) + "\n", encoding="utf-8")
    base = json.loads(_grade(capsys, str(EXAMPLE), "--role", "ai_engineer", "--format", "json"))
    both = json.loads(_grade(capsys, str(path), "--role", "ai_engineer", "--format", "json", "--interview-report"))
    topics = {q["topic"] for q in both["interview_report"]["unlawful_questions"]}
    assert {"age", "marital_status"} <= topics
    card = both["scorecard"]
    for key in ("competencies", "quantified_claims", "red_flags", "role_fit", "signal", "recommendation"):
        assert card.get(key) == base.get(key), key


def test_review_reads_the_combined_document_and_keeps_the_report(tmp_path: Path) -> None:
    out = tmp_path / "card.json"
    env_audit = tmp_path / "audit.jsonl"
    common = [sys.executable, "-m", "screener"]
    graded = subprocess.run([*common, "grade", str(EXAMPLE), "--role", "ai_engineer", "--format", "json",
                             "--interview-report", "-o", str(out), "-q", "--audit-log", str(env_audit)],
                            capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert graded.returncode == 0, graded.stderr
    reviewed = subprocess.run([*common, "review", str(out), "--reviewer", "Ana", "--decision", "hold",
                               "--audit-log", str(env_audit)], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert reviewed.returncode == 0, reviewed.stderr
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["scorecard"]["status"] == "reviewed" and "interview_report" in doc


def test_with_a_model_grader_the_report_is_the_models_and_the_scorecard_is_unchanged(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    from screener.grading import GradeOptions, grade
    from screener.parsing import load_transcript
    from screener.scorecard import GradeOutput

    transcript = tmp_path / "t.txt"
    transcript.write_text("Ana: Are you married? And walk me through a hallucination you debugged.\n"
                          "Ben: The bot cited a refund policy that did not exist; 40 of 300 answers were unsupported "
                          "and after the fix 6 of 300 were.\n", encoding="utf-8")
    card = grade(load_transcript(str(transcript), format="text", candidate="Ben"), "offline",
                 GradeOptions(role="ai_engineer"))
    answer = GradeOutput.model_validate(card.model_dump(include=set(GradeOutput.model_fields))).model_dump_json()
    labels = json.dumps({"labels": [{"turn": 0, "quote": "Are you married?", "kinds": ["unlawful", "kit_question"],
                                     "unlawful_topic": "marital_status", "kit_competency": "ai_hallucination",
                                     "kit_question": 1}]})
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    only_card, both = tmp_path / "one" / "answers.jsonl", tmp_path / "two" / "answers.jsonl"  # one model name
    only_card.write_text(answer + "\n", encoding="utf-8")
    both.write_text(answer + "\n" + labels + "\n", encoding="utf-8")
    args = [str(transcript), "--role", "ai_engineer", "--format", "json", "--input-format", "text", "--candidate",
            "Ben"]
    plain = json.loads(_grade(capsys, *args, "-p", f"fake:{only_card}"))
    doc = json.loads(_grade(capsys, *args, "-p", f"fake:{both}", "--interview-report"))
    assert _without_time(doc["scorecard"]) == _without_time(plain)
    report = CoachReport.model_validate(doc["interview_report"])
    assert report.method == "llm" and [q.topic for q in report.unlawful_questions] == ["marital_status"]
    # the model's request failing (no answer left) leaves the lexical report, and the scorecard still comes out
    doc = json.loads(_grade(capsys, *args, "-p", f"fake:{only_card}", "--interview-report"))
    assert doc["interview_report"]["method"] == "lexical" and _without_time(doc["scorecard"]) == _without_time(plain)
