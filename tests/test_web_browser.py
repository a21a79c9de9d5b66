"""The web page in a real headless Chromium (Debian's /usr/bin/chromium), driven by Playwright.

The ``browser`` fixture (skipped without Chromium, failed in CI) is in browser_fixtures.py, loaded by
conftest.py for every browser test module.
"""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from browser_fixtures import SCREENSHOTS
from hostile import IMG, SCRIPT, XSS_TRANSCRIPT

from screener.grading import GradeOptions, grade
from screener.parsing import parse_transcript
from screener.providers import registry
from screener.providers.base import GenerateRequest, Generation, ProviderOptions
from screener.providers.offline import OfflineProvider
from screener.web import WebServer

pytestmark = pytest.mark.browser

FIXTURES = Path(__file__).parent / "fixtures" / "transcripts"
REC_LABELS = {"strong_hire": "Strong hire", "hire": "Hire", "no_hire": "No hire", "strong_no_hire": "Strong no hire"}


@pytest.fixture
def server() -> Iterator[WebServer]:
    with WebServer("127.0.0.1", 0) as s:
        yield s


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    page.set_default_timeout(15_000)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.errors = errors  # type: ignore[attr-defined]
    try:
        yield page
    finally:
        context.close()


def _screenshot(page: Any, tmp_path: Path, name: str, capsys: pytest.CaptureFixture[str]) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    paths = [tmp_path / name, SCREENSHOTS / name]
    page.screenshot(path=str(paths[0]), full_page=False)
    paths[1].write_bytes(paths[0].read_bytes())
    with capsys.disabled():
        print(f"\nscreenshot: {paths[0]}\nscreenshot: {paths[1]}")


def _in_viewport(page: Any, selector: str) -> bool:
    return page.eval_on_selector(selector, """el => {
        const r = el.getBoundingClientRect();
        const panel = el.closest('#transcript').getBoundingClientRect();
        return r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight
            && r.top >= panel.top && r.bottom <= panel.bottom;
    }""")


