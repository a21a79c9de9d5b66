"""The human decision: only `screener review` marks a scorecard reviewed, only a scorecard the audit log knows
as graded is signed, and every decision is logged as hashes (the note and the name stay in the scorecard)."""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import screener
from screener import audit
from screener.audit import load_key, record_grading, scorecard_sha256, verify
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


@pytest.fixture(autouse=True)
def _no_key_from_the_environment(monkeypatch):
    monkeypatch.delenv("SCREENER_AUDIT_KEY", raising=False)
    monkeypatch.delenv("SCREENER_AUDIT_KEY_FILE", raising=False)


@pytest.fixture
def log(tmp_path, monkeypatch) -> Path:
    path = tmp_path / "audit.jsonl"
    monkeypatch.setenv("SCREENER_AUDIT_LOG", str(path))
    return path


@pytest.fixture
def card(strong_transcript) -> Scorecard:
    return grade(strong_transcript, FakeProvider([_answer("hire")]), GradeOptions(role="ai_engineer"))


INPUT_SHA = "ab" * 32


@pytest.fixture
def card_file(tmp_path, card, log) -> Path:
    """A scorecard as `screener grade -f json -o card.json` leaves it: graded, and its grading in the log."""
    record_grading(card, INPUT_SHA, {"role": "ai_engineer"}, log)
    path = tmp_path / "card.json"
    path.write_text(json.dumps(card.model_dump(mode="json"), indent=2))
    return path


def _events(log: Path) -> list[dict]:
    return [json.loads(line) for line in log.read_text().splitlines()]


def _reviews(log: Path) -> list[dict]:
    return [e for e in _events(log) if e["event"] == "review"]


def _edit(path: Path, **changes) -> None:
    data = json.loads(path.read_text())
    data.update(changes)
    path.write_text(json.dumps(data, indent=2))


