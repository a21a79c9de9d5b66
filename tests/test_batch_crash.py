"""Crash safety: ``kill -9`` in the middle of a batch, then ``--resume``: every input exactly once."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from screener.batch.corpus import fixture_sources, make_corpus
from screener.cli import main
from screener.testing.fake_api import FakeAPI

FIXTURES = Path(__file__).parent / "fixtures" / "transcripts"
ANTHROPIC = "anthropic:messages:claude-haiku-4-5"
COUNT = 150


def _lines(path: Path) -> int:
    try:
        return path.read_bytes().count(b"\n")
    except FileNotFoundError:
        return 0


def test_kill_9_mid_run_then_resume_gives_every_input_exactly_once(tmp_path: Path, monkeypatch) -> None:
    folder = tmp_path / "in"
    paths = make_corpus(fixture_sources(FIXTURES), folder, COUNT)
    out = tmp_path / "results.jsonl"
    with FakeAPI(latency=0.05) as api:
        env = {**os.environ, "ANTHROPIC_API_KEY": "sk-test-key", "ANTHROPIC_BASE_URL": api.anthropic_base_url,
               "PYTHONWARNINGS": "ignore"}
        proc = subprocess.Popen(
            [sys.executable, "-m", "screener.cli", "batch", str(folder), "-o", str(out), "--provider", ANTHROPIC,
             "-j", "8", "-q"],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )
        try:
            deadline = time.monotonic() + 60
            while _lines(out) < 20 and proc.poll() is None and time.monotonic() < deadline:
                time.sleep(0.005)
            os.kill(proc.pid, signal.SIGKILL)
        finally:
            proc.wait(timeout=30)
        assert proc.returncode == -signal.SIGKILL, proc.stderr.read().decode() if proc.stderr else ""
        written = _lines(out)
        assert 20 <= written < COUNT  # killed mid-run, with records written and work left

        monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-test-key")
        monkeypatch.setenv("ANTHROPIC_BASE_URL", api.anthropic_base_url)
        calls_before = api.counts[200]
        assert main(["batch", str(folder), "-o", str(out), "--provider", ANTHROPIC, "-j", "8", "--resume", "-q"]) == 0
        resumed_calls = api.counts[200] - calls_before

    records = [json.loads(line) for line in out.read_text().splitlines()]
    inputs = [r["input"] for r in records]
    assert sorted(inputs) == sorted(str(p) for p in paths)  # every input, exactly once
    assert all(r["status"] == "graded" for r in records)
    assert resumed_calls <= COUNT - written + 8  # resume graded what was missing (+ what was in flight), no more


def test_sigint_and_sigterm_save_report_export_and_exit_130(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    make_corpus(fixture_sources(FIXTURES), folder, 60)
    out, csv_path = tmp_path / "results.jsonl", tmp_path / "summary.csv"
    with FakeAPI(latency=0.2) as api:
        env = {**os.environ, "ANTHROPIC_API_KEY": "sk-test-key", "ANTHROPIC_BASE_URL": api.anthropic_base_url,
               "PYTHONWARNINGS": "ignore"}
        for sig in (signal.SIGINT, signal.SIGTERM):
            out.unlink(missing_ok=True)
            proc = subprocess.Popen(
                [sys.executable, "-m", "screener.cli", "batch", str(folder), "-o", str(out), "--csv", str(csv_path),
                 "--provider", ANTHROPIC, "-j", "4"],
                env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
            )
            try:
                deadline = time.monotonic() + 60
                while _lines(out) < 5 and proc.poll() is None and time.monotonic() < deadline:
                    time.sleep(0.01)
                proc.send_signal(sig)
                _, err = proc.communicate(timeout=30)
            finally:
                proc.kill()
            assert proc.returncode == 130, err
            lines = err.splitlines()
            saved = _lines(out)
            report = next(line for line in lines if line.startswith("screener: interrupted"))
            assert f"{saved} graded and 0 failed record(s) saved in {out}" in report
            assert f"{60 - saved} of 60 input(s) not graded yet" in report
            resume = next(line for line in lines if line.startswith("screener: to continue: "))
            assert resume.endswith("--resume") and f"--output {out}" in resume and "--provider " + ANTHROPIC in resume
            assert "--jobs 4" in resume and f"--csv {csv_path}" in resume
            assert "Traceback" not in err
            assert csv_path.read_text().count("\n") == saved + 1  # the export covers what finished


def test_no_eta_until_a_few_results_are_in() -> None:
    import io

    from screener.batch.progress import Progress, Tally

    tally = Tally(total=100)
    progress = Progress(tally, stream=io.StringIO(), tty=False)
    tally.graded = 2
    assert progress.eta(now=1000.0) is None  # two results: too few to say
    tally.graded = 12
    assert progress.eta(now=1010.0) == pytest.approx(88 / 1.0)  # 10 more in 10 s since the first, 88 left
