"""Workspace page latency under load: 50 concurrent signed-in users on ``screener serve`` (uvicorn), offline grading.

    .venv/bin/python benchmarks/bench_web.py [--users 50] [--rounds 4] [--processes 1] [--start-postgres]

Each user signs in, then per round: opens the form, submits a transcript (grading is a background job), polls
its status until done, opens the scorecard page, the interview list (filtered by candidate), and the comparison
of the requisition. Page latency is measured per GET (status polls are counted apart); p50/p95 per page and
overall are printed beside the goal, for SQLite and, when ``SCREENER_TEST_POSTGRES_URL`` is set (or
``--start-postgres`` finds Debian's binaries), for PostgreSQL. The app runs in its own processes; the load
generator is one asyncio process on the same (shared, 2-core) machine, so the figures include its CPU too.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections import defaultdict
from pathlib import Path

import httpx2 as httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
TRANSCRIPT = (ROOT / "tests" / "fixtures" / "transcripts" / "plain.txt").read_text(encoding="utf-8")
PASSWORD = "bench password 1234"
GOAL_P50, GOAL_P95 = 0.2, 1.0  # seconds per page with 50 concurrent users
_TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


def _setup(url: str, users: int) -> None:
    from screener.store import add_member, add_user, get_or_create_requisition, open_store

    store = open_store(url)
    with store.session() as s:
        req = get_or_create_requisition(s, "REQ-BENCH", role="ai_engineer")
        for n in range(users):
            add_member(s, req, add_user(s, f"user{n}", PASSWORD, "interviewer"))
    store.close()


def _serve(url: str, env: dict[str, str], log: Path) -> tuple[subprocess.Popen[str], str]:
    """A ``screener serve`` process; its stderr goes to ``log`` (printed when something fails)."""
    out = log.open("w")
    proc = subprocess.Popen([sys.executable, "-m", "screener.cli", "serve", "--db", url, "--require-login",
                             "--port", "0", "--quiet"], stderr=out, text=True, env=env)
    for _ in range(600):
        match = re.search(r" on (http://127\.0\.0\.1:\d+)/ ", log.read_text())
        if match:
            return proc, match[1]
        if proc.poll() is not None:
            break
        time.sleep(0.05)
    raise SystemExit(f"bench_web: the server did not start: {log.read_text()}")


async def _user(n: int, bases: list[str], rounds: int, times: dict[str, list[float]], ready: asyncio.Barrier) -> None:
    base = bases[n % len(bases)]
    async with httpx.AsyncClient(base_url=base, timeout=120) as c:

        async def get(name: str, path: str) -> str:
            started = time.perf_counter()
            r = await c.get(path)
            times[name].append(time.perf_counter() - started)
            r.raise_for_status()
            return r.text

        token = _TOKEN.search((await c.get("/login")).text)[1]  # type: ignore[index]
        started = time.perf_counter()
        r = await c.post("/login", data={"username": f"user{n}", "password": PASSWORD, "csrf_token": token})
        times["sign-in (POST, argon2)"].append(time.perf_counter() - started)
        assert r.status_code == 303, r.text[:200]
        await ready.wait()  # everyone signed in: the page figures are for working users
        for _ in range(rounds):
            token = _TOKEN.search(await get("new interview form", "/interviews/new"))[1]  # type: ignore[index]
            started = time.perf_counter()
            r = await c.post("/interviews", data={"text": TRANSCRIPT, "requisition": "REQ-BENCH", "csrf_token": token,
                                                  "candidate_name": f"Candidate {n}"})
            times["submit (POST)"].append(time.perf_counter() - started)
            assert r.status_code == 303, r.text[:300]
            path = r.headers["location"]
            while True:
                s0 = time.perf_counter()
                status = (await c.get(path + "/status")).json()
                times["status poll (JSON)"].append(time.perf_counter() - s0)
                if status["state"] in ("done", "failed"):
                    break
                await asyncio.sleep(0.5)  # as the page polls
            times["grading turnaround"].append(time.perf_counter() - started)
            await get("scorecard page", path)
            await get("interview list", f"/interviews?candidate=Candidate+{n}")
            await get("comparison", "/requisitions/REQ-BENCH/compare")


def _pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def run(url: str, label: str, users: int, rounds: int, processes: int) -> None:
    _setup(url, users)
    env = {**os.environ, "SCREENER_SECRET_KEY": uuid.uuid4().hex * 2,
           "SCREENER_AUDIT_LOG": str(Path(tempfile.mkdtemp()) / "audit.jsonl"), "PYTHONUNBUFFERED": "1"}
    logs = [Path(tempfile.mkdtemp()) / f"serve-{i}.log" for i in range(processes)]
    servers = [_serve(url, env, log) for log in logs]
    times: dict[str, list[float]] = defaultdict(list)
    try:
        started = time.perf_counter()

        async def everyone() -> None:
            ready = asyncio.Barrier(users)
            await asyncio.gather(*(_user(n, [b for _, b in servers], rounds, times, ready) for n in range(users)))

        try:
            asyncio.run(everyone())
        except Exception:
            for log in logs:
                print(log.read_text()[-3000:], file=sys.stderr)
            raise
        wall = time.perf_counter() - started
    finally:
        for proc, _ in servers:
            proc.send_signal(signal.SIGINT)
            proc.wait(timeout=30)
    pages = [v for k, vs in times.items() if not k.startswith(("grading", "status", "submit", "sign-in")) for v in vs]
    print(f"\n{label}: {users} concurrent users x {rounds} rounds, {processes} app process(es), "
          f"{users * rounds} gradings in {wall:.1f} s ({users * rounds / wall:.1f} gradings/s); "
          f"machine load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"  {'':24} {'n':>6} {'p50 ms':>9} {'p95 ms':>9}")
    for name, vs in sorted(times.items()):
        print(f"  {name:24} {len(vs):6d} {statistics.median(vs) * 1000:9.0f} {_pct(vs, 0.95) * 1000:9.0f}")
    p50, p95 = statistics.median(pages), _pct(pages, 0.95)
    print(f"  {'all pages (GET)':24} {len(pages):6d} {p50 * 1000:9.0f} {p95 * 1000:9.0f}"
          f"   goal p50 <= {GOAL_P50 * 1000:.0f} ms, p95 <= {GOAL_P95 * 1000:.0f} ms: "
          f"{'met' if p50 <= GOAL_P50 and p95 <= GOAL_P95 else 'NOT met'}")


def _postgres(start: bool) -> tuple[str | None, object]:
    admin = os.environ.get("SCREENER_TEST_POSTGRES_URL")
    folder = None
    if not admin and start:
        import pg_server

        if pg_server.available():
            folder = Path(f"/tmp/screener-pg-bench-{uuid.uuid4().hex[:6]}")
            admin = pg_server.start(folder)
    if not admin:
        return None, None
    import psycopg
    from sqlalchemy.engine import make_url

    name = f"screener_bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(admin.replace("postgresql+psycopg://", "postgresql://"), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return make_url(admin).set(database=name).render_as_string(hide_password=False), folder


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--processes", type=int, default=1, help="app processes on the one database")
    parser.add_argument("--start-postgres", action="store_true",
                        help="without SCREENER_TEST_POSTGRES_URL, start a throwaway server (tests/pg_server.py)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        run(f"sqlite:///{tmp}/bench.db", "SQLite (WAL)", args.users, args.rounds, args.processes)
    url, folder = _postgres(args.start_postgres)
    if url is None:
        print("\nPostgreSQL: skipped (set SCREENER_TEST_POSTGRES_URL, or pass --start-postgres)")
        return 0
    try:
        run(url, "PostgreSQL", args.users, args.rounds, args.processes)
    finally:
        if folder is not None:
            import pg_server

            pg_server.stop(folder)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
