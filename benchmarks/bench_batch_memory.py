"""Benchmark: 10,000 transcripts with the offline grader: peak memory (RSS) and transcripts per second.

    .venv/bin/python benchmarks/bench_batch_memory.py [COUNT ...]     (default: 1000 10000)

Each run is ``screener batch DIR -o results.jsonl --csv summary.csv`` in a fresh subprocess; its peak RSS is
``resource.getrusage(RUSAGE_CHILDREN).ru_maxrss`` after it exits. Flat memory shows as the same peak for 1k
and 10k inputs. Inputs are tests/fixtures (or golden/) transcripts replicated with distinct content.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from screener.batch.corpus import fixture_sources, make_corpus  # noqa: E402


def sources() -> list[Path]:
    golden = ROOT / "golden" / "transcripts"
    found = fixture_sources(golden) if golden.is_dir() else []
    return found or fixture_sources(ROOT / "tests" / "fixtures" / "transcripts")


def measure(count: int, tmp: Path) -> tuple[float, float, int]:
    """(peak RSS in MB, transcripts per second, records written) for one batch of ``count``."""
    folder = tmp / f"in-{count}"
    make_corpus(sources(), folder, count)
    out, csv_path = tmp / f"r-{count}.jsonl", tmp / f"s-{count}.csv"
    runner = (
        "import resource, subprocess, sys, json, time\n"
        "t = time.monotonic()\n"
        "rc = subprocess.call(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
        "print(json.dumps({'rc': rc, 'seconds': time.monotonic() - t,\n"
        "                  'maxrss_kb': resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))\n"
    )
    cmd = [sys.executable, "-m", "screener.cli", "batch", str(folder), "-o", str(out), "--csv", str(csv_path),
           "--provider", "offline", "-j", "8", "-q"]
    env = {k: v for k, v in os.environ.items() if k not in ("ANTHROPIC_API_KEY", "OPENAI_API_KEY")}
    env["SCREENER_AUDIT_LOG"] = str(tmp / f"audit-{count}.jsonl")  # one audit line per grading, as in real use
    result = json.loads(subprocess.check_output([sys.executable, "-c", runner, *cmd], cwd=ROOT, env=env))
    records = sum(1 for _ in out.open())
    if result["rc"] != 0 or records != count:
        raise SystemExit(f"batch of {count}: exit {result['rc']}, {records} records")
    return result["maxrss_kb"] / 1024, count / result["seconds"], records


def main(argv: list[str]) -> int:
    counts = [int(a) for a in argv] or [1000, 10_000]
    with tempfile.TemporaryDirectory(prefix="bench-batch-mem-") as tmp:
        for count in counts:
            rss, rate, records = measure(count, Path(tmp))
            print(f"[3 memory] {count} transcripts, offline grader, -j 8, with CSV export: peak RSS {rss:.0f} MB, "
                  f"{rate:.0f} transcripts/s, {records} records")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
