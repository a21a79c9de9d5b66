"""The thresholds the hiring-tool rules apply, named and documented in one place."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from ..vocab import Recommendation


class PolicySettings(BaseModel):
    """Thresholds of the hiring-tool rules (``screener.policy.rules``); unknown keys are an error."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    min_candidate_words: int = Field(
        default=80, ge=0,
        description="below this many words from the candidate, nothing can be recommended: insufficient evidence")
    min_assessed_for_verdict: int = Field(
        default=1, ge=0,
        description="competencies with grounded evidence needed before a hire-side or engineer verdict stands")
    injection_cap: Recommendation = Field(
        default="hire", description="the highest recommendation after a detected injection, whatever the evidence")


DEFAULT_POLICY = PolicySettings()
