"""Offline grader throughput: the golden set replicated to N transcripts, parsed and graded end to end.

    .venv/bin/python benchmarks/bench_offline.py [--n 1000]

Each transcript is read from disk, parsed (format auto-detected), graded by the full pipeline (injection
stripping, prompt rendering, offline evidence grader, validation, grounding, policy) and serialised to JSON.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import time

from screener.golden import load_golden
from screener.grading import GradeOptions, grade_async
from screener.parsing import load_transcript
from screener.render import to_json


async def run(n: int) -> tuple[float, int]:
    cases = load_golden()
    work = list(itertools.islice(itertools.cycle(cases), n))
    started = time.perf_counter()
    quotes = 0
    for case in work:
        transcript = load_transcript(case.path(), format=case.format, candidate=case.candidate)
        card = await grade_async(transcript, "offline", GradeOptions(role=case.role))
        to_json(card)
        quotes += sum(len(c.evidence) for c in card.competencies)
    return time.perf_counter() - started, quotes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=1000)
    args = parser.parse_args()
    asyncio.run(run(20))  # warm caches (rubric, templates, regexes)
    seconds, quotes = asyncio.run(run(args.n))
    print(f"offline grader: {args.n} transcripts ({len(load_golden())} golden, replicated) in {seconds:.2f} s")
    print(f"  {args.n / seconds:.0f} transcripts/s, {seconds / args.n * 1000:.2f} ms each, {quotes} evidence quotes")


if __name__ == "__main__":
    main()
