#!/usr/bin/env python3
"""Time ``screener eval`` and real promptfoo on the same config (offline, no cache) and print the ratio.

    .venv/bin/python benchmarks/bench_eval_vs_promptfoo.py [CONFIG] [--runs N]

Wall-clock time of each whole command (start-up included), best of N runs (default 3 for screener, 1 for
promptfoo, which is slow), plus screener's warm-cache re-run. promptfoo is located or installed as in
scripts/promptfoo_parity.py.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "scripts"))

from promptfoo_parity import find_promptfoo, promptfoo_env  # noqa: E402


def timed(cmd: list[str], **kw) -> float:
    started = time.perf_counter()
    proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False, **kw)
    seconds = time.perf_counter() - started
    if proc.returncode not in (0, 1, 100):
        sys.exit(f"bench: {cmd[0]} failed ({proc.returncode}): {proc.stderr.decode()[-400:]}")
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("config", nargs="?", type=Path, default=REPO / "evals/promptfooconfig.yaml")
    parser.add_argument("--runs", type=int, default=3, help="screener runs (best of); promptfoo runs once")
    parser.add_argument("--promptfoo-runs", type=int, default=1)
    args = parser.parse_args()
    config = args.config.resolve()
    promptfoo = find_promptfoo()
    with tempfile.TemporaryDirectory(prefix="bench-eval-") as tmp:
        tmpd = Path(tmp)
        ours = [timed([sys.executable, "-m", "screener.cli", "eval", str(config), "--no-cache", "-q",
                       "-o", str(tmpd / "s.json")], cwd=REPO) for _ in range(args.runs)]
        cache = tmpd / "cache"
        timed([sys.executable, "-m", "screener.cli", "eval", str(config), "-q", "--cache-dir", str(cache)], cwd=REPO)
        warm = timed([sys.executable, "-m", "screener.cli", "eval", str(config), "-q", "--cache-dir", str(cache)],
                     cwd=REPO)
        theirs = [timed([str(promptfoo), "eval", "-c", str(config), "-o", str(tmpd / "p.json"), "--no-cache",
                         "--no-table", "--no-progress-bar"], cwd=tmpd,
                        env=promptfoo_env(promptfoo.parent, tmpd / "home")) for _ in range(args.promptfoo_runs)]
    s, p = min(ours), min(theirs)
    print(f"config: {config}")
    print(f"screener eval (no cache): best {s:.2f}s of {len(ours)} runs ({', '.join(f'{x:.2f}' for x in ours)})")
    print(f"screener eval (warm cache): {warm:.2f}s")
    print(f"promptfoo eval (no cache): best {p:.2f}s of {len(theirs)} runs ({', '.join(f'{x:.2f}' for x in theirs)})")
    print(f"ratio promptfoo/screener: {p / s:.1f}x (target: at least 5x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
