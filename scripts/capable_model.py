"""Measure the LLM grader's prompt on a capable model without an API key (DEVELOPERS.md).

    python scripts/capable_model.py dump OUT [--cases ID,ID...|--set holdout]
        renders exactly what a remote model is sent for each golden case (through ``--dump``), and writes
        OUT/<id>/system.md, user.md and schema.json: all a stand-in model may read.
    python scripts/capable_model.py blind DUMP_DIR BLIND_DIR MAPPING.json
        copies the dumps under opaque names (s01, s02...) so the stand-in model cannot read a case id (ids name
        the label); MAPPING.json maps them back.
    python scripts/capable_model.py score ANSWERS_DIR [--mapping MAPPING.json] [--root CHECKOUT] [--json FILE]
        replays every ANSWERS_DIR/<id>.json (the model's one JSON answer) through the real pipeline with
        ``--provider fake:`` (of the screener in CHECKOUT, default this one) and scores the scorecards with the
        eval harness's metrics, per golden set.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from screener.evals.splits import is_held_out_golden  # noqa: E402
from screener.golden import load_golden  # noqa: E402


def _cases(spec: str | None, which: str | None):
    cases = load_golden()
    if which == "holdout":
        cases = [c for c in cases if is_held_out_golden(c.id)]
    elif which and which != "all":  # one held-out set by its prefix (``--set``'s choices name them)
        cases = [c for c in cases if c.id.startswith(which + "_")]
    if spec:
        wanted = set(spec.split(","))
        cases = [c for c in cases if c.id in wanted]
    return cases


ROOT = REPO
_AUDIT_DIR = Path(tempfile.mkdtemp(prefix="capable-model-"))  # a fresh log per run: old and new log formats differ


def _grade_args(case, provider: str) -> list[str]:
    args = [sys.executable, "-m", "screener.cli", "grade", str(case.path()), "--provider", provider,
            "--role", case.role, "--input-format", case.format, "-q", "--format", "json",
            "--audit-log", str(_AUDIT_DIR / "audit.jsonl")]
    if case.candidate:
        args += ["--candidate", case.candidate]
    return args


def dump(out: Path, spec: str | None, which: str | None) -> int:
    empty = Path(tempfile.mkdtemp()) / "none.jsonl"
    empty.write_text("{}\n")
    for case in _cases(spec, which):
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run(_grade_args(case, f"fake:{empty}") + ["--dump", tmp], capture_output=True, text=True)
            req = json.loads((Path(tmp) / "request-1.json").read_text())
            target = out / case.id
            target.mkdir(parents=True, exist_ok=True)
            (target / "system.md").write_text((Path(tmp) / "system.md").read_text())
            (target / "user.md").write_text(req["messages"][0]["content"])
            (target / "schema.json").write_text(json.dumps(req["output_schema"], indent=2))
        print(case.id)
    return 0


def blind(dumps: Path, out: Path, mapping: Path) -> int:
    import random
    import shutil

    ids = sorted(p.name for p in dumps.iterdir() if p.is_dir())
    random.Random(len(ids)).shuffle(ids)
    names = {f"s{i + 1:02d}": cid for i, cid in enumerate(ids)}
    for name, cid in names.items():
        shutil.copytree(dumps / cid, out / name, dirs_exist_ok=True)
    mapping.write_text(json.dumps(names, indent=1))
    return 0


def score(answers: Path, json_out: Path | None, mapping: Path | None) -> int:
    from screener.evals.golden_tests import test_case
    from screener.evals.metrics import compute_metrics

    names = json.loads(mapping.read_text()) if mapping else {}
    by_case = {cid: name for name, cid in names.items()}
    rows = []
    for case in load_golden():
        answer = answers / f"{by_case.get(case.id, case.id)}.json"
        if not answer.is_file():
            continue
        with tempfile.TemporaryDirectory() as tmp:
            jsonl = Path(tmp) / "answer.jsonl"
            jsonl.write_text(json.dumps(json.loads(answer.read_text())) + "\n")
            env = {**os.environ, "PYTHONPATH": str(ROOT)}
            proc = subprocess.run(_grade_args(case, f"fake:{jsonl}"), capture_output=True, text=True, env=env,
                                  cwd=str(ROOT))
        vars_ = test_case(case, None)["vars"]
        row = {"vars": vars_, "success": proc.returncode == 0, "provider": {"id": "capable-model"},
               "response": {"output": proc.stdout} if proc.returncode == 0 else None,
               "error": None if proc.returncode == 0 else proc.stderr.strip()[-300:],
               "testCase": {"description": case.id}, "promptIdx": 0, "testIdx": len(rows), "latencyMs": 0}
        rows.append(row)
    metrics = compute_metrics(rows)
    if json_out:
        json_out.write_text(json.dumps({"metrics": metrics, "rows": rows}, indent=1, default=str))
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    d = sub.add_parser("dump")
    d.add_argument("out", type=Path)
    d.add_argument("--cases")
    d.add_argument("--set", choices=["holdout", "ho", "h2", "h3", "h5", "all"], default="all")
    b = sub.add_parser("blind")
    b.add_argument("dumps", type=Path)
    b.add_argument("out", type=Path)
    b.add_argument("mapping", type=Path)
    s = sub.add_parser("score")
    s.add_argument("answers", type=Path)
    s.add_argument("--json", type=Path)
    s.add_argument("--mapping", type=Path)
    s.add_argument("--root", type=Path, default=REPO)
    a = ap.parse_args(argv)
    if a.cmd == "dump":
        return dump(a.out, a.cases, a.set)
    if a.cmd == "blind":
        return blind(a.dumps, a.out, a.mapping)
    global ROOT
    ROOT = a.root.resolve()
    return score(a.answers, a.json, a.mapping)


if __name__ == "__main__":
    raise SystemExit(main())
