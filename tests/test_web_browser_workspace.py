"""The whole interviewer's loop in a real headless Chromium (Debian's /usr/bin/chromium, via Playwright) on a
workspace with logins: log in, paste, watch the grading, click a highlight, override, decide, find the interview,
compare two candidates, log out; and the attacks a browser can make. Every page is photographed into
out/screenshots/ at desktop and phone (390 px) widths, and no page may scroll sideways on the phone."""

from __future__ import annotations

import asyncio
import re
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from browser_fixtures import SCREENSHOTS

from screener.providers import registry
from screener.providers.base import GenerateRequest, Generation, ProviderOptions
from screener.providers.offline import OfflineProvider
from screener.store import Store, add_member, add_user, get_or_create_requisition, open_store
from screener.web import WebConfig, WebServer

pytestmark = pytest.mark.browser
PASSWORD = "correct horse battery staple"
FIXTURES = Path(__file__).parent / "fixtures" / "transcripts"
PLAIN = (FIXTURES / "plain.txt").read_text(encoding="utf-8")
ZOOM = (FIXTURES / "zoom.vtt").read_text(encoding="utf-8")


class _Gated(OfflineProvider):
    """The offline grader, held until the test releases it: an LLM that takes its time."""

    gate = threading.Event()
    entered = threading.Event()

    async def generate(self, request: GenerateRequest) -> Generation:
        self.entered.set()
        await asyncio.to_thread(self.gate.wait, 30)
        return await super().generate(request)


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[tuple[WebServer, Store]]:
    store = open_store(f"sqlite:///{tmp_path / 'ws.db'}")
    with store.session() as s:
        alice = add_user(s, "alice", PASSWORD, "interviewer")
        bob = add_user(s, "bob", PASSWORD, "interviewer")
        add_member(s, get_or_create_requisition(s, "REQ-1", title="AI engineer", role="ai_engineer"), alice)
        add_member(s, get_or_create_requisition(s, "REQ-2", title="ML engineer", role="ml_engineer"), bob)
    config = WebConfig(secret_key="browser-test-" + "k" * 40, require_login=True)
    with WebServer("127.0.0.1", 0, config=config, store=store) as server:
        yield server, store
    store.close()


@pytest.fixture
def attacker() -> Iterator[dict[str, Any]]:
    """Another origin on this machine (another port: same site, so the Lax cookie goes along), serving a page."""
    pages: dict[str, str] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            body = pages.get(self.path, "").encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield {"url": f"http://127.0.0.1:{httpd.server_address[1]}", "pages": pages}
    finally:
        httpd.shutdown()
        httpd.server_close()


def shot(page: Any, name: str, capsys: pytest.CaptureFixture[str], full: bool = False) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / name), full_page=full)
    with capsys.disabled():
        print(f"\nscreenshot: {SCREENSHOTS / name}")


