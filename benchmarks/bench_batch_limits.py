"""Pacing against the providers' real limits: the batch's limited provider against a loopback fake that
enforces and reports request and input-token limits the way Anthropic documents them (continuously refilled
buckets, ``anthropic-ratelimit-*`` headers with RFC 3339 resets, 429 + retry-after beyond them).

    .venv/bin/python benchmarks/bench_batch_limits.py [requests|tokens|both|no-headers|openai ...]

Each scenario sends real grader requests (prompts rendered from golden transcripts) through
``LimitedProvider(AnthropicProvider)`` at ``-j 32`` with 0.5 s latency, so the limit binds (unlimited, the
batch would run ~64 calls/s). The limits are per 5 s window (a scaled-down minute, so a run takes seconds,
not minutes; the client reads only the headers, never the window). Figures: share of calls rejected (goal
<= 5%) and share of the limit used over the run (goal >= 90%): calls (or counted input tokens) answered /
(bucket size + refill rate x the span from the first to the last answered send).

The fake runs in its own process, like a remote API; the grading pipeline's CPU work is not in this loop
(bench_batch_live.py measures the whole command).
"""

from __future__ import annotations

import asyncio
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench_batch_live import fake_api, sources  # noqa: E402

from screener.batch.calls import CallStats, LimitedProvider  # noqa: E402
from screener.batch.limiter import AdaptiveLimiter  # noqa: E402
from screener.errors import ScreenerError  # noqa: E402
from screener.grading import prepare  # noqa: E402
from screener.parsing import parse_transcript  # noqa: E402
from screener.providers import ProviderOptions, get_provider  # noqa: E402
from screener.providers.base import GenerateRequest  # noqa: E402
from screener.providers.fake import FakeProvider  # noqa: E402

WINDOW = 5.0
JOBS = 32
LATENCY = 0.5


@dataclass
class Scenario:
    calls: int
    requests_per_s: float | None = None
    calls_per_s_of_tokens: float | None = None
    """the input-token limit, in calls per second of an average request"""
    headers: bool = True
    provider: str = "anthropic:messages:claude-haiku-4-5"


SCENARIOS = {
    "requests": Scenario(calls=500, requests_per_s=20.0),
    "tokens": Scenario(calls=300, calls_per_s_of_tokens=10.0),
    "both": Scenario(calls=500, requests_per_s=20.0, calls_per_s_of_tokens=20.0),
    "openai": Scenario(calls=500, requests_per_s=20.0, calls_per_s_of_tokens=20.0, provider="openai:chat:gpt-4.1-mini"),
    "no-headers": Scenario(calls=500, requests_per_s=20.0, headers=False),
}


def requests() -> list[GenerateRequest]:
    """Grader requests for up to 24 golden transcripts, prepared as for a remote model (redacted)."""
    out = []
    remote = FakeProvider()
    for path in sources():
        try:
            transcript = parse_transcript(path.read_text(encoding="utf-8"), source=str(path))
        except ScreenerError:  # a golden case that needs --candidate: not needed here
            continue
        out.append(prepare(transcript, "hybrid", remote).request())
        if len(out) >= 24:
            break
    return out


def tokens_per_call(reqs: list[GenerateRequest], with_system: bool = False) -> float:
    """What the fake counts for a call after the first: at Anthropic the system prompt is then read from the
    cache and not counted; OpenAI counts it every time (``with_system``)."""
    import json

    from screener.providers.anthropic_api import AnthropicProvider

    os.environ["ANTHROPIC_API_KEY"] = "sk-bench"
    p = AnthropicProvider("claude-haiku-4-5", ProviderOptions(), api_key="sk-bench", base_url="http://127.0.0.1:9")
    sizes = []
    for r in reqs:
        params = p.request_params(r)
        sizes.append(len(json.dumps(params)) // 4 - (0 if with_system else len(r.system) // 4))
    return sum(sizes) / len(sizes)


async def drive(provider_id: str, url: str, reqs: list[GenerateRequest], calls: int) -> tuple[CallStats, float, int]:
    os.environ["ANTHROPIC_API_KEY"] = os.environ["OPENAI_API_KEY"] = "sk-bench"
    os.environ["ANTHROPIC_BASE_URL"], os.environ["OPENAI_BASE_URL"] = url, url + "/v1"
    provider = get_provider(provider_id, ProviderOptions(retries=0))
    limiter = AdaptiveLimiter(JOBS)
    limited = LimitedProvider(provider, limiter, retries=3, max_rate_limited=50)
    queue: asyncio.Queue[GenerateRequest] = asyncio.Queue()
    for i in range(calls):
        queue.put_nowait(reqs[i % len(reqs)])
    failed = 0

    async def worker() -> None:
        nonlocal failed
        while not queue.empty():
            request = queue.get_nowait()
            try:
                await limited.generate(request)
            except Exception:  # noqa: BLE001 - counted: every call must end answered
                failed += 1

    started = time.monotonic()
    try:
        await asyncio.gather(*(worker() for _ in range(JOBS)))
    finally:
        await provider.aclose()
    return limited.stats, time.monotonic() - started, failed


def run(name: str, reqs: list[GenerateRequest]) -> None:
    sc = SCENARIOS[name]
    per_call = tokens_per_call(reqs, with_system=sc.provider.startswith("openai"))
    args = ["--latency", str(LATENCY), "--limit-window", str(WINDOW)]
    req_limit = tok_limit = None
    if sc.requests_per_s:
        req_limit = sc.requests_per_s * WINDOW
        args += ["--requests-limit", str(req_limit)]
    if sc.calls_per_s_of_tokens:
        tok_limit = sc.calls_per_s_of_tokens * per_call * WINDOW
        args += ["--input-tokens-limit", str(int(tok_limit))]
    if not sc.headers:
        args.append("--no-rate-limit-headers")
    with fake_api(*args) as url:
        stats, wall, failed = asyncio.run(drive(sc.provider, url, reqs, sc.calls))
    span = (stats.last_answered or 0) - (stats.first_answered or 0)
    answered = sc.calls - failed
    rejected = stats.rate_limited / max(1, stats.calls)
    parts = [f"[limits {name}] {sc.calls} calls, -j {JOBS}, {LATENCY:g}s latency, {sc.provider.split(':')[0]}"
             f"{'' if sc.headers else ', no rate-limit headers'}: rejected {stats.rate_limited}/{stats.calls} = "
             f"{rejected * 100:.1f}% (goal <= 5%)"]
    if req_limit:
        allowed = req_limit + req_limit / WINDOW * span
        parts.append(f"request limit {sc.requests_per_s:g}/s used {answered / allowed * 100:.1f}% (goal >= 90%)")
    if tok_limit:
        allowed = tok_limit + tok_limit / WINDOW * span
        parts.append(f"input-token limit {tok_limit / WINDOW:,.0f}/s used "
                     f"{stats.counted_input_tokens / allowed * 100:.1f}% (goal >= 90%)")
    parts.append(f"{answered}/{sc.calls} answered, {failed} failed, {wall:.1f}s")
    print("; ".join(parts), flush=True)


def main(argv: list[str]) -> int:
    chosen = argv or list(SCENARIOS)
    unknown = [c for c in chosen if c not in SCENARIOS]
    if unknown:
        print(f"unknown scenario(s) {unknown}; choose from {list(SCENARIOS)}", file=sys.stderr)
        return 2
    reqs = requests()
    for name in chosen:
        run(name, reqs)
    return 0


if __name__ == "__main__":
    import warnings

    warnings.simplefilter("ignore", DeprecationWarning)
    raise SystemExit(main(sys.argv[1:]))
