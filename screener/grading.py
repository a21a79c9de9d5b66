"""The grader pipeline: prompt -> provider -> validate/repair -> ground -> policy -> scorecard.

Every provider, the offline evidence grader included, goes through the same path, so the same
guarantees hold for all of them: every quote is verbatim from the candidate's own turns, injected
instructions never reach the grader and never raise the verdict, and a human makes the decision.
"""

from __future__ import annotations

import asyncio
import os
import re
import time
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .errors import OutputValidationError
from .providers import GenerateRequest, Generation, Message, Provider, Usage, get_provider
from .providers.base import GradingContext
from .rubric import Competency, RoleChoice, load_rubric
from .samples import combine_samples
from .scorecard import GradeOutput, GraderInfo, Scorecard
from .transcript import Transcript
from .vocab import Recommendation

if TYPE_CHECKING:
    from .prompting import GraderPrompt
    from .safety.injection import Injection
    from .safety.redact import Redaction


def __getattr__(name: str) -> Any:
    """``redact`` and ``Redaction``, imported on first use: the offline grader never redacts, and the redaction
    module's patterns take a while to compile at start-up."""
    if name in ("redact", "Redaction"):
        from .safety import redact as module

        value = getattr(module, name)
        globals()[name] = value  # once loaded (or replaced, as a test's spy) it is a plain module attribute
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _redact() -> Any:
    """The module's ``redact`` as it stands now (a test may have replaced it)."""
    fn = globals().get("redact")
    return fn if fn is not None else __getattr__("redact")


class GradeOptions(BaseModel):
    """How to grade; unknown keys are an error."""

    model_config = ConfigDict(extra="forbid")

    role: RoleChoice = Field(default="hybrid", description="the role interviewed for: which rubric applies")
    samples: int = Field(default=1, ge=1, le=9, description="gradings to take; median scores, review on disagreement")
    max_repairs: int = Field(default=2, ge=0, le=5, description="re-asks after invalid output")
    redact: bool | None = Field(default=None, description="blind grading; default on for remote providers")
    redact_pronouns: bool = Field(default=False, description="also neutralise gendered pronouns when redacting")
    redact_orgs: bool = Field(default=False, description="also replace employer and university names when redacting")


@dataclass
class Attempt:
    """One grading: the validated output and the cost of getting it."""

    output: GradeOutput
    usage: Usage = field(default_factory=Usage)
    attempts: int = 1
    model: str = ""


_FENCE = re.compile(r"^\s*```(?:json)?\s*|\s*```\s*$", re.I)


def extract_json(text: str) -> str:
    """The JSON object in a model's answer (tolerating code fences and prose around it)."""
    stripped = text.strip()
    if "```" in stripped:  # a fence (``_FENCE`` finds nothing else; looking costs a scan of the whole answer)
        stripped = _FENCE.sub("", stripped)
    start, end = stripped.find("{"), stripped.rfind("}")
    if start >= 0 and end > start:
        return stripped[start : end + 1]
    return stripped


@dataclass
class Answer:
    """A raw answer read as a ``GradeOutput``: the output, or what was wrong with it."""

    output: GradeOutput | None
    problem: str = ""
    errors: list[str] = field(default_factory=list)


def read_answer(gen: Generation) -> Answer:
    """Validate one raw answer (cut off at the token limit, not JSON, or not the schema are problems)."""
    if gen.stop_reason == "max_tokens":
        return Answer(None, "the answer was cut off at the output token limit (raise --max-tokens)")
    try:
        return Answer(GradeOutput.model_validate_json(extract_json(gen.text)))
    except ValidationError as e:
        errors = [f"{'.'.join(str(p) for p in err['loc']) or '(root)'}: {err['msg']}" for err in e.errors()[:12]]
        json_error = any("json" in x.lower() for x in errors)
        return Answer(None, "it was not valid JSON" if json_error else "it did not match the scorecard schema", errors)


def _render_repair(problem: str, errors: list[str]) -> str:
    """``prompting.render_repair``, imported on first use: a batch's main process sends and validates but never
    renders a prompt nor applies the rules (its pool's workers do), so it never imports the templates or the
    policy (about half a second of start-up before the first call)."""
    from .prompting import render_repair

    return render_repair(problem, errors)


async def _generate_valid(provider: Provider, prepared: Prepared, max_repairs: int) -> Attempt:
    first = prepared.request()
    messages = list(first.messages)
    usage = Usage()
    last_text, answer = "", Answer(None)
    for attempt in range(1, max_repairs + 2):
        gen = await provider.generate(replace(first, messages=list(messages)))
        usage.input_tokens += gen.usage.input_tokens
        usage.output_tokens += gen.usage.output_tokens
        usage.cached_input_tokens += gen.usage.cached_input_tokens
        last_text = gen.text
        answer = read_answer(gen)
        if answer.output is not None:
            return Attempt(answer.output, usage, attempt, gen.model)
        messages += [
            Message(role="assistant", content=gen.text or "(empty)"),
            Message(role="user", content=_render_repair(answer.problem, answer.errors)),
        ]
    detail = f"; first error: {answer.errors[0]}" if answer.errors else ""
    raise OutputValidationError(
        f"{provider.id} gave no valid scorecard after {max_repairs + 1} attempts: {answer.problem}{detail}",
        attempts=max_repairs + 1,
        last_output=last_text,
    )


