"""The timeline of one live batch, from outside: what ``screener batch`` does when, second by second.

    .venv/bin/python benchmarks/bench_batch_timeline.py [--root CHECKOUT] [--count 320] [-j 32] [--latency 1]

The latency benchmark's run (``bench_batch_live.py latency``: a fresh ``screener batch`` process against the
loopback fake API, which runs in this process) with an external tracer: the batch process is started through
a small boot script (``BOOT``) that wraps a few functions of whatever checkout it runs (none of its code is
edited, so a worktree at an earlier commit is traced the same way) and appends ``(event, time.monotonic())``
lines to a file. ``time.monotonic`` is the system's CLOCK_MONOTONIC, the same clock in every process here.

Events: command start (this process, just before the child is started), interpreter up (the boot script's first
line), screener imported (``screener.cli``), commands registered (``build_parser``), arguments checked
(``batch.inputs.check_arguments``), SDK imported (``anthropic``'s module executed, in whichever thread), provider
built (``get_provider``), first prompt ready (the first ``send_step`` result back in the main process), first
send and requests in flight per second (the fake API's arrivals and answers), last response, last record written
(``ResultStore.append``/``append_line``), exports written (``_export``), exit (``atexit``; and the process's end
as this process saw it). CPU: the fake API's (this process's own CPU during the run: it only serves meanwhile)
and the batch's (its process tree: the main process, the fork server and the workers).
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench_batch_live import PROVIDER, sources  # noqa: E402

from screener.batch.corpus import make_corpus  # noqa: E402

BOOT = r'''
import atexit, importlib.abc, importlib.util, os, sys, time
_out = open(os.environ["TIMELINE_OUT"], "a", buffering=1)
def mark(event):
    _out.write(f"{event}\t{time.monotonic()!r}\t{time.process_time()!r}\n")
mark("interpreter up")
atexit.register(lambda: mark("exit (atexit)"))

def patch_cli(cli):
    build = cli.build_parser
    def build_parser(*args, **kwargs):
        parser = build(*args, **kwargs)
        mark("commands registered")
        return parser
    cli.build_parser = build_parser

def patch_inputs(inputs):
    check = inputs.check_arguments
    def check_arguments(*a, **k):
        result = check(*a, **k)
        mark("arguments checked")
        return result
    inputs.check_arguments = check_arguments

def patch_providers(providers):
    get = providers.get_provider
    def get_provider(*a, **k):
        provider = get(*a, **k)
        mark("provider built")
        return provider
    providers.get_provider = get_provider

_seen = set()
def first(name):
    if name not in _seen:
        _seen.add(name)
        mark(f"first {name} ready")

def patch_pool(pool):
    submit_ = pool.CpuPool.submit
    def submit(self, step, *a):
        future = submit_(self, step, *a)
        future.add_done_callback(lambda f: f.cancelled() or f.exception() or first(step.__name__))
        return future
    pool.CpuPool.submit = submit
    run_ = pool.CpuPool.run
    async def run(self, step, *a):
        result = await run_(self, step, *a)
        first(step.__name__)
        return result
    pool.CpuPool.run = run

def patch_store(store):
    for name in ("append", "append_line"):
        f = getattr(store.ResultStore, name, None)
        if f is None:
            continue
        def wrap(f):
            def wrapped(self, *a, **k):
                result = f(self, *a, **k)
                mark("record written")
                return result
            return wrapped
        setattr(store.ResultStore, name, wrap(f))

def patch_batch(batch):
    export_ = batch._export
    def export(*a, **k):
        result = export_(*a, **k)
        mark("exports written")
        return result
    batch._export = export

PATCHES = {"anthropic": None, "screener.cli": patch_cli, "screener.batch.inputs": patch_inputs,
           "screener.providers": patch_providers, "screener.batch.pool": patch_pool,
           "screener.batch.store": patch_store, "screener.commands.batch": patch_batch}

class _Watch(importlib.abc.MetaPathFinder):
    # wraps the modules named in PATCHES as they are imported (so nothing is imported earlier than the command
    # would import it), and marks when anthropic's import starts and ends (in whichever thread)
    busy = set()
    def find_spec(self, name, path, target=None):
        if name not in PATCHES or name in self.busy:
            return None
        self.busy.add(name)
        try:
            spec = importlib.util.find_spec(name)
        finally:
            self.busy.discard(name)
        real = spec.loader.exec_module
        def exec_module(module):
            if name == "anthropic":
                mark("SDK import started")
            real(module)
            if PATCHES[name] is None:
                mark("SDK imported")
            else:
                PATCHES[name](module)
                if name == "screener.cli":
                    mark("screener imported")
        spec.loader.exec_module = exec_module
        return spec
sys.meta_path.insert(0, _Watch())

import screener.cli as cli
sys.argv = ["screener", *sys.argv[1:]]
raise SystemExit(cli.main(sys.argv[1:]))
'''


def trace(root: Path, count: int, jobs: int, latency: float, tmp: Path, wrap: list[str] | None = None) -> dict:
    """One traced run; ``wrap``: a command the batch runs under (a sampling profiler: ``py-spy record ... --``)."""
    from screener.testing.fake_api import FakeAPI

    folder = tmp / "latency"
    if not folder.exists():
        make_corpus(sources(), folder, count)
    events = tmp / f"events-{time.monotonic_ns()}.tsv"
    out = tmp / f"results-{time.monotonic_ns()}.jsonl"
    env = {**os.environ, "ANTHROPIC_API_KEY": "sk-bench", "PYTHONPATH": str(root), "TIMELINE_OUT": str(events),
           "SCREENER_AUDIT_LOG": str(tmp / "audit.jsonl")}
    answered: list[tuple[float, float]] = []
    with FakeAPI(latency=latency) as api:
        dispatch = api._dispatch

        def timed(*a, **k):
            received = time.monotonic()
            reply = dispatch(*a, **k)
            answered.append((received, time.monotonic()))
            return reply

        api._dispatch = timed  # type: ignore[method-assign]
        env["ANTHROPIC_BASE_URL"] = api.anthropic_base_url
        cmd = [sys.executable, "-c", BOOT, "batch", str(folder), "-o", str(out), "--provider", PROVIDER,
               "-j", str(jobs), "-q"]
        cmd = [*(wrap or []), *cmd]
        own0, kids0 = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.monotonic()
        proc = subprocess.Popen(cmd, cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        exited: list[float] = []
        waiter = threading.Thread(target=lambda: (proc.wait(), exited.append(time.monotonic())))
        waiter.start()
        stdout, stderr = proc.communicate(timeout=600)  # until every holder of its output (workers too) closed it
        ended = time.monotonic()
        waiter.join()
        own1, kids1 = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"screener batch exited {proc.returncode}: {stderr[-2000:]}")
    marks: dict[str, list[float]] = {}
    cpu: dict[str, float] = {}
    for line in events.read_text().splitlines():
        name, when, process = line.split("\t")
        marks.setdefault(name, []).append(float(when) - started)
        cpu[name] = float(process)
    answered.sort()
    return {
        "marks": marks, "answered": [(a - started, b - started) for a, b in answered], "wall": ended - started, "exited": exited[0] - started,
        "cpu": cpu,
        "server_cpu": (own1.ru_utime + own1.ru_stime) - (own0.ru_utime + own0.ru_stime),
        "batch_cpu": (kids1.ru_utime + kids1.ru_stime) - (kids0.ru_utime + kids0.ru_stime),
        "summary": stderr.strip().splitlines()[-1] if stderr.strip() else "",
    }


ORDER = ("interpreter up", "screener imported", "commands registered", "arguments checked", "SDK import started",
         "SDK imported", "first send_step ready", "provider built")


def report(label: str, t: dict, jobs: int, latency: float, count: int) -> None:
    marks, answered = t["marks"], t["answered"]
    print(f"== {label}: wall {t['wall']:.2f}s ({t['wall'] / (count / jobs * latency):.2f}x the ideal "
          f"{count / jobs * latency:.1f}s); batch CPU {t['batch_cpu']:.2f}s, fake API CPU {t['server_cpu']:.2f}s")
    rows = [("command start", 0.0)]
    rows += [(name, marks[name][0]) for name in ORDER if name in marks]
    if answered:
        rows.append(("first send (server)", answered[0][0]))
        rows.append((f"{jobs} in flight", answered[jobs - 1][0] if len(answered) >= jobs else float("nan")))
        rows.append(("last send (server)", answered[-1][0]))
        rows.append(("last response (server)", max(b for _, b in answered)))
    if "record written" in marks:
        rows.append(("last record written", marks["record written"][-1]))
    rows += [(name, marks[name][-1]) for name in ("exports written", "exit (atexit)") if name in marks]
    rows.append(("main process exited", t["exited"]))
    rows.append(("its output closed (workers gone)", t["wall"]))
    for name, when in sorted(rows, key=lambda r: r[1]):
        used = t["cpu"].get(name)
        print(f"  {when:7.2f}s  {name}" + (f"  (main process CPU {used:.2f}s)" if used is not None else ""))
    if answered:
        end = int(max(b for _, b in answered)) + 1
        flight = []
        for second in range(end):
            # the mean number in flight over [second, second + 1), sampled every 50 ms
            samples = [sum(1 for a, b in answered if a <= second + k / 20 < b) for k in range(20)]
            flight.append(f"{second}:{sum(samples) / 20:.0f}")
        print("  in flight per second (mean): " + " ".join(flight))
    print(f"  summary: {t['summary']}")


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--root", type=Path, action="append", help="checkout(s) to trace (default: this one)")
    p.add_argument("--count", type=int, default=320)
    p.add_argument("-j", "--jobs", type=int, default=32)
    p.add_argument("--latency", type=float, default=1.0)
    p.add_argument("--repeat", type=int, default=1, help="runs per checkout, interleaved")
    p.add_argument("--wrap", help="run the batch under this command (e.g. 'py-spy record -f raw -o out.txt --')")
    args = p.parse_args(argv)
    roots = args.root or [ROOT]
    with tempfile.TemporaryDirectory(prefix="bench-timeline-") as tmp:
        for run in range(args.repeat):
            for root in roots:
                t = trace(root, args.count, args.jobs, args.latency, Path(tmp), args.wrap.split() if args.wrap else None)
                report(f"{root} (run {run + 1})", t, args.jobs, args.latency, args.count)
    return 0


if __name__ == "__main__":
    import warnings

    warnings.simplefilter("ignore", DeprecationWarning)
    raise SystemExit(main(sys.argv[1:]))
