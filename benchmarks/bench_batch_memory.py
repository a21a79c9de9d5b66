"""Benchmark: 10,000 transcripts with the offline grader: peak memory (RSS) and transcripts per second.

    .venv/bin/python benchmarks/bench_batch_memory.py [COUNT ...]     (default: 1000 10000)

Each run is ``screener batch DIR -o results.jsonl --csv summary.csv`` in a fresh subprocess; its peak RSS is
``resource.getrusage(RUSAGE_CHILDREN).ru_maxrss`` after it exits (the largest single process: the batch or one
of its pool workers). Flat memory shows as the same peak for 1k
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


def words(folder: Path) -> float:
    sizes = [len(p.read_text(encoding="utf-8", errors="replace").split()) for p in sorted(folder.iterdir())[:200]]
    return sum(sizes) / max(1, len(sizes))


def measure(count: int, tmp: Path) -> tuple[float, float, int, int]:
    """(peak RSS in MB of the batch and its workers, transcripts per second, records, failures) for ``count``."""
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
           "--provider", "offline", "-q"]
    env = {k: v for k, v in os.environ.items() if k not in ("ANTHROPIC_API_KEY", "OPENAI_API_KEY")}
    env["SCREENER_AUDIT_LOG"] = str(tmp / f"audit-{count}.jsonl")  # one audit line per grading, as in real use
    result = json.loads(subprocess.check_output([sys.executable, "-c", runner, *cmd], cwd=ROOT, env=env))
    lines = out.read_text().splitlines()
    failed = sum(1 for line in lines if '"status":"failed"' in line)
    if result["rc"] not in (0, 1) or len(lines) != count:  # 1: some golden cases need --candidate
        raise SystemExit(f"batch of {count}: exit {result['rc']}, {len(lines)} records")
    return result["maxrss_kb"] / 1024, count / result["seconds"], len(lines), failed


def main(argv: list[str]) -> int:
    counts = [int(a) for a in argv] or [1000, 10_000]
    with tempfile.TemporaryDirectory(prefix="bench-batch-mem-") as tmp:
        for count in counts:
            rss, rate, records, failed = measure(count, Path(tmp))
            print(f"[3 offline] {count} transcripts (~{words(Path(tmp) / f'in-{count}'):.0f} words each), offline "
                  f"grader, default -j ({os.cpu_count()} cores), with CSV export: peak RSS {rss:.0f} MB (goal <= 200), "
                  f"{rate:.0f} transcripts/s from the command's start (goal >= 200), {records} records "
                  f"({failed} failed: cases that need --candidate)", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
