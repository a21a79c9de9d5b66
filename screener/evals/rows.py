"""The eval's result rows as typed models, serialised to promptfoo's v3 result shape by alias.

A row is what one (test, prompt, provider, repeat) produced: the response, the grading result with every
assertion's component result, latency, cost and tokens. ``ResultRow.to_json()`` gives promptfoo's camelCase
dict (``testIdx``, ``gradingResult.componentResults[].pass``...), and ``result_rows(doc)`` reads the rows of a
results document back, screener's own or promptfoo's (unknown keys are kept, so nothing promptfoo writes is
lost on the way through ``compare`` or a report).
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class _Row(BaseModel):
    model_config = ConfigDict(populate_by_name=True, extra="allow", serialize_by_alias=True)


class ComponentResult(_Row):
    """One assertion's outcome; a weight-0 assertion never gates (``gating: false``) and keeps its real
    outcome as ``checkPassed``."""

    passed: bool = Field(alias="pass")
    score: float = 0.0
    reason: str = ""
    assertion: dict[str, Any] | None = None
    gating: bool | None = None
    check_passed: bool | None = Field(default=None, alias="checkPassed")

    @property
    def failed(self) -> bool:
        """Failed, gating or not."""
        return self.check_passed is False if self.gating is False else not self.passed


class GradingResult(_Row):
    passed: bool = Field(alias="pass")
    score: float = 0.0
    reason: str = ""
    named_scores: dict[str, float] = Field(default_factory=dict, alias="namedScores")
    component_results: list[ComponentResult] = Field(default_factory=list, alias="componentResults")
    named_score_weights: dict[str, float] | None = Field(default=None, alias="namedScoreWeights")


class ProviderRef(_Row):
    id: str = "?"
    label: str | None = ""

    @property
    def name(self) -> str:
        return self.label or self.id


class PromptRef(_Row):
    raw: str = ""
    label: str = ""


class ResponseOut(_Row):
    output: Any = None
    token_usage: dict[str, Any] = Field(default_factory=dict, alias="tokenUsage")
    cost: float | None = None
    cached: bool = False


class ResultRow(_Row):
    id: str = ""
    test_idx: int = Field(default=0, alias="testIdx")
    prompt_idx: int = Field(default=0, alias="promptIdx")
    repeat_index: int = Field(default=0, alias="repeatIndex")
    description: str | None = None
    prompt: PromptRef = Field(default_factory=PromptRef)
    provider: ProviderRef = Field(default_factory=ProviderRef)
    vars: dict[str, Any] = Field(default_factory=dict)
    test_case: dict[str, Any] | None = Field(default=None, alias="testCase")
    response: ResponseOut | None = None
    error: str | None = None
    success: bool = False
    score: float = 0.0
    named_scores: dict[str, float] = Field(default_factory=dict, alias="namedScores")
    grading_result: GradingResult | None = Field(default=None, alias="gradingResult")
    latency_ms: float = Field(default=0, alias="latencyMs")
    cost: float = 0.0
    token_usage: dict[str, Any] = Field(default_factory=dict, alias="tokenUsage")
    failure_reason: int = Field(default=0, alias="failureReason")
    metadata: dict[str, Any] = Field(default_factory=dict)

    @property
    def name(self) -> str:
        """What a person calls this test: its description, else its vars."""
        name = self.description or (self.test_case or {}).get("description")
        return str(name) if name else json.dumps(self.vars, sort_keys=True, default=str)

    @property
    def output(self) -> str | None:
        out = self.response.output if self.response else None
        return out if isinstance(out, str) else None

    @property
    def cached(self) -> bool:
        return bool(self.response and self.response.cached)

    def to_json(self) -> dict[str, Any]:
        """promptfoo's v3 result row (camelCase keys)."""
        return self.model_dump(mode="json", by_alias=True)


def result_rows(doc: dict[str, Any]) -> list[ResultRow]:
    """The rows of a results document (screener's or promptfoo's), typed. promptfoo marks errors with
    ``failureReason: 2`` and keeps token usage on the response; both read the same here."""
    rows = []
    for raw in doc["results"]["results"]:
        row = ResultRow.model_validate(raw)
        if "failureReason" in raw and raw.get("failureReason") != 2:
            row.error = None
        if not row.token_usage and row.response:
            row.token_usage = dict(row.response.token_usage)
        rows.append(row)
    return rows
