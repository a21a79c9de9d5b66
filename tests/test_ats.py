"""ATS hand-off as a user runs it: `screener ats push` against a loopback fake of each vendor.

Each fake (screener.ats.fake) is a real HTTP server on 127.0.0.1 that checks the request against the vendor's
documented shape and answers the vendor's errors; the tests check what the vendor received, what the user
saw (one line, exit code) and what the audit log kept.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from screener.ats import fake as fakes
from screener.ats.greenhouse import OVERALL_RECOMMENDATIONS, overall_recommendation
from screener.audit import graded_form, record_grading, resolve_path, sha256_hex, verified_events
from screener.cli import main
from screener.grading import grade
from screener.review import review_result
from screener.scorecard import Scorecard
from screener.vocab import RECOMMENDATIONS

KEYS = {"greenhouse": "gh-secret-key-0123456789", "lever": "lv-secret-key-0123456789",
        "ashby": "ab-secret-key-0123456789"}
ENV = {"greenhouse": "GREENHOUSE_API_KEY", "lever": "LEVER_API_KEY", "ashby": "ASHBY_API_KEY"}
TARGETS = {"greenhouse": "123", "lever": "opp-1", "ashby": "app-1"}
SCORECARD_ROWS = ["Evaluation", "Measurement"]
# each vendor's documented words for screener's recommendation: Greenhouse, Lever score-system, Ashby Score
VENDOR_WORDS = {"strong_hire": ("strong_yes", "4 - Strong Hire", 4), "hire": ("yes", "3 - Hire", 3),
                "no_hire": ("no", "2 - No Hire", 2), "strong_no_hire": ("definitely_not", "1 - Strong No Hire", 1)}


@pytest.fixture
def card_path(tmp_path: Path, strong_transcript) -> Path:
    """A graded scorecard, logged as graded (as `screener grade` does), not yet reviewed."""
    card = grade(strong_transcript, "offline")
    path = tmp_path / "card.json"
    path.write_text(card.model_dump_json(indent=2))
    record_grading(card, sha256_hex(strong_transcript.numbered()), {"provider": "offline"})
    return path


@pytest.fixture
def reviewed(card_path: Path) -> Path:
    review_result(card_path, reviewer="Dana Levi", decision="advance", note="strong evals work")
    return card_path


def _fake(vendor: str):
    if vendor == "greenhouse":
        return fakes.FakeGreenhouse(KEYS[vendor], candidates={"123"}, users={4080})
    if vendor == "lever":
        template = fakes.LeverTemplate("tmpl-1", [
            {"id": "f-rating", "type": "score-system"}, {"id": "f-notes", "type": "textarea"},
            {"id": "f-card", "type": "scorecard", "scores": SCORECARD_ROWS}])
        return fakes.FakeLever(KEYS[vendor], opportunities={"opp-1"}, users={"user-7"}, template=template)
    return fakes.FakeAshby(KEYS[vendor], applications={"app-1"}, form_id="form-1",
                           fields={"overall": "Score", "notes": "RichText", "evals": "Score", "measure": "Score"})


def _config(tmp_path: Path, vendor: str, url: str, **extra: object) -> Path:
    sections = {
        "greenhouse": {"base_url": url, "user_id": 4080},
        "lever": {"base_url": f"{url}/v1", "perform_as": "user-7", "template_id": "tmpl-1", "rating_field": "f-rating",
                  "summary_field": "f-notes", "scorecard_field": "f-card",
                  "competencies": {"ai_eval": 0, "ai_measurement": 1}},
        "ashby": {"base_url": url, "form_definition_id": "form-1", "score_path": "overall", "summary_path": "notes",
                  "competencies": {"ai_eval": "evals", "ai_measurement": "measure"}},
    }
    path = tmp_path / "ats.yaml"
    path.write_text(json.dumps({vendor: {**sections[vendor], **extra}}))  # JSON is YAML
    return path


@pytest.fixture(params=["greenhouse", "lever", "ashby"])
def vendor(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch):
    for name, var in ENV.items():
        monkeypatch.setenv(var, KEYS[name])
    with _fake(request.param) as server:
        yield request.param, server


@pytest.fixture(autouse=True)
def _no_waiting(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    waits: list[float] = []
    monkeypatch.setattr("screener.ats.client.time.sleep", waits.append)
    return waits


def _push(card: Path, vendor: str, config: Path, *flags: str) -> int:
    return main(["ats", "push", str(card), "--to", vendor, "--target", TARGETS[vendor], "--config", str(config),
                 *flags])


def _pushes() -> list[dict]:
    events, _ = verified_events(resolve_path(None))
    return [e for e in events if e.get("event") == "ats_push"]


def _competency_ids(card: Path) -> dict[str, int | None]:
    return {c["id"]: c["score"] for c in json.loads(card.read_text())["competencies"]}


def test_reviewed_card_reaches_each_vendor_in_its_documented_shape(reviewed, vendor, tmp_path, capsys) -> None:
    name, server = vendor
    assert _push(reviewed, name, _config(tmp_path, name, server.url)) == 0
    [got] = server.requests
    scores = _competency_ids(reviewed)
    gh_word, lever_word, ashby_score = VENDOR_WORDS[json.loads(reviewed.read_text())["recommendation"]]
    if name == "greenhouse":
        assert got.path == "/v1/candidates/123/activity_feed/notes"
        assert got.headers["on-behalf-of"] == "4080" and got.body["visibility"] == "private"
        assert f"Greenhouse overall_recommendation: {gh_word}" in got.body["body"]
        assert "Reviewed by Dana Levi: advance" in got.body["body"]
        assert "(turn 1)" in got.body["body"]  # each quote keeps its turn
    elif name == "lever":
        assert got.path == "/v1/opportunities/opp-1/feedback" and got.query == {"perform_as": ["user-7"]}
        values = {v["id"]: v["value"] for v in got.body["fieldValues"]}
        assert values["f-rating"] == lever_word
        assert [row["score"] for row in values["f-card"]] == [scores["ai_eval"], scores["ai_measurement"]]
        assert "Reviewed by Dana Levi" in values["f-notes"]
    else:
        assert got.path == "/applicationFeedback.submit"
        subs = {s["path"]: s["value"] for s in got.body["feedbackForm"]["fieldSubmissions"]}
        assert subs["overall"] == {"score": ashby_score}
        assert subs["evals"] == {"score": scores["ai_eval"]}
        assert got.body["applicationId"] == "app-1" and got.body["formDefinitionId"] == "form-1"
    err = capsys.readouterr().err
    assert f"pushed to {name}" in err and KEYS[name] not in err
    [event] = _pushes()
    assert event["ok"] is True and event["vendor"] == name and event["reviewed"] is True
    assert event["target_sha256"] == sha256_hex(f"{name}:{TARGETS[name]}")
    assert KEYS[name] not in resolve_path(None).read_text()  # the key is never stored


def test_a_card_nobody_reviewed_is_not_pushed_unless_asked(card_path, vendor, tmp_path, capsys) -> None:
    name, server = vendor
    config = _config(tmp_path, name, server.url)
    assert _push(card_path, name, config) == 2
    err = capsys.readouterr().err
    assert "no person has reviewed this scorecard" in err and "screener review" in err and err.count("\n") == 1
    assert server.requests == [] and _pushes() == []
    assert _push(card_path, name, config, "--allow-unreviewed") == 0
    assert "UNREVIEWED" in capsys.readouterr().err
    assert "Not reviewed by a person yet." in json.dumps(server.requests[0].body)
    assert _pushes()[0]["reviewed"] is False


def test_second_push_of_the_same_card_needs_update(reviewed, vendor, tmp_path, capsys) -> None:
    name, server = vendor
    config = _config(tmp_path, name, server.url)
    assert _push(reviewed, name, config) == 0
    capsys.readouterr()
    assert _push(reviewed, name, config) == 2
    assert "already pushed" in capsys.readouterr().err and len(server.requests) == 1
    assert _push(reviewed, name, config, "--update") == 0
    first, second = _pushes()
    assert second["update"] is True and second["replaces_seq"] == first["seq"]


def test_an_edited_card_is_refused(reviewed, vendor, tmp_path, capsys) -> None:
    name, server = vendor
    data = json.loads(reviewed.read_text())
    data["recommendation"] = "hire" if data["recommendation"] != "hire" else "no_hire"
    reviewed.write_text(json.dumps(data))
    assert _push(reviewed, name, _config(tmp_path, name, server.url)) == 1
    assert "differs from the one graded" in capsys.readouterr().err and server.requests == []


def test_dry_run_prints_the_exact_request_with_the_key_masked(card_path, vendor, tmp_path, capsys) -> None:
    name, server = vendor
    assert _push(card_path, name, _config(tmp_path, name, server.url), "--dry-run") == 0
    out, err = capsys.readouterr()
    assert server.requests == [] and _pushes() == []
    assert out.splitlines()[0].startswith("POST http://127.0.0.1:")
    assert "Authorization: Basic ***" in out and KEYS[name] not in out + err
    body = json.loads(out.split("\n\n", 1)[1])
    # what would be sent is what is sent: push for real and compare
    assert _push(card_path, name, _config(tmp_path, name, server.url), "--allow-unreviewed") == 0
    assert server.requests[0].body == body


@pytest.mark.parametrize("status", [401, 403, 404, 422])
def test_documented_errors_are_one_line_and_exit_2(reviewed, vendor, tmp_path, capsys, monkeypatch, status) -> None:
    name, server = vendor
    config = _config(tmp_path, name, server.url)
    if status == 401:
        monkeypatch.setenv(ENV[name], "wrong-key-0000000000")
        argv_target = TARGETS[name]
    elif status == 403:
        config = _config(tmp_path, name, server.url,
                         **({"user_id": 1} if name == "greenhouse" else {"perform_as": "nobody"} if name == "lever"
                            else {}))
        if name == "ashby":
            server.fail(403, {"success": False, "errors": ["missing_endpoint_permission"]})
        argv_target = TARGETS[name]
    elif status == 404:
        argv_target = {"greenhouse": "999", "lever": "opp-404", "ashby": "app-404"}[name]
    else:
        config = _config(tmp_path, name, server.url,
                         **({"visibility": "private"} if name == "greenhouse" else
                            {"rating_field": "f-nope"} if name == "lever" else {"score_path": "nope"}))
        if name == "greenhouse":
            server.fail(422, {"message": "Validation error", "errors": [{"field": "user_id", "message": "bad user"}]})
        argv_target = TARGETS[name]
    code = main(["ats", "push", str(reviewed), "--to", name, "--target", argv_target, "--config", str(config)])
    err = capsys.readouterr().err
    assert code == 2, err
    assert err.count("\n") == 1 and err.startswith("screener: error: ") and "Traceback" not in err
    assert f"({status}" in err
    assert "wrong-key" not in err and KEYS[name] not in err
    hint = {401: ENV[name], 404: "--target", 403: "403", 422: name}[status]
    assert hint in err
    [event] = _pushes()
    assert event["ok"] is False and event["status"] == status


def test_rate_limit_waits_what_the_server_asked_then_succeeds(reviewed, vendor, tmp_path, _no_waiting) -> None:
    name, server = vendor
    server.fail(429, headers={"Retry-After": "7"})
    server.fail(503)
    assert _push(reviewed, name, _config(tmp_path, name, server.url)) == 0
    assert _no_waiting == [7.0, 2.0]  # retry-after honoured, then backoff
    assert len(server.requests) == 3 and _pushes()[0]["attempts"] == 3


def test_rate_limit_that_persists_exits_1_and_says_push_again(reviewed, vendor, tmp_path, capsys) -> None:
    name, server = vendor
    server.fail(429, headers={"Retry-After": "1"}, times=10)
    assert _push(reviewed, name, _config(tmp_path, name, server.url)) == 1
    err = capsys.readouterr().err
    assert "429" in err and "push again later" in err and err.count("\n") == 1
    assert len(server.requests) == 4  # one try and three retries


def test_missing_key_names_the_variable(reviewed, vendor, tmp_path, capsys, monkeypatch) -> None:
    name, server = vendor
    monkeypatch.delenv(ENV[name])
    assert _push(reviewed, name, _config(tmp_path, name, server.url)) == 2
    assert f"set {ENV[name]}" in capsys.readouterr().err and server.requests == []


def test_unreachable_ats_is_one_line_exit_1(reviewed, tmp_path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("GREENHOUSE_API_KEY", KEYS["greenhouse"])
    with _fake("greenhouse") as server:
        url = server.url
    assert _push(reviewed, "greenhouse", _config(tmp_path, "greenhouse", url)) == 1
    assert "could not be reached" in capsys.readouterr().err


def test_greenhouse_note_escapes_html_from_the_transcript(tmp_path, capsys, monkeypatch, strong_transcript) -> None:
    monkeypatch.setenv("GREENHOUSE_API_KEY", KEYS["greenhouse"])
    card = grade(strong_transcript, "offline").model_copy(update={"candidate": "<img src=x onerror=alert(1)>"})
    path = tmp_path / "card.json"
    path.write_text(card.model_dump_json())
    record_grading(card, "a" * 64, {})
    with _fake("greenhouse") as server:
        assert _push(path, "greenhouse", _config(tmp_path, "greenhouse", server.url), "--allow-unreviewed") == 0
        note = server.requests[0].body["body"]
    assert "<img" not in note and "&lt;img src=x onerror=alert(1)&gt;" in note


def test_greenhouse_words_come_from_the_shared_vocabulary() -> None:
    assert {overall_recommendation(r) for r in RECOMMENDATIONS} == set(OVERALL_RECOMMENDATIONS)
    assert overall_recommendation("strong_no_hire") == "definitely_not"
    assert overall_recommendation("no_decision") == "no_decision"


def test_quotes_show_their_time_when_the_transcript_has_one(reviewed, tmp_path, monkeypatch, strong_transcript) -> None:
    monkeypatch.setenv("ASHBY_API_KEY", KEYS["ashby"])
    cues = []
    for i, turn in enumerate(strong_transcript.turns):  # the transcript the card was graded from, timed
        cues.append(f"00:{i:02d}:05.000 --> 00:{i:02d}:09.000\n<v {turn.speaker}>{turn.text}")
    transcript = tmp_path / "interview.vtt"
    transcript.write_text("WEBVTT\n\n" + "\n\n".join(cues) + "\n")
    graded = Scorecard.model_validate_json(reviewed.read_text())
    record_grading(graded_form(graded), sha256_hex(transcript.read_text()), {})  # as if graded from this file
    with _fake("ashby") as server:
        assert _push(reviewed, "ashby", _config(tmp_path, "ashby", server.url), "--transcript", str(transcript)) == 0
        subs = server.requests[0].body["feedbackForm"]["fieldSubmissions"]
    notes = {s["path"]: s["value"] for s in subs}["notes"]
    assert "(turn 1, 01:05)" in notes or "(turn 1, 1:05)" in notes
    assert "(turn 3, 03:05)" in notes or "(turn 3, 3:05)" in notes


def test_a_vendor_that_echoes_the_key_does_not_get_it_printed(reviewed, vendor, tmp_path, capsys) -> None:
    name, server = vendor
    server.fail(401, {"message": f"bad credentials {KEYS[name]}", "success": False})
    assert _push(reviewed, name, _config(tmp_path, name, server.url)) == 2
    err = capsys.readouterr().err
    assert "(401" in err and KEYS[name] not in err
    assert KEYS[name] not in resolve_path(None).read_text()


def test_ashby_success_false_is_a_failed_push(reviewed, tmp_path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("ASHBY_API_KEY", KEYS["ashby"])
    with _fake("ashby") as server:
        config = _config(tmp_path, "ashby", server.url, form_definition_id="form-unknown")
        assert _push(reviewed, "ashby", config) == 2
    err = capsys.readouterr().err
    assert "ashby did not accept the push: invalid_input: unknown formDefinitionId" in err and err.count("\n") == 1
    assert _pushes()[0]["ok"] is False


def test_a_retry_after_too_long_to_wait_is_not_waited_out(reviewed, vendor, tmp_path, capsys, _no_waiting) -> None:
    name, server = vendor
    server.fail(429, headers={"Retry-After": "3600"})
    assert _push(reviewed, name, _config(tmp_path, name, server.url)) == 1
    assert _no_waiting == [] and len(server.requests) == 1
    assert "it asked to wait 3600s" in capsys.readouterr().err


def test_a_transcript_the_card_was_not_graded_from_is_refused(reviewed, tmp_path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("ASHBY_API_KEY", KEYS["ashby"])
    other = tmp_path / "other.txt"
    other.write_text("Interviewer: Hi\nSam: hello there, I built a RAG system\n")
    with _fake("ashby") as server:
        assert _push(reviewed, "ashby", _config(tmp_path, "ashby", server.url), "--transcript", str(other)) == 2
        assert server.requests == []
    assert "--transcript is not the transcript this scorecard was graded from" in capsys.readouterr().err


def test_one_record_of_batch_results_can_be_pushed(tmp_path, capsys, monkeypatch, strong_transcript) -> None:
    monkeypatch.setenv("LEVER_API_KEY", KEYS["lever"])
    src = tmp_path / "in"
    src.mkdir()
    (src / "priya.txt").write_text("\n".join(f"{t.speaker}: {t.text}" for t in strong_transcript.turns) + "\n")
    results = tmp_path / "r.jsonl"
    assert main(["batch", str(src), "-o", str(results), "-q"]) == 0
    sha = json.loads(results.read_text().splitlines()[0])["sha256"]
    assert main(["review", str(results), "--id", sha[:8], "--reviewer", "Dana Levi", "--decision", "hold"]) == 0
    with _fake("lever") as server:
        code = main(["ats", "push", str(results), "--id", sha[:8], "--to", "lever", "--target", "opp-1",
                     "--config", str(_config(tmp_path, "lever", server.url)),
                     "--transcript", str(src / "priya.txt")])
        assert code == 0, capsys.readouterr().err
        notes = {v["id"]: v["value"] for v in server.requests[0].body["fieldValues"]}["f-notes"]
    assert "Reviewed by Dana Levi: hold" in notes


@pytest.mark.parametrize("name", ["lever", "ashby"])
def test_fields_prints_a_config_section_that_pushes(name, reviewed, tmp_path, capsys, monkeypatch) -> None:
    monkeypatch.setenv(ENV[name], KEYS[name])
    with _fake(name) as server:
        base = f"{server.url}/v1" if name == "lever" else server.url
        ident = "tmpl-1" if name == "lever" else "form-1"
        assert main(["ats", "fields", "--to", name, "--id", ident, "--base-url", base]) == 0
        section = capsys.readouterr().out
        assert "ai_eval" in section  # the rubric's competencies are listed to map rows onto
        data = yaml.safe_load(section)[name]
        if name == "lever":
            assert data == {"perform_as": "USER_ID", "template_id": "tmpl-1", "rating_field": "f-rating",
                            "summary_field": "f-notes", "scorecard_field": "f-card", "competencies": None}
            assert '#   row 1: "Measurement"' in section
            data.update(perform_as="user-7", competencies={"ai_eval": 0, "ai_measurement": 1}, base_url=base)
        else:
            assert data["form_definition_id"] == "form-1" and data["score_path"] == "overall"
            assert data["summary_path"] == "notes" and "#   evals: " in section
            data.update(competencies={"ai_eval": "evals"}, base_url=base)
        config = tmp_path / "from-fields.yaml"
        config.write_text(yaml.safe_dump({name: data}))
        assert _push(reviewed, name, config) == 0  # the printed section, filled in, is accepted by the fake
        assert server.requests[-1].method == "POST"


def test_fields_errors_are_one_line(tmp_path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("LEVER_API_KEY", KEYS["lever"])
    monkeypatch.setenv("ASHBY_API_KEY", KEYS["ashby"])
    assert main(["ats", "fields", "--to", "greenhouse", "--id", "x"]) == 2
    assert "needs only user_id" in capsys.readouterr().err
    with _fake("lever") as server:
        assert main(["ats", "fields", "--to", "lever", "--id", "nope", "--base-url", f"{server.url}/v1"]) == 2
        assert "lever answered 404" in capsys.readouterr().err
    with _fake("ashby") as server:
        assert main(["ats", "fields", "--to", "ashby", "--id", "nope", "--base-url", server.url]) == 2
        assert "ashby did not return form nope: feedback_form_definition_not_found" in capsys.readouterr().err
    assert main(["ats", "fields", "--to", "lever", "--id", "t", "--base-url", "http://api.lever.co/v1"]) == 2
    assert "must be an https:// URL" in capsys.readouterr().err


def test_greenhouse_ids_are_numbers_and_visibility_follows_the_config(card_path, tmp_path, capsys) -> None:
    with _fake("greenhouse") as server:
        config = _config(tmp_path, "greenhouse", server.url, visibility="admin_only")
        code = main(["ats", "push", str(card_path), "--to", "greenhouse", "--target", "opp-1", "--config", str(config),
                     "--dry-run"])
        assert code == 2 and "a Greenhouse candidate id is a number" in capsys.readouterr().err
        assert _push(card_path, "greenhouse", config, "--dry-run") == 0
    assert '"visibility": "admin_only"' in capsys.readouterr().out


def test_no_decision_is_left_off_every_rating_scale(vendor, tmp_path, strong_transcript) -> None:
    name, server = vendor
    card = grade(strong_transcript, "offline").model_copy(update={"recommendation": "no_decision"})
    path = tmp_path / "card.json"
    path.write_text(card.model_dump_json())
    record_grading(card, "b" * 64, {})
    assert _push(path, name, _config(tmp_path, name, server.url), "--allow-unreviewed") == 0
    body = server.requests[0].body
    if name == "greenhouse":
        assert "Greenhouse overall_recommendation: no_decision" in body["body"]
    elif name == "lever":
        assert "f-rating" not in {v["id"] for v in body["fieldValues"]}
        assert "Recommendation: No decision (reschedule)" in json.dumps(body)
    else:
        assert "overall" not in {s["path"] for s in body["feedbackForm"]["fieldSubmissions"]}


# --- Greenhouse Harvest v3 (auth: v3): OAuth client credentials, then POST /v3/notes -----------------------------

GH3_CLIENT_ID = "gh3-client-id-4f1e"
GH3_SECRET = "gh3-client-secret-9c2d7a01"
GH3_ENV = "GREENHOUSE_CLIENT_SECRET"


@pytest.fixture
def gh3(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv(GH3_ENV, GH3_SECRET)
    monkeypatch.delenv("GREENHOUSE_API_KEY", raising=False)  # v3 never reads the v1 key
    with fakes.FakeGreenhouse("v1-key-unused", candidates={"123"}, users={4080}, client_id=GH3_CLIENT_ID,
                              client_secret=GH3_SECRET) as server:
        yield server


def _gh3_config(tmp_path: Path, server: fakes.FakeGreenhouse, **extra: object) -> Path:
    return _config(tmp_path, "greenhouse", server.url, auth="v3", client_id=GH3_CLIENT_ID, token_url=server.token_url,
                   **extra)


def _secret_nowhere(*texts: str) -> None:
    for text in (*texts, resolve_path(None).read_text() if resolve_path(None).exists() else ""):
        assert GH3_SECRET not in text and "gh-v3-access-" not in text


def test_v3_push_fetches_a_token_for_the_user_then_posts_the_note(reviewed, gh3, tmp_path, capsys) -> None:
    assert _push(reviewed, "greenhouse", _gh3_config(tmp_path, gh3)) == 0
    token, note = gh3.requests
    assert (token.method, token.path) == ("POST", "/token")
    assert token.headers["content-type"].startswith("application/x-www-form-urlencoded")
    assert token.body == "grant_type=client_credentials&sub=4080"
    assert (note.method, note.path) == ("POST", "/v3/notes")
    assert note.headers["authorization"] == "Bearer gh-v3-access-1" and "on-behalf-of" not in note.headers
    assert {k: note.body[k] for k in ("candidate_id", "user_id", "visibility", "note_type")} == {
        "candidate_id": 123, "user_id": 4080, "visibility": "private", "note_type": "NOTE"}
    word = VENDOR_WORDS[json.loads(reviewed.read_text())["recommendation"]][0]
    assert f"Greenhouse overall_recommendation: {word}" in note.body["body"]
    assert "Reviewed by Dana Levi: advance" in note.body["body"]
    err = capsys.readouterr().err
    assert "pushed to greenhouse" in err
    [event] = _pushes()
    assert event["ok"] is True and event["status"] == 201 and event["vendor_reference"]
    _secret_nowhere(err)


def test_v3_dry_run_prints_both_requests_with_the_secret_masked(card_path, gh3, tmp_path, capsys) -> None:
    config = _gh3_config(tmp_path, gh3, visibility="admin_only")
    assert _push(card_path, "greenhouse", config, "--dry-run") == 0
    out, err = capsys.readouterr()
    assert gh3.requests == [] and _pushes() == []
    token_part, note_part = out.split(f"POST {gh3.url}/v3/notes\n")
    assert token_part.splitlines()[:5] == [
        f"POST {gh3.url}/token", "User-Agent: screener-ats/1", "Content-Type: application/x-www-form-urlencoded",
        "Authorization: Basic ***", ""]
    assert "grant_type=client_credentials&sub=4080" in token_part
    assert "Authorization: Bearer ***" in note_part and "On-Behalf-Of" not in out
    body = json.loads(note_part.split("\n\n", 1)[1])
    assert body["visibility"] == "admin_only" and body["note_type"] == "NOTE" and body["candidate_id"] == 123
    _secret_nowhere(out, err)
    # what would be sent is what is sent
    assert _push(card_path, "greenhouse", config, "--allow-unreviewed") == 0
    assert gh3.requests[1].body == body


def test_v3_dry_run_needs_no_secret(card_path, gh3, tmp_path, capsys, monkeypatch) -> None:
    monkeypatch.delenv(GH3_ENV)
    assert _push(card_path, "greenhouse", _gh3_config(tmp_path, gh3), "--dry-run") == 0
    assert "Authorization: Basic ***" in capsys.readouterr().out


def test_v3_token_is_fetched_once_even_when_the_note_is_retried(reviewed, gh3, tmp_path, _no_waiting) -> None:
    gh3.fail(429, headers={"Retry-After": "5"}, path="/token")
    gh3.fail(503, path="/v3/notes")
    assert _push(reviewed, "greenhouse", _gh3_config(tmp_path, gh3)) == 0
    assert [r.path for r in gh3.requests] == ["/token", "/token", "/v3/notes", "/v3/notes"]
    assert _no_waiting == [5.0, 1.0]  # the token endpoint's retry-after, then the note's backoff
    assert len(gh3.tokens) == 1
    assert {r.headers["authorization"] for r in gh3.requests[2:]} == {"Bearer gh-v3-access-1"}
    assert _pushes()[0]["attempts"] == 2


def test_v3_token_endpoint_that_keeps_rate_limiting_exits_1(reviewed, gh3, tmp_path, capsys) -> None:
    gh3.fail(429, headers={"Retry-After": "1"}, times=10, path="/token")
    assert _push(reviewed, "greenhouse", _gh3_config(tmp_path, gh3)) == 1
    err = capsys.readouterr().err
    assert "429" in err and "push again later" in err and err.count("\n") == 1
    assert [r.path for r in gh3.requests] == ["/token"] * 4


@pytest.mark.parametrize("case", ["bad-secret", "unknown-user", "note-401", "note-403", "note-404", "note-422"])
def test_v3_errors_are_one_line_and_exit_2(reviewed, gh3, tmp_path, capsys, monkeypatch, case) -> None:
    config, target = _gh3_config(tmp_path, gh3), "123"
    status, hint = {"bad-secret": (401, GH3_ENV), "unknown-user": (400, "greenhouse.user_id"),
                    "note-401": (401, GH3_ENV), "note-403": (403, "harvest:notes:create"),
                    "note-404": (404, "--target"), "note-422": (422, "greenhouse.visibility")}[case]
    if case == "bad-secret":
        monkeypatch.setenv(GH3_ENV, "wrong-secret-000000")
    elif case == "unknown-user":
        config = _gh3_config(tmp_path, gh3, user_id=1)
    elif case == "note-404":
        target = "999"
    else:
        gh3.fail(status, {"message": f"scripted {status}"}, path="/v3/notes")
    code = main(["ats", "push", str(reviewed), "--to", "greenhouse", "--target", target, "--config", str(config)])
    err = capsys.readouterr().err
    assert code == 2, err
    assert err.count("\n") == 1 and err.startswith("screener: error: ") and "Traceback" not in err
    assert f"{status}" in err and hint in err
    if case == "bad-secret":
        assert "greenhouse.client_id" in err and "wrong-secret" not in err
        assert [r.path for r in gh3.requests] == ["/token"]
    _secret_nowhere(err)
    [event] = _pushes()
    assert event["ok"] is False and event["status"] == status


def test_v3_missing_secret_names_the_variable(reviewed, gh3, tmp_path, capsys, monkeypatch) -> None:
    monkeypatch.delenv(GH3_ENV)
    assert _push(reviewed, "greenhouse", _gh3_config(tmp_path, gh3)) == 2
    err = capsys.readouterr().err
    assert f"set {GH3_ENV}" in err and "OAuth client secret" in err and gh3.requests == []


@pytest.mark.parametrize(("extra", "says"), [
    ({"auth": "v3"}, "greenhouse: auth v3 needs client_id"),
    ({"client_id": "abc"}, "greenhouse: client_id and token_url are for auth: v3"),
    ({"auth": "v3", "client_id": "abc", "client_secret": GH3_SECRET}, "greenhouse.client_secret: "),
    ({"auth": "v3", "client_id": "abc", "token_url": "http://auth.example/token"}, "greenhouse.token_url: must be"),
    ({"auth": "v2"}, "greenhouse.auth: Input should be 'v1' or 'v3'"),
])
def test_v3_config_mistakes_are_one_line(card_path, tmp_path, capsys, extra, says) -> None:
    config = _config(tmp_path, "greenhouse", "https://harvest.greenhouse.io", **extra)
    assert _push(card_path, "greenhouse", config, "--dry-run") == 2
    err = capsys.readouterr().err
    assert says in err and err.count("\n") == 1 and GH3_SECRET not in err and "Traceback" not in err
    if "client_secret" in says:
        assert "do not go in the config file" in err
