"""Hostile input: the whole offline ``grade`` path on ~2 MB pathological transcripts, stage by stage.

    .venv/bin/python benchmarks/bench_pathological.py [--size 1990000] [--repeat 3] [--timeout 60] [--no-cli]
                                                       [--cpu] [--only NAME]

Each input is a transcript at the size limit built to hurt a scan: long runs of ``{``, digits, dots, word
characters (and 20 KB of ``{``); ``a:`` lines; deep nesting (in speech and as JSON); 5,000-digit numbers; a line
with no spaces; many short turns and the 10,000-turn cap; mixed scripts with combining marks, zero-width and
bidi characters, emoji and controls; base64 runs; capitalised words and a sentence naming a person, repeated. It is graded in a fresh process by the real pipeline
(``parse_transcript``, then ``grade_async`` with the offline grader and redaction on, then every renderer),
with each stage timed where the pipeline calls it: parse, injection scan, redaction, prompt rendering, the
offline grader (and, inside it, the number scan), policy, render. The worst of ``--repeat`` runs is shown
beside the ideal (every input parses or fails within 2 s). An input still running after ``--timeout``
seconds is stopped and reported with the stage it was in. ``cpu`` is the CPU seconds of the worst run (the
machine may be shared: wall time above cpu is time spent waiting for a core). ``cli`` is the wall time of
``screener grade FILE --provider offline --redact -q -o OUT`` as a user runs it (interpreter start included).

An input that fails with one line (an ``InputError``: e.g. no speakers) counts as handled: "failed" in the
outcome column, with the time it took to fail.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import queue
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

IDEAL_SECONDS = 2.0
STAGES = ("parse", "injection", "redaction", "prompt", "grader", "numbers", "policy", "render")
"""``numbers`` is part of ``grader`` (the offline grader's number scan), shown on its own."""
_OWNERS = {"injection": "safety/injection", "redaction": "safety/redact", "numbers": "offline/numbers",
           "grader": "offline/grader", "policy": "policy", "prompt": "prompting", "parse": "parsing",
           "render": "render"}

_HEAD = "Dana Levi: Tell me about the last system you measured. What changed?\nSam Okafor: "
_TAIL = ("\nDana Levi: How did you measure that?\n"
         "Sam Okafor: A held-out set of 400 labelled queries; recall went from 62% to 81%.\n")


def _turn(payload: Callable[[int], str]) -> Callable[[int], str]:
    """A transcript whose candidate turn is ``payload(n)``, ``n`` chosen so the whole is the target size."""
    def build(size: int) -> str:
        room = size - len((_HEAD + _TAIL).encode("utf-8"))
        text = payload(room)
        while len(text.encode("utf-8")) > room:  # multi-byte payloads: trim to fit
            text = text[: int(len(text) * room / len(text.encode("utf-8"))) - 1]
        return _HEAD + text + _TAIL
    return build


def _repeat(unit: str) -> Callable[[int], str]:
    return lambda n: (unit * (n // len(unit) + 1))[:n]


def _mixed_unicode(n: int) -> str:
    rng = random.Random(11)
    pieces = ["王伟", "Дмитрий", "محمد", "राहुल", "ปรีชา", "👩‍💻", "é", "e\u0301", "\u200b", "\u202e", "\u2066",
              "ｆｕｌｌ", "\x1b[31m", "\u00a0", " ", " ", " ", "{", "9", ".", "\n", "ß", "ﬁ", "Ⅻ", "\ufeff"]
    out, length = [], 0
    while length < n:
        piece = rng.choice(pieces)
        out.append(piece)
        length += len(piece.encode("utf-8"))
    return "".join(out)


def _base64_runs(n: int) -> str:
    """Base64 blocks (what an encoded instruction or a pasted file looks like), 76-character lines."""
    import base64

    rng = random.Random(5)
    out, length = [], 0
    while length < n:
        block = base64.b64encode(rng.randbytes(rng.randint(200, 6000))).decode("ascii")
        piece = " ".join(block[i:i + 76] for i in range(0, len(block), 76)) + " decode this. "
        out.append(piece)
        length += len(piece)
    return "".join(out)


def _many_turns(size: int) -> str:
    unit = "Dana Levi: Why?\nSam Okafor: Because p95 went from 900 ms to 400 ms.\n"
    return unit * (size // len(unit))


def _most_turns(size: int) -> str:
    """The most turns a transcript may have (``parsing.MAX_TURNS``), each candidate turn padded to fill 2 MB."""
    from screener.parsing import MAX_TURNS

    pairs = MAX_TURNS // 2
    pad = max(0, (size - pairs * 60) // pairs)
    unit = "Dana Levi: Why?\nSam Okafor: Because p95 went from 900 ms to 400 ms. " + "We checked it. " * (pad // 15) + "\n"
    return unit * pairs


def _a_lines(size: int) -> str:
    return _HEAD + "we did this.\n" + "a: a\n" * ((size - 200) // 5) + _TAIL


def _deep_json(size: int) -> str:
    depth = (size - 200) // 2
    return ('{"messages": [{"speaker": "Dana", "text": "What changed?"}, {"speaker": "Sam", "text": "Recall."}], '
            '"meta": ' + "[" * depth + "]" * depth + "}")


_BIG = "9" * 5000
INPUTS: dict[str, Callable[[int], str]] = {
    "20 KB of {": lambda size: _turn(_repeat("{"))(min(size, 20_000) + len(_HEAD + _TAIL)),
    "run of {": _turn(_repeat("{")),
    "run of digits": _turn(_repeat("7")),
    "run of dots": _turn(_repeat(".")),
    "run of word chars": _turn(_repeat("a")),
    "spaces and colons": _turn(_repeat(" :")),
    '"a:" lines': _a_lines,
    "deep nesting in speech": _turn(lambda n: "[{(" * (n // 6) + ")}]" * (n // 6)),
    "deep nesting (JSON)": _deep_json,
    "5,000-digit numbers": _turn(_repeat(f"We cut latency from {_BIG} ms to 300 ms. ")),
    "long line, no spaces": _turn(_repeat("abc123.,;-_/x=y&z?")),
    "many short turns": _many_turns,
    "10,000 turns (the cap)": _most_turns,
    "mixed unicode": _turn(_mixed_unicode),
    "base64 runs": _turn(_base64_runs),
    "a, then 2 MB of spaces": _turn(lambda n: "a" + " " * (n - 2) + "x"),
    # prose that the name finder has to read word by word: capitalised given names that are ordinary words too,
    # and one sentence naming a person, repeated
    "capitalised words": _turn(_repeat("Alpha Beta Gamma Delta. ")),
    "a name, repeated": _turn(_repeat("Our manager Priya Raman said so. ")),
}


# -- the child: one input, the real pipeline, stages reported as they start and end


def _child(path: str, repeat: int, events: mp.Queue, cpu_clock: bool = False) -> None:
    import asyncio
    import importlib

    import screener.grading as grading
    import screener.offline.grader as offline_grader
    import screener.providers.offline as offline_provider
    from screener.errors import ScreenerError
    from screener.grading import GradeOptions, grade_async
    from screener.parsing import parse_transcript, read_transcript_text
    from screener.render import to_json, to_markdown, to_text

    sums: dict[str, float] = {}
    clock = time.process_time if cpu_clock else time.perf_counter

    def timed(stage: str, fn: Callable) -> Callable:
        def wrapper(*args, **kwargs):
            events.put(("start", stage))
            started = clock()
            try:
                return fn(*args, **kwargs)
            finally:
                seconds = clock() - started
                sums[stage] = sums.get(stage, 0.0) + seconds
                events.put(("end", stage, seconds))
        return wrapper

    # each stage where grading looks it up: on grading itself, or (imported where it is called) on its own module
    for home, name, stage in (("screener.safety.injection", "strip_injections", "injection"),
                              ("screener.safety.redact", "redact", "redaction"),
                              ("screener.prompting", "render_grader_prompt", "prompt"),
                              ("screener.prompting", "transcript_block", "prompt"),
                              ("screener.policy", "finalize", "policy")):
        module = grading if name in vars(grading) else importlib.import_module(home)
        if hasattr(module, name):
            setattr(module, name, timed(stage, getattr(module, name)))
    # the provider holds the grader's function, or (imported on the first grading) looks it up on its module
    grader_home = offline_provider if hasattr(offline_provider, "grade_offline") else offline_grader
    for module, name, stage in ((grader_home, "grade_offline", "grader"),
                                (offline_grader, "extract_claims", "numbers")):
        if hasattr(module, name):
            setattr(module, name, timed(stage, getattr(module, name)))
    options = GradeOptions(role="hybrid", redact=True)
    # warm-up: imports, rubric, templates and regex caches do not count (patterns compiled on first use, since
    # d97a014, are compiled here too: a long-running process or a batch pays for them once)
    from screener.safety.injection import rx

    getattr(rx, "compile_all", lambda: 0)()
    asyncio.run(grade_async(parse_transcript(_HEAD + "We measured it." + _TAIL), "offline", options))
    events.put(("ready",))
    for run in range(repeat):
        sums.clear()
        started = time.perf_counter()
        cpu = time.process_time()
        try:
            transcript = timed("parse", lambda: parse_transcript(read_transcript_text(path), source=path))()
            card = asyncio.run(grade_async(transcript, "offline", options))
            timed("render", lambda c=card: (to_text(c), to_markdown(c), to_json(c)))()
            outcome = "graded"
        except ScreenerError as e:
            outcome = f"failed: {' '.join(str(e).split())[:70]}"
        except Exception as e:  # a traceback a user would see
            outcome = f"CRASH {type(e).__name__}: {' '.join(str(e).split())[:60]}"
        events.put(("run", run, time.perf_counter() - started, outcome, dict(sums), time.process_time() - cpu))
    events.put(("done",))


def measure(path: Path, repeat: int, timeout: float, cpu_clock: bool = False) -> dict:
    ctx = mp.get_context("spawn")
    events: mp.Queue = ctx.Queue()
    proc = ctx.Process(target=_child, args=(str(path), repeat, events, cpu_clock), daemon=True)
    proc.start()
    stages: dict[str, float] = {}
    partial: dict[str, float] = {}  # the run in progress, shown when it is stopped
    totals: list[float] = []
    cpus: list[float] = []
    outcome, running = "", None
    deadline = time.monotonic() + 120  # warm-up allowance
    result: dict = {}
    try:
        while True:
            try:
                event = events.get(timeout=max(0.01, deadline - time.monotonic()))
            except queue.Empty:
                result["timeout"] = running or "?"
                for stage, seconds in partial.items():
                    stages[stage] = max(stages.get(stage, 0.0), seconds)
                break
            kind = event[0]
            if kind == "ready":
                partial.clear()
                deadline = time.monotonic() + timeout
            elif kind == "start":
                running = event[1]
            elif kind == "end":
                partial[event[1]] = partial.get(event[1], 0.0) + event[2]
                running = None
            elif kind == "run":
                totals.append(event[2])
                cpus.append(event[5])
                outcome = event[3]
                for stage, seconds in event[4].items():  # the worst run of each stage
                    stages[stage] = max(stages.get(stage, 0.0), seconds)
                partial.clear()
                if event[2] > IDEAL_SECONDS:
                    break  # slow already: one run is enough to show it
                deadline = time.monotonic() + timeout
            elif kind == "done":
                break
    finally:
        if proc.is_alive():
            proc.kill()
        proc.join(5)
    result["stages"] = stages
    result["total"] = max(totals) if totals else None
    result["cpu"] = max(cpus) if cpus else None
    result["outcome"] = outcome
    return result


def cli_seconds(path: Path, timeout: float) -> tuple[float | None, int | None]:
    out = Path(tempfile.mkdtemp()) / "card.txt"
    env = {k: v for k, v in os.environ.items() if not k.endswith("_API_KEY")}
    env["SCREENER_AUDIT_LOG"] = str(out.parent / "audit.jsonl")
    started = time.perf_counter()
    try:
        r = subprocess.run([sys.executable, "-m", "screener", "grade", str(path), "--provider", "offline", "--redact",
                            "-q", "-o", str(out)], capture_output=True, timeout=timeout, env=env)
    except subprocess.TimeoutExpired:
        return None, None
    return time.perf_counter() - started, r.returncode


def _fmt(seconds: float | None) -> str:
    return "-" if seconds is None else f"{seconds:.2f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=1_990_000, help="bytes per input (the limit is 2,000,000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per input; the worst is shown")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds before a run is stopped")
    parser.add_argument("--no-cli", action="store_true", help="skip the end-to-end CLI column")
    parser.add_argument("--only", help="run only inputs whose name contains this")
    parser.add_argument("--cpu", action="store_true", help="time the stages in CPU seconds (a shared machine)")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-pathological-"))
    cols = ["parse", "injection", "redaction", "prompt", "grader", "numbers", "policy", "render"]
    header = f"{'input':<24} {'MB':>4} " + " ".join(f"{c[:9]:>9}" for c in cols) + f" {'total':>7} {'cpu':>6} {'cli':>6}  ideal  outcome"
    unit = "CPU seconds" if args.cpu else "seconds"
    print(f"worst of {args.repeat} run(s), {unit} per stage (grader includes numbers); ideal <= {IDEAL_SECONDS:g} s")
    print(header)
    print("-" * len(header))
    slow: dict[str, float] = {}
    for name, build in INPUTS.items():
        if args.only and args.only not in name:
            continue
        path = folder / f"input-{list(INPUTS).index(name):02d}{'.json' if 'JSON' in name else '.txt'}"
        path.write_text(build(args.size), encoding="utf-8")
        size = path.stat().st_size
        res = measure(path, args.repeat, args.timeout, args.cpu)
        stages = res["stages"]
        skip_cli = args.no_cli or "timeout" in res  # stopped in-process: the CLI would be stopped too
        cli, code = (None, None) if skip_cli else cli_seconds(path, args.timeout + 30)
        total = res["total"]
        if "timeout" in res:
            total_s, outcome = f">{args.timeout:.0f}", f"STOPPED after {args.timeout:.0f} s in {res['timeout']}"
        else:
            total_s, outcome = _fmt(total), res["outcome"]
        ok = total is not None and total <= IDEAL_SECONDS and "timeout" not in res and not outcome.startswith("CRASH")
        verdict = "ok" if ok else "SLOW" if not outcome.startswith("CRASH") else "CRASH"
        cli_s = "-" if skip_cli else (f">{args.timeout + 30:.0f}" if cli is None else f"{cli:.2f}")
        if code not in (None, 0, 2):
            cli_s += f"!{code}"
        print(f"{name:<24} {size / 1e6:>4.1f} " + " ".join(f"{_fmt(stages.get(c)):>9}" for c in cols)
              + f" {total_s:>7} {_fmt(res.get('cpu')):>6} {cli_s:>6}  {verdict:<5}  {outcome}", flush=True)
        for stage, seconds in stages.items():
            if stage != "grader" and seconds > IDEAL_SECONDS / 2:
                slow[stage] = max(slow.get(stage, 0.0), seconds)
        if "timeout" in res:
            slow[res["timeout"]] = max(slow.get(res["timeout"], 0.0), args.timeout)
    if slow:
        print("\nslow stages (worst seconds, owner module):")
        for stage, seconds in sorted(slow.items(), key=lambda kv: -kv[1]):
            print(f"  {stage:<10} {seconds:>7.2f} s  screener/{_OWNERS.get(stage, stage)}")
    else:
        print("\nno stage took more than half the ideal on any input")


if __name__ == "__main__":
    main()
