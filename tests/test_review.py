"""The human decision: only `screener review` marks a scorecard reviewed, and every decision is logged."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import screener
from screener.audit import scorecard_sha256, verify
from screener.cli import main
from screener.grading import GradeOptions, grade
from screener.providers.fake import FakeProvider
from screener.scorecard import Scorecard


def _answer(rec: str):
    def make(request):
        turn = request.context.transcript.candidate_turns[0]
        quote = " ".join(turn.text.split()[:8])
        return {
            "recommendation": rec, "signal": "engineer" if rec in ("hire", "strong_hire") else "prompt_tourist",
            "role_fit": "ai_engineer", "summary": "Graded.",
            "competencies": [{"id": c.id, "name": c.name, "score": 3, "rationale": "Measured.",
                              "evidence": [{"quote": quote, "turn": turn.index}]} for c in request.context.competencies],
            "quantified_claims": [], "red_flags": [], "follow_ups": [],
        }

    return make


@pytest.fixture
def card(strong_transcript) -> Scorecard:
    return grade(strong_transcript, FakeProvider([_answer("hire")]), GradeOptions(role="ai_engineer"))


@pytest.fixture
def card_file(tmp_path, card) -> Path:
    path = tmp_path / "card.json"
    path.write_text(json.dumps(card.model_dump(mode="json"), indent=2))
    return path


@pytest.fixture
def log(tmp_path, monkeypatch) -> Path:
    path = tmp_path / "audit.jsonl"
    monkeypatch.setenv("SCREENER_AUDIT_LOG", str(path))
    return path


def _events(log: Path) -> list[dict]:
    return [json.loads(line) for line in log.read_text().splitlines()]


def test_review_marks_the_scorecard_reviewed_and_logs_the_decision(card_file, card, log, capsys):
    rc = main(["review", str(card_file), "--reviewer", "Dana Levi", "--decision", "advance", "--note", "clear evals"])
    assert rc == 0
    reviewed = Scorecard.model_validate_json(card_file.read_text())
    assert reviewed.status == "reviewed" and reviewed.review is not None
    assert (reviewed.review.reviewer, reviewed.review.decision, reviewed.review.note) == ("Dana Levi", "advance",
                                                                                          "clear evals")
    assert re.match(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d", reviewed.review.at)
    assert reviewed.recommendation == card.recommendation  # the grader's advice is kept as it was
    (event,) = _events(log)
    assert event["event"] == "review" and event["reviewer"] == "Dana Levi" and event["decision"] == "advance"
    assert event["note"] == "clear evals" and event["scorecard_sha256"] == scorecard_sha256(card)
    assert event["reviewed_sha256"] == scorecard_sha256(reviewed)
    assert verify(log).ok
    err = capsys.readouterr().err
    assert "recorded advance by Dana Levi for Priya Raman (grader recommended hire)" in err


def test_output_file_leaves_the_original_untouched(card_file, tmp_path, log):
    before = card_file.read_text()
    out = tmp_path / "reviewed.json"
    assert main(["review", str(card_file), "--reviewer", "Sam", "--decision", "hold", "-o", str(out)]) == 0
    assert card_file.read_text() == before
    assert Scorecard.model_validate_json(out.read_text()).review.decision == "hold"


def test_changing_a_decision_needs_amend_and_keeps_the_trail(card_file, log, capsys):
    assert main(["review", str(card_file), "--reviewer", "Dana", "--decision", "advance"]) == 0
    first = card_file.read_text()
    capsys.readouterr()
    assert main(["review", str(card_file), "--reviewer", "Dana", "--decision", "reject"]) == 2
    err = capsys.readouterr().err
    assert "already reviewed by Dana (advance" in err and "--amend" in err and err.count("\n") == 1
    assert card_file.read_text() == first and len(_events(log)) == 1  # nothing changed, nothing logged
    assert main(["review", str(card_file), "--reviewer", "Lee", "--decision", "reject", "--amend",
                 "--note", "missed the leakage question"]) == 0
    reviewed = Scorecard.model_validate_json(card_file.read_text())
    assert reviewed.review.reviewer == "Lee" and reviewed.review.decision == "reject"
    first_event, second_event = _events(log)
    assert second_event["amends"]["decision"] == "advance" and second_event["amends"]["reviewer"] == "Dana"
    assert second_event["scorecard_sha256"] == first_event["reviewed_sha256"]  # the trail links up
    assert verify(log).ok


def _batch(tmp_path: Path, card: Scorecard) -> Path:
    records = [
        {"input": "a/priya.vtt", "sha256": "aa11" + "0" * 60, "key": "aa11" + "0" * 60 + ":ai_engineer",
         "role": "ai_engineer", "status": "graded", "scorecard": card.model_dump(mode="json")},
        {"input": "a/broken.txt", "sha256": "bb22" + "0" * 60, "key": "bb22" + "0" * 60 + ":ai_engineer",
         "role": "ai_engineer", "status": "failed", "scorecard": None, "error": "empty transcript"},
        {"input": "a/other.vtt", "sha256": "aa19" + "0" * 60, "key": "aa19" + "0" * 60 + ":ai_engineer",
         "role": "ai_engineer", "status": "graded", "scorecard": card.model_dump(mode="json")},
    ]
    path = tmp_path / "results.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    return path


def test_a_batch_record_is_picked_by_sha256_prefix_and_only_its_line_changes(tmp_path, card, log):
    path = _batch(tmp_path, card)
    before = path.read_text().splitlines()
    assert main(["review", str(path), "--id", "aa11", "--reviewer", "Dana", "--decision", "reject"]) == 0
    after = path.read_text().splitlines()
    assert after[1:] == before[1:]
    record = json.loads(after[0])
    assert record["input"] == "a/priya.vtt" and record["status"] == "graded"
    assert record["scorecard"]["status"] == "reviewed" and record["scorecard"]["review"]["decision"] == "reject"
    (event,) = _events(log)
    assert event["input_sha256"] == "aa11" + "0" * 60


def test_a_batch_record_can_be_picked_by_input_path(tmp_path, card, log):
    path = _batch(tmp_path, card)
    assert main(["review", str(path), "--id", "a/other.vtt", "--reviewer", "Dana", "--decision", "hold"]) == 0
    assert json.loads(path.read_text().splitlines()[2])["scorecard"]["review"]["decision"] == "hold"


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ([], "holds batch results; pick one with --id"),
        (["--id", "ffff"], "no record with sha256 starting 'ffff'"),
        (["--id", "aa1"], "no record with sha256 starting 'aa1'"),  # too short to be a prefix
        (["--id", "bb22"], "has status 'failed' and no scorecard"),
    ],
)
def test_batch_mistakes_are_one_line_exit_2(tmp_path, card, log, capsys, extra, message):
    path = _batch(tmp_path, card)
    before = path.read_text()
    assert main(["review", str(path), *extra, "--reviewer", "Dana", "--decision", "hold"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("screener: error:") and message in err and err.count("\n") == 1
    assert path.read_text() == before and not log.exists()


def test_an_ambiguous_prefix_asks_for_more(tmp_path, card, log, capsys):
    path = _batch(tmp_path, card)
    path.write_text(path.read_text().replace('"aa19', '"aa11'))
    assert main(["review", str(path), "--id", "aa11", "--reviewer", "Dana", "--decision", "hold"]) == 2
    assert "2 records match --id 'aa11'" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no such file"),
        ("{not json", "not valid JSON"),
        ('{"recommendation": "hire"}', "not a screener scorecard"),
        ("\x00\x01\x02\xff\xfe", "cannot read it"),
    ],
)
def test_missing_or_corrupt_result_files_are_one_line_exit_2(tmp_path, log, capsys, content, message):
    path = tmp_path / "card.json"
    if content is not None:
        path.write_bytes(content.encode("latin-1"))
    assert main(["review", str(path), "--reviewer", "Dana", "--decision", "advance"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("screener: error:") and message in err and err.count("\n") == 1
    assert not log.exists()


def test_blank_reviewer_and_unknown_decision_are_rejected(card_file, log, capsys):
    assert main(["review", str(card_file), "--reviewer", "  ", "--decision", "advance"]) == 2
    assert "--reviewer must name the person" in capsys.readouterr().err
    with pytest.raises(SystemExit) as info:
        main(["review", str(card_file), "--reviewer", "Dana", "--decision", "auto-reject"])
    assert info.value.code == 2
    assert not log.exists()


def test_a_decision_that_cannot_be_logged_is_not_recorded(card_file, tmp_path, capsys):
    before = card_file.read_text()
    blocker = tmp_path / "file"
    blocker.write_text("x")
    rc = main(["review", str(card_file), "--reviewer", "Dana", "--decision", "advance",
               "--audit-log", str(blocker / "audit.jsonl")])
    assert rc == 1
    err = capsys.readouterr().err
    assert "cannot write the audit log" in err and err.count("\n") == 1
    assert card_file.read_text() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_grading_never_decides_even_for_the_strongest_verdicts(strong_transcript):
    for rec in ("strong_no_hire", "strong_hire"):
        card = grade(strong_transcript, FakeProvider([_answer(rec)]), GradeOptions(role="ai_engineer"))
        assert card.status == "draft" and card.review is None


def test_no_code_path_but_screener_review_sets_a_decision():
    """Structural: outside review.py (and the model definition), nothing marks a scorecard reviewed."""
    package = Path(screener.__file__).parent
    allowed = {package / "review.py", package / "scorecard.py"}
    patterns = [
        re.compile(r"""["']?status["']?\s*[:=]\s*["']reviewed["']"""),  # status="reviewed" / "status": "reviewed"
        re.compile(r"""(?<!class )\bReview\s*\("""),  # building a Review
        re.compile(r"""\bReview\.model_(?:validate|construct)"""),
        re.compile(r"""\.review\s*=(?!=)|(?:^|[{,(])\s*["']review["']\s*:\s*(?!None)"""),  # assigning a decision
        re.compile(r"""["']decision["']\s*:\s*["'](?:advance|reject|hold)"""),
    ]
    offenders = []
    for path in sorted(package.rglob("*.py")):
        if path in allowed:
            continue
        for no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if any(p.search(line) for p in patterns):
                offenders.append(f"{path.relative_to(package)}:{no}: {line.strip()}")
    assert offenders == [], "only screener review may record a decision:\n" + "\n".join(offenders)
    # and review.py is the one place that does
    assert re.search(r"""["']status["']\s*:\s*["']reviewed["']""", (package / "review.py").read_text())