def test_review_marks_the_scorecard_reviewed_and_logs_the_decision(card_file, card, log, capsys):
    rc = main(["review", str(card_file), "--reviewer", "Dana Levi", "--decision", "advance", "--note", "clear evals"])
    assert rc == 0
    reviewed = Scorecard.model_validate_json(card_file.read_text())
    assert reviewed.status == "reviewed" and reviewed.review is not None
    assert (reviewed.review.reviewer, reviewed.review.decision, reviewed.review.note) == ("Dana Levi", "advance",
                                                                                          "clear evals")
    assert re.match(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d", reviewed.review.at)
    assert reviewed.recommendation == card.recommendation  # the grader's advice is kept as it was
    graded, event = _events(log)
    assert event["event"] == "review" and event["decision"] == "advance"
    assert event["scorecard_sha256"] == scorecard_sha256(card) == graded["scorecard_sha256"]
    assert event["graded_sha256"] == graded["scorecard_sha256"] and event["input_sha256"] == INPUT_SHA
    assert event["reviewed_sha256"] == scorecard_sha256(reviewed)
    assert event["note_sha256"] == hashlib.sha256(b"clear evals").hexdigest()
    assert event["reviewer_hmac"] == load_key(log).pseudonym("reviewer", "Dana Levi")
    assert "reviewer" not in event and "note" not in event
    assert verify(log).ok
    err = capsys.readouterr().err
    assert "recorded advance by Dana Levi for Priya Raman (grader recommended hire)" in err
    assert f"matches the grading logged {graded['time']}" in err


def test_the_note_and_the_name_stay_in_the_scorecard_and_only_hashes_reach_the_log(card_file, log):
    note = "Spoke to her referee Tomás Okafor (tomas.okafor@example.org, +44 20 7946 0958): strong on evals"
    assert main(["review", str(card_file), "--reviewer", "Dana Levi", "--decision", "advance", "--note", note]) == 0
    assert Scorecard.model_validate_json(card_file.read_text()).review.note == note  # kept with the scorecard
    text = log.read_text(encoding="utf-8") + audit.head_path(log).read_text()
    text = re.sub(r"[0-9a-f]{16,}", "<hex>", text)  # hashes and MACs may hold any four digits ("7946") by chance
    for leak in ("Tomás", "Okafor", "example.org", "7946", "0958", "referee", "strong on evals", "Dana", "Levi"):
        assert leak not in text
    (event,) = _reviews(log)
    assert event["note_sha256"] == hashlib.sha256(note.encode()).hexdigest()


def test_the_reviewer_pseudonym_is_keyed_and_ignores_case_and_spacing(card_file, log):
    assert main(["review", str(card_file), "--reviewer", "Dana Levi", "--decision", "advance"]) == 0
    assert main(["review", str(card_file), "--reviewer", "  dana   LEVI ", "--decision", "hold", "--amend"]) == 0
    first, second = _reviews(log)
    assert first["reviewer_hmac"] == second["reviewer_hmac"] == second["amends"]["reviewer_hmac"]
    assert first["reviewer_hmac"] != hashlib.sha256(b"Dana Levi").hexdigest()  # not guessable without the key
    assert first["reviewer_hmac"] != hashlib.sha256(b"dana levi").hexdigest()


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
    assert card_file.read_text() == first and len(_reviews(log)) == 1  # nothing changed, nothing logged
    assert main(["review", str(card_file), "--reviewer", "Lee", "--decision", "reject", "--amend",
                 "--note", "missed the leakage question"]) == 0
    reviewed = Scorecard.model_validate_json(card_file.read_text())
    assert reviewed.review.reviewer == "Lee" and reviewed.review.decision == "reject"
    first_event, second_event = _reviews(log)
    key = load_key(log)
    assert second_event["amends"]["decision"] == "advance"
    assert second_event["amends"]["reviewer_hmac"] == key.pseudonym("reviewer", "Dana")
    assert second_event["scorecard_sha256"] == first_event["reviewed_sha256"]  # the trail links up
    assert second_event["graded_sha256"] == first_event["graded_sha256"]  # both rest on the same grading
    assert verify(log).ok


# --- refusing a scorecard the log does not know ------------------------------------------------------------


def test_an_edited_recommendation_is_refused_in_one_line_exit_1(card_file, log, capsys):
    _edit(card_file, recommendation="strong_no_hire")
    before, logged = card_file.read_text(), log.read_bytes()
    assert main(["review", str(card_file), "--reviewer", "Dana", "--decision", "reject"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "the scorecard differs from the one graded (recommendation edited?" in err
    assert "the log records hire, the file says strong_no_hire" in err
    assert card_file.read_text() == before and log.read_bytes() == logged  # nothing signed, nothing logged


@pytest.mark.parametrize("change", [{"summary": "Outstanding."}, {"needs_human_review": True},
                                    {"candidate": "Someone Else"}])
def test_any_other_edit_is_refused_too(card_file, log, capsys, change):
    _edit(card_file, **change)
    assert main(["review", str(card_file), "--reviewer", "Dana", "--decision", "advance"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "the scorecard differs from the one graded" in err
    assert _reviews(log) == []


def test_a_scorecard_never_graded_into_this_log_is_refused(tmp_path, card, log, capsys):
    path = tmp_path / "card.json"
    path.write_text(json.dumps(card.model_dump(mode="json")))
    assert main(["review", str(path), "--reviewer", "Dana", "--decision", "advance"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no grading in the audit log" in err and "--audit-log" in err
    assert not log.exists()


def test_an_edited_review_is_refused_on_amend(card_file, log, capsys):
    assert main(["review", str(card_file), "--reviewer", "Dana", "--decision", "reject", "--note", "weak"]) == 0
    data = json.loads(card_file.read_text())
    data["review"]["decision"] = "advance"  # rewrite history in the file
    card_file.write_text(json.dumps(data))
    capsys.readouterr()
    assert main(["review", str(card_file), "--reviewer", "Lee", "--decision", "hold", "--amend"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "review differs from the one logged" in err
    assert len(_reviews(log)) == 1


def test_a_tampered_log_signs_nothing(card_file, log, capsys):
    record_grading(Scorecard.model_validate_json(card_file.read_text()), "cd" * 32, {}, log)
    lines = log.read_text().splitlines()
    log.write_text(lines[1] + "\n" + lines[0] + "\n")  # reordered
    assert main(["review", str(card_file), "--reviewer", "Dana", "--decision", "advance"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "does not verify (line 1" in err and "screener audit verify" in err
    assert json.loads(card_file.read_text())["status"] == "draft"


def test_the_whole_flow_as_a_user_runs_it(tmp_path):
    """grade -> review -> verify with the real CLI, then an edited scorecard is refused."""
    example = Path(__file__).resolve().parent.parent / "examples" / "zoom_interview.vtt"
    log = tmp_path / "audit.jsonl"
    env = {k: v for k, v in os.environ.items() if not k.startswith("SCREENER_AUDIT")}

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "screener", *args, "--audit-log", str(log)], capture_output=True,
                              text=True, env=env, timeout=120)

    card = tmp_path / "card.json"
    assert run("grade", str(example), "-q", "-f", "json", "-o", str(card)).returncode == 0
    r = run("review", str(card), "--reviewer", "Dana Levi", "--decision", "hold", "--note", "ask about evals")
    assert r.returncode == 0, r.stderr
    assert run("audit", "verify").returncode == 0
    assert "ask about evals" not in log.read_text() and "Dana" not in log.read_text()
    edited = tmp_path / "edited.json"
    data = json.loads(card.read_text()) | {"status": "draft", "review": None}
    data["recommendation"] = "strong_no_hire" if data["recommendation"] != "strong_no_hire" else "strong_hire"
    edited.write_text(json.dumps(data))
    r = run("review", str(edited), "--reviewer", "Sam", "--decision", "reject")
    assert r.returncode == 1 and r.stderr.count("\n") == 1
    assert "the scorecard differs from the one graded (recommendation edited?" in r.stderr


def _grading_worker(path: str, card_json: str) -> None:
    card = Scorecard.model_validate_json(card_json)
    for i in range(30):
        record_grading(card, f"{i:064x}", {"via": "batch"}, Path(path))


def test_a_batch_and_reviews_appending_at_once_keep_the_chain_and_its_head(card_file, card, log):
    ctx = multiprocessing.get_context("fork")
    batch = ctx.Process(target=_grading_worker, args=(str(log), card.model_dump_json()))
    batch.start()
    decisions = ["advance", "hold", "reject", "hold", "advance"]
    for i, decision in enumerate(decisions):
        assert main(["review", str(card_file), "--reviewer", f"R{i}", "--decision", decision,
                     *(["--amend"] if i else [])]) == 0
    batch.join()
    assert batch.exitcode == 0
    result = verify(log)
    assert result.ok and result.lines == 1 + 30 + len(decisions) and result.head_seq == result.lines


def _batch(tmp_path: Path, card: Scorecard, log: Path | None = None) -> Path:
    records = [
        {"input": "a/priya.vtt", "sha256": "aa11" + "0" * 60, "key": "aa11" + "0" * 60 + ":ai_engineer",
         "role": "ai_engineer", "status": "graded", "scorecard": card.model_dump(mode="json")},
        {"input": "a/broken.txt", "sha256": "bb22" + "0" * 60, "key": "bb22" + "0" * 60 + ":ai_engineer",
         "role": "ai_engineer", "status": "failed", "scorecard": None, "error": "empty transcript"},
        {"input": "a/other.vtt", "sha256": "aa19" + "0" * 60, "key": "aa19" + "0" * 60 + ":ai_engineer",
         "role": "ai_engineer", "status": "graded", "scorecard": card.model_dump(mode="json")},
    ]
    if log is not None:  # as `screener batch` logs each graded record
        for r in records:
            if r["status"] == "graded":
                record_grading(Scorecard.model_validate(r["scorecard"]), r["sha256"], {"via": "batch"}, log)
    path = tmp_path / "results.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    return path


def test_a_batch_record_is_picked_by_sha256_prefix_and_only_its_line_changes(tmp_path, card, log):
    path = _batch(tmp_path, card, log)
    before = path.read_text().splitlines()
    assert main(["review", str(path), "--id", "aa11", "--reviewer", "Dana", "--decision", "reject"]) == 0
    after = path.read_text().splitlines()
    assert after[1:] == before[1:]
    record = json.loads(after[0])
    assert record["input"] == "a/priya.vtt" and record["status"] == "graded"
    assert record["scorecard"]["status"] == "reviewed" and record["scorecard"]["review"]["decision"] == "reject"
    (event,) = _reviews(log)
    assert event["input_sha256"] == "aa11" + "0" * 60
    assert verify(log).ok


def test_a_batch_record_can_be_picked_by_input_path(tmp_path, card, log):
    path = _batch(tmp_path, card, log)
    assert main(["review", str(path), "--id", "a/other.vtt", "--reviewer", "Dana", "--decision", "hold"]) == 0
    assert json.loads(path.read_text().splitlines()[2])["scorecard"]["review"]["decision"] == "hold"


def test_a_scorecard_moved_to_another_batch_record_is_refused(tmp_path, card, strong_transcript, log, capsys):
    weak = grade(strong_transcript, FakeProvider([_answer("no_hire")]), GradeOptions(role="ai_engineer"))
    path = _batch(tmp_path, card, log)
    lines = path.read_text().splitlines()
    other = json.loads(lines[2]) | {"scorecard": weak.model_dump(mode="json")}
    record_grading(weak, other["sha256"], {"via": "batch"}, log)
    lines[2] = json.dumps(other)
    first = json.loads(lines[0]) | {"scorecard": weak.model_dump(mode="json")}  # the weak card put on Priya's record
    lines[0] = json.dumps(first)
    path.write_text("\n".join(lines) + "\n")
    assert main(["review", str(path), "--id", "aa11", "--reviewer", "Dana", "--decision", "reject"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "graded for another transcript" in err and "moved between records?" in err


def test_an_edited_batch_record_is_refused(tmp_path, card, log, capsys):
    path = _batch(tmp_path, card, log)
    path.write_text(path.read_text().replace('"recommendation": "hire"', '"recommendation": "strong_hire"', 1))
    assert main(["review", str(path), "--id", "aa11", "--reviewer", "Dana", "--decision", "advance"]) == 1
    err = capsys.readouterr().err
    assert "the scorecard differs from the one graded (recommendation edited? the log records hire" in err


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
    path = _batch(tmp_path, card, log)
    before, logged = path.read_text(), log.read_bytes()
    assert main(["review", str(path), *extra, "--reviewer", "Dana", "--decision", "hold"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("screener: error:") and message in err and err.count("\n") == 1
    assert path.read_text() == before and log.read_bytes() == logged


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
    logged = log.read_bytes()
    assert main(["review", str(card_file), "--reviewer", "  ", "--decision", "advance"]) == 2
    assert "--reviewer must name the person" in capsys.readouterr().err
    with pytest.raises(SystemExit) as info:
        main(["review", str(card_file), "--reviewer", "Dana", "--decision", "auto-reject"])
    assert info.value.code == 2
    assert log.read_bytes() == logged


def test_a_decision_that_cannot_be_logged_is_not_recorded(card_file, tmp_path, log, capsys, monkeypatch):
    before, logged = card_file.read_text(), log.read_bytes()

    def refuse(*args):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(audit, "_next_link", refuse)  # the log cannot be written (root ignores chmod)
    rc = main(["review", str(card_file), "--reviewer", "Dana", "--decision", "advance"])
    assert rc == 1
    err = capsys.readouterr().err
    assert "cannot write the audit log" in err and err.count("\n") == 1
    assert card_file.read_text() == before and log.read_bytes() == logged
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_a_log_in_an_unusable_place_signs_nothing(card_file, tmp_path, capsys):
    before = card_file.read_text()
    blocker = tmp_path / "file"
    blocker.write_text("x")
    rc = main(["review", str(card_file), "--reviewer", "Dana", "--decision", "advance",
               "--audit-log", str(blocker / "audit.jsonl")])
    assert rc == 1 and "no grading in the audit log" in capsys.readouterr().err
    assert card_file.read_text() == before


def test_grading_never_decides_even_for_the_strongest_verdicts(strong_transcript):
    for rec in ("strong_no_hire", "strong_hire"):
        card = grade(strong_transcript, FakeProvider([_answer(rec)]), GradeOptions(role="ai_engineer"))
        assert card.status == "draft" and card.review is None


def test_no_code_path_but_screener_review_sets_a_decision():
    """Structural: outside review.py (and the model definition), nothing marks a scorecard reviewed."""
    package = Path(screener.__file__).parent
    # store/decisions.py records the decision a person makes (called by `screener review --db` and the web's
    # decision form); it never derives one from a grading
    allowed = {package / "review.py", package / "scorecard.py", package / "store" / "decisions.py"}
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
