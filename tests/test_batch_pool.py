"""The batch's pool and start-up: realistic benchmark corpora, flat memory, ordered offline results while the
writer catches up, the first inputs prepared while the SDK imports (redacted as the provider and flags say), and
a live batch that imports only what it needs."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest

from screener.batch.corpus import fixture_sources, make_corpus, make_long_corpus
from screener.batch.pipeline import Pipeline, PipelineOptions
from screener.batch.pool import CpuPool
from screener.batch.progress import Progress, Tally
from screener.batch.records import BatchRecord
from screener.batch.store import ResultStore
from screener.cli import main
from screener.parsing import parse_transcript
from screener.testing.fake_api import FakeAPI

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures" / "transcripts"
ANTHROPIC = "anthropic:messages:claude-haiku-4-5"


def records(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def made_of(text: str, turns: set[str]) -> bool:
    """``text`` is one or more of ``turns`` joined by spaces (two turns of one speaker, from two sources in a row,
    read as one turn)."""
    if text in turns:
        return True
    return any(text.startswith(t + " ") and made_of(text[len(t) + 1:], turns) for t in turns)


def test_long_corpus_interviews_are_realistic_lengths_of_real_turns_each_distinct(tmp_path: Path) -> None:
    sources = fixture_sources(FIXTURES)
    real: dict[str, set[str]] = {}
    for p in sources:
        for t in parse_transcript(p.read_text(encoding="utf-8"), source=str(p)).turns:
            real.setdefault(t.role, set()).add(" ".join(t.text.split()))
    paths = make_long_corpus(sources, tmp_path / "long", 12, words=(1500, 3000))
    texts = [p.read_text(encoding="utf-8") for p in paths]
    assert len(set(texts)) == 12  # every file is its own work
    for path, text in zip(paths, texts, strict=True):
        transcript = parse_transcript(text, source=str(path))
        words = sum(len(t.text.split()) for t in transcript.turns)
        assert 1500 <= words <= 3000, (path.name, words)
        assert {t.role for t in transcript.turns} == {"interviewer", "candidate"}
        assert all(made_of(t.text, real[t.role]) for t in transcript.turns)  # nothing invented, each in its role


def test_a_record_is_read_back_from_where_it_was_appended(tmp_path: Path) -> None:
    store = ResultStore.open(tmp_path / "r.jsonl", resume=False)
    names = ["Tomasz Wiśniewski", "王芳", "Ana", "Zoë 🙂 Müller"]  # multi-byte names: offsets are bytes
    offsets = [store.append(BatchRecord(input=f"{i}.txt", sha256=f"{i:064x}", key=f"k{i}", candidate=name,
                                        role="hybrid", status="graded")) for i, name in enumerate(names)]
    assert [store.read_at(o).candidate for o in offsets] == names
    store.close()


def test_a_batch_does_not_keep_its_records_in_memory(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    make_corpus(fixture_sources(FIXTURES)[:1], folder, 1)
    assert main(["batch", str(folder), "-o", str(tmp_path / "one.jsonl"), "--provider", "offline", "-q"]) == 0
    card = records(tmp_path / "one.jsonl")[0]["scorecard"]
    store = ResultStore.open(tmp_path / "r.jsonl", resume=False)
    pipeline = Pipeline(store, PipelineOptions(), Progress(Tally(), quiet=True), CpuPool(0))

    async def write(start: int, count: int) -> None:
        for i in range(start, start + count):
            await pipeline.write(BatchRecord.model_validate({"input": f"{i}.txt", "sha256": f"{i:064x}",
                                                             "key": f"{i:064x}:hybrid", "role": "hybrid",
                                                             "status": "graded", "scorecard": card}))

    try:
        asyncio.run(write(0, 20))  # warm: caches, the writer thread
        tracemalloc.start()
        before = tracemalloc.get_traced_memory()[0]
        asyncio.run(write(20, 300))
        grown = tracemalloc.get_traced_memory()[0] - before
        tracemalloc.stop()
    finally:
        pipeline.close()
        store.close()
    one_card = len(json.dumps(card))
    assert grown < 40 * one_card, f"{grown} bytes kept for 300 records of ~{one_card} bytes each"
    assert pipeline.content_record(f"{25:064x}:hybrid").input == "25.txt"  # what it keeps finds the record


def test_offline_results_stay_in_input_order_with_shared_gradings_and_unreadable_files_among_them(
        tmp_path: Path) -> None:
    paths = make_corpus(fixture_sources(FIXTURES), tmp_path / "many", 40)
    broken = tmp_path / "binary.vtt"
    broken.write_bytes(b"WEBVTT\x00\x00\x01")
    rows = [{"path": str(p)} for p in paths]
    rows.insert(12, {"path": str(paths[3]), "requisition": "REQ-2"})  # graded for its first row, recorded again
    rows.insert(20, {"path": str(broken)})
    manifest = tmp_path / "m.jsonl"
    manifest.write_text("".join(json.dumps(r) + "\n" for r in rows))
    out = tmp_path / "r.jsonl"
    assert main(["batch", str(manifest), "-o", str(out), "--provider", "offline", "-j", "2", "-q"]) == 1
    recs = records(out)
    assert [(r["input"], r["requisition"]) for r in recs] == [(r["path"], r.get("requisition")) for r in rows]
    assert recs[12]["scorecard"] == recs[3]["scorecard"] and recs[12]["status"] == "graded"
    assert recs[20]["status"] == "failed" and "binary" in recs[20]["error"]
    assert sum(r["status"] == "graded" for r in recs) == 41


@pytest.mark.parametrize("provider, flags, redacted", [(ANTHROPIC, [], True), (ANTHROPIC, ["--no-redact"], False),
                                                      ("openai:chat:gpt-4.1-mini", [], True)])
def test_first_inputs_prepared_during_start_up_are_redacted_as_the_provider_and_flags_say(
        provider: str, flags: list[str], redacted: bool, tmp_path: Path, monkeypatch) -> None:
    folder = tmp_path / "in"
    make_corpus([FIXTURES / "labelled_roles.txt"], folder, 3)
    out = tmp_path / "r.jsonl"
    with FakeAPI() as api:
        monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-test")
        monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
        monkeypatch.setenv("ANTHROPIC_BASE_URL", api.anthropic_base_url)
        monkeypatch.setenv("OPENAI_BASE_URL", api.openai_base_url)
        assert main(["batch", str(folder), "-o", str(out), "--provider", provider, "-j", "4", "-q", *flags]) == 0
        bodies = [json.dumps(r.body) for r in api.requests]
    assert len(bodies) == 3
    assert all(("Luis Ortega" in b) is not redacted for b in bodies)
    assert all(r["scorecard"]["grader"]["redacted"] is redacted for r in records(out))
    assert {r["candidate"] for r in records(out)} == {"Luis Ortega"}  # the real name back in the results


def test_preload_imports_the_providers_module_in_the_background(monkeypatch) -> None:
    from screener.providers import get_provider, preload, registry

    thread = preload("fake:answers.jsonl")
    assert thread is not None
    thread.join(timeout=60)
    assert "screener.providers.fake" in sys.modules
    assert preload("no-such-provider") is None  # get_provider says what is wrong with the id
    monkeypatch.setitem(registry._FACTORIES, "broken", "screener.providers.no_such_module:create")
    broken = preload("broken")
    assert broken is not None
    broken.join(timeout=60)
    with pytest.raises(ModuleNotFoundError):  # the import's error surfaces where it did without the preload
        get_provider("broken")


DRIVER = """
import atexit, json, sys
atexit.register(lambda: print(json.dumps(sorted(m for m in sys.modules if m.startswith(
    ("sqlalchemy", "openai", "screener.safety.redact", "screener.safety.injection", "screener.store"))))))
