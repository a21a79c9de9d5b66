"""Two app processes (``screener serve`` on uvicorn) on one database: all state is in the database, so a grading
started on one is reviewed on the other (SQLite and PostgreSQL). And the command's refusals."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx2 as httpx
import pytest
from store_fixtures import *  # noqa: F403 - the db_url and store fixtures

from screener.cli import main
from screener.store import add_member, add_user, get_or_create_requisition, open_store

PLAIN = (Path(__file__).parent / "fixtures" / "transcripts" / "plain.txt").read_text(encoding="utf-8")
PASSWORD = "correct horse battery staple"


def _serve(db_url: str, env: dict[str, str]) -> tuple[subprocess.Popen[str], str]:
    proc = subprocess.Popen([sys.executable, "-m", "screener.cli", "serve", "--db", db_url, "--require-login",
                             "--port", "0", "--quiet"], stderr=subprocess.PIPE, text=True, env=env)
    assert proc.stderr is not None
    line = proc.stderr.readline()
    match = re.search(r" on (http://127\.0\.0\.1:\d+)/ ", line)
    assert match, line + (proc.stderr.read() if proc.poll() is not None else "")
    return proc, match[1]


def _stop(proc: subprocess.Popen[str]) -> str:
    proc.send_signal(signal.SIGINT)
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    return proc.stderr.read() if proc.stderr else ""


@pytest.fixture
def two_apps(db_url: str, tmp_path: Path) -> Iterator[tuple[str, str]]:
    store = open_store(db_url)
    with store.session() as s:
        alice = add_user(s, "alice", PASSWORD, "interviewer")
        hana = add_user(s, "hana", PASSWORD, "hiring_manager")
        req = get_or_create_requisition(s, "REQ-1", role="ai_engineer")
        add_member(s, req, alice)
        add_member(s, req, hana)
    store.close()
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "SCREENER_SECRET_KEY": "two-process-secret-" + "x" * 32,
           "SCREENER_AUDIT_LOG": str(tmp_path / "audit.jsonl")}
    env.pop("SCREENER_DATABASE_URL", None)
    a, url_a = _serve(db_url, env)
    try:
        b, url_b = _serve(db_url, env)
    except BaseException:
        _stop(a)
        raise
    try:
        yield url_a, url_b
    finally:
        outputs = [_stop(a), _stop(b)]
        for out in outputs:
            assert "Traceback" not in out, out


def _token(client: httpx.Client, url: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', client.get(url).text)[1]  # type: ignore[index]


def _login(client: httpx.Client, base: str, username: str) -> None:
    r = client.post(base + "/login", data={"username": username, "password": PASSWORD, "next": "/interviews",
                                           "csrf_token": _token(client, base + "/login")})
    assert r.status_code == 303 and r.headers["location"] == "/interviews", r.text[:300]


def test_a_grading_started_on_one_process_is_reviewed_on_the_other(two_apps: tuple[str, str]) -> None:
    a, b = two_apps
    with httpx.Client(timeout=30) as alice, httpx.Client(timeout=30) as hana:
        _login(alice, a, "alice")
        _login(hana, b, "hana")
        r = alice.post(a + "/interviews", data={"text": PLAIN, "requisition": "REQ-1", "role": "ai_engineer",
                                                "csrf_token": _token(alice, a + "/interviews/new")})
        assert r.status_code == 303, r.text[:500]
        path = r.headers["location"]
        for _ in range(400):  # the other process sees the job and its progress
            status = hana.get(b + path + "/status").json()
            if status["state"] in ("done", "failed"):
                break
            time.sleep(0.05)
        assert status["state"] == "done", status
        page = hana.get(b + path).text
        assert 'id="recommendation"' in page
        token = _token(hana, b + path)
        r = hana.post(b + path + "/decision", data={"decision": "advance", "note": "strong evals", "csrf_token": token})
        assert r.status_code == 303
        # and the first process shows the decision made on the second
        page = alice.get(a + path).text
        assert re.search(r'<strong class="decision-advance">Advance</strong>\s*by hana', page)
        # the same signed session works on either process (one shared secret key)
        assert alice.get(b + "/interviews").status_code == 200


def test_serve_refuses_what_cannot_be_safe(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", "--no-store", "--host", "0.0.0.0", "--port", "0"]) == 2
    assert "--no-store serves without logins, so only on loopback" in capsys.readouterr().err
    assert main(["serve", "--no-store", "--trust-proxy", "10.0.0.1", "--port", "0"]) == 2
    assert "--trust-proxy and --sso-header go together" in capsys.readouterr().err
    assert main(["serve", "--no-store", "--db", "sqlite:///x.db", "--port", "0"]) == 2
    assert "--no-store and --db contradict each other" in capsys.readouterr().err


def test_the_login_limit_is_shared_by_the_processes(two_apps: tuple[str, str]) -> None:
    """Five failed sign-ins (the default limit), alternating between the processes, block the sixth on both:
    the count is in the database, not in each process's memory (which allowed five per process)."""
    a, b = two_apps
    with httpx.Client(timeout=30) as client:
        for i in range(5):
            base = (a, b)[i % 2]
            r = client.post(base + "/login", data={"username": "alice", "password": f"guess {i}", "next": "/",
                                                   "csrf_token": _token(client, base + "/login")})
            assert r.status_code == 401, (i, r.text[:300])
        for base in (a, b):  # the right password now, on either process: refused until the window passes
            r = client.post(base + "/login", data={"username": "alice", "password": PASSWORD, "next": "/",
                                                   "csrf_token": _token(client, base + "/login")})
            assert r.status_code == 429 and "too many failed sign-ins; try again in" in r.text, r.text[:300]
    with httpx.Client(timeout=30) as hana:  # another user from the same address is limited by the address too
        r = hana.post(a + "/login", data={"username": "hana", "password": PASSWORD, "next": "/",
                                          "csrf_token": _token(hana, a + "/login")})
        assert r.status_code == 429


def test_colleagues_signing_in_at_once_from_one_address_are_not_limited(two_apps: tuple[str, str]) -> None:
    """Eight right-password sign-ins at once from one address, over both processes: none is refused (only
    failures count against an address; the atomic places are the username's)."""
    from concurrent.futures import ThreadPoolExecutor

    a, b = two_apps

    def sign_in(i: int) -> int:
        base, name = (a, b)[i % 2], ("alice", "hana")[i // 2 % 2]
        with httpx.Client(timeout=60) as client:
            r = client.post(base + "/login", data={"username": name, "password": PASSWORD, "next": "/",
                                                   "csrf_token": _token(client, base + "/login")})
            return r.status_code

    with ThreadPoolExecutor(8) as pool:
        assert list(pool.map(sign_in, range(8))) == [303] * 8
