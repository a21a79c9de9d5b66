"""What an eval test runs against: screener's graders by provider id, or a promptfoo ``file://x.py`` provider.

A grader target grades the test's transcript var (``metadata.screener.transcript_var``, default ``transcript``;
the rendered prompt when the var is absent) with ``grade_async``: its output is the scorecard JSON. Vars
``format``, ``candidate`` and ``interviewer`` guide parsing; ``role`` picks the rubric.
"""

from __future__ import annotations

import asyncio
import hashlib
import inspect
import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..errors import ConfigError, ScreenerError
from ..providers import ProviderOptions, get_provider
from ..scorecard import SCHEMA_VERSION
from ..util.errors import validation_message
from ..vocab import JOB_ROLES as ROLES  # noqa: E402
from .cache import code_fingerprint, without_secrets
from .config import ProviderSpec, ScreenerSettings
from .pyscript import load_function, split_ref

_GRADE_KEYS = {"role", "samples", "redact"}


@dataclass
class Response:
    output: str | None = None
    error: str | None = None
    token_usage: dict[str, int] = field(default_factory=dict)
    cost: float | None = None
    latency_ms: int = 0
    cached: bool = False

    def to_cache(self) -> dict[str, Any]:
        return {"output": self.output, "tokenUsage": self.token_usage, "cost": self.cost, "latencyMs": self.latency_ms}

    @classmethod
    def from_cache(cls, data: dict[str, Any]) -> Response:
        return cls(output=data.get("output"), token_usage=data.get("tokenUsage") or {}, cost=data.get("cost"),
                   latency_ms=int(data.get("latencyMs") or 0), cached=True)


def usage(prompt: int, completion: int, cached: int = 0) -> dict[str, int]:
    return {"prompt": prompt, "completion": completion, "cached": cached, "total": prompt + completion,
            "numRequests": 1}


class Target:
    spec: ProviderSpec

    @property
    def id(self) -> str:
        return self.spec.id

    @property
    def label(self) -> str:
        return self.spec.label or self.spec.id

    def identity(self, prompt: str, vars_: dict[str, Any]) -> dict[str, Any]:
        raise NotImplementedError

    async def call(self, prompt: str, vars_: dict[str, Any]) -> Response:
        raise NotImplementedError

    async def aclose(self) -> None:
        return None


class GraderTarget(Target):
    def __init__(self, spec: ProviderSpec, settings: ScreenerSettings, where: str, warnings: list[str]) -> None:
        self.spec = spec
        self.settings = settings
        option_keys = set(ProviderOptions.model_fields)
        opts = {k: v for k, v in spec.config.items() if k in option_keys}
        for k in spec.config:
            if k not in option_keys | _GRADE_KEYS:
                warnings.append(f"{where}: providers.{spec.id}.config.{k}: unknown option, ignored")
        try:
            self.options = ProviderOptions.model_validate(opts)
        except ValidationError as e:
            raise ConfigError(f"{where}: {validation_message(e, within=('providers', spec.id, 'config'))}") from e
        self.role = spec.config.get("role")
        from ..grading import GradeOptions
        from ..grading_settings import GradingSettings

        grade = {"samples": spec.config.get("samples", settings.samples),
                 "redact": spec.config.get("redact", settings.redact)}
        try:  # the role is per test (vars.role, else config.role, else the eval's role): set in call()
            self.grading = GradingSettings(provider=spec.id, grade=GradeOptions.model_validate(grade),
                                           options=self.options, via="eval")
        except ValidationError as e:
            raise ConfigError(f"{where}: {validation_message(e, within=('providers', spec.id, 'config'))}") from e
        self.samples = self.grading.grade.samples
        self.redact = self.grading.grade.redact
        self.provider = get_provider(spec.id, self.options)

    def _transcript_text(self, prompt: str, vars_: dict[str, Any]) -> str:
        value = vars_.get(self.settings.transcript_var)
        if value is None:
            return prompt
        return value if isinstance(value, str) else json.dumps(value)

    def _role(self, vars_: dict[str, Any]) -> str:
        return str(vars_.get("role") or self.role or self.settings.role)

    def identity(self, prompt: str, vars_: dict[str, Any]) -> dict[str, Any]:
        from ..prompting import render_system
        from ..rubric import load_rubric

        role = self._role(vars_)
        version = render_system(load_rubric().for_role(role), role)[1] if role in ROLES else None
        text = self._transcript_text(prompt, vars_)
        return {
            "kind": "grader", "provider": self.spec.id, "model": self.provider.model,
            "options": self.options.model_dump(mode="json"), "role": role, "samples": self.samples,
            "redact": self.redact, "prompt_version": version, "schema": SCHEMA_VERSION, "code": code_fingerprint(),
            "transcript": hashlib.sha256(text.encode()).hexdigest(),
            "parse": {k: vars_.get(k) for k in ("format", "candidate", "interviewer")},
        }

    async def call(self, prompt: str, vars_: dict[str, Any]) -> Response:
        from ..grading import grade_async
        from ..parsing import parse_transcript

        role = self._role(vars_)
        if role not in ROLES:
            return Response(error=f"role var {role!r} is not one of {', '.join(ROLES)}")
        started = time.perf_counter()
        try:
            transcript = parse_transcript(self._transcript_text(prompt, vars_), format=vars_.get("format"),
                                          candidate=vars_.get("candidate"), interviewer=vars_.get("interviewer"),
                                          source=str(vars_.get("id") or "transcript var"))
            card = await grade_async(transcript, self.provider, self.grading.for_role(role).grade)
        except ScreenerError as e:
            return Response(error=f"{type(e).__name__}: {e}", latency_ms=round((time.perf_counter() - started) * 1000))
        g = card.grader
        return Response(output=card.model_dump_json(), token_usage=usage(g.input_tokens, g.output_tokens,
                                                                             g.cached_input_tokens),
                        cost=g.cost_usd, latency_ms=round((time.perf_counter() - started) * 1000))

    async def aclose(self) -> None:
        await self.provider.aclose()


