"""The per-interviewer trends page (issue 15 point 3) through the app, on SQLite and PostgreSQL: hiring managers
see their requisitions' interviewers, admins everyone, interviewers are refused and have no link to it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

import pytest
from starlette.testclient import TestClient
from store_fixtures import *  # noqa: F403 - the db_url and store fixtures

from screener.store import Store, add_member, add_user
from screener.store.records import add_interview, get_or_create_candidate, get_or_create_requisition
from screener.testing.transcripts import LEADING_INTERVIEW, clean_interview
from screener.web import WebConfig, create_app

PASSWORD = "correct horse battery staple"
LEADING = LEADING_INTERVIEW
CLEAN = clean_interview(follow_up_by="Cleo")


@pytest.fixture
def clients(store: Store) -> Iterator[dict[str, TestClient]]:
    with store.session() as s:
        req, other = (get_or_create_requisition(s, "REQ-1", role="ai_engineer"),
                      get_or_create_requisition(s, "REQ-2", role="ai_engineer"))
        ben = get_or_create_candidate(s, "Ben")
        add_interview(s, candidate=ben, transcript=LEADING, role="ai_engineer", requisition=req, format="text",
                      interviewers=["Ana"], interviewed_on=date(2026, 10, 5))
        add_interview(s, candidate=ben, transcript=CLEAN, role="ai_engineer", requisition=other, format="text",
                      interviewers=["Cleo"], interviewed_on=date(2026, 11, 2))
        add_interview(s, candidate=ben, transcript=None, role="ai_engineer", requisition=req, format="text",
                      interviewers=["Ana"], interviewed_on=date(2026, 11, 9), transcript_sha256="ab" * 32)
        users = {n: add_user(s, n, PASSWORD, r) for n, r in [("mia", "hiring_manager"), ("root", "admin"),
                                                             ("ivan", "interviewer")]}
        add_member(s, req, users["mia"])
        add_member(s, req, users["ivan"])
    app = create_app(WebConfig(secret_key="trends-secret-" + "t" * 32, require_login=True), store=store)
    found = {n: TestClient(app) for n in ("mia", "root", "ivan")}
    for name, c in found.items():
        c.__enter__()
        token = re.search(r'name="csrf_token" value="([^"]+)"', c.get("/login").text)[1]  # type: ignore[index]
        assert c.post("/login", data={"username": name, "password": PASSWORD, "csrf_token": token, "next": "/"},
                      follow_redirects=False).status_code == 303
    try:
        yield found
    finally:
        for c in found.values():
            c.__exit__(None, None, None)


def _rows(body: str) -> dict[tuple[str, str], str]:
    return {(m[1], m[2]): m[3] for m in re.finditer(
        r'<tr data-interviewer="([^"]+)" data-period="([^"]+)">(.*?)</tr>', body, re.S)}


def test_a_hiring_manager_sees_their_requisitions_interviewers_by_month(clients: dict[str, TestClient]) -> None:
    r = clients["mia"].get("/interviews")
    assert 'href="/trends"' in r.text  # in the nav
    r = clients["mia"].get("/trends")
    assert r.status_code == 200
    rows = _rows(r.text)
    assert set(rows) == {("Ana", "2026-10")}  # Cleo interviewed for REQ-2, which is not mia's
    ana = rows["Ana", "2026-10"]
    assert re.search(r'class="leading warn">50%</span>\s*<span class="muted">of 2 questions', ana)  # 1 of 2 leading
    assert re.search(r'class="talk">\d+%', ana) and re.search(r'class="coverage">\d+%', ana)
    assert "1 interview left out: the transcript was removed" in r.text


def test_an_admin_sees_every_interviewer(clients: dict[str, TestClient]) -> None:
    r = clients["root"].get("/trends")
    assert r.status_code == 200 and set(_rows(r.text)) == {("Ana", "2026-10"), ("Cleo", "2026-11")}
    assert 'class="leading">0%' in _rows(r.text)["Cleo", "2026-11"]


def test_an_interviewer_is_refused_and_has_no_link(clients: dict[str, TestClient]) -> None:
    ivan = clients["ivan"]
    assert 'href="/trends"' not in ivan.get("/interviews").text
    r = ivan.get("/trends")
    page = r.text.split("<main>", 1)[-1].split("</main>", 1)[0]  # the page head carries a random CSRF token
    assert r.status_code == 403 and "for hiring managers and admins" in page and "Ana" not in page
