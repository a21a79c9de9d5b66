"""The workspace in-process (Starlette TestClient) on a real store (SQLite, and PostgreSQL when there is one):
log in, submit, wait for the background grading, override, decide, find it again, compare; and the attacks."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient
from store_fixtures import *  # noqa: F403 - the db_url and store fixtures

from screener.store import Store, add_member, add_user, get_or_create_requisition, set_disabled
from screener.web import WebConfig, create_app

FIXTURES = Path(__file__).parent / "fixtures" / "transcripts"
PLAIN = (FIXTURES / "plain.txt").read_text(encoding="utf-8")
ZOOM = (FIXTURES / "zoom.vtt").read_text(encoding="utf-8")
PASSWORD = "correct horse battery staple"
SECRET = "workspace-test-secret-" + "s" * 32


class User:
    """One person's browser on the workspace: their own cookies, the page's CSRF token on every post."""

    def __init__(self, http: TestClient) -> None:
        self.http = http

    def token(self, path: str = "/interviews/new") -> str:
        body = self.http.get(path).text
        match = re.search(r'name="csrf_token" value="([^"]+)"', body)
        assert match, body[:500]
        return match[1]

    def login(self, username: str, password: str = PASSWORD) -> Any:
        token = self.token("/login")
        return self.http.post("/login", data={"username": username, "password": password, "csrf_token": token,
                                              "next": "/interviews"}, follow_redirects=False)

    def post(self, path: str, data: dict[str, str], headers: dict[str, str] | None = None,
             csrf: bool = True) -> Any:
        fields = {**data, "csrf_token": self.token()} if csrf else data
        return self.http.post(path, data=fields, headers=headers or {}, follow_redirects=False)

    def submit(self, text: str = PLAIN, **fields: str) -> str:
        r = self.post("/interviews", {"text": text, "role": "ai_engineer", **fields})
        assert r.status_code == 303, r.text[:2000]
        location = r.headers["location"]
        self.wait(location)
        return location

    def wait(self, location: str) -> dict[str, Any]:
        for _ in range(600):
            status = self.http.get(location + "/status").json()
            if status["state"] in ("done", "failed"):
                return status
            time.sleep(0.05)
        raise AssertionError(f"grading never finished: {status}")


@pytest.fixture
def team(store: Store) -> Store:
    with store.session() as s:
        users = {name: add_user(s, name, PASSWORD, role) for name, role in [
            ("alice", "interviewer"), ("bob", "interviewer"), ("hana", "hiring_manager"), ("root", "admin")]}
        req1 = get_or_create_requisition(s, "REQ-1", title="AI engineer", role="ai_engineer")
        req2 = get_or_create_requisition(s, "REQ-2", title="ML engineer", role="ml_engineer")
        for name in ("alice", "hana"):
            add_member(s, req1, users[name])
        add_member(s, req2, users["bob"])
    return store


@pytest.fixture
def app(team: Store) -> Starlette:
    return create_app(WebConfig(secret_key=SECRET, require_login=True, login_attempts=3,
                                trusted_proxies=["10.9.0.0/24"], sso_header="X-Forwarded-User"), store=team)


@pytest.fixture
def browsers(app: Starlette) -> Iterator[dict[str, User]]:
    clients = {name: TestClient(app) for name in ("alice", "bob", "hana", "root", "anon")}
    for c in clients.values():
        c.__enter__()
    try:
        people = {name: User(c) for name, c in clients.items()}
        for name in ("alice", "bob", "hana", "root"):
            assert people[name].login(name).status_code == 303
        yield people
    finally:
        for c in clients.values():
            c.__exit__(None, None, None)


def audit_events(monkeypatch_log: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in monkeypatch_log.read_text().splitlines()]


# -- logging in ---------------------------------------------------------------------------------------------------
def test_every_page_needs_a_login_and_a_wrong_password_is_refused(browsers: dict[str, User]) -> None:
    anon = browsers["anon"]
    for path in ("/", "/interviews", "/interviews/new", "/interviews/1", "/requisitions", "/candidates/1"):
        r = anon.http.get(path, follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"].startswith("/login?next="), path
    assert anon.http.get("/interviews/1/status").status_code == 401
    assert anon.http.get("/static/style.css").status_code == 200  # the login page's own files
    r = anon.login("alice", "wrong password")
    assert r.status_code == 401 and "wrong username or password" in r.text
    assert anon.login("nobody", "whatever").status_code == 401
    r = anon.http.get("/interviews", follow_redirects=False)
    assert r.status_code == 303


def test_logins_are_rate_limited_per_user_and_address(browsers: dict[str, User]) -> None:
    anon = browsers["anon"]
    for _ in range(3):
        assert anon.login("bob", "guess").status_code == 401
    r = anon.login("bob")  # the right password, but too many failures just now
    assert r.status_code == 429 and "too many failed sign-ins; try again in" in r.text
    assert browsers["bob"].http.get("/interviews").status_code == 200  # bob's own session is untouched


def test_the_login_page_is_no_open_redirect(browsers: dict[str, User]) -> None:
    anon = browsers["anon"]
    for target in ("//evil.example/", "https://evil.example/", "/\\evil.example"):
        token = anon.token("/login")
        r = anon.http.post("/login", data={"username": "alice", "password": PASSWORD, "csrf_token": token,
                                           "next": target}, follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"] == "/", target
        anon.post("/logout", {})


def test_logout_ends_the_session_and_its_token(browsers: dict[str, User]) -> None:
    alice = browsers["alice"]
    old = alice.token()
    assert 'id="who-am-i"' in alice.http.get("/interviews").text
    assert alice.post("/logout", {}).headers["location"] == "/login?signed_out=1"
    assert alice.http.get("/interviews", follow_redirects=False).status_code == 303
    r = alice.http.post("/login", data={"username": "alice", "password": PASSWORD, "csrf_token": old},
                        follow_redirects=False)
    assert r.status_code == 403  # the signed-out session has a new token: the old one is dead


def test_a_disabled_user_is_signed_out_on_the_next_request(browsers: dict[str, User], team: Store) -> None:
    assert browsers["bob"].http.get("/interviews").status_code == 200
    with team.session() as s:
        set_disabled(s, "bob")
    assert browsers["bob"].http.get("/interviews", follow_redirects=False).status_code == 303


def test_the_sso_header_counts_only_from_a_trusted_proxy(app: Starlette) -> None:
    with TestClient(app, client=("10.9.0.7", 40000)) as proxy:
        r = proxy.get("/interviews", headers={"X-Forwarded-User": "hana"})
        assert r.status_code == 200 and "hana · hiring manager" in r.text
        assert proxy.get("/interviews", headers={"X-Forwarded-User": "nobody"}, follow_redirects=False).status_code == 303
    with TestClient(app, client=("192.0.2.1", 40000)) as outsider:  # the same header from anywhere else
        assert outsider.get("/interviews", headers={"X-Forwarded-User": "root"}, follow_redirects=False).status_code == 303


# -- the loop ---------------------------------------------------------------------------------------------------
def test_submit_grade_override_decide_and_everything_is_kept_and_audited(
        browsers: dict[str, User], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from screener.audit import verify

    log = tmp_path / "audit.jsonl"
    monkeypatch.setenv("SCREENER_AUDIT_LOG", str(log))
    alice = browsers["alice"]
    r = alice.post("/interviews", {"text": PLAIN, "role": "ai_engineer", "requisition": "REQ-1",
                                   "candidate_name": "Sam Okafor", "interviewed_on": "2026-11-20"})
    assert r.status_code == 303
    location = r.headers["location"]
    first = alice.http.get(location).text  # the page before the job is done shows progress, or the card
    assert 'id="job"' in first or 'id="recommendation"' in first
    assert alice.wait(location)["state"] == "done"
    page = alice.http.get(location).text
    assert 'id="recommendation"' in page and 'class="mark-label"' in page
    assert 'id="coach"' in page and "Kit coverage" in page  # the interviewer's report, its own panel
    assert 'href="/requisitions/REQ-1/compare"' in page

    # an override needs a reason
    r = alice.post(location + "/override", {"field": "ai_eval", "value": "2", "reason": "  "})
    assert r.status_code == 400 and "an override needs a reason" in r.text
    r = alice.post(location + "/override", {"field": "ai_eval", "value": "2", "reason": "the eval set was not theirs"})
    assert r.status_code == 303
    page = alice.http.get(location).text
    override = re.search(r'id="override-ai_eval">(.*?)</p>', page, re.S)[1]  # type: ignore[index]
    assert "2/4" in override and "alice" in override and "the eval set was not theirs" in override
    assert "grader: " in override  # the grader's value stays beside it
    score = re.search(r'id="score-ai_eval">(.*?)</span>', page, re.S)[1]  # type: ignore[index]
    assert re.fullmatch(r'<s class="grader-score" title="the grader\'s score">\d/4</s> 2/4', score.strip()), score
    r = alice.post(location + "/override", {"field": "recommendation", "value": "no_hire", "reason": "thin evidence"})
    assert r.status_code == 303
    assert 'id="recommendation-override">No hire<' in alice.http.get(location).text

    # the decision
    r = alice.post(location + "/decision", {"decision": "hold", "note": "ask about the judge calibration"})
    assert r.status_code == 303
    page = alice.http.get(location).text
    assert re.search(r'id="current-decision"><strong class="decision-hold">Hold</strong>\s*by alice', page)
    r = alice.post(location + "/decision", {"decision": "maybe"})
    assert r.status_code == 400 and "choose one of advance, reject, hold" in r.text

    events = audit_events(log)
    kinds = [e["event"] for e in events]
    assert kinds == ["grade", "override", "override", "review"], kinds
    review = events[-1]
    assert review["decision"] == "hold" and review["via"] == "web" and review["note_sha256"]
    text = log.read_text()
    assert "judge calibration" not in text and "alice" not in text and "thin evidence" not in text
    assert verify(log).ok


def test_the_coach_panel_names_a_question_not_to_ask_in_sentences(browsers: dict[str, User]) -> None:
    """The panel says the topic, why it must not be asked and what to ask instead, each a sentence of its own
    (the reason does not run into "Instead:")."""
    alice = browsers["alice"]
    text = PLAIN.replace("Dana Whitfield: Thanks for joining, Sam.",
                         "Dana Whitfield: Before we start, how old are you, if you don't mind me asking?\n"
                         "Sam Okafor: I'd rather not say.\nDana Whitfield: Thanks for joining, Sam.", 1)
    assert text != PLAIN
    location = alice.submit(text, requisition="REQ-1")
    page = alice.http.get(location).text
    item = re.search(r'<ul id="coach-unlawful"[^>]*><li>(.*?)</li>', page, re.S)[1]  # type: ignore[index]
    words = " ".join(re.sub(r"<[^>]+>", " ", item).split())
    assert "how old are you" in words and "— age: Age is protected" in words
    assert re.search(r"discriminate\. Instead: If a minimum age is a legal requirement, ask only whether they are "
                     r"over 18\.$", words), words


def test_the_interview_list_filters_and_the_candidate_page(browsers: dict[str, User]) -> None:
    alice = browsers["alice"]
    sam = alice.submit(PLAIN, requisition="REQ-1", interviewed_on="2026-11-02")
    jordan = alice.submit(ZOOM, requisition="REQ-1", candidate_name="Jordan Lee", interviewed_on="2026-11-09")
    alice.post(sam + "/decision", {"decision": "advance", "note": ""})

    def ids(query: str) -> list[str]:
        body = alice.http.get("/interviews" + query).text
        return re.findall(r'<tr id="row-(\d+)">', body)

    sam_id, jordan_id = sam.rsplit("/", 1)[1], jordan.rsplit("/", 1)[1]
    assert ids("") == [jordan_id, sam_id]  # newest first
    assert ids("?candidate=jord") == [jordan_id]
    assert ids("?decision=advance") == [sam_id] and ids("?decision=none") == [jordan_id]
    assert ids("?reviewer=alice") == [sam_id]
    assert ids("?date_from=2026-11-05") == [jordan_id] and ids("?date_to=2026-11-05") == [sam_id]
    assert ids("?requisition=REQ-1") == [jordan_id, sam_id] and ids("?requisition=REQ-2") == []
    r = alice.http.get("/interviews?date_from=last+week")
    assert r.status_code == 400 and "use YYYY-MM-DD" in r.text
    body = alice.http.get("/interviews?candidate=Sam").text
    candidate = re.search(r'href="/candidates/(\d+)"', body)[1]  # type: ignore[index]
    page = alice.http.get(f"/candidates/{candidate}").text
    assert "Sam Okafor" in page and f'<tr id="row-{sam_id}">' in page and f'row-{jordan_id}' not in page


def test_compare_the_candidates_of_a_requisition(browsers: dict[str, User]) -> None:
    alice, hana = browsers["alice"], browsers["hana"]
    sam = alice.submit(PLAIN, requisition="REQ-1")
    jordan = alice.submit(ZOOM, requisition="REQ-1", candidate_name="Jordan Lee", role="ml_engineer")
    assert "Graded for</span><strong>AI engineer" in alice.http.get(jordan).text  # the requisition's role wins
    hana.post(sam + "/override", {"field": "ai_eval", "value": "1", "reason": "rehearsed"})
    hana.post(sam + "/decision", {"decision": "reject", "note": "n"})
    page = hana.http.get("/requisitions/REQ-1/compare").text
    head = re.search(r"<thead>(.*?)</thead>", page, re.S)[1]  # type: ignore[index]
    assert head.index("Jordan Lee") < head.index("Sam Okafor")
    row = re.search(r'<tr id="cmp-ai_eval">(.*?)</tr>', page, re.S)[1]  # type: ignore[index]
    assert "1/4" in row and "hana" in row and 'class="best-quote"' in row
    decisions = re.search(r'<tr id="cmp-decisions">(.*?)</tr>', page, re.S)[1]  # type: ignore[index]
    assert "Reject — hana" in decisions and "not decided" in decisions


# -- the attacks -----------------------------------------------------------------------------------------------
def test_another_users_interview_by_id_is_not_found(browsers: dict[str, User]) -> None:
    alice, bob = browsers["alice"], browsers["bob"]
    location = alice.submit(PLAIN, requisition="REQ-1")
    for path in (location, location + "/status", location + "/scorecard.json"):
        r = bob.http.get(path)
        assert r.status_code == 404, path
        assert "Sam Okafor" not in r.text
    for path, data in ((location + "/decision", {"decision": "reject"}),
                       (location + "/override", {"field": "recommendation", "value": "no_hire", "reason": "x"})):
        assert bob.post(path, data).status_code == 404
    assert bob.http.get("/candidates/1").status_code == 404
    assert re.findall(r'<tr id="row-', bob.http.get("/interviews").text) == []
    # the hiring manager of REQ-1 and the admin see it
    assert browsers["hana"].http.get(location).status_code == 200
    assert browsers["root"].http.get(location).status_code == 200
    assert "Not decided yet" in alice.http.get(location).text  # bob's posts changed nothing


def test_an_interviewer_cannot_open_or_file_into_a_requisition_not_theirs(browsers: dict[str, User]) -> None:
    alice = browsers["alice"]
    r = alice.http.get("/requisitions/REQ-2/compare")
    assert r.status_code == 403 and "you are not on requisition REQ-2" in r.text
    r = alice.post("/interviews", {"text": PLAIN, "requisition": "REQ-2"})
    assert r.status_code == 400 and "you are not on requisition REQ-2" in r.text
    r = alice.post("/interviews", {"text": PLAIN, "requisition": "REQ-99"})
    assert r.status_code == 400 and "there is no requisition REQ-99" in r.text
    assert "REQ-2" not in alice.http.get("/requisitions").text
    assert browsers["bob"].http.get("/requisitions/REQ-2/compare").status_code == 200


@pytest.mark.parametrize("headers", [{"Origin": "https://attacker.example"}, {"Origin": "null"},
                                     {"Sec-Fetch-Site": "cross-site"}])
def test_cross_site_decisions_are_refused(browsers: dict[str, User], headers: dict[str, str]) -> None:
    alice = browsers["alice"]
    location = alice.submit(PLAIN)
    r = alice.post(location + "/decision", {"decision": "reject"}, headers=headers)
    assert r.status_code == 403 and "other sites are refused" in r.text
    r = alice.post(location + "/decision", {"decision": "reject"}, csrf=False)
    assert r.status_code == 403 and "security token" in r.text
    assert "Not decided yet" in alice.http.get(location).text


def test_every_workspace_post_needs_the_token(browsers: dict[str, User], app: Starlette) -> None:
    alice = browsers["alice"]
    location = alice.submit(PLAIN)
    posts = [r.path for r in app.routes if "POST" in (getattr(r, "methods", None) or ())]
    assert {"/interviews", "/login", "/logout"} <= set(posts)
    for template in posts:
        path = template.replace("{interview_id:int}", location.rsplit("/", 1)[1])
        r = alice.post(path, {"decision": "reject", "text": PLAIN, "username": "alice", "password": PASSWORD},
                       csrf=False)
        assert r.status_code == 403, path
    assert "Not decided yet" in alice.http.get(location).text


def test_local_use_without_login_acts_as_the_local_admin(team: Store) -> None:
    app = create_app(WebConfig(secret_key=SECRET), store=team)
    with TestClient(app) as http:
        me = User(http)
        location = me.submit(PLAIN, requisition="REQ-2")
        assert "local · admin" in http.get(location).text