class PythonTarget(Target):
    """promptfoo's Python provider: ``call_api(prompt, options, context)`` returning ``{output, tokenUsage, cost}``."""

    def __init__(self, spec: ProviderSpec, base_dir: Path) -> None:
        self.spec = spec
        file, name = split_ref(spec.id[len("file://"):], "call_api")
        path = base_dir / file
        self.fn = load_function(path, name)
        self.file_hash = hashlib.sha256(path.read_bytes()).hexdigest()
        self._preflight()

    def _preflight(self) -> None:
        """A screener grader named in the config (``config.grader``) must be usable before any test runs: a
        missing API key is one line now, not an error on every test."""
        grader = self.spec.config.get("grader")
        if not isinstance(grader, str) or grader == "offline" or grader.startswith("fake"):
            return
        opts = {k: v for k, v in self.spec.config.items() if k in ProviderOptions.model_fields}
        try:
            options = ProviderOptions.model_validate(opts)
        except ValidationError:
            return  # the provider file reports bad options itself, per test
        provider = get_provider(grader, options)  # raises MissingKeyError / UsageError: one line, exit 2
        try:
            asyncio.run(provider.aclose())
        except RuntimeError:  # constructed inside a running loop: nothing was opened yet, nothing to close
            pass

    def identity(self, prompt: str, vars_: dict[str, Any]) -> dict[str, Any]:
        return {"kind": "python", "provider": self.spec.id, "file": self.file_hash,
                "config": without_secrets(self.spec.config), "prompt": prompt, "vars": without_secrets(vars_),
                "schema": SCHEMA_VERSION, "code": code_fingerprint()}

    async def call(self, prompt: str, vars_: dict[str, Any]) -> Response:
        options = {"id": self.spec.id, "config": dict(self.spec.config)}
        context = {"vars": dict(vars_), "prompt": {"raw": prompt, "label": prompt[:80]}}
        started = time.perf_counter()
        try:
            if inspect.iscoroutinefunction(self.fn):
                result = await self.fn(prompt, options, context)
            else:
                result = await asyncio.to_thread(self.fn, prompt, options, context)
        except Exception as e:  # a user's provider failed: record it for this test, run the rest
            return Response(error=f"{type(e).__name__}: {e}", latency_ms=round((time.perf_counter() - started) * 1000))
        latency = round((time.perf_counter() - started) * 1000)
        if not isinstance(result, dict):
            return Response(error=f"{self.spec.id} returned {type(result).__name__}, expected a dict with output",
                            latency_ms=latency)
        if result.get("error"):
            return Response(error=str(result["error"]), latency_ms=latency)
        output = result.get("output")
        if output is not None and not isinstance(output, str):
            output = json.dumps(output)
        tu = result.get("tokenUsage") or {}
        tokens = usage(int(tu.get("prompt", 0)), int(tu.get("completion", 0)), int(tu.get("cached", 0)))
        cost = result.get("cost")
        return Response(output=output, token_usage=tokens, cost=float(cost) if cost is not None else None,
                        latency_ms=latency)


def build_target(spec: ProviderSpec, settings: ScreenerSettings, base_dir: Path, where: str,
                 warnings: list[str]) -> Target:
    if spec.id.startswith("file://"):
        ref = spec.id[len("file://"):]
        if not split_ref(ref, "call_api")[0].endswith(".py"):
            raise ConfigError(f"{where}: providers: {spec.id}: only Python file:// providers run in screener")
        return PythonTarget(spec, base_dir)
    if spec.id.startswith(("python:", "exec:", "http", "js:")):
        raise ConfigError(f"{where}: providers: {spec.id}: not supported by screener; use a screener provider id "
                          "or file://provider.py")
    return GraderTarget(spec, settings, where, warnings)