from screener.cli import main
if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
"""


def test_a_live_batch_without_a_store_imports_no_store_other_sdk_redaction_or_injection(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    make_corpus(fixture_sources(FIXTURES)[:3], folder, 3)
    driver = tmp_path / "driver.py"
    driver.write_text(DRIVER)
    with FakeAPI() as api:
        env = {**{k: v for k, v in os.environ.items() if k != "SCREENER_DATABASE_URL"},
               "ANTHROPIC_API_KEY": "sk-test", "ANTHROPIC_BASE_URL": api.anthropic_base_url,
               "SCREENER_AUDIT_LOG": str(tmp_path / "audit.jsonl"), "PYTHONPATH": str(ROOT)}
        done = subprocess.run([sys.executable, str(driver), "batch", str(folder), "-o", str(tmp_path / "r.jsonl"),
                               "--provider", ANTHROPIC, "-q"], env=env, cwd=ROOT, capture_output=True, text=True,
                              timeout=300)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.strip().splitlines()[-1]) == []  # the pool's workers redact and strip, not it
    assert len(records(tmp_path / "r.jsonl")) == 3




PROBE = """
import sys
from pathlib import Path


def built_before_any_input():
    # (in a pool worker) what the steps build on first use, there before the worker's first input
    from screener.safety.injection import learned
    from screener.safety.redact import lexicon

    return [learned._shipped.cache_info().currsize == 1, lexicon.first_names.cache_info().currsize == 1]


