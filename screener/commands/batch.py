"""``screener batch INPUTS... -o results.jsonl``: grade many transcripts, resumably.

Exit codes: 0 every input graded, 1 any input failed (its record says why) or the provider failed for all,
2 a usage error (nothing was graded). Failed inputs are retried by ``--resume``.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shlex
import signal
import sys
import time
from pathlib import Path

from ..errors import UsageError
from .common import (
    INPUT_FORMATS,
    add_provider_flags,
    grade_options,
    grading_settings,
    provider_options,
    resolve_provider,
)
from .db import add_db_flag, open_from_args

MAX_JOBS = 512
SWITCH_INTERVAL = 0.0005
"""seconds a thread holds the GIL before another that waits for it is let in (Python's default: 0.005)"""


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "batch", help="grade many transcripts into a JSONL results file (resumable)",
        description="Grade many interview transcripts: files, folders (recursive), globs, or a JSONL/CSV manifest "
                    "(path, candidate, role, requisition). One JSON line per input in the results file; --resume "
                    "skips what is already graded and retries failures.")
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="transcript files, folders, globs, or manifests (.jsonl/.csv)")
    p.add_argument("--output", "-o", type=Path, required=True, metavar="RESULTS.jsonl", help="the results file")
    p.add_argument("--csv", type=Path, metavar="FILE", help="also write a CSV summary (ATS recommendation column)")
    p.add_argument("--excel", action="store_true", help="write the --csv file for Excel (a UTF-8 byte order mark first)")
    p.add_argument("--md-dir", type=Path, metavar="DIR", help="also write a Markdown scorecard per candidate here")
    p.add_argument("--jobs", "-j", type=int, default=None, metavar="N",
                   help="most calls in flight (default 8), paced by the provider's rate limits; with the offline "
                        "grader, the number of processes (default: one per core)")
    p.add_argument("--resume", action="store_true",
                   help="continue RESULTS.jsonl: skip inputs already graded, retry failed ones")
    p.add_argument("--via", choices=("live", "batch-api"), default="live",
                   help="live calls (default), or the provider's batch API (half price, within 24 h)")
    p.add_argument("--chunk-size", type=int, default=500, metavar="N", help="requests per provider batch (batch-api)")
    p.add_argument("--poll-interval", type=float, default=30.0, metavar="SECONDS",
                   help="seconds between provider batch status checks (batch-api, default 30)")
    p.add_argument("--fallback", metavar="PROVIDER_ID",
                   help="grade an input on this provider when the main one is down after its retries (5xx/529, "
                        "timeouts, connection errors; never on a 4xx the request caused); off by default, also "
                        "'fallback:' in --model-options; each scorecard records which provider and model graded it")
    p.add_argument("--input-format", choices=INPUT_FORMATS, help="force the transcript format (default: detect)")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress lines (the summary still prints)")
    add_provider_flags(p)
    add_db_flag(p.add_argument_group("store"))
    p.set_defaults(func=run, _parser=p)


def _check(args: argparse.Namespace) -> None:
    if args.jobs is not None and not 1 <= args.jobs <= MAX_JOBS:
        raise UsageError(f"-j {args.jobs}: give between 1 and {MAX_JOBS} calls in flight")
    if args.via == "batch-api":
        if args.samples != 1:
            raise UsageError("--samples > 1 is not supported with --via batch-api; drop --samples or use --via live")
        if not 1 <= args.chunk_size <= 50_000:
            raise UsageError(f"--chunk-size {args.chunk_size}: give between 1 and 50000 requests per batch")
        if args.poll_interval <= 0:
            raise UsageError("--poll-interval must be > 0 seconds")
    if not 1 <= args.samples <= 9:
        raise UsageError(f"--samples {args.samples}: give between 1 and 9")
    if args.csv and args.csv.resolve() == args.output.resolve():
        raise UsageError("--csv and -o name the same file; give the CSV summary its own name")
    _check_outputs(args)


def _check_outputs(args: argparse.Namespace) -> None:
    """Every output can be written, checked before anything is graded (folders are created as needed)."""
    from ..util.errors import os_error_text
    from ..util.files import check_output_dir, check_output_file

    for path, flag in ((args.output, "-o"), (args.csv, "--csv")):
        if path is None:
            continue
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise UsageError(f"{flag} {path}: cannot create its folder ({os_error_text(e)}); choose another path") from None
        check_output_file(path, flag)
    if args.md_dir:
        check_output_dir(args.md_dir, "--md-dir")


