"""``GradingSettings``: everything that decides how a transcript is graded, in one model.

The CLI (``grade``), ``batch``, the web page and the eval harness each build one, and the audit log records
``audit_record()`` of it verbatim, so a compliance reader finds the same fields in the same shape whichever way a
grading was started (before, the web logged five keys, the CLI seven, batch eight). Credentials in a base URL are
masked by ``util.secrets.scrub_data`` on the way into the record; nothing else is dropped.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from .grading import GradeOptions
from .providers.base import ProviderOptions

Via = Literal["cli", "batch", "batch-api", "web", "eval"]


class GradingSettings(BaseModel):
    """How one grading is configured: the provider, its options, the grading options and where it came from."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    provider: str = Field(description="the provider id, e.g. offline or anthropic:messages:claude-sonnet-4-6")
    grade: GradeOptions = Field(default_factory=GradeOptions, description="role (rubric), samples, redaction")
    options: ProviderOptions = Field(default_factory=ProviderOptions, description="the provider's options")
    input_format: str | None = Field(default=None, description="the transcript format asked for (None: detected)")
    via: Via = Field(default="cli", description="what started the grading")

    def for_role(self, role: str) -> GradingSettings:
        """The same settings for another role's rubric (batch inputs each carry their role)."""
        return self.model_copy(update={"grade": GradeOptions.model_validate({**self.grade.model_dump(), "role": role})})

    def audit_record(self) -> dict[str, Any]:
        """What the audit log keeps: every field, credentials masked."""
        from .util.secrets import scrub_data

        return scrub_data(self.model_dump(mode="json"))