if __name__ == "__main__":
    import probe
    from screener.batch.inputs import iter_inputs
    from screener.batch.pool import CpuPool, StepSettings, send_step
    from screener.batch.prepare import read_input

    loaded = [read_input(item, "ai_engineer") for item in iter_inputs([sys.argv[1]])][:4]
    pool = CpuPool(2)
    pool.warm()
    built = [all(pool.submit(probe.built_before_any_input).result(timeout=120)) for _ in range(4)]
    warm = [pool.submit(send_step, item, StepSettings()).result(timeout=120) for item in loaded]
    pool.close()
    cold = [send_step(item, StepSettings()) for item in loaded]
    print(all(built), len(loaded), [(s.system, s.user) for s in warm] == [(s.system, s.user) for s in cold])
"""


def test_pool_workers_start_with_the_steps_warm_from_the_fork_server(tmp_path: Path) -> None:
    """A live batch's fork server reads the learned injection weights and runs one sample through the steps, so a
    worker's first transcript does not pay for building them (about 0.5 s of CPU, between the SDK's import and the
    first send); and what a warm worker prepares is what a process prepares cold. (In a process of its own: a
    process has one fork server, started with the preload of its first pool.)"""
    (tmp_path / "probe.py").write_text(PROBE)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), str(tmp_path)])}
    done = subprocess.run([sys.executable, str(tmp_path / "probe.py"), str(FIXTURES)], env=env, cwd=tmp_path,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["True", "4", "True"]


def test_batch_run_beside_a_folder_named_screener_grades_with_the_installed_screener(tmp_path: Path) -> None:
    """The pool's fork server is a new interpreter, which puts the working directory first on its import path: a
    batch run where a folder ``screener`` (another checkout, a project's package) lies made its workers import
    that instead, and the pool died with a traceback. (The console script's own directory is its path's head, as
    here with a driver script kept apart.)"""
    work = tmp_path / "work"
    (work / "screener").mkdir(parents=True)
    (work / "screener" / "__init__.py").write_text('raise SystemExit("imported the wrong screener")\n')
    make_corpus(fixture_sources(FIXTURES)[:2], work / "in", 4)
    (tmp_path / "bin").mkdir()
    driver = tmp_path / "bin" / "driver.py"
    driver.write_text(DRIVER)
    env = {**{k: v for k, v in os.environ.items() if not k.endswith("_API_KEY") and k != "SCREENER_DATABASE_URL"},
           "SCREENER_AUDIT_LOG": str(tmp_path / "audit.jsonl"), "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, str(driver), "batch", "in", "-o", "r.jsonl", "-j", "2", "-q"], env=env,
                          cwd=work, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "wrong screener" not in done.stderr
    assert len(records(work / "r.jsonl")) == 4
    assert all(r["status"] == "graded" for r in records(work / "r.jsonl"))


def _die() -> None:
    os._exit(9)  # a worker killed under its step (the OOM killer, a kill -9)


def _slow_pid() -> int:
    import time

    time.sleep(1.0)
    return os.getpid()


def test_a_worker_that_dies_loses_no_other_step_and_fails_only_the_step_that_kills_it() -> None:
    """A dead worker breaks a whole process pool (every step in flight fails with it); before, every later input
    of the batch failed or the batch ended in a traceback. The steps in flight are run again on a new pool, and a
    step that kills its worker every time fails with one line, alone."""
    from screener.batch.pool import STEP_TRIES, WorkerDied

    async def go() -> tuple[list[object], int, int]:
        pool = CpuPool(2)
        try:
            results = await asyncio.gather(pool.run(_slow_pid), pool.run(_die), pool.run(_slow_pid),
                                           return_exceptions=True)
            after = await pool.run(_slow_pid)
            return results, after, pool.restarts
        finally:
            pool.close()

    (first, died, second), after, restarts = asyncio.run(go())
    assert isinstance(first, int) and isinstance(second, int) and isinstance(after, int)
    assert isinstance(died, WorkerDied)
    assert "worker process died" in str(died) and "\n" not in str(died)
    assert restarts == STEP_TRIES  # a new pool for each death, the last one for the steps after it


def test_a_worker_that_cannot_be_started_is_started_on_a_new_pool() -> None:
    """Submitting starts a missing worker through the fork server; one that died meanwhile fails the submit
    (EOFError, before the step ran): the step runs on a new pool, whose fork server is started again."""
    from concurrent.futures import ThreadPoolExecutor

    class ForkServerGone(ThreadPoolExecutor):
        def submit(self, fn, /, *args, **kwargs):  # type: ignore[no-untyped-def,override]
            raise EOFError("unexpected EOF")

    async def go() -> tuple[int, int]:
        pool = CpuPool(1)
        try:
            pool.executor.shutdown()
            pool.executor = ForkServerGone(1)
            return await pool.run(os.getpid), pool.restarts
        finally:
            pool.close()

    pid, restarts = asyncio.run(go())
    assert pid != os.getpid() and restarts == 1
