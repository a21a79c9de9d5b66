"""The live pipeline's steps, split at the network call, for answers that arrive later (a provider batch).

``grading.prepare`` does what ``grade_async`` does before calling the provider (rubric, injection stripping,
redaction, prompt); ``finalize_answer`` does what it does after (JSON extraction, ``GradeOutput`` validation,
then ``Prepared.scorecard``: grounding and policy), for one sample. There is no repair round in a batch: an
invalid answer is a failure record, retried on ``--resume``.
"""

from __future__ import annotations

from ...errors import OutputValidationError
from ...grading import Prepared, read_answer
from ...providers.base import Generation, Provider, Usage
from ...scorecard import GraderInfo, Scorecard

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
    answer = read_answer(gen)
    if answer.output is None:
        detail = f": {answer.errors[0]}" if answer.errors else ""
        raise OutputValidationError(f"{provider.id} batch answer: {answer.problem}{detail}",
                                    attempts=1, last_output=gen.text)
    output = answer.output
    info = GraderInfo(
        provider=provider.id, model=gen.model or provider.model, prompt_version=prepared.prompt.version,
        seconds=round(seconds, 4), attempts=1, samples=1, input_tokens=gen.usage.input_tokens,
        output_tokens=gen.usage.output_tokens, cached_input_tokens=gen.usage.cached_input_tokens,
        cost_usd=batch_cost(provider, gen.usage), redacted=prepared.redaction is not None,
    )
    return prepared.scorecard(output, info)