def _summary(tally, seconds: float, args: argparse.Namespace, stats=None) -> str:
    rate = tally.finished / seconds if seconds > 0 else 0.0
    parts = [f"{tally.graded} graded", f"{tally.failed} failed"]
    if tally.skipped:
        parts.append(f"{tally.skipped} already done")
    if tally.duplicates:
        parts.append(f"{tally.duplicates} duplicate(s) skipped")
    text = f"screener: batch finished: {', '.join(parts)} in {seconds:.1f}s ({rate:.1f}/s)"
    if stats is not None and stats.calls:
        text += f"; {stats.calls} calls, {stats.rate_limited} rate-limited"
    if tally.fallbacks:
        text += f"; {tally.fallbacks} graded on the fallback {args.fallback or 'provider'}"
    if tally.input_tokens or tally.output_tokens:
        text += f"; {tally.input_tokens}+{tally.output_tokens} tokens"
    if tally.cost_usd:
        text += f"; ~${tally.cost_usd:.2f}"
    if tally.cached_input_tokens:
        text += f"; {tally.cached_input_tokens} input tokens read from the prompt cache"
        text += f" (saved ~${tally.saved_usd:.2f})" if tally.saved_usd else ""
    text += f"; results in {args.output}"
    if tally.failed:
        text += " (failed records say why; --resume retries them)"
    return text


def run(args: argparse.Namespace) -> int:
    from ..providers import preload

    provider_id, why = resolve_provider(args)
    preload(provider_id)  # the provider's module (and any SDK it needs) imports while the rest of start-up runs
    if args.fallback:
        preload(args.fallback)
    from ..batch.inputs import check_arguments

    _check(args)
    check_arguments(args.inputs)
    # Then the pool, before the rest of start-up: the fork server's imports (the injection scan's and redaction's,
    # seconds of CPU before the first transcript can be prepared) overlap it instead of following it.
    pool = _early_pool(provider_id)
    try:
        return _start(args, provider_id, why, pool)
    finally:
        if pool is not None:
            pool.close()


def _start(args: argparse.Namespace, provider_id: str, why: str, pool) -> int:
    from ..providers import get_provider

    batch_api = args.via == "batch-api"
    from ..batch.batch_api.state import BatchState

    state = BatchState(args.output)
    if state.exists():
        if not args.resume:
            raise UsageError(f"{state.path}: a provider batch is pending; pass --resume --via batch-api to fetch it")
        if not batch_api:
            raise UsageError(f"{state.path}: a provider batch is pending; pass --via batch-api with --resume to fetch it")
        state.load()

    grade_opts = grade_options(args)
    options = provider_options(args)
    db = _open_store(args)  # None: file-only; a store that cannot be opened fails before grading
    on_graded = _auditor(args, options, grade_opts, db)
    if not batch_api:
        options = options.model_copy(update={"retries": 0})  # 429s must reach the limiter, not the SDK
    fallback_id = args.fallback or options.fallback
    if fallback_id and batch_api:
        raise UsageError("--fallback works with --via live; drop it, or --via")
    prefetched = None
    try:
        prefetched = _prefetch(args, provider_id, pool)
        provider = get_provider(provider_id, options)
        fallback = get_provider(fallback_id, options.model_copy(update={"fallback": None})) if fallback_id else None
    except BaseException:
        if prefetched is not None:
            prefetched.discard()
        raise
    return _run(args, provider, fallback, why, state, db, on_graded, pool, prefetched)


def _open_store(args: argparse.Namespace):
    """The store ``--db`` or the environment names, else None (without importing the store, SQLAlchemy and the
    models, about a second of start-up, when neither does)."""
    from ..paths import DATABASE_URL_ENV

    if not getattr(args, "db", None) and not os.environ.get(DATABASE_URL_ENV):
        return None
    return open_from_args(args)


def _early_pool(provider_id: str):
    """The CPU steps' process pool, started before the provider's SDK is imported (``import anthropic`` alone
    takes about 2 s): its workers start while the main process imports, ready for the first transcripts."""
    from ..batch.pool import CpuPool, default_processes

    if provider_id.split(":", 1)[0] == "offline":
        return None  # graded on a pool of -j processes that the live transport makes for it
    pool = CpuPool(default_processes())
    pool.warm()
    return pool


REMOTE_PROVIDERS = ("anthropic", "openai")
"""providers whose first inputs are prepared while their SDK is imported, redacted as a remote provider's are
by default (a local OpenAI-compatible server is not remote: its inputs are then prepared again)"""


def _jobs(args: argparse.Namespace, offline: bool) -> int:
    return args.jobs or ((os.cpu_count() or 1) if offline else 8)


