"""``offline``: the evidence grader as a provider. No network, deterministic, free.

The grader is imported on the first grading, not with the provider: ``screener batch`` builds the provider in
its main process only to name it, and grades on a process pool, so the grader's import (the injection scan's
regexes, about 2 s of CPU) would be spent there for nothing, beside the pool's own.
"""

from __future__ import annotations

from ..errors import UsageError
from .base import GenerateRequest, Generation, Provider, ProviderOptions


class OfflineProvider(Provider):
    name = "offline"
    remote = False
    structured_output = True

    async def generate(self, request: GenerateRequest) -> Generation:
        if request.context is None:
            raise UsageError("the offline grader grades transcripts only (no grading context was given)")
        from ..offline.grader import grade_offline

        ctx = request.context
        output = grade_offline(ctx.transcript, ctx.competencies, ctx.role)
        return Generation(text=output.model_dump_json(), model="evidence-grader-1")


def create(api: str, model: str, options: ProviderOptions) -> Provider:
    if model:
        raise UsageError(f"the offline grader takes no model (got 'offline:{model}'); use --provider offline")
    return OfflineProvider("", options)
