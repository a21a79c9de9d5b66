"""Offline grader throughput: every golden transcript once (or the set replicated to N), parsed and graded end to end.

    .venv/bin/python benchmarks/bench_offline.py [--n N] [--root DIR]

By default each golden transcript is graded once, after a warm-up on the bundled examples (rubric, templates,
regexes): every transcript is new to the grader, as in a batch of fresh interviews. ``--n N`` above the set's size
replicates it; then repeated sentences are answered by the grader's per-sentence caches and the figure is
higher than a batch of new interviews would see (it says so).

``--root DIR`` runs the screener package (and golden set) of another checkout, e.g. a worktree at an earlier
commit, for a before/after on the same machine.

Each transcript is read from disk, parsed (format auto-detected), graded by the full pipeline (injection
stripping, prompt rendering, offline evidence grader, validation, grounding, policy) and serialised to JSON.
The time is split by stage (each stage's functions timed where the pipeline calls them), so the share of
the injection scan and of the offline grader itself (``grade_offline``: numbers, topics, contradictions) can be
read beside the goal. The goal is for one core; on a shared machine, CPU time (``process_time``) is reported
beside wall time.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib
import itertools
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the benchmarks' shared helpers (_checkout)
from _checkout import root_in, use_checkout  # noqa: E402

use_checkout(root_in(sys.argv[1:]))  # ``--root DIR``: before any import of screener

import screener.grading as grading  # noqa: E402
import screener.offline.grader as offline_grader  # noqa: E402
import screener.providers.offline as offline_provider  # noqa: E402
from screener.golden import load_golden  # noqa: E402
from screener.grading import GradeOptions, grade_async  # noqa: E402
from screener.parsing import load_transcript  # noqa: E402
from screener.render import to_json  # noqa: E402

GOAL = 150  # transcripts/s on one core
SPENT: dict[str, float] = {}


def _timed(stage: str, fn: Callable[..., Any]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        started = time.process_time()
        try:
            return fn(*args, **kwargs)
        finally:
            SPENT[stage] = SPENT.get(stage, 0.0) + time.process_time() - started

    return wrapper


CLAIMS = "claims extraction (numbers, quantities)"
"""inside grade_offline: the number reading the grader and the contradiction check call (``numbers``,
``quantities``), timed where they are called, so the grader's own share is grade_offline less this"""


def instrument() -> None:
    """Time the stages where the pipeline looks them up (module attributes, read at call time)."""
    import screener.offline.contradictions as contradictions

    for module in (offline_grader, contradictions):
        for name in ("extract_claims", "sentences", "scan", "english"):
            if hasattr(module, name):
                setattr(module, name, _timed(CLAIMS, getattr(module, name)))
    # each stage where grading looks it up: on grading itself, or (imported where it is called) on its own module
    for name, home, stage in (("strip_injections", "screener.safety.injection", "injection scan"),
                              ("finalize", "screener.policy", "policy + grounding"),
                              ("render_grader_prompt", "screener.prompting", "prompt rendering")):
        module = grading if hasattr(grading, name) else importlib.import_module(home)
        setattr(module, name, _timed(stage, getattr(module, name)))
    if hasattr(offline_provider, "grade_offline"):  # before 8c7dcc5 the provider imported it at import time
        offline_provider.grade_offline = _timed("grade_offline", offline_provider.grade_offline)
        offline_grader.grade_offline = _timed("grade_offline (evidence verdict)", offline_grader.grade_offline)
    else:  # the provider looks it up on its module at each grading
        offline_grader.grade_offline = _timed("grade_offline", offline_grader.grade_offline)


async def warm_up() -> None:
    """Load what every grading shares (rubric, templates, compiled regexes) on texts that are not measured; the
    injection scan's patterns compile on first use since d97a014, so they are compiled here where the checkout
    has ``compile_all`` (a batch or a server pays for them once)."""
    from screener.safety.injection import rx

    getattr(rx, "compile_all", lambda: 0)()
    examples = Path(grading.__file__).resolve().parent.parent / "examples"
    for path in sorted(examples.iterdir()):
        if path.suffix in (".txt", ".vtt", ".srt", ".json", ".md"):
            for role in ("ai_engineer", "ml_engineer"):
                await grade_async(load_transcript(path), "offline", GradeOptions(role=role))


async def run(n: int) -> tuple[float, float, int, float]:
    cases = load_golden()
    work = list(itertools.islice(itertools.cycle(cases), n))
    parse = 0.0
    wall, cpu = time.perf_counter(), time.process_time()
    quotes = 0
    for case in work:
        t0 = time.process_time()
        transcript = load_transcript(case.path(), format=case.format, candidate=case.candidate)
        parse += time.process_time() - t0
        card = await grade_async(transcript, "offline", GradeOptions(role=case.role))
        to_json(card)
        quotes += sum(len(c.evidence) for c in card.competencies)
    return time.perf_counter() - wall, time.process_time() - cpu, quotes, parse


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=None,
                        help="transcripts to grade (default: each golden transcript once; more replicates the set)")
    parser.add_argument("--root", metavar="DIR", help="run the screener package of the checkout at DIR")
    args = parser.parse_args()
    print(f"screener from {Path(grading.__file__).resolve().parent.parent}")
    instrument()
    asyncio.run(warm_up())
    SPENT.clear()
    size = len(load_golden())
    args.n = args.n or size
    seconds, cpu, quotes, parse = asyncio.run(run(args.n))
    how = ("each once: new to the grader" if args.n <= size else
           "replicated: repeats hit the per-sentence caches, so this is faster than new interviews")
    print(f"offline grader: {args.n} transcripts ({size} golden, {how}) in {seconds:.2f} s wall, {cpu:.2f} s CPU")
    print(f"  {args.n / cpu:>6.0f} transcripts/s on one core (CPU time)   goal >= {GOAL}/s")
    print(f"  {args.n / seconds:>6.0f} transcripts/s wall clock, {cpu / args.n * 1000:.2f} ms CPU each, "
          f"{quotes} evidence quotes")
    stages = {"parsing": parse, **{k: v for k, v in SPENT.items() if k != CLAIMS}}
    rest = cpu - sum(stages.values())
    print("  CPU per transcript by stage:")
    for stage, spent in (*stages.items(), ("everything else (validation, JSON, scorecard)", rest)):
        print(f"    {stage:<48} {spent / args.n * 1000:7.2f} ms  {spent / cpu:6.1%}")
    mine = SPENT.get("grade_offline", 0.0) + SPENT.get("grade_offline (evidence verdict)", 0.0)
    claims = SPENT.get(CLAIMS, 0.0)
    print(f"    {'  of which ' + CLAIMS:<48} {claims / args.n * 1000:7.2f} ms  {claims / cpu:6.1%}")
    print(f"    {'  of which the grader itself':<48} {(mine - claims) / args.n * 1000:7.2f} ms  "
          f"{(mine - claims) / cpu:6.1%}")
    others = cpu - SPENT.get("injection scan", 0.0)
    print(f"  without the injection scan: {args.n / others:.0f} transcripts/s; offline grader alone "
          f"(grade_offline): {args.n / mine:.0f} transcripts/s")


if __name__ == "__main__":
    main()
