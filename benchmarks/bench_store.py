"""The store at workspace size: writing gradings, and the interview list's queries, on SQLite and PostgreSQL.

    .venv/bin/python benchmarks/bench_store.py [--interviews 2000] [--runs 40]

PostgreSQL: ``SCREENER_TEST_POSTGRES_URL`` (a role that may create databases), else a throwaway server started
with ``tests/pg_server.py`` when Debian's postgresql is installed. Prints figures beside the goals; asserts
nothing (tests never assert on time).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import pg_server  # noqa: E402

from screener.grading import GradeOptions, grade  # noqa: E402
from screener.parsing import parse_transcript  # noqa: E402
from screener.providers import get_provider  # noqa: E402
from screener.store import (  # noqa: E402
    add_interview,
    count_interviews,
    get_or_create_candidate,
    get_or_create_requisition,
    list_interviews,
    open_store,
    record_decision,
    save_grading,
)

GOAL_WRITE_PER_S = 200  # gradings stored per second (a batch of 10,000 in under a minute)
GOAL_PAGE_P95_MS = 50  # one list page (50 rows), of a page budget of ~100 ms


def _card():
    text = (ROOT / "tests" / "fixtures" / "transcripts" / "plain.txt").read_text()
    return grade(parse_transcript(text), get_provider("offline"), GradeOptions(role="ai_engineer")), text


def _fill(store, n: int) -> float:
    card, text = _card()
    started = time.perf_counter()
    per_tx = 50
    for start in range(0, n, per_tx):
        with store.session() as s:
            for i in range(start, min(n, start + per_tx)):
                req = get_or_create_requisition(s, f"REQ-{i % 20}", role="ai_engineer")
                cand = get_or_create_candidate(s, f"Candidate {i}")
                interview = add_interview(s, candidate=cand, transcript=f"{text}\n{i}", role="ai_engineer",
                                          requisition=req, format="text", interviewers=["Dana"])
                grading = save_grading(s, interview, card.model_copy(update={"candidate": cand.name}))
                if i % 3 == 0:
                    record_decision(s, grading, decision=("advance", "reject", "hold")[i % 9 // 3],
                                    reviewer_name="Dana")
    return n / (time.perf_counter() - started)


def _timed(store, runs: int, **filters) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        with store.reader() as s:
            list_interviews(s, limit=50, **filters)
            count_interviews(s, **filters)
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    return statistics.median(times), times[int(0.95 * (len(times) - 1))]


def bench(url: str, label: str, n: int, runs: int) -> None:
    with open_store(url) as store:
        rate = _fill(store, n)
        print(f"{label:10} store {n} gradings: {rate:7.0f}/s   (goal >= {GOAL_WRITE_PER_S}/s)")
        for name, filters in (("first page", {}), ("requisition", {"requisition": "REQ-3"}),
                              ("decision", {"decision": "advance"}), ("candidate", {"candidate": "date 12"}),
                              ("undecided", {"decision": "none"})):
            p50, p95 = _timed(store, runs, **filters)
            print(f"{label:10} list+count {name:12} p50 {p50:6.1f} ms  p95 {p95:6.1f} ms   (goal p95 <= {GOAL_PAGE_P95_MS} ms)")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--interviews", type=int, default=2000)
    ap.add_argument("--runs", type=int, default=40)
    args = ap.parse_args()
    load = os.getloadavg()[0]
    print(f"machine: {os.cpu_count()} cores, load average {load:.1f} (figures scale with contention)")
    tmp = Path(tempfile.mkdtemp(prefix="bench-store-"))
    try:
        bench(f"sqlite:///{tmp / 'bench.db'}", "sqlite", args.interviews, args.runs)
        admin, folder = os.environ.get(pg_server.URL_ENV), None
        if not admin and pg_server.available():
            folder = Path(f"/tmp/bench-pg-{uuid.uuid4().hex[:8]}")
            admin = pg_server.start(folder)
        if not admin:
            print("postgresql: skipped (no server: set SCREENER_TEST_POSTGRES_URL or install postgresql)")
            return
        try:
            import psycopg
            from sqlalchemy.engine import make_url

            name = f"bench_{uuid.uuid4().hex[:8]}"
            with psycopg.connect(admin, autocommit=True) as conn:
                conn.execute(f'CREATE DATABASE "{name}"')
            bench(make_url(admin).set(database=name).render_as_string(hide_password=False), "postgresql",
                  args.interviews, args.runs)
        finally:
            if folder is not None:
                pg_server.stop(folder)
                shutil.rmtree(folder, ignore_errors=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
