"""Measure the interview report's model path (issue 15 point 4) on a capable model without an API key.

    .venv/bin/python scripts/coach_capable_model.py dump OUT [--split dev|holdout|holdoutN|all] [--labels FILE]
        writes OUT/<name>.json for every labelled interviewer turn of the split: exactly the request
        ``screener coach -p MODEL`` sends for that turn (the candidate's previous answer and the turn, as a
        transcript): {"system", "messages", "output_schema"}, as ``screener coach --dump`` records it (names
        and contact details redacted, as for a remote model). The names are opaque (``r`` + 10 hex digits of a
        hash of split and id): no file holds an id, a label or a note. OUT/README.md tells the stand-in model
        what to write.
    .venv/bin/python scripts/coach_capable_model.py score ANSWERS [--split ...] [--labels FILE] [--json]
        replays every ANSWERS/<name>.json (the model's one raw answer to OUT/<name>.json) through the model
        path of the report (the request rebuilt, a scripted provider answering it with the file, the answer
        checked by ``screener.coach.llm.read_answer``; a turn whose answer cannot back itself up keeps the
        lexical reading, as in the report) and prints the per-kind precision and recall table of
        benchmarks/bench_coach.py, for the turns that have an answer. A blind split (holdout3, holdout4, holdout5...) prints
        aggregates only, as the benchmark does.

The stand-in model answers the files; nobody who writes answers should see the labels or the code.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from screener.coach.bench import (  # noqa: E402
    answer_checks,
    answered,
    load_items,
    request_name,
    turn_request,
)
from screener.errors import ConfigError  # noqa: E402
from screener.evals.splits import blind_split_of, split_argument  # noqa: E402

README = """# Interview-report requests ({count} files)

Each `<name>.json` here is one request, exactly as the interview-report tool sends it to a model:
`system` (the instructions), `messages` (one user message: the interviewer turn to label, with the candidate's
answer before it when there is one) and `output_schema` (the JSON schema the answer must match).

Act as the model: for each `<name>.json`, read `system` and the user message, and write your answer to
`<ANSWERS>/<name>.json` (same name, in a separate folder): the one JSON object you would answer with, nothing
else. Answer each request on its own.
"""


def dump(out: Path, split: str, labels: Path | None) -> int:
    items = load_items(labels, split)
    out.mkdir(parents=True, exist_ok=True)
    names: set[str] = set()
    for it in items:
        request, _ = turn_request(it)
        name = request_name(it)
        if name in names:
            raise ConfigError(f"two labelled turns share the request name {name}; their ids repeat")
        names.add(name)
        body = {"system": request.system, "messages": [m.model_dump() for m in request.messages],
                "output_schema": request.output_type.model_json_schema()}
        (out / f"{name}.json").write_text(json.dumps(body, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    (out / "README.md").write_text(README.format(count=len(items)), encoding="utf-8")
    print(f"coach_capable_model: wrote {len(items)} requests of split {split} to {out}")
    return 0


def score(answers: Path, split: str, labels: Path | None, as_json: bool) -> int:
    if not answers.is_dir():
        print(f"coach_capable_model: {answers}: no such folder of answers", file=sys.stderr)
        return 2
    items = load_items(labels, split)
    got = answered(items, answers)
    unchecked = sum(not answer_checks(it, (answers / f"{request_name(it)}.json").read_text(encoding="utf-8"))
                    for it in got)
    print(f"coach_capable_model: {len(got)} of {len(items)} turns of split {split} have an answer; "
          f"{unchecked} of those answers could not back up their label (the lexical reading was kept)")
    sys.path.insert(0, str(REPO / "benchmarks"))
    import bench_coach

    argv = ["--split", split, "--provider", f"fake:{answers}"]
    if labels is not None:
        argv += ["--labels", str(labels)]
    if as_json:
        argv.append("--json")
    return bench_coach.main(argv)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    d = sub.add_parser("dump", help="write one request per labelled turn, with no labels in it")
    d.add_argument("out", type=Path)
    s = sub.add_parser("score", help="replay recorded answers and print the per-kind table")
    s.add_argument("answers", type=Path)
    s.add_argument("--json", action="store_true")
    for p in (d, s):
        p.add_argument("--split", type=split_argument, default="holdout", metavar="{dev,holdout,all,holdoutN}")
        p.add_argument("--labels", type=Path, default=None,
                       help="one labelled file (default: as benchmarks/bench_coach.py reads the split)")
    a = ap.parse_args(argv)
    named = blind_split_of(a.labels)
    if named and a.split != named:
        print(f"coach_capable_model: a blind labels file goes with --split {named}",
              file=sys.stderr)
        return 2
    try:
        if a.cmd == "dump":
            return dump(a.out, a.split, a.labels)
        return score(a.answers, a.split, a.labels, a.json)
    except ConfigError as e:
        print(f"coach_capable_model: {e}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