def test_grade_a_pasted_transcript_and_jump_to_a_quote(page: Any, server: WebServer, tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    # The fixture interview, after some small talk, so the quoted passages start below the fold.
    small_talk = "".join(f"Dana Whitfield: Small talk {i}, how was the trip?\nSam Okafor: Fine, thanks ({i}).\n"
                         for i in range(15))
    text = small_talk + (FIXTURES / "plain.txt").read_text(encoding="utf-8")
    with ThreadPoolExecutor(1) as pool:  # Playwright's sync API owns this thread's event loop
        expected = pool.submit(grade, parse_transcript(text), "offline", GradeOptions(role="ai_engineer")).result()

    page.goto(server.url)
    page.fill("#text", text)
    page.select_option("#role", "ai_engineer")
    assert page.input_value("#grader") == "offline"
    page.click("#grade-button")
    page.wait_for_url("**/result/*")
    page.wait_for_selector("#recommendation")

    assert page.inner_text("#recommendation") == REC_LABELS[expected.recommendation]
    assert "draft" in page.inner_text("#status") and "a human decides" in page.inner_text("#status")
    marks = page.locator("#transcript mark")
    assert marks.count() >= 1 and marks.first.is_visible()
    _screenshot(page, tmp_path, "web-scorecard-top.png", capsys)

    # the quote whose passage is furthest down the transcript: out of view until clicked
    target = page.evaluate("""() => {
        const links = [...document.querySelectorAll('a.quote-link')];
        links.sort((a, b) => document.getElementById(b.dataset.target).offsetTop
                           - document.getElementById(a.dataset.target).offsetTop);
        return links[0].dataset.target;
    }""")
    link = page.locator(f'a.quote-link[data-target="{target}"]').first
    link.scroll_into_view_if_needed()
    assert not _in_viewport(page, f"#{target}")
    link.click()
    page.wait_for_function("id => document.getElementById(id).classList.contains('flash')", arg=target)
    assert _in_viewport(page, f"#{target}")
    assert page.evaluate("() => document.activeElement.id") == target
    _screenshot(page, tmp_path, "web-scorecard.png", capsys)

    # the download links serve the same scorecard
    with page.expect_download() as download:
        page.click("#download-json")
    assert download.value.suggested_filename == "scorecard-sam-okafor.json"
    assert page.errors == []  # type: ignore[attr-defined]


def test_a_hostile_transcript_runs_no_script_and_shows_as_text(page: Any, server: WebServer, tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    page.goto(server.url)
    page.fill("#text", XSS_TRANSCRIPT)
    page.click("#grade-button")
    page.wait_for_url("**/result/*")

    assert page.evaluate("() => typeof window.__xss") == "undefined"
    assert page.locator("img").count() == 0
    assert page.locator("script").count() == 1  # the page's own /static/app.js
    assert SCRIPT in page.inner_text("#turn-0") and IMG in page.inner_text("#turn-1")
    assert any(SCRIPT in m for m in page.locator("#transcript mark").all_inner_texts())
    assert IMG in page.inner_text("h1")
    assert page.inner_text("#recommendation")
    _screenshot(page, tmp_path, "web-xss.png", capsys)

    # the error page echoes the pasted text back in the box: still only text
    page.goto(server.url)
    page.fill("#text", f"{SCRIPT}\n{IMG}")
    page.click("summary")  # open "Transcript options"
    page.fill("#candidate", SCRIPT)
    page.click("#grade-button")
    page.wait_for_selector("#error")
    assert page.evaluate("() => typeof window.__xss") == "undefined"
    assert page.input_value("#text") == f"{SCRIPT}\n{IMG}"
    assert page.input_value("#candidate") == SCRIPT
    assert page.errors == []  # type: ignore[attr-defined]


class _GatedProvider(OfflineProvider):
    """The offline grader, held until the test releases it: an LLM that takes its time."""

    gate = threading.Event()
    entered = threading.Event()

    async def generate(self, request: GenerateRequest) -> Generation:
        self.entered.set()
        await asyncio.to_thread(self.gate.wait, 30)
        return await super().generate(request)


def test_choose_a_file_and_see_the_loading_state(page: Any, server: WebServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(registry._REGISTERED, "webgated", lambda api, model, opts: _GatedProvider("", opts or ProviderOptions()))
    monkeypatch.setenv("SCREENER_PROVIDER", "webgated")
    _GatedProvider.gate.clear()
    _GatedProvider.entered.clear()

    page.goto(server.url)
    page.set_input_files("#file", str(FIXTURES / "zoom.vtt"))
    assert "zoom.vtt" in page.inner_text("#file-name")
    page.select_option("#grader", "configured")
    # Record what the interviewer sees once the form is submitted: a listener added after the page's own.
    # (The page cannot be inspected while its navigation is pending: Chromium holds script calls until then.)
    page.evaluate("""() => document.getElementById('grade-form').addEventListener('submit', () => {
        sessionStorage.setItem('seen', JSON.stringify({
            loading: getComputedStyle(document.getElementById('loading')).display !== 'none',
            text: document.getElementById('loading').innerText,
            disabled: document.getElementById('grade-button').disabled,
        }));
    })""")
    page.click("#grade-button", no_wait_after=True)
    assert _GatedProvider.entered.wait(15), "the grader was never called"
    # the job runs in the background: the page shows its progress while the grader works
    page.wait_for_url("**/result/*")
    page.wait_for_selector("#job-stage")
    assert "grading with webgated" in page.inner_text("#job-stage")
    assert float(page.inner_text("#job-seconds")) >= 0
    _GatedProvider.gate.set()
    page.wait_for_selector("#recommendation")  # the page reloads itself when the job is done
    assert "Jordan Lee" in page.inner_text("h1")
    seen = json.loads(page.evaluate("() => sessionStorage.getItem('seen')"))
    assert seen["loading"] and seen["disabled"], seen
    assert "webgated" in seen["text"] and "an LLM can take a minute" in seen["text"]
    assert page.locator("#transcript mark").count() >= 1


def _no_horizontal_overflow(page: Any) -> None:
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 390, f"{page.url} is {width} px wide at a 390 px viewport"


def test_pages_fit_a_390_px_phone(browser: Any, server: WebServer, tmp_path: Path,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=1)
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        page.goto(server.url)
        _no_horizontal_overflow(page)
        _screenshot(page, tmp_path, "phone-form.png", capsys)
        page.fill("#text", (FIXTURES / "plain.txt").read_text(encoding="utf-8"))
        page.click("#grade-button")
        page.wait_for_selector("#recommendation")
        _no_horizontal_overflow(page)
        page.screenshot(path=str(SCREENSHOTS / "phone-scorecard-full.png"), full_page=True)
        _screenshot(page, tmp_path, "phone-scorecard.png", capsys)
        for path in ("kit", "kit/hybrid", "nope"):
            page.goto(server.url + path)
            _no_horizontal_overflow(page)
        _screenshot(page, tmp_path, "phone-error.png", capsys)
    finally:
        context.close()
