"""The scorecard: what every grader produces, validated by pydantic.

``GradeOutput`` is what a grader (an LLM or the offline evidence grader) is asked to produce.
``Scorecard`` is what the user gets: the grader's output after grounding and policy checks, plus
provenance (which grader, which prompt version, tokens, cost, time) and a review status.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1"

Recommendation = Literal["strong_hire", "hire", "no_hire", "strong_no_hire"]
Signal = Literal["engineer", "prompt_tourist", "insufficient_evidence"]
RoleFit = Literal["ai_engineer", "ml_engineer", "hybrid", "unclear"]

RECOMMENDATION_ORDER: tuple[Recommendation, ...] = ("strong_no_hire", "no_hire", "hire", "strong_hire")


def recommendation_rank(rec: Recommendation) -> int:
    """0 (strong_no_hire) .. 3 (strong_hire)."""
    return RECOMMENDATION_ORDER.index(rec)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Evidence(_Strict):
    quote: str = Field(description="verbatim text from one of the candidate's own turns")
    turn: int = Field(description="the turn number the quote comes from")


class CompetencyScore(_Strict):
    id: str = Field(description="competency id from the rubric")
    name: str
    score: int | None = Field(ge=1, le=4, description="1-4 by the rubric's anchored levels; null = not assessed")
    rationale: str
    evidence: list[Evidence]


class QuantifiedClaim(_Strict):
    quote: str = Field(description="verbatim text from the candidate's turn stating the measurement")
    turn: int
    metric: str = Field(description="what was measured, e.g. 'hallucination rate', 'p95 latency'")
    before: float | None
    after: float | None
    unit: str | None
    plausible: bool = Field(description="false for impossible numbers, e.g. a percentage over 100")


class RedFlag(_Strict):
    kind: str = Field(description="e.g. vague_claims, no_measurement, impossible_number, prompt_injection")
    detail: str
    turn: int | None


class GradeOutput(_Strict):
    """What a grader produces before grounding."""

    recommendation: Recommendation
    signal: Signal
    role_fit: RoleFit
    summary: str
    competencies: list[CompetencyScore]
    quantified_claims: list[QuantifiedClaim]
    red_flags: list[RedFlag]
    follow_ups: list[str] = Field(description="questions to ask next round where evidence is missing")


class GraderInfo(_Strict):
    provider: str
    model: str
    prompt_version: str
    seconds: float
    attempts: int = 1
    samples: int = 1
    input_tokens: int = 0
    output_tokens: int = 0
    cached_input_tokens: int = 0
    cost_usd: float | None = None
    redacted: bool = False


class Review(_Strict):
    """A human's decision on a scorecard. Only a person sets this; no code path decides for them."""

    reviewer: str = Field(min_length=1)
    decision: Literal["advance", "reject", "hold"]
    note: str | None = None
    at: str = Field(description="ISO 8601 time the decision was recorded")


class Scorecard(GradeOutput):
    """The graded result shown to a person; a recommendation, never a decision."""

    schema_version: str = SCHEMA_VERSION
    candidate: str | None = None
    grader: GraderInfo
    ungrounded_quotes: int = Field(0, description="quotes the grader produced that were not verbatim and were dropped")
    needs_human_review: bool = False
    review_reasons: list[str] = Field(default_factory=list)
    status: Literal["draft", "reviewed"] = "draft"
    review: Review | None = None
