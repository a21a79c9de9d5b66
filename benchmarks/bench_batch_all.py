"""Every issue-14 batch figure in one run, each printed beside its goal.

    .venv/bin/python benchmarks/bench_batch_all.py

1. pacing from rate-limit headers (bench_batch_limits: requests, tokens, both, openai, no-headers)
2. 320 transcripts at 1 s latency and -j 32 (bench_batch_live latency; goal <= 1.11x the ideal 10 s)
3. offline: peak memory at 10,000 transcripts and transcripts/s (bench_batch_memory)
The machine is shared: run it twice and quote both.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_batch_limits  # noqa: E402
import bench_batch_live  # noqa: E402
import bench_batch_memory  # noqa: E402


def main() -> int:
    bench_batch_limits.main([])
    bench_batch_live.main(["latency"])
    bench_batch_memory.main(["10000"])
    return 0


if __name__ == "__main__":
    import warnings

    warnings.simplefilter("ignore", DeprecationWarning)
    raise SystemExit(main())