def fits_a_phone(browser: Any, url: str, state: Any, name: str, capsys: pytest.CaptureFixture[str]) -> None:
    """The page at 390 px: no horizontal scrolling, and a photo of it."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, storage_state=state)
    try:
        page = context.new_page()
        page.goto(url)
        page.wait_for_load_state("networkidle")
        width = page.evaluate("() => document.documentElement.scrollWidth")
        assert width <= 390, f"{url} is {width} px wide at 390 px"
        if page.locator("#interview-list").count():
            # the list is a card per interview on a phone: every cell (the decision too) inside the screen,
            # none behind a sideways scroll inside the table's box
            right = page.evaluate("() => Math.max(...[...document.querySelectorAll('#interview-list td')]"
                                  ".map(td => td.getBoundingClientRect().right))")
            assert right <= 390, f"{url}: the interview list reaches {right} px at 390 px"
        shot(page, f"phone-{name}.png", capsys)
    finally:
        context.close()


def login(page: Any, base: str, username: str) -> None:
    page.goto(base)
    page.wait_for_url(re.compile(r"/login\?next="))
    page.fill("#username", username)
    page.fill("#password", PASSWORD)
    page.click("#login-button")
    page.wait_for_selector("#who-am-i")


def test_the_interviewers_whole_loop(browser: Any, workspace: tuple[WebServer, Store], attacker: dict[str, Any],
                                     monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    server, store = workspace
    base = server.url.rstrip("/")
    monkeypatch.setitem(registry._REGISTERED, "webgated", lambda api, model, opts: _Gated("", opts or ProviderOptions()))
    monkeypatch.setenv("SCREENER_PROVIDER", "webgated")
    _Gated.gate.clear()
    _Gated.entered.clear()

    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.set_default_timeout(20_000)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))

    # log in
    page.goto(base + "/interviews")
    page.wait_for_url(re.compile(r"/login\?next="))
    shot(page, "ws-login.png", capsys)
    fits_a_phone(browser, page.url, None, "login", capsys)
    page.fill("#username", "alice")
    page.fill("#password", "not the password")
    page.click("#login-button")
    assert "wrong username or password" in page.inner_text("#error")
    page.fill("#password", PASSWORD)
    page.click("#login-button")
    page.wait_for_url(base + "/interviews")
    assert page.inner_text("#who-am-i") == "alice · interviewer"

    # paste, with candidate and requisition; the grading runs in the background with progress on the page
    page.goto(base + "/interviews/new")
    shot(page, "ws-new-interview.png", capsys)
    fits_a_phone(browser, page.url, context.storage_state(), "new-interview", capsys)
    page.fill("#candidate_name", "Sam Okafor")
    page.fill("#requisition", "REQ-1")
    page.fill("#interviewed_on", "2026-11-20")
    page.fill("#text", PLAIN)
    page.select_option("#role", "ai_engineer")
    page.select_option("#grader", "configured")
    page.click("#grade-button")
    page.wait_for_url(re.compile(r"/interviews/\d+$"))
    assert _Gated.entered.wait(15), "the grader was never called"
    page.wait_for_selector("#job-stage")  # the page polls the job: queued, then grading
    page.wait_for_function("() => document.getElementById('job-stage').textContent.includes('grading with webgated')")
    shot(page, "ws-grading-progress.png", capsys)
    _Gated.gate.set()
    page.wait_for_selector("#recommendation", timeout=90_000)  # the page loads the scorecard when the job is done
    interview_url = page.url
    shot(page, "ws-scorecard.png", capsys)
    page.screenshot(path=str(SCREENSHOTS / "ws-scorecard-full.png"), full_page=True)
    fits_a_phone(browser, interview_url, context.storage_state(), "scorecard", capsys)
    assert page.locator("#coach").is_visible() and "Kit coverage" in page.inner_text("#coach")

    # every highlight carries its competency's label; clicking one jumps to that competency
    label = page.locator("#transcript .mark-label").last
    assert label.inner_text()
    mark = page.locator("#transcript mark").last
    mark_id = mark.get_attribute("id")
    mark.scroll_into_view_if_needed()
    mark.click()
    link = page.locator(f'a.quote-link[data-target="{mark_id}"]').first
    page.wait_for_function("id => document.activeElement && document.activeElement.dataset.target === id",
                           arg=mark_id)
    competency = link.locator("xpath=ancestor::article").first
    assert label.inner_text().split(" · ")[0] in competency.inner_text()
    shot(page, "ws-highlight-clicked.png", capsys)

    # override a competency score, with the reason; the grader's value stays beside it
    comp_id = page.locator("article.competency").first.get_attribute("id").removeprefix("competency-")
    page.click(f"#competency-{comp_id} details.override-form summary")
    page.select_option(f"#value-{comp_id}", "1")
    page.fill(f"#reason-{comp_id}", "the eval set was the team's, not theirs (turn 3)")
    page.click(f"#override-form-{comp_id} button")
    page.wait_for_selector(f"#override-{comp_id}")
    override = page.inner_text(f"#override-{comp_id}")
    assert "1/4" in override and "alice" in override and "grader:" in override and "not theirs" in override
    shot(page, "ws-override.png", capsys)

    # decide
    page.check("#decision-hold")
    page.fill("#note", "ask about the judge calibration")
    page.click("#decide-button")
    page.wait_for_selector("#current-decision strong.decision-hold")
    assert "by alice" in page.inner_text("#current-decision")
    page.locator("#decision").scroll_into_view_if_needed()
    shot(page, "ws-decision.png", capsys)

    # a second candidate on the same requisition, offline
    page.goto(base + "/interviews/new")
    page.fill("#candidate_name", "Jordan Lee")
    page.fill("#requisition", "REQ-1")
    page.fill("#text", ZOOM)
    page.select_option("#grader", "offline")
    page.click("#grade-button")
    page.wait_for_selector("#recommendation")

    # find the first interview in the list
    page.goto(base + "/interviews")
    page.fill("#f-candidate", "okafor")
    page.click("#filter-button")
    page.wait_for_url(re.compile(r"/interviews\?"))
    rows = page.locator("#interview-list tbody tr")
    assert rows.count() == 1 and "Sam Okafor" in rows.first.inner_text() and "Hold" in rows.first.inner_text()
    shot(page, "ws-list.png", capsys)
    fits_a_phone(browser, base + "/interviews", context.storage_state(), "list", capsys)
    rows.first.locator("a", has_text="Sam Okafor").click()
    page.wait_for_selector("#candidate-name")
    shot(page, "ws-candidate.png", capsys)
    fits_a_phone(browser, page.url, context.storage_state(), "candidate", capsys)

    # compare the two candidates of REQ-1
    page.goto(base + "/requisitions")
    shot(page, "ws-requisitions.png", capsys)
    page.click("text=REQ-1")
    page.wait_for_selector("#compare")
    heads = page.locator("#compare thead th").all_inner_texts()
    assert heads[1:] == ["Jordan Lee", "Sam Okafor"]
    assert "alice" in page.inner_text(f"#cmp-{comp_id}") and "Hold — alice" in page.inner_text("#cmp-decisions")
    shot(page, "ws-compare.png", capsys)
    fits_a_phone(browser, page.url, context.storage_state(), "compare", capsys)

    # attacks from a signed-in browser: a form on another origin posting a decision, and from a sandboxed
    # iframe (Origin: null)
    action = interview_url + "/decision"
    attacker["pages"]["/csrf"] = (f'<form id="f" method="post" action="{action}"><input name="decision" value="reject">'
                                  f'<input name="csrf_token" value="guessed"></form><script>f.submit()</script>')
    attacker["pages"]["/null-frame"] = attacker["pages"]["/csrf"]
    attacker["pages"]["/null"] = '<iframe sandbox="allow-forms allow-scripts" src="/null-frame"></iframe>'
    seen: list[tuple[str, int, str | None]] = []
    context.on("response", lambda r: seen.append((r.url, r.status, r.request.header_value("origin")))
               if r.url == action else None)
    for name, origin in (("csrf", attacker["url"]), ("null", "null")):
        seen.clear()
        page.goto(attacker["url"] + f"/{name}")
        for _ in range(100):
            if seen:
                break
            page.wait_for_timeout(100)
        assert seen == [(action, 403, origin)], (name, seen)
    page.goto(base + "/interviews")  # nothing changed
    page.fill("#f-candidate", "okafor")
    page.click("#filter-button")
    page.wait_for_url(re.compile(r"/interviews\?"))
    assert "Hold" in page.locator("#interview-list tbody tr").first.inner_text()

    # an interviewer opening a requisition that is not theirs
    response = page.goto(base + "/requisitions/REQ-2/compare")
    assert response.status == 403 and "you are not on requisition REQ-2" in page.inner_text("#error")
    shot(page, "ws-forbidden.png", capsys)

    # log out
    page.click("#logout-button")
    page.wait_for_url(re.compile(r"/login\?signed_out=1$"))
    page.goto(base + "/interviews")
    page.wait_for_url(re.compile(r"/login\?next="))
    assert errors == []

    # another user's interview by id
    other = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        bob = other.new_page()
        login(bob, base, "bob")
        response = bob.goto(interview_url)
        assert response.status == 404 and "Sam Okafor" not in bob.content()
        shot(bob, "ws-not-found.png", capsys)
        fits_a_phone(browser, interview_url, other.storage_state(), "not-found", capsys)
    finally:
        other.close()
    context.close()


@pytest.fixture
def manager_workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[WebServer, Any]]:
    """A workspace with a hiring manager, an ATS config for a loopback fake Greenhouse, and the key in the
    server's environment."""
    import json

    from screener.ats import fake as fakes

    key = "gh-browser-secret-key-0123456789"
    monkeypatch.setenv("GREENHOUSE_API_KEY", key)
    store = open_store(f"sqlite:///{tmp_path / 'ws.db'}")
    with store.session() as s:
        hana = add_user(s, "hana", PASSWORD, "hiring_manager")
        alice = add_user(s, "alice", PASSWORD, "interviewer")
        req = get_or_create_requisition(s, "REQ-1", title="AI engineer", role="ai_engineer")
        add_member(s, req, hana)
        add_member(s, req, alice)
    with fakes.FakeGreenhouse(key, candidates={"123"}, users={4080}) as gh:
        config_file = tmp_path / "screener-ats.yaml"
        config_file.write_text(json.dumps({"greenhouse": {"base_url": gh.url, "user_id": 4080}}))
        config = WebConfig(secret_key="browser-test-" + "m" * 40, require_login=True, ats_config=str(config_file))
        with WebServer("127.0.0.1", 0, config=config, store=store) as server:
            yield server, gh
    store.close()


