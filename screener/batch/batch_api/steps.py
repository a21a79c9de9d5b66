"""The live pipeline's steps, split at the network call, for answers that arrive later (a provider batch).

``prepare`` does what ``grading.grade_async`` does before calling the provider (rubric, injection stripping,
redaction, prompt); ``finalize_answer`` does what it does after (JSON extraction, ``GradeOutput`` validation,
grounding and policy via ``policy.finalize``), for one sample. Both are deterministic, so an answer fetched
after a restart is finalised against a transcript prepared again from the same bytes. There is no repair
round in a batch: an invalid answer is a failure record, retried on ``--resume``.
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import ValidationError

from ...errors import OutputValidationError
from ...grading import extract_json
from ...policy import finalize
from ...prompting import GraderPrompt, render_grader_prompt
from ...providers.base import GenerateRequest, Generation, Message, Provider, Usage
from ...rubric import Competency, load_rubric
from ...safety.injection import Injection, strip_injections
from ...safety.redact import Redaction, redact
from ...scorecard import GradeOutput, GraderInfo, Scorecard
from ...transcript import Transcript

BATCH_DISCOUNT = 0.5
"""Both Anthropic Message Batches and the OpenAI Batch API bill half the list price."""


@dataclass
class Prepared:
    transcript: Transcript
    sanitized: Transcript
    seen: Transcript
    redaction: Redaction | None
    injections: list[Injection]
    competencies: list[Competency]
    prompt: GraderPrompt

    def request(self) -> GenerateRequest:
        return GenerateRequest(system=self.prompt.system, messages=[Message(role="user", content=self.prompt.user)],
                               output_type=GradeOutput)


def prepare(transcript: Transcript, role: str, provider: Provider, redact_option: bool | None) -> Prepared:
    competencies = load_rubric().for_role(role)  # type: ignore[arg-type]
    sanitized, injections = strip_injections(transcript)
    do_redact = provider.remote if redact_option is None else redact_option
    redaction = redact(sanitized) if do_redact else None
    seen = redaction.transcript if redaction else sanitized
    prompt = render_grader_prompt(competencies, role, seen.numbered())  # type: ignore[arg-type]
    return Prepared(transcript, sanitized, seen, redaction, injections, competencies, prompt)


def batch_cost(provider: Provider, usage: Usage) -> float | None:
    """What the answer cost at batch prices (None when the model's price is unknown)."""
    if not provider.remote:
        return 0.0
    from ...providers.pricing import estimate_cost

    cost = estimate_cost(provider.model, usage, provider.options)
    return None if cost is None else round(cost * BATCH_DISCOUNT, 6)


def finalize_answer(prepared: Prepared, gen: Generation, provider: Provider, seconds: float = 0.0) -> Scorecard:
    """The scorecard for one raw answer; ``OutputValidationError`` when it is cut off or invalid."""
    if gen.stop_reason == "max_tokens":
        raise OutputValidationError(
            f"{provider.id} batch answer was cut off at the output token limit (raise --max-tokens)",
            attempts=1, last_output=gen.text)
    try:
        output = GradeOutput.model_validate_json(extract_json(gen.text))
    except ValidationError as e:
        first = e.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "(root)"
        kind = "not valid JSON" if "json" in first["msg"].lower() else "did not match the scorecard schema"
        raise OutputValidationError(f"{provider.id} batch answer {kind}: {where}: {first['msg']}",
                                    attempts=1, last_output=gen.text) from None
    info = GraderInfo(
        provider=provider.id, model=gen.model or provider.model, prompt_version=prepared.prompt.version,
        seconds=round(seconds, 4), attempts=1, samples=1, input_tokens=gen.usage.input_tokens,
        output_tokens=gen.usage.output_tokens, cached_input_tokens=gen.usage.cached_input_tokens,
        cost_usd=batch_cost(provider, gen.usage), redacted=prepared.redaction is not None,
    )
    return finalize(output, transcript=prepared.transcript, sanitized=prepared.sanitized, seen=prepared.seen,
                    redaction=prepared.redaction, injections=prepared.injections,
                    competencies=prepared.competencies, grader=info)