def _prefetch(args: argparse.Namespace, provider_id: str, pool):
    """Start preparing the first inputs of a live batch on ``pool`` (before the provider's SDK is imported), or
    None. Not when resuming: the first inputs may be done already."""
    name = provider_id.partition(":")[0]
    if pool is None or args.via != "live" or args.resume or name not in REMOTE_PROVIDERS:
        return None
    from ..batch.inputs import iter_inputs
    from ..batch.pool import StepSettings
    from ..batch.runner import Prefetched, spare_workers

    settings = StepSettings(input_format=args.input_format, redact=True if args.redact is None else args.redact,
                            redact_pronouns=args.redact_pronouns, redact_orgs=args.redact_orgs, samples=args.samples)
    jobs = _jobs(args, offline=False)
    return Prefetched(pool, iter_inputs(args.inputs, _exclude(args)), args.role, settings, jobs + spare_workers(jobs))


def _exclude(args: argparse.Namespace) -> list[Path]:
    return [args.md_dir] if args.md_dir else []  # our own Markdown exports are never inputs


def _run(args: argparse.Namespace, provider, fallback, why: str, state, db, on_graded, pool, prefetched=None) -> int:
    from ..batch.inputs import count_inputs, iter_inputs
    from ..batch.progress import Progress, Tally
    from ..batch.store import ResultStore

    batch_api = args.via == "batch-api"
    if batch_api:
        from ..batch.batch_api.backends import check_backend

        check_backend(provider)
    retries = args.retries if args.retries is not None else 3
    store = ResultStore.open(args.output, resume=args.resume)
    tally = Tally()
    progress = Progress(tally, quiet=args.quiet)
    if store.dropped_lines:
        progress.note(f"screener: dropped {store.dropped_lines} unreadable line(s) from {args.output} (a crash's cut-off tail)")
    if not args.quiet:
        print(f"screener: batch grading with {provider.id} ({why}), via {args.via}", file=sys.stderr)

    exclude = _exclude(args)

    def _counted(future: asyncio.Future) -> None:
        if not future.cancelled() and future.exception() is None:
            tally.total = future.result()

    async def _main():
        counter = asyncio.get_running_loop().run_in_executor(None, count_inputs, list(args.inputs), exclude)
        counter.add_done_callback(_counted)
        try:
            if batch_api:
                from ..batch.batch_api import BatchApiOptions, run_batch_api

                opts = BatchApiOptions(role=args.role, redact=args.redact, redact_pronouns=args.redact_pronouns,
                                       redact_orgs=args.redact_orgs, input_format=args.input_format,
                                       chunk_size=args.chunk_size, poll_interval=args.poll_interval)
                await run_batch_api(iter_inputs(args.inputs, exclude), store, provider, state, opts, progress,
                                    on_graded=on_graded, pool=pool)
                return None
            from ..batch.runner import LiveOptions, run_live

            jobs = _jobs(args, offline=provider.name == "offline")
            live = LiveOptions(role=args.role, jobs=jobs, retries=retries, samples=args.samples,
                               redact=args.redact, redact_pronouns=args.redact_pronouns, redact_orgs=args.redact_orgs,
                               input_format=args.input_format)
            inputs = prefetched.inputs() if prefetched is not None else iter_inputs(args.inputs, exclude)
            result = await run_live(inputs, store, provider, live, progress, on_graded=on_graded,
                                    fallback=fallback, pool=pool, prefetched=prefetched)
            for requisition, models in result.mixed.items():
                progress.note(f"screener: requisition {requisition} was graded by {len(models)} models "
                              f"({', '.join(models)}): its later scorecards are flagged for review, the scores "
                              "are not directly comparable")
            return result.stats
        finally:
            await provider.aclose()
            if fallback is not None:
                await fallback.aclose()

    started = time.monotonic()
    # The event loop shares the GIL with the pool's feeder and result threads and the writer; each send or
    # wake-up that releases it waited up to the default 5 ms to get it back (a 32-request round: 32 such waits).
    sys.setswitchinterval(SWITCH_INTERVAL)
    previous = signal.signal(signal.SIGTERM, _terminate)  # SIGTERM ends the batch as Ctrl-C does
    try:
        stats = asyncio.run(_main())
    except KeyboardInterrupt:
        store.close()  # every record written so far is flushed and synced; none is half-written
        if db is not None:
            db.close()
        return _interrupted(args, tally, progress, state, time.monotonic() - started)
    finally:
        signal.signal(signal.SIGTERM, previous)
        store.close()
        if db is not None:
            db.close()
    seconds = time.monotonic() - started
    _export(args, progress)
    progress.finish(_summary(tally, seconds, args, stats))
    return 1 if tally.failed else 0


def _terminate(signum: int, frame: object) -> None:
    """SIGTERM as Ctrl-C: raised as SIGINT, so asyncio's runner cancels the batch the way it does on Ctrl-C
    (a KeyboardInterrupt raised here, inside whatever step was running, escaped as a traceback)."""
    signal.raise_signal(signal.SIGINT)


