"""The live pipeline's steps, split at the network call, for answers that arrive later (a provider batch).

``grading.prepare`` does what ``grade_async`` does before calling the provider (rubric, injection stripping,
redaction, prompt); ``finalize_answer`` does what it does after (JSON extraction, ``GradeOutput`` validation,
then ``Prepared.scorecard``: grounding and policy), for one sample. There is no repair round in a batch: an
invalid answer is a failure record, retried on ``--resume``.
"""

from __future__ import annotations

from pydantic import ValidationError

from ...errors import OutputValidationError
from ...grading import Prepared, extract_json
from ...providers.base import Generation, Provider, Usage
from ...scorecard import GradeOutput, GraderInfo, Scorecard

BATCH_DISCOUNT = 0.5
"""Both Anthropic Message Batches and the OpenAI Batch API bill half the list price."""


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
    return prepared.scorecard(output, info)
