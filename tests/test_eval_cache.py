"""The on-disk cache: an unchanged re-run calls no provider; every input that changes the answer misses it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from screener.cli import main
from screener.offline.grader import grade_offline
from screener.providers import registry
from screener.providers.fake import FakeProvider

FIX = Path(__file__).parent / "fixtures" / "evals"


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> FakeProvider:
    """``fake:*`` ids resolve to one scripted provider that answers like the offline grader and records calls."""
    provider = FakeProvider([lambda req: grade_offline(req.context.transcript, req.context.competencies,
                                                       req.context.role)], remote=False, repeat=True)
    monkeypatch.setitem(registry._REGISTERED, "fake", lambda api, model, options: provider)
    return provider


def make_config(tmp_path: Path, extra: str = "") -> Path:
    for name in ("engineer.txt", "tourist.txt"):
        shutil.copy(FIX / "transcripts" / name, tmp_path / name)
    cfg = tmp_path / "evals.yaml"
    cfg.write_text(f"""
prompts: ["{{{{ transcript }}}}"]
providers: [fake:scripted]
tests:
  - description: engineer
    vars: {{transcript: file://engineer.txt, expected_signal: engineer}}
    assert: [{{type: is-json}}]
  - description: tourist
    vars: {{transcript: file://tourist.txt, expected_signal: prompt_tourist}}
    assert: [{{type: is-json}}]
{extra}""", encoding="utf-8")
    return cfg


def run(cfg: Path, cache: Path, *flags: str) -> dict:
    out = cfg.parent / "out.json"
    assert main(["eval", str(cfg), "-q", "--cache-dir", str(cache), "-o", str(out), *flags]) == 0
    return json.loads(out.read_text(encoding="utf-8"))


def test_unchanged_rerun_makes_no_provider_calls(tmp_path: Path, fake: FakeProvider) -> None:
    cfg, cache = make_config(tmp_path), tmp_path / "cache"
    first = run(cfg, cache)
    assert len(fake.calls) == 2
    second = run(cfg, cache)
    assert len(fake.calls) == 2  # nothing new reached the provider
    assert second["screener"]["cache"] == {"hits": 2, "providerCalls": 0}
    assert [r["response"]["cached"] for r in second["results"]["results"]] == [True, True]
    outputs = lambda d: [r["response"]["output"] for r in d["results"]["results"]]  # noqa: E731
    assert outputs(first) == outputs(second)


def test_a_changed_transcript_misses_only_its_own_entry(tmp_path: Path, fake: FakeProvider) -> None:
    cfg, cache = make_config(tmp_path), tmp_path / "cache"
    run(cfg, cache)
    (tmp_path / "tourist.txt").write_text((tmp_path / "tourist.txt").read_text() + "Dana Whitfield: Thanks.\n")
    run(cfg, cache)
    assert len(fake.calls) == 3


def test_no_cache_flag_and_repeat_index_are_part_of_the_key(tmp_path: Path, fake: FakeProvider) -> None:
    cfg, cache = make_config(tmp_path), tmp_path / "cache"
    run(cfg, cache)
    run(cfg, cache, "--no-cache")
    assert len(fake.calls) == 4
    doc = run(cfg, cache, "--repeat", "2")  # repeat 0 is cached, repeat 1 is new
    assert len(fake.calls) == 6
    assert sorted(r["repeatIndex"] for r in doc["results"]["results"]) == [0, 0, 1, 1]
    run(cfg, cache, "--repeat", "2")
    assert len(fake.calls) == 6


def test_grading_options_change_the_key(tmp_path: Path, fake: FakeProvider) -> None:
    cfg, cache = make_config(tmp_path), tmp_path / "cache"
    run(cfg, cache)
    text = cfg.read_text().replace("providers: [fake:scripted]",
                                   "providers: [{id: fake:scripted, config: {temperature: 0.7}}]")
    cfg.write_text(text)
    run(cfg, cache)
    assert len(fake.calls) == 4
    cfg.write_text(text.replace("prompts:", "metadata: {screener: {role: ml_engineer}}\nprompts:"))
    run(cfg, cache)
    assert len(fake.calls) == 6


def test_max_tokens_is_part_of_the_key_not_a_secret(tmp_path: Path, fake: FakeProvider) -> None:
    cfg, cache = make_config(tmp_path), tmp_path / "cache"
    base = cfg.read_text()
    for n, config in enumerate(("{max_tokens: 800}", "{max_tokens: 1600}", "{max_tokens: 1600, temperature: 0.5}"), 1):
        cfg.write_text(base.replace("providers: [fake:scripted]", f"providers: [{{id: fake:scripted, config: {config}}}]"))
        run(cfg, cache)
        assert len(fake.calls) == 2 * n  # each setting is a fresh answer, never another setting's


def test_cache_never_stores_api_keys(tmp_path: Path) -> None:
    shutil.copy(FIX / "echo_provider.py", tmp_path / "echo_provider.py")
    cfg = tmp_path / "c.yaml"
    cfg.write_text("""
prompts: ["echo: {{ topic }}"]
providers:
  - id: file://echo_provider.py
    config: {apiKey: sk-SECRET-123, headers: {Authorization: Bearer tok-SECRET-456}, prefix: ""}
tests: [{vars: {topic: one, api_token: tok-SECRET-789}, assert: [{type: contains, value: one}]}]
""", encoding="utf-8")
    cache = tmp_path / "cache"
    run(cfg, cache)
    stored = "".join(p.read_text() for p in cache.rglob("*.json"))
    assert stored and "SECRET" not in stored
    doc = run(cfg, cache)
    assert doc["screener"]["cache"]["hits"] == 1
    assert "sk-SECRET" not in json.dumps(doc["config"])  # nor into the results' copy of the config
