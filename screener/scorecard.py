"""The scorecard: what every grader produces, validated by pydantic.

``GradeOutput`` is what a grader (an LLM or the offline evidence grader) is asked to produce.
``Scorecard`` is what the user gets: the grader's output after grounding and policy checks, plus
provenance (which grader, which prompt version, tokens, cost, time) and a review status.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from .vocab import RECOMMENDATION_ORDER, Recommendation, RoleFit, Signal, recommendation_rank

# 2: evidence before verdict (field order), ``no_decision``, ``QuantifiedClaim.change``, ``rules_fired``
SCHEMA_VERSION = "2"

__all__ = ["RECOMMENDATION_ORDER", "Recommendation", "RoleFit", "Signal", "recommendation_rank"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Evidence(_Strict):
    quote: str = Field(description="verbatim text from one of the candidate's own turns")
    turn: int = Field(description="the turn number the quote comes from")


class CompetencyScore(_Strict):
    """One competency, in the order it is to be written: the quotes, then the reasoning, then the score."""

    id: str = Field(description="competency id from the rubric")
    name: str
    evidence: list[Evidence] = Field(
        description="first: the candidate's own sentences about THIS competency's practice, copied verbatim")
    rationale: str = Field(description="then: what the quoted evidence shows, against the anchored levels")
    score: int | None = Field(ge=1, le=4, description="last: 1-4 by the anchored levels; null = not assessed "
                              "(always null when evidence is empty)")


class QuantifiedClaim(_Strict):
    quote: str = Field(description="verbatim text from the candidate's turn stating the measurement")
    turn: int
    metric: str = Field(description="what was measured, e.g. 'hallucination rate', 'p95 latency'")
    before: float | None = Field(description="the value before the change; null when only one value is stated")
    after: float | None = Field(description="the value after the change, or the one measured value")
    change: float | None = Field(default=None, description="a relative change stated without both values, as a "
                                 "signed percentage: 'dropped by 60%' -60, 'halved' -50, 'doubled' 100")
    unit: str | None = Field(description="one unit for before and after, e.g. '%', 'ms', 'USD', '/s'; null for a "
                             "unitless score")
    plausible: bool = Field(description="false for impossible numbers, e.g. a percentage over 100")


class RedFlag(_Strict):
    kind: str = Field(description="e.g. vague_claims, no_measurement, impossible_number, prompt_injection")
    detail: str
    turn: int | None


class GradeOutput(_Strict):
    """What a grader produces before grounding, in the order it is to be written: evidence first, verdict last.

    Structured output is generated in schema key order, so the quotes and claims come before any judgement
    and the recommendation is written only once the evidence it rests on is on the page.
    """

    competencies: list[CompetencyScore]
    quantified_claims: list[QuantifiedClaim]
    red_flags: list[RedFlag]
    role_fit: RoleFit = Field(description="the track the quoted evidence is about, whatever role was interviewed for")
    signal: Signal
    recommendation: Recommendation
    summary: str = Field(description="two or three sentences on the evidence behind the verdict")
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
    rules_fired: list[str] = Field(default_factory=list, description="ids of the hiring-tool rules that changed "
                                   "or flagged this scorecard (screener.policy)")
    status: Literal["draft", "reviewed"] = "draft"
    review: Review | None = None
