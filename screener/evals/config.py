"""The eval config models: promptfoo's format (``promptfooconfig.yaml``), validated by pydantic.

Field names are promptfoo's (camelCase aliases); screener's own settings live under ``metadata.screener``.
Unknown keys are stripped with a warning by the loader before validation, so these models stay strict.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from ..rubric import RoleChoice

# Gate defaults: any test that went pass -> fail is a regression; these metrics may not get worse by more than
# this much (in their good direction: a rise for competency MAE, a fall for accuracy/kappa/grounded rate).
DEFAULT_MAX_REGRESSIONS = 0
DEFAULT_MAX_DROP: dict[str, float] = {
    "signal_accuracy": 0.02,
    "signal_kappa": 0.05,
    "recommendation_qwk": 0.05,
    "grounded_quote_rate": 0.01,
    "competency_mae": 0.25,
}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class Assertion(_Strict):
    type: str = Field(min_length=1)
    value: Any = None
    threshold: float | None = None
    weight: float = Field(default=1.0, ge=0)
    metric: str | None = None
    config: dict[str, Any] | None = None
    provider: Any = None
    transform: str | None = None


class TestCase(_Strict):
    __test__ = False  # not a pytest class

    description: str | None = None
    vars: dict[str, Any] = Field(default_factory=dict)
    assert_: list[Assertion] = Field(default_factory=list, alias="assert")
    threshold: float | None = None
    metadata: dict[str, Any] = Field(default_factory=dict)
    options: dict[str, Any] = Field(default_factory=dict)


class ProviderSpec(_Strict):
    id: str = Field(min_length=1)
    label: str | None = None
    config: dict[str, Any] = Field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.label or self.id


class PromptSpec(_Strict):
    raw: str
    label: str
    id: str | None = None


class EvaluateOptions(_Strict):
    max_concurrency: int = Field(default=4, ge=1, le=64, alias="maxConcurrency")
    repeat: int = Field(default=1, ge=1, le=100)
    cache: bool = True
    delay: int = Field(default=0, ge=0, description="ms to wait after each provider call")
    show_progress_bar: bool | None = Field(default=None, alias="showProgressBar")
    timeout_ms: int | None = Field(default=None, ge=1, alias="timeoutMs")


class Gate(_Strict):
    """When ``--compare`` (or ``screener compare``) fails, and metric floors every run must meet."""

    max_regressions: int = Field(default=DEFAULT_MAX_REGRESSIONS, ge=0,
                                 description="tests allowed to go from pass to fail")
    max_drop: dict[str, float] = Field(default_factory=lambda: dict(DEFAULT_MAX_DROP),
                                       description="metric -> largest allowed worsening")
    min_metrics: dict[str, float] = Field(default_factory=dict,
                                          description="metric -> floor every run must reach (exit 1 below it)")

    @field_validator("max_drop")
    @classmethod
    def _over_defaults(cls, v: dict[str, float]) -> dict[str, float]:
        """Given limits replace the defaults one metric at a time; the other defaults stay."""
        return {**DEFAULT_MAX_DROP, **v}


class ScreenerSettings(_Strict):
    role: RoleChoice = Field(default="hybrid", description="rubric role when a test has no 'role' var")
    samples: int = Field(default=1, ge=1, le=9)
    redact: bool | None = None
    transcript_var: str = Field(default="transcript", description="the var holding the transcript text")
    gate: Gate = Field(default_factory=Gate)


TOP_LEVEL_KEYS = {"description", "prompts", "providers", "tests", "defaultTest", "evaluateOptions", "metadata"}
IGNORED_PROMPTFOO_KEYS = {"outputPath", "sharing", "tags", "env", "writeLatestResults", "nunjucksFilters",
                          "extensions", "scenarios", "derivedMetrics", "redteam", "commandLineOptions", "tracing"}
