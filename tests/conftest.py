"""Suite-wide rules: no real network (loopback only), no API keys from the environment."""

from __future__ import annotations

import importlib.util
import ipaddress
import socket
import sys
from pathlib import Path
from types import ModuleType

import pytest
from browser_fixtures import browser  # noqa: F401 - the one Chromium fixture, for every browser test module

from screener.testing.transcripts import make_transcript
from screener.transcript import Transcript

_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex


def _check(address: object) -> None:
    if isinstance(address, tuple) and address:
        host = str(address[0])
        try:
            if ipaddress.ip_address(host).is_loopback:
                return
        except ValueError:
            if host in ("localhost",):
                return
        raise RuntimeError(f"tests may not use the network: connect to {address!r} blocked")


def _guarded_connect(self: socket.socket, address: object) -> None:
    if self.family in (socket.AF_INET, socket.AF_INET6):
        _check(address)
    return _real_connect(self, address)


def _guarded_connect_ex(self: socket.socket, address: object) -> int:
    if self.family in (socket.AF_INET, socket.AF_INET6):
        _check(address)
    return _real_connect_ex(self, address)


@pytest.fixture(autouse=True)
def _private_audit_log(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Gradings in tests log to a temporary audit log, never the user's."""
    monkeypatch.setenv("SCREENER_AUDIT_LOG", str(tmp_path_factory.mktemp("audit") / "audit.jsonl"))


@pytest.fixture(autouse=True)
def _private_data_dir(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """The embedded store (SQLite in the user's data directory) is a temporary one in tests, never the user's."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path_factory.mktemp("data")))


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(socket.socket, "connect", _guarded_connect)
    monkeypatch.setattr(socket.socket, "connect_ex", _guarded_connect_ex)
    for var in ("ANTHROPIC_API_KEY", "OPENAI_API_KEY", "OPENAI_BASE_URL", "ANTHROPIC_BASE_URL", "SCREENER_PROVIDER",
                "SCREENER_DATABASE_URL"):  # a developer's team store is never written by a test
        monkeypatch.delenv(var, raising=False)


@pytest.fixture
def strong_transcript() -> Transcript:
    return make_transcript(
        ("Dana Levi", "interviewer", "Tell me about a regression suite you built. What did you measure?"),
        ("Priya Raman", "candidate",
         "We kept a golden set of 300 real support questions with answers our support leads wrote. Every prompt "
         "change had to pass it in CI before merge. The wrong-answer rate went from 1 in 9 to 1 in 40 over two "
         "months, measured on that held-out set. The trade-off was that the LLM judge had false positives, so we "
         "hand-graded a sample of 50 each week."),
        ("Dana Levi", "interviewer", "Walk me through a hallucination you debugged."),
        ("Priya Raman", "candidate",
         "The bot invented refund policies. It turned out the retriever returned stale chunks because our chunking "
         "split tables. We fixed it by chunking on headings and adding a reranker. Recall at 5 went from 62% to 88% "
         "on 400 labelled queries, and hallucinated policy answers dropped from 7% to 1.5%."),
        ("Dana Levi", "interviewer", "And latency and reliability?"),
        ("Priya Raman", "candidate",
         "The reranker added cost, so we cached embeddings, and p95 latency went from 2.4 s to 1.1 s, tracked on a "
         "dashboard with an alert at 1.5 s. We also added a fallback to a second provider when we got rate "
         "limited, which cut failed requests from 3% to 0.2% over a week. You can reach me at priya@example.com "
         "or +1 415 555 0199."),
    )


@pytest.fixture(scope="session")
def claims_bench() -> ModuleType:
    """``benchmarks/bench_claims.py`` as a module: the claims tests measure through the benchmark itself."""
    path = Path(__file__).resolve().parents[1] / "benchmarks" / "bench_claims.py"
    spec = importlib.util.spec_from_file_location("bench_claims", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_claims"] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module
