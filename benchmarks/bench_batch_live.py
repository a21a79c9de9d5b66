"""Benchmarks of the live batch against the loopback fake API (run in its own process, like a remote API).

    .venv/bin/python benchmarks/bench_batch_live.py [latency|ratelimit|failures ...]

1. latency:   1.0 s per call, 320 transcripts, -j 32: wall time of ``screener batch`` from the command's start
              (a fresh process: imports, start-up and all) vs the ideal 10 s, and when the first and the 32nd
              request arrived (the fake API runs in this process for that; it only waits meanwhile).
2. ratelimit: the API allows R req/s (429 + retry-after beyond): sustained throughput vs R, share of calls
              rejected, nothing lost.
3. failures:  10% of calls answer 500, 10% truncated JSON: every input ends graded or failed with a reason,
              none lost or duplicated.

Inputs are the dev golden transcripts (or tests/fixtures) replicated into a temp dir with distinct content; the
held-out golden transcripts are never used. ``BENCH_REPEAT=N`` runs the latency benchmark N times (the best is
quoted), ``BENCH_ROOT=DIR`` runs another checkout's ``screener batch`` (e.g. a worktree at an earlier commit).
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from screener.batch.corpus import fixture_sources, make_corpus  # noqa: E402
from screener.batch.inputs import iter_inputs  # noqa: E402
from screener.batch.progress import Progress, Tally  # noqa: E402
from screener.batch.runner import LiveOptions, RunResult, run_live  # noqa: E402
from screener.batch.store import ResultStore, iter_records  # noqa: E402
from screener.evals.splits import is_held_out_golden  # noqa: E402
from screener.providers import ProviderOptions, get_provider  # noqa: E402

PROVIDER = "anthropic:messages:claude-haiku-4-5"


# the golden set's held-out transcripts (``is_held_out_golden``) are never benchmark load (one of them has three
# speakers and rightly needs ``--candidate``: cycled into the latency corpus it made 3 of 320 inputs fail)


def sources() -> list[Path]:
    """The dev golden transcripts (each names its candidate), else the test fixtures."""
    golden = ROOT / "golden" / "transcripts"
    found = [p for p in fixture_sources(golden) if not is_held_out_golden(p.name)] if golden.is_dir() else []
    return found or fixture_sources(ROOT / "tests" / "fixtures" / "transcripts")


@contextmanager
def fake_api(*args: str):
    """``python -m screener.testing.fake_api`` on a free port, in its own process; yields its base URL."""
    # The fake keeps a listen backlog of 256 and sets TCP_NODELAY: with the stdlib defaults, 32 connections
    # opening at once see SYN drops (a 1 s retransmit) and every answer waits out a 40 ms delayed ACK.
    proc = subprocess.Popen([sys.executable, "-m", "screener.testing.fake_api", "--port", "0", *args], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        line = proc.stdout.readline() if proc.stdout else ""
        match = re.search(r"on (http://127\.0\.0\.1:\d+)", line)
        if not match:
            raise RuntimeError(f"the fake API did not start: {line!r}")
        yield match.group(1)
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def run_batch(url: str, folder: Path, out: Path, jobs: int, retries: int = 3) -> tuple[RunResult, float]:
    os.environ["ANTHROPIC_API_KEY"] = "sk-bench"
    os.environ["ANTHROPIC_BASE_URL"] = url
    provider = get_provider(PROVIDER, ProviderOptions(retries=0))
    store = ResultStore.open(out, resume=False)
    progress = Progress(Tally(), quiet=True)

    async def main() -> RunResult:
        try:
            return await run_live(iter_inputs([str(folder)]), store, provider,
                                  LiveOptions(jobs=jobs, retries=retries), progress)
        finally:
            await provider.aclose()

    started = time.monotonic()
    try:
        result = asyncio.run(main())
    finally:
        store.close()
    return result, time.monotonic() - started


def check_records(out: Path, count: int) -> Counter[str]:
    records = list(iter_records(out))
    inputs = [r["input"] for r in records]
    assert len(inputs) == count and len(set(inputs)) == count, f"{len(inputs)} records, {len(set(inputs))} distinct"
    assert all(r["status"] == "graded" or r["error"] for r in records), "a failure without a reason"
    return Counter(r["status"] for r in records)


def run_command(url: str, folder: Path, out: Path, jobs: int, tmp: Path, root: Path = ROOT) -> tuple[str, float]:
    """``screener batch`` as a user runs it, in a fresh process: (its summary line, wall seconds from its start).
    ``root``: the checkout whose ``screener`` runs."""
    summary, started, wall = _run_command(url, folder, out, jobs, tmp, root)
    return summary, wall


def _run_command(url: str, folder: Path, out: Path, jobs: int, tmp: Path, root: Path) -> tuple[str, float, float]:
    """``run_command``, also returning when (``time.monotonic``) the process was started."""
    env = {**os.environ, "ANTHROPIC_API_KEY": "sk-bench", "ANTHROPIC_BASE_URL": url, "PYTHONPATH": str(root),
           "SCREENER_AUDIT_LOG": str(tmp / f"{out.stem}-audit.jsonl")}
    cmd = [sys.executable, "-m", "screener.cli", "batch", str(folder), "-o", str(out), "--provider", PROVIDER,
           "-j", str(jobs), "-q"]
    started = time.monotonic()
    done = subprocess.run(cmd, cwd=root, env=env, capture_output=True, text=True, timeout=600)
    wall = time.monotonic() - started
    if done.returncode not in (0, 1):
        raise SystemExit(f"screener batch exited {done.returncode}: {done.stderr[-2000:]}")
    return done.stderr.strip().splitlines()[-1], started, wall


REPEAT = int(os.environ.get("BENCH_REPEAT", "1"))
"""runs of the latency benchmark (the best is quoted; the machine is shared)"""
BENCH_ROOT = Path(os.environ.get("BENCH_ROOT", str(ROOT)))
"""the checkout whose ``screener batch`` the latency benchmark runs (e.g. a worktree at an earlier commit)"""


def bench_latency(tmp: Path) -> None:
    """The fake API runs in this process (a thread server; this process only waits meanwhile), so each
    request's arrival time is known: the time to the first send and to the -j-th, from the command's start,
    are less noisy on a shared machine than the wall time."""
    from screener.testing.fake_api import FakeAPI

    count, jobs, latency = 320, 32, 1.0
    folder = tmp / "latency"
    make_corpus(sources(), folder, count)
    walls, firsts, fulls = [], [], []
    for run in range(REPEAT):
        out = tmp / f"latency-{run}.jsonl"
        with FakeAPI(latency=latency) as api:
            summary, started, wall = _run_command(api.anthropic_base_url, folder, out, jobs, tmp, BENCH_ROOT)
            arrivals = sorted(r.received - started for r in api.requests)
        walls.append(wall)
        firsts.append(arrivals[0] if arrivals else float("nan"))
        fulls.append(arrivals[jobs - 1] if len(arrivals) >= jobs else float("nan"))
        statuses = check_records(out, count)
    best = min(range(REPEAT), key=walls.__getitem__)
    wall = walls[best]
    ideal = count / jobs * latency
    calls = re.search(r"(\d+) calls", summary)
    runs = f" (best of {REPEAT}: {', '.join(f'{w:.2f}' for w in walls)})" if REPEAT > 1 else ""
    print(f"[1 latency] {count} transcripts, {latency:g}s per call, -j {jobs}: wall {wall:.2f}s from the command's "
          f"start vs ideal {ideal:.1f}s ({wall / ideal:.2f}x, goal <= 1.11x){runs}; {dict(statuses)}; "
          f"calls {calls.group(1) if calls else '?'}; first send {', '.join(f'{f:.2f}' for f in firsts)}s and "
          f"{jobs} in flight {', '.join(f'{f:.2f}' for f in fulls)}s from the start", flush=True)


def bench_ratelimit(tmp: Path) -> None:
    count, jobs, rate, latency = 450, 32, 30.0, 0.2
    folder = tmp / "ratelimit"
    make_corpus(sources(), folder, count)
    with fake_api("--rate-limit", str(rate), "--latency", str(latency)) as url:
        result, wall = run_batch(url, folder, tmp / "ratelimit.jsonl", jobs)
    statuses = check_records(tmp / "ratelimit.jsonl", count)
    stats = result.stats
    throughput = statuses["graded"] / wall
    rejected = stats.rate_limited / stats.calls
    lim = result.limiter
    steady = (statuses["graded"] - rate) / wall  # without the bucket's initial burst of R free calls
    print(f"[2 ratelimit] API allows {rate:g} req/s ({latency:g}s latency), {count} transcripts, -j {jobs}: "
          f"throughput {throughput:.1f}/s = {throughput / rate * 100:.0f}% of the limit "
          f"({steady / rate * 100:.0f}% not counting the API's initial burst allowance); "
          f"{stats.rate_limited} of {stats.calls} calls rejected ({rejected * 100:.1f}%); {dict(statuses)}; "
          f"final pace {lim.rate:.1f}/s, concurrency {lim.limit}" if lim and lim.rate else "")


def bench_failures(tmp: Path) -> None:
    count, jobs = 300, 16
    folder = tmp / "failures"
    make_corpus(sources(), folder, count)
    with fake_api("--latency", "0.05", "--fail-rate", "500=0.1", "--fail-rate", "truncated=0.1", "--seed", "7") as url:
        result, wall = run_batch(url, folder, tmp / "failures.jsonl", jobs, retries=1)
    statuses = check_records(tmp / "failures.jsonl", count)
    reasons = Counter(re.sub(r"\d+ attempts", "N attempts", str(r["error"]))[:90]
                      for r in iter_records(tmp / "failures.jsonl") if r["status"] == "failed")
    print(f"[4 failures] {count} transcripts, 10% HTTP 500 + 10% truncated JSON, --retries 1: {dict(statuses)}, "
          f"none lost or duplicated; {result.stats.calls} calls, {result.stats.transient_errors} retried; "
          f"{wall:.1f}s; failure reasons: {json.dumps(dict(reasons))}")


BENCHES = {"latency": bench_latency, "ratelimit": bench_ratelimit, "failures": bench_failures}


def main(argv: list[str]) -> int:
    chosen = argv or list(BENCHES)
    unknown = [c for c in chosen if c not in BENCHES]
    if unknown:
        print(f"unknown benchmark(s) {unknown}; choose from {list(BENCHES)}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="bench-batch-") as tmp:
        for name in chosen:
            BENCHES[name](Path(tmp))
    return 0


if __name__ == "__main__":
    import warnings

    warnings.simplefilter("ignore", DeprecationWarning)
    raise SystemExit(main(sys.argv[1:]))
