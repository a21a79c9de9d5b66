"""The CLI on the store, as a user runs it, on SQLite and PostgreSQL: grade, batch and review write to the store
when one is configured (file-only otherwise), import loads batch results, erase and retention remove what they
promise and log it, user manages the workspace's users."""

from __future__ import annotations

import json
import shutil
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select
from store_fixtures import *  # noqa: F403 - the db_url and store fixtures

from screener.audit import sha256_hex, verify
from screener.cli import main
from screener.store import list_interviews, open_store
from screener.store.models import Candidate, Grading, Interview, Override, Review, User, utcnow

FIXTURES = Path(__file__).parent / "fixtures" / "transcripts"
TEXT_FIXTURES = ("interview.md", "plain.txt", "zoom.vtt", "teams.vtt")


@pytest.fixture
def log(tmp_path, monkeypatch) -> Path:
    path = tmp_path / "audit" / "audit.jsonl"
    monkeypatch.setenv("SCREENER_AUDIT_LOG", str(path))
    monkeypatch.delenv("SCREENER_AUDIT_KEY", raising=False)
    monkeypatch.delenv("SCREENER_AUDIT_KEY_FILE", raising=False)
    return path


@pytest.fixture
def inputs(tmp_path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in TEXT_FIXTURES:
        shutil.copy(FIXTURES / name, folder / name)
    return folder


def events(log: Path) -> list[dict]:
    return [json.loads(line) for line in log.read_text().splitlines() if line.strip()]


def count(db_url: str, model) -> int:
    with open_store(db_url) as store, store.reader() as s:
        return int(s.scalar(select(func.count()).select_from(model)))


def test_grade_with_db_keeps_the_interview_and_the_scorecard(db_url, log, tmp_path, capsys):
    card_path = tmp_path / "card.json"
    rc = main(["grade", str(FIXTURES / "interview.md"), "--provider", "offline", "--db", db_url,
               "--requisition", "REQ-7", "--role", "ai_engineer", "-f", "json", "-o", str(card_path)])
    assert rc == 0
    assert "saved to" in capsys.readouterr().err
    card = json.loads(card_path.read_text())
    with open_store(db_url) as store, store.reader() as s:
        [row] = list_interviews(s)
        text = (FIXTURES / "interview.md").read_text()
        assert row.interview.transcript == text and row.interview.transcript_sha256 == sha256_hex(text)
        assert row.interview.requisition.code == "REQ-7" and row.interview.role == "ai_engineer"
        assert row.interview.format == "markdown" and row.interview.interviewers
        assert row.grading.scorecard == card and row.grading.status == "done"
        grade_event = [e for e in events(log) if e["event"] == "grade"][-1]
        assert grade_event["scorecard_sha256"] == row.grading.scorecard_sha256
        assert grade_event["input_sha256"] == row.interview.transcript_sha256


def test_without_db_or_the_variable_grade_stays_file_only(tmp_path, log, monkeypatch, capsys):
    monkeypatch.delenv("SCREENER_DATABASE_URL", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert main(["grade", str(FIXTURES / "plain.txt"), "--provider", "offline", "-f", "json"]) == 0
    assert not (tmp_path / "data").exists()
    assert "saved to" not in capsys.readouterr().err


def test_the_environment_variable_is_the_store_too(db_url, log, monkeypatch):
    monkeypatch.setenv("SCREENER_DATABASE_URL", db_url)
    assert main(["grade", str(FIXTURES / "plain.txt"), "--provider", "offline", "-q"]) == 0
    assert count(db_url, Grading) == 1


def test_a_store_that_cannot_be_reached_fails_before_grading_and_logs_nothing(tmp_path, log, capsys):
    url = f"postgresql://screener:hunter2pass@/db?host={tmp_path}"
    assert main(["grade", str(FIXTURES / "plain.txt"), "--provider", "offline", "--db", url]) == 1
    err = capsys.readouterr().err
    assert err.startswith("screener: error: database postgresql://screener:***@") and "hunter2pass" not in err
    assert len(err.strip().splitlines()) == 1 and not log.exists()


def test_a_bad_db_url_is_a_usage_error(log, capsys):
    assert main(["grade", str(FIXTURES / "plain.txt"), "--provider", "offline", "--db", "mysql://x@y/z"]) == 2
    assert "not supported" in capsys.readouterr().err


def test_review_with_db_records_the_decision_in_the_store(db_url, log, tmp_path, capsys):
    card = tmp_path / "card.json"
    main(["grade", str(FIXTURES / "interview.md"), "--provider", "offline", "--db", db_url, "-f", "json", "-o", str(card)])
    assert main(["review", str(card), "--reviewer", "Grace", "--decision", "hold", "--note", "ask about evals",
                 "--db", db_url]) == 0
    assert main(["review", str(card), "--reviewer", "Grace", "--decision", "advance", "--amend", "--db", db_url]) == 0
    with open_store(db_url) as store, store.reader() as s:
        [row] = list_interviews(s)
        assert [(r.decision, r.reviewer_name) for r in row.grading.reviews] == [("hold", "Grace"), ("advance", "Grace")]
        assert row.decision.decision == "advance" and row.grading.reviews[0].note == "ask about evals"


def test_review_of_a_scorecard_the_store_does_not_hold_changes_nothing(db_url, log, tmp_path, capsys):
    card = tmp_path / "card.json"
    assert main(["grade", str(FIXTURES / "plain.txt"), "--provider", "offline", "-f", "json", "-o", str(card)]) == 0
    before, lines = card.read_text(), len(events(log))
    assert main(["review", str(card), "--reviewer", "Grace", "--decision", "advance", "--db", db_url]) == 2
    err = capsys.readouterr().err
    assert "not in the store" in err and "screener import" in err
    assert card.read_text() == before and len(events(log)) == lines


def test_batch_with_db_stores_every_graded_transcript_and_import_adds_nothing_twice(db_url, log, inputs, tmp_path, capsys):
    results = tmp_path / "results.jsonl"
    assert main(["batch", str(inputs), "-o", str(results), "--provider", "offline", "--db", db_url, "-q"]) == 0
    assert count(db_url, Grading) == len(TEXT_FIXTURES)
    with open_store(db_url) as store, store.reader() as s:
        assert all(i.transcript for i in s.scalars(select(Interview)))
    assert main(["import", str(results), "--db", db_url]) == 0
    assert "imported 0 grading(s) (0 with their transcript) into" in capsys.readouterr().err
    assert count(db_url, Grading) == len(TEXT_FIXTURES)
    assert verify(log).ok


def test_import_loads_batch_results_with_transcripts_still_on_disk_and_reviews(db_url, log, inputs, tmp_path, capsys):
    results = tmp_path / "results.jsonl"
    manifest = tmp_path / "manifest.csv"
    manifest.write_text("path,candidate,role,requisition\n"
                        f"{inputs / 'plain.txt'},Ada Lovelace,ai_engineer,REQ-1\n"
                        f"{inputs / 'zoom.vtt'},Bo Chen,ml_engineer,REQ-2\n")
    assert main(["batch", str(manifest), "-o", str(results), "--provider", "offline", "-q"]) == 0
    recs = [json.loads(x) for x in results.read_text().splitlines()]
    plain = next(r for r in recs if r["candidate"] == "Ada Lovelace")
    assert main(["review", str(results), "--id", plain["sha256"][:12], "--reviewer", "Grace",
                 "--decision", "reject", "--note", "thin"]) == 0
    (inputs / "zoom.vtt").write_text("WEBVTT\n\nchanged since\n")  # no longer the graded transcript
    with results.open("a") as f:
        f.write(json.dumps({**recs[0], "status": "failed", "scorecard": None, "error": "x", "key": "other"}) + "\n")
    capsys.readouterr()
    assert main(["import", str(results), "--db", db_url]) == 0
    assert "imported 2 grading(s) (1 with their transcript)" in capsys.readouterr().err
    with open_store(db_url) as store, store.reader() as s:
        rows = {r.interview.candidate.name: r for r in list_interviews(s)}
        assert set(rows) == {"Ada Lovelace", "Bo Chen"}
        ada, bo = rows["Ada Lovelace"], rows["Bo Chen"]
        assert ada.interview.requisition.code == "REQ-1" and ada.interview.role == "ai_engineer"
        assert ada.interview.transcript == (inputs / "plain.txt").read_text()
        assert bo.interview.transcript is None and bo.interview.transcript_sha256 == next(
            r["sha256"] for r in recs if r["candidate"] == "Bo Chen")
        assert (ada.decision.decision, ada.decision.reviewer_name, ada.decision.note) == ("reject", "Grace", "thin")
        assert bo.decision is None


@pytest.mark.parametrize("content, message", [("not json\n", "not JSON"), ('{"a": 1}\n', "not a batch result"),
                                              ('{"status": "graded", "scorecard": {"x": 1}}\n', "does not validate")])
def test_import_of_a_file_that_is_no_results_file_names_the_line(db_url, tmp_path, content, message, capsys):
    bad = tmp_path / "bad.jsonl"
    bad.write_text(content)
    assert main(["import", str(bad), "--db", db_url]) == 2
    err = capsys.readouterr().err
    assert f"{bad}:1" in err and message in err and "Traceback" not in err


def test_import_of_a_missing_file(db_url, tmp_path, capsys):
    assert main(["import", str(tmp_path / "nope.jsonl"), "--db", db_url]) == 2
    assert "no such file" in capsys.readouterr().err


def test_erase_removes_the_candidates_transcripts_scorecards_and_notes_and_logs_it(db_url, log, tmp_path, capsys):
    from screener.store import add_override, get_grading

    for name in ("interview.md", "plain.txt"):
        main(["grade", str(FIXTURES / name), "--provider", "offline", "--db", db_url, "-q", "-f", "json",
              "-o", str(tmp_path / f"{name}.json")])
    main(["review", str(tmp_path / "interview.md.json"), "--reviewer", "Grace", "--decision", "hold", "--note",
          "private note", "--db", db_url])
    with open_store(db_url) as store, store.session() as s:
        rows = list_interviews(s)
        target = next(r for r in rows if r.interview.source.endswith("interview.md"))
        comp = target.grading.scorecard["competencies"][0]["id"]
        add_override(s, get_grading(s, target.grading.id), field=comp, value=2, reason="overrated", reviewer_name="Grace")
        cid, keep = target.interview.candidate_id, next(r for r in rows if r is not target).interview.candidate_id
        sha, card_sha = target.interview.transcript_sha256, target.grading.scorecard_sha256
    capsys.readouterr()
    assert main(["erase", "--candidate", str(cid), "--by", "Dana", "--db", db_url, "--dry-run"]) == 0
    assert "would erase" in capsys.readouterr().err and count(db_url, Review) == 1
    assert main(["erase", "--candidate", str(cid), "--by", "Dana", "--db", db_url]) == 0
    assert "1 interview(s)" in capsys.readouterr().err
    with open_store(db_url) as store, store.reader() as s:
        assert s.get(Candidate, cid) is None and s.get(Candidate, keep) is not None
        assert s.scalar(select(func.count()).select_from(Interview).where(Interview.transcript_sha256 == sha)) == 0
    assert (count(db_url, Review), count(db_url, Override), count(db_url, Grading)) == (0, 0, 1)
    erase = events(log)[-1]
    assert erase["event"] == "erase" and erase["candidate_id"] == cid
    assert erase["input_sha256"] == [sha] and erase["scorecard_sha256"] == [card_sha]
    assert (erase["interviews"], erase["gradings"], erase["decisions"], erase["overrides"]) == (1, 1, 1, 1)
    assert "Dana" not in log.read_text() and "private note" not in log.read_text() and len(erase["by_hmac"]) == 64
    assert verify(log).ok
    assert main(["erase", "--candidate", str(cid), "--by", "Dana", "--db", db_url]) == 2
    assert f"no candidate '{cid}'" in capsys.readouterr().err


def test_an_erasure_that_cannot_be_logged_erases_nothing(db_url, log, tmp_path, capsys):
    main(["grade", str(FIXTURES / "plain.txt"), "--provider", "offline", "--db", db_url, "-q"])
    log.with_name(log.name + ".head").write_text("{}")  # a head that does not verify: appends are refused
    assert main(["erase", "--candidate", "1", "--by", "Dana", "--db", db_url]) == 1
    assert "chain head" in capsys.readouterr().err
    assert count(db_url, Candidate) == 1 and count(db_url, Grading) == 1


def _age(db_url: str, days: int) -> None:
    with open_store(db_url) as store, store.session() as s:
        for interview in s.scalars(select(Interview)):
            interview.created_at = utcnow() - timedelta(days=days)


def test_retention_removes_old_transcripts_and_keeps_scorecards_decisions_and_hashes(db_url, log, tmp_path, capsys):
    card = tmp_path / "old.json"
    main(["grade", str(FIXTURES / "interview.md"), "--provider", "offline", "--db", db_url, "-q", "-f", "json", "-o", str(card)])
    main(["review", str(card), "--reviewer", "Grace", "--decision", "advance", "--db", db_url])
    _age(db_url, 200)
    main(["grade", str(FIXTURES / "plain.txt"), "--provider", "offline", "--db", db_url, "-q"])  # new: stays
    capsys.readouterr()
    assert main(["retention", "show", "--db", db_url]) == 0
    assert capsys.readouterr().out.strip() == "180"
    assert main(["retention", "run", "--db", db_url]) == 0
    assert "removed 1 transcript(s)" in capsys.readouterr().err
    with open_store(db_url) as store, store.reader() as s:
        rows = {r.interview.source.rsplit("/", 1)[-1]: r for r in list_interviews(s)}
        old, new = rows["interview.md"], rows["plain.txt"]
        assert old.interview.transcript is None and old.interview.transcript_removed == "retention"
        assert old.interview.transcript_sha256 == sha256_hex((FIXTURES / "interview.md").read_text())
        assert old.grading.scorecard == json.loads(card.read_text()) | {"status": "draft", "review": None}
        assert old.decision.decision == "advance"
        assert new.interview.transcript is not None
    event = events(log)[-1]
    assert event["event"] == "retention" and event["transcripts_removed"] == 1 and event["days"] == 180
    assert event["input_sha256"] == [old.interview.transcript_sha256]
    assert main(["retention", "run", "--db", db_url]) == 0  # nothing more to remove: no new event
    assert events(log)[-1] == event
    assert verify(log).ok


def test_retention_period_is_a_workspace_setting(db_url, log, capsys):
    main(["grade", str(FIXTURES / "plain.txt"), "--provider", "offline", "--db", db_url, "-q"])
    _age(db_url, 40)
    assert main(["retention", "set", "--days", "30", "--db", db_url]) == 0
    assert main(["retention", "run", "--db", db_url]) == 0
    assert "removed 1 transcript(s)" in capsys.readouterr().err
    assert main(["retention", "set", "--days", "0", "--db", db_url]) == 2
    assert "between 1 and" in capsys.readouterr().err


def test_user_add_list_disable_never_shows_the_password(db_url, monkeypatch, capsys):
    monkeypatch.setenv("SCREENER_PASSWORD", "a long enough secret")
    assert main(["user", "add", "grace", "--role", "hiring_manager", "--requisition", "REQ-1", "--db", db_url]) == 0
    assert main(["user", "add", "sso", "--sso-only", "--db", db_url]) == 0
    assert main(["user", "add", "grace", "--db", db_url]) == 2
    assert "already exists" in capsys.readouterr().err
    assert main(["user", "disable", "sso", "--db", db_url]) == 0
    capsys.readouterr()
    assert main(["user", "list", "--db", db_url]) == 0
    out, err = capsys.readouterr()
    assert out.splitlines() == ["grace\thiring_manager\tactive\tpassword\tREQ-1", "sso\tinterviewer\tdisabled\tsso-only\t-"]
    assert "a long enough secret" not in out + err
    with open_store(db_url) as store, store.reader() as s:
        assert s.scalar(select(User.password_hash).where(User.username == "grace")).startswith("$argon2id$")
    assert main(["user", "disable", "nobody", "--db", db_url]) == 2
    assert "no user 'nobody'" in capsys.readouterr().err


def test_user_add_without_a_password_source_says_how(db_url, monkeypatch, capsys):
    monkeypatch.delenv("SCREENER_PASSWORD", raising=False)
    monkeypatch.setattr("sys.stdin.isatty", lambda: False, raising=False)
    assert main(["user", "add", "grace", "--db", db_url]) == 2
    assert "SCREENER_PASSWORD" in capsys.readouterr().err
    monkeypatch.setenv("SCREENER_PASSWORD", "short")
    assert main(["user", "add", "grace", "--db", db_url]) == 2
    assert "shorter than" in capsys.readouterr().err


def test_store_commands_default_to_the_embedded_sqlite(tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("SCREENER_DATABASE_URL", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("SCREENER_PASSWORD", "a long enough secret")
    assert main(["user", "add", "admin", "--role", "admin"]) == 0
    assert (tmp_path / "data" / "screener" / "screener.db").is_file()
    assert main(["user", "list"]) == 0
    assert capsys.readouterr().out.startswith("admin\tadmin\tactive")


def test_an_erased_transcript_is_not_left_in_the_sqlite_files(tmp_path, log, capsys):
    db = tmp_path / "erase.db"
    url = f"sqlite:///{db}"
    secret = "Candidate: my unmistakable phrase zebra-quartz-4471 about evals"
    transcript = tmp_path / "t.txt"
    transcript.write_text((FIXTURES / "plain.txt").read_text() + "\n" + secret + "\n")
    assert main(["grade", str(transcript), "--provider", "offline", "--db", url, "-q"]) == 0
    files = [db, db.with_name(db.name + "-wal")]
    assert any(b"zebra-quartz-4471" in f.read_bytes() for f in files if f.exists())
    assert main(["erase", "--candidate", "1", "--by", "Dana", "--db", url]) == 0
    assert not any(b"zebra-quartz-4471" in f.read_bytes() for f in files if f.exists())


def test_erase_by_a_name_points_at_the_ids(db_url, log, capsys):
    assert main(["grade", str(FIXTURES / "plain.txt"), "--provider", "offline", "--db", db_url, "-q"]) == 0
    with open_store(db_url) as store, store.reader() as s:
        cand = s.scalar(select(Candidate))
    capsys.readouterr()
    assert main(["erase", "--candidate", cand.name.split()[0], "--by", "Dana", "--db", db_url]) == 2
    assert f"{cand.id} ({cand.name})" in capsys.readouterr().err
    assert count(db_url, Candidate) == 1


def test_the_csv_rows_from_the_store_match_those_from_the_results_file(db_url, log, inputs, tmp_path):
    from screener.batch.exports import competency_ids, csv_row
    from screener.store.rows import export_records

    results = tmp_path / "results.jsonl"
    manifest = tmp_path / "manifest.csv"
    manifest.write_text("path,candidate,role,requisition\n"
                        f"{inputs / 'plain.txt'},Ada Lovelace,ai_engineer,REQ-1\n"
                        f"{inputs / 'zoom.vtt'},Bo Chen,ml_engineer,REQ-2\n")
    assert main(["batch", str(manifest), "-o", str(results), "--provider", "offline", "-q"]) == 0
    assert main(["import", str(results), "--db", db_url]) == 0
    comps = competency_ids()
    from_file = sorted((csv_row(json.loads(x), comps) for x in results.read_text().splitlines()),
                       key=lambda r: r["candidate"])
    with open_store(db_url) as store, store.reader() as s:
        from_store = sorted((csv_row(r, comps) for r in export_records(s)), key=lambda r: r["candidate"])
    assert [{k: v for k, v in a.items() if v != b.get(k)} for a, b in zip(from_store, from_file, strict=True)] == [{}, {}]


def test_export_writes_the_stores_gradings_as_the_batch_exports_do(db_url, log, inputs, tmp_path, capsys):
    results = tmp_path / "results.jsonl"
    manifest = tmp_path / "manifest.csv"
    manifest.write_text("path,candidate,role,requisition\n"
                        f"{inputs / 'plain.txt'},Ada Lovelace,ai_engineer,REQ-1\n"
                        f"{inputs / 'zoom.vtt'},Bo Chen,ml_engineer,REQ-2\n")
    assert main(["batch", str(manifest), "-o", str(results), "--provider", "offline", "-q",
                 "--csv", str(tmp_path / "batch.csv")]) == 0
    assert main(["import", str(results), "--db", db_url]) == 0
    out, csv_path, md = tmp_path / "out.jsonl", tmp_path / "store.csv", tmp_path / "cards"
    capsys.readouterr()
    assert main(["export", "--db", db_url, "-o", str(out), "--csv", str(csv_path), "--md-dir", str(md)]) == 0
    assert "exported 2 grading(s)" in capsys.readouterr().err
    assert {json.loads(x)["candidate"] for x in out.read_text().splitlines()} == {"Ada Lovelace", "Bo Chen"}
    assert sorted(csv_path.read_text().splitlines()) == sorted((tmp_path / "batch.csv").read_text().splitlines())
    assert len(list(md.glob("*.md"))) == 2
    assert main(["export", "--db", db_url, "--csv", str(csv_path), "--requisition", "REQ-2"]) == 0
    assert [r.split(",")[0] for r in csv_path.read_text().splitlines()[1:]] == ["REQ-2"]


def test_export_needs_somewhere_to_write_and_a_writable_place(db_url, tmp_path, capsys):
    assert main(["export", "--db", db_url]) == 2
    assert "give -o RESULTS.jsonl, --csv FILE or --md-dir DIR" in capsys.readouterr().err
    assert main(["export", "--db", db_url, "--csv", str(tmp_path / "missing" / "x.csv")]) == 2
    assert "does not exist" in capsys.readouterr().err


def test_the_web_app_applies_retention_when_it_starts(db_url, log, capsys):
    from starlette.testclient import TestClient

    from screener.web.app import create_app

    main(["grade", str(FIXTURES / "interview.md"), "--provider", "offline", "--db", db_url, "-q"])
    _age(db_url, 200)
    capsys.readouterr()
    with open_store(db_url) as store:
        with TestClient(create_app(store=store)):  # entering runs the app's start-up
            pass
        with store.reader() as s:
            (row,) = list_interviews(s)
            assert row.interview.transcript is None and row.interview.transcript_removed == "retention"
    assert "retention removed 1 transcript(s)" in capsys.readouterr().err
    assert events(log)[-1]["event"] == "retention"
