"""Run a suite: every test x prompt x provider x repeat, concurrently (bounded), cached, never stopping early.

A provider error, an unparseable transcript or an assertion screener cannot run is recorded on that one result
(an error) and the rest run on.
"""

from __future__ import annotations

import asyncio
import re
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from ..util.templates import environment
from .assertions import AssertContext, UnsupportedAssertion, run_assertions
from .cache import DiskCache
from .loading import LoadedTest, Suite
from .progress import Progress
from .rows import GradingResult, PromptRef, ProviderRef, ResponseOut, ResultRow
from .targets import Response, Target, build_target

_ENV = environment()


@dataclass
class RunOptions:
    repeat: int = 1
    max_concurrency: int = 4
    cache_dir: Path | None = None  # None: no cache
    filter: str | None = None
    progress: bool = True
    delay_ms: int = 0
    timeout_ms: int | None = None


@dataclass
class RunOutcome:
    rows: list[ResultRow]
    seconds: float
    cache_hits: int
    provider_calls: int
    warnings: list[str]


def select_tests(tests: list[LoadedTest], pattern: str | None) -> list[LoadedTest]:
    """Tests whose description (or, without one, vars) matches the regex ``pattern``."""
    if not pattern:
        return tests
    rx = re.compile(pattern)
    return [t for t in tests if rx.search(t.case.description or str(t.vars))]


def _render(template: str, vars_: dict[str, Any]) -> str:
    return _ENV.from_string(template).render(**vars_)


def _row(test: LoadedTest, prompt_idx: int, prompt_raw: str, prompt_label: str, target: Target, repeat: int,
         response: Response | None, grading: dict[str, Any] | None, error: str | None) -> ResultRow:
    tokens = response.token_usage if response else {}
    result = GradingResult.model_validate(grading) if grading is not None else None
    if error:
        success, score, reason_code = False, 0.0, 2
    else:
        assert result is not None
        success, score, reason_code = result.passed, float(result.score), 0 if result.passed else 1
    return ResultRow(
        id=str(uuid.uuid4()), test_idx=test.index, prompt_idx=prompt_idx, repeat_index=repeat,
        description=test.case.description, prompt=PromptRef(raw=prompt_raw, label=prompt_label),
        provider=ProviderRef(id=target.id, label=target.spec.label or ""), vars=test.vars,
        test_case=test.case.model_dump(by_alias=True, exclude_none=True),
        response=None if response is None or response.output is None else ResponseOut(
            output=response.output, token_usage=tokens, cost=response.cost, cached=response.cached),
        error=error, success=success, score=score, named_scores=result.named_scores if result else {},
        grading_result=result, latency_ms=response.latency_ms if response else 0,
        cost=(response.cost or 0.0) if response else 0.0, token_usage=tokens, failure_reason=reason_code,
        metadata=test.case.metadata,
    )


async def run_suite(suite: Suite, options: RunOptions) -> RunOutcome:
    """Run ``suite``; rows are in (repeat, test, prompt, provider) order."""
    warnings = list(suite.warnings)
    targets = [build_target(p, suite.settings, suite.base_dir, str(suite.path), warnings) for p in suite.providers]
    tests = select_tests(suite.tests, options.filter)
    cache = DiskCache(options.cache_dir) if options.cache_dir else None
    jobs = [(r, t, pi, p, target) for r in range(options.repeat) for t in tests
            for pi, p in enumerate(suite.prompts) for target in targets]
    progress = Progress(len(jobs), enabled=options.progress)
    sem = asyncio.Semaphore(options.max_concurrency)
    calls = 0

    async def one(repeat: int, test: LoadedTest, prompt_idx: int, prompt, target: Target) -> ResultRow:
        nonlocal calls
        vars_ = test.resolved_vars
        try:
            rendered = _render(prompt.raw, vars_)
        except jinja2.UndefinedError as e:
            return _row(test, prompt_idx, prompt.raw, prompt.label, target, repeat, None, None,
                        f"prompt: {e.message}; add the var to the test")
        except jinja2.TemplateSyntaxError as e:
            return _row(test, prompt_idx, prompt.raw, prompt.label, target, repeat, None, None,
                        f"prompt: template syntax error: {e.message}")
        identity = {**target.identity(rendered, vars_), "repeat": repeat}
        response = None
        if cache is not None:
            hit = cache.get(identity)
            response = Response.from_cache(hit) if hit is not None else None
        if response is None:
            async with sem:
                calls += 1
                try:
                    response = await asyncio.wait_for(target.call(rendered, vars_),
                                                      options.timeout_ms / 1000 if options.timeout_ms else None)
                except TimeoutError:
                    response = Response(error=f"timed out after {options.timeout_ms} ms (evaluateOptions.timeoutMs)",
                                        latency_ms=options.timeout_ms or 0)
                if options.delay_ms:
                    await asyncio.sleep(options.delay_ms / 1000)
            if cache is not None and response.error is None:
                cache.put(identity, response.to_cache())
        if response.error is not None:
            return _row(test, prompt_idx, rendered, prompt.label, target, repeat, response, None, response.error)
        ctx = AssertContext(
            output=response.output or "", vars=vars_, prompt=rendered,
            test=test.case.model_dump(by_alias=True, exclude_none=True),
            provider={"id": target.id, "label": target.spec.label or ""},
            provider_response={"output": response.output, "tokenUsage": response.token_usage, "cost": response.cost},
            latency_ms=None if response.cached else response.latency_ms, cost=response.cost, base_dir=suite.base_dir)
        try:
            grading = run_assertions(test.case.assert_, test.case.threshold, ctx)
        except UnsupportedAssertion as e:
            return _row(test, prompt_idx, rendered, prompt.label, target, repeat, response, None, str(e))
        return _row(test, prompt_idx, rendered, prompt.label, target, repeat, response, grading, None)

    async def tracked(job) -> ResultRow:
        row = await one(*job)
        status = "error" if row.error else ("pass" if row.success else "fail")
        progress.update(status, row.cached)
        return row

    started = time.perf_counter()
    try:
        rows = await asyncio.gather(*(tracked(j) for j in jobs))
    finally:
        for t in targets:
            await t.aclose()
    seconds = time.perf_counter() - started
    progress.finish(seconds)
    return RunOutcome(rows=list(rows), seconds=seconds, cache_hits=cache.hits if cache else 0, provider_calls=calls,
                      warnings=warnings)
