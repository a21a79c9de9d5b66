"""Crash safety: ``kill -9`` in the middle of a batch, then ``--resume``: every input exactly once."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

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