def resume_command(args: argparse.Namespace) -> str:
    """The command that continues this batch: every option the run was started with (credentials in a base URL
    or a database URL masked), plus --resume."""
    from ..util.secrets import scrub

    parser: argparse.ArgumentParser | None = getattr(args, "_parser", None)
    parts = ["screener", "batch", *args.inputs]
    if parser is None:  # called without the command line's parser (tests): the outputs and the grader
        parts += ["-o", str(args.output)]
        for flag, value in (("--csv", args.csv), ("--md-dir", args.md_dir), ("--provider", args.provider),
                            ("--fallback", args.fallback)):
            if value:
                parts += [flag, str(value)]
        return shlex.join([*parts, "--resume"])
    for action in parser._actions:
        if not action.option_strings or action.dest in ("help", "resume", "inputs"):
            continue
        value = getattr(args, action.dest, None)
        if value is None or value == action.default:
            continue
        flag = max(action.option_strings, key=len)  # the long spelling
        if isinstance(action, argparse._StoreTrueAction | argparse._StoreFalseAction):
            if action.const is value:
                parts.append(flag)
        elif isinstance(action, argparse._StoreConstAction):
            if action.const == value:
                parts.append(flag)
        elif isinstance(value, list):
            for v in value:
                parts += [flag, scrub(str(v))]
        else:
            parts += [flag, scrub(str(value))]
    return shlex.join([*parts, "--resume"])


def _interrupted(args: argparse.Namespace, tally, progress, state, seconds: float) -> int:
    """Ctrl-C or SIGTERM: say what was saved and what was not, export what finished, exit 130."""
    saved = f"{tally.graded} graded and {tally.failed} failed record(s) saved in {args.output}"
    if tally.skipped:
        saved += f" ({tally.skipped} already there)"
    left = (f"{max(0, tally.total - tally.processed)} of {tally.total} input(s) not graded yet"
            if tally.total is not None else "the remaining inputs not graded yet")
    if state.pending:
        left += "; provider batch(es) still pending, fetched by --resume"
    progress.finish(f"screener: interrupted after {seconds:.1f}s: {saved}; {left}")
    try:
        _export(args, progress)
    except KeyboardInterrupt:  # a second Ctrl-C skips the exports
        progress.finish("screener: exports skipped")
    command = resume_command(args)
    masked = " (credentials in a URL are masked as ***: put them back)" if "***" in command else ""
    progress.finish(f"screener: to continue: {command}{masked}")
    return 130


def _auditor(args: argparse.Namespace, provider_opts, grade_opts, db=None):
    """Each graded record -> one ``grade`` event in the audit log (hashes and verdict, never transcript text),
    and with a store, the grading in the store (committed only once it is logged). Its ``many`` does the same
    for the records the batch's writer has waiting, with one audit-log disk sync for the group."""
    from ..audit import record_gradings

    base = grading_settings(args, provider_opts, grade_opts)
    by_role: dict[str, dict] = {}
    """each role's settings as the audit log keeps them, worked out once (not once per grading)"""

    def settings_of(record) -> dict:
        assert record.scorecard is not None and record.sha256 is not None
        return settings_for(record.role)

    def many(records) -> None:
        gradings = [(r.scorecard, r.sha256, settings_of(r)) for r in records]
        if db is None:
            record_gradings(gradings, args.audit_log)
            return
        from ..store.ingest import store_batch_record

        with db.session() as s:
            for record, (_, _, settings) in zip(records, gradings, strict=True):
                store_batch_record(s, record.model_dump(mode="json"), options=settings)
            record_gradings(gradings, args.audit_log)

    def events(finished) -> None:
        """``many`` for records finished in a pool worker (``batch.finished.Finished``): their events are made
        already, so the scorecards are not rebuilt here."""
        if db is not None:
            many([f.record() for f in finished])
            return
        from ..audit import append_events

        append_events(args.audit_log, [f.audit_event(settings_for(f.role)) for f in finished])

    def settings_for(role: str) -> dict:
        settings = by_role.get(role)
        if settings is None:
            settings = by_role[role] = base.for_role(role).audit_record()
        return settings

    def on_graded(record) -> None:
        many([record])

    on_graded.many = many  # type: ignore[attr-defined]  # the pipeline's group hook (pipeline.OnGraded)
    on_graded.events = events  # type: ignore[attr-defined]
    return on_graded


def _export(args: argparse.Namespace, progress) -> None:
    from ..batch.exports import write_csv, write_markdown

    if args.csv:
        rows = write_csv(args.output, args.csv, excel=args.excel)
        progress.note(f"screener: wrote {args.csv} ({rows} rows)")
    if args.md_dir:
        count = write_markdown(args.output, args.md_dir)
        progress.note(f"screener: wrote {count} Markdown scorecard(s) to {args.md_dir}")