@dataclass
class Prepared:
    """A transcript made ready for a grader: injections stripped, names redacted, prompt rendered.

    Deterministic, so an answer that arrives later (a provider batch) is finalised against a transcript
    prepared again from the same bytes.
    """

    transcript: Transcript
    sanitized: Transcript
    seen: Transcript
    redaction: Redaction | None
    injections: list[Injection]
    competencies: list[Competency]
    role: RoleChoice
    prompt: GraderPrompt

    def request(self) -> GenerateRequest:
        return GenerateRequest(system=self.prompt.system, messages=[Message(role="user", content=self.prompt.user)],
                               output_type=GradeOutput, context=self.context())

    def context(self) -> GradingContext:
        return GradingContext(transcript=self.seen, competencies=self.competencies, role=self.role)

    def scorecard(self, output: GradeOutput, grader: GraderInfo) -> Scorecard:
        """Ground the output's quotes and apply the hiring-tool rules (see ``screener.policy``)."""
        from .policy import Context, finalize  # imported here, as the prompt renderer: see _render_repair

        context = Context(transcript=self.transcript, sanitized=self.sanitized, seen=self.seen,
                          redaction=self.redaction, injections=self.injections, competencies=self.competencies,
                          role=self.role, evidence_verdict=self.evidence_verdict)
        return finalize(output, context, grader)

    def evidence_verdict(self) -> Recommendation:
        """What the evidence alone supports: the offline evidence grader's verdict on the stripped transcript."""
        from .offline.grader import offline_verdict

        return offline_verdict(self.sanitized, self.competencies, self.role)


def _competencies(prompts: str | None, role: RoleChoice) -> list[Competency]:
    """``load_rubric().for_role(role)``, the same objects every time: ``load_rubric`` caches the rubric per folder,
    the folder comes from ``SCREENER_PROMPTS`` (``prompts``), and finding it costs more than the rest of this."""
    key = (prompts, role)
    known = _COMPETENCIES.get(key)
    if known is None:
        known = _COMPETENCIES[key] = load_rubric().for_role(role)
    return list(known)


_COMPETENCIES: dict[tuple[str | None, str], list[Competency]] = {}


def prepare(transcript: Transcript, role: RoleChoice, provider: Provider, redact_option: bool | None = None,
            *, pronouns: bool = False, orgs: bool = False) -> Prepared:
    """Everything before the provider call; ``redact_option`` None = redact for remote providers."""
    competencies = _competencies(os.environ.get("SCREENER_PROMPTS"), role)
    from .safety.injection import strip_injections  # imported here: a batch's main process never strips

    sanitized, injections = strip_injections(transcript)
    do_redact = provider.remote if redact_option is None else redact_option
    redaction = _redact()(sanitized, pronouns=pronouns, orgs=orgs) if do_redact else None
    seen = redaction.transcript if redaction else sanitized
    from .prompting import render_grader_prompt, transcript_block

    prompt = render_grader_prompt(competencies, role, transcript_block(seen))
    return Prepared(transcript, sanitized, seen, redaction, injections, competencies, role, prompt)


async def grade_async(
    transcript: Transcript, provider: Provider | str = "offline", options: GradeOptions | None = None
) -> Scorecard:
    """Grade one transcript into a scorecard (a recommendation for a human, never a decision)."""
    options = options or GradeOptions()
    owns_provider = isinstance(provider, str)
    prov = get_provider(provider) if isinstance(provider, str) else provider
    try:
        started = time.perf_counter()
        prepared = prepare(transcript, options.role, prov, options.redact, pronouns=options.redact_pronouns,
                           orgs=options.redact_orgs)
        attempts = await asyncio.gather(
            *(_generate_valid(prov, prepared, options.max_repairs) for _ in range(options.samples))
        )
        seconds = time.perf_counter() - started
        usage = Usage(
            input_tokens=sum(a.usage.input_tokens for a in attempts),
            output_tokens=sum(a.usage.output_tokens for a in attempts),
            cached_input_tokens=sum(a.usage.cached_input_tokens for a in attempts),
        )
        info = GraderInfo(
            provider=prov.id,
            model=attempts[0].model or prov.model or prov.name,
            prompt_version=prepared.prompt.version,
            seconds=round(seconds, 4),
            attempts=sum(a.attempts for a in attempts),
            samples=options.samples,
            input_tokens=usage.input_tokens,
            output_tokens=usage.output_tokens,
            cached_input_tokens=usage.cached_input_tokens,
            cost_usd=_cost(prov, usage),
            redacted=prepared.redaction is not None,
        )
        return combine_samples([prepared.scorecard(a.output, info) for a in attempts])
    finally:
        if owns_provider:
            await prov.aclose()


def _cost(provider: Provider, usage: Usage) -> float | None:
    if not provider.remote:
        return 0.0
    try:
        from .providers.pricing import estimate_cost
    except ImportError:  # pragma: no cover - pricing table not installed
        return None
    return estimate_cost(provider.model, usage, provider.options)


def grade(transcript: Transcript, provider: Provider | str = "offline", options: GradeOptions | None = None) -> Scorecard:
    """Synchronous ``grade_async``."""
    return asyncio.run(grade_async(transcript, provider, options))
