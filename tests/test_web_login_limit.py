"""The login limit when the database fails: a sign-in is refused with one line (503), never let through
uncounted, and the counts are there again when the database is back (SQLite and PostgreSQL)."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from starlette.testclient import TestClient
from store_fixtures import *  # noqa: F403 - the db_url and store fixtures

from screener.store import add_user, open_store
from screener.store import engine as store_engine
from screener.web import WebConfig, create_app

PASSWORD = "correct horse battery staple"


def _login(http: TestClient, password: str) -> tuple[int, str]:
    token = re.search(r'name="csrf_token" value="([^"]+)"', http.get("/login").text)
    assert token
    r = http.post("/login", data={"username": "bob", "password": password, "csrf_token": token[1], "next": "/"},
                  follow_redirects=False)
    return r.status_code, r.text


@contextmanager
def _outage(db_url: str) -> Iterator[None]:
    """The database refuses the app for a while: SQLite's write lock held by another connection; PostgreSQL
    refusing connections to the database (and the app's open ones ended)."""
    if db_url.startswith("sqlite"):
        conn = sqlite3.connect(db_url.removeprefix("sqlite:///"), isolation_level=None)
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        finally:
            conn.execute("ROLLBACK")
            conn.close()
        return
    import psycopg
    from sqlalchemy.engine import make_url

    url = make_url(db_url)
    admin = url.set(database="postgres").render_as_string(hide_password=False).replace("+psycopg", "")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'ALTER DATABASE "{url.database}" ALLOW_CONNECTIONS false')
        conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", (url.database,))
        try:
            yield
        finally:
            conn.execute(f'ALTER DATABASE "{url.database}" ALLOW_CONNECTIONS true')


def test_a_failing_database_refuses_the_sign_in_in_one_line_and_keeps_the_count(
        db_url: str, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(store_engine, "SQLITE_BUSY_MS", 300)  # a held lock fails fast instead of after 15 s
    store = open_store(db_url)
    with store.session() as s:
        add_user(s, "bob", PASSWORD, "interviewer")
    app = create_app(WebConfig(secret_key="limit-test-secret-" + "l" * 32, require_login=True, login_attempts=2),
                     store=store)
    try:
        with TestClient(app, raise_server_exceptions=False) as http:
            assert _login(http, "guess")[0] == 401
            with _outage(db_url):
                status, body = _login(http, PASSWORD)  # the right password, but the count cannot be kept
                assert status == 503 and "the workspace database is unavailable right now" in body
                assert "Traceback" not in body and PASSWORD not in body
            assert http.get("/interviews", follow_redirects=False).status_code == 303  # not signed in
            assert _login(http, "guess again")[0] == 401
            status, body = _login(http, PASSWORD)  # two failures counted across the outage: limited
            assert status == 429 and "too many failed sign-ins" in body
    finally:
        store.close()
    capfd.readouterr()