def test_a_hiring_manager_sends_the_draft_to_the_ats_and_reads_the_trends(
        browser: Any, manager_workspace: tuple[WebServer, Any], capsys: pytest.CaptureFixture[str]) -> None:
    server, gh = manager_workspace
    base = server.url.rstrip("/")
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.set_default_timeout(30_000)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    login(page, base, "hana")
    page.goto(base + "/interviews/new")
    page.fill("#candidate_name", "Sam Okafor")
    page.fill("#requisition", "REQ-1")
    page.fill("#text", PLAIN)
    page.select_option("#grader", "offline")
    page.click("#grade-button")
    page.wait_for_selector("#recommendation", timeout=120_000)
    interview_url = page.url.split("?")[0].split("#")[0]
    # before the decision: the send button is off, the preview works
    assert page.locator("#ats-send").is_disabled() and page.locator("#ats-needs-decision").is_visible()
    page.check("#decision-advance")
    page.fill("#note", "strong evals work")
    page.click("#decide-button")
    page.wait_for_selector("#current-decision strong.decision-advance")
    page.fill("#ats-target", "123")
    page.click("#ats-preview-button")
    page.wait_for_selector("#ats-preview")
    preview = page.inner_text("#ats-preview")
    assert "/v1/candidates/123/activity_feed/notes" in preview and "gh-browser-secret" not in page.content()
    assert "nothing was sent" in page.inner_text("#ats-result") and gh.requests == []
    page.locator("#ats").scroll_into_view_if_needed()
    shot(page, "ws-ats-preview.png", capsys)
    fits_a_phone_after(browser, context, interview_url, "#ats", "ats", capsys)
    page.click("#ats-send")
    page.wait_for_selector("#ats-result.ok")
    assert page.inner_text("#ats-result").startswith("sent to Greenhouse") and len(gh.requests) == 1
    page.locator("#ats").scroll_into_view_if_needed()
    shot(page, "ws-ats-sent.png", capsys)
    page.click("#ats-send")  # again, without "Update": refused, one line
    page.wait_for_selector("#ats-result.error")
    assert 'tick "Update"' in page.inner_text("#ats-result") and len(gh.requests) == 1
    page.locator("#ats").scroll_into_view_if_needed()
    shot(page, "ws-ats-refused.png", capsys)

    # the trends page, linked from the nav for a hiring manager
    page.click("#nav-trends")
    page.wait_for_selector("section.trend")
    assert "Dana Whitfield" in page.inner_text("main")
    shot(page, "ws-trends.png", capsys)
    fits_a_phone(browser, base + "/trends", context.storage_state(), "trends", capsys)
    assert errors == []
    context.close()


def fits_a_phone_after(browser: Any, context: Any, url: str, selector: str, name: str,
                       capsys: pytest.CaptureFixture[str]) -> None:
    """Like ``fits_a_phone``, with ``selector`` scrolled into view (a section far down the page)."""
    phone = browser.new_context(viewport={"width": 390, "height": 844}, storage_state=context.storage_state())
    try:
        page = phone.new_page()
        page.goto(url)
        page.wait_for_load_state("networkidle")
        width = page.evaluate("() => document.documentElement.scrollWidth")
        assert width <= 390, f"{url} is {width} px wide at 390 px"
        page.locator(selector).scroll_into_view_if_needed()
        shot(page, f"phone-{name}.png", capsys)
    finally:
        phone.close()
