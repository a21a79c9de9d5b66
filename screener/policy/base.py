"""What the rules work on: the draft scorecard, the context it was graded in, and what a rule found."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import TYPE_CHECKING

from ..rubric import Competency
from ..scorecard import CompetencyScore, GradeOutput, QuantifiedClaim, RedFlag
from ..transcript import Transcript
from ..vocab import JobRole, Recommendation, RoleFit, Signal

if TYPE_CHECKING:
    from ..safety.injection import Injection
    from ..safety.redact import Redaction
    from .quotes import QuoteMapper


@dataclass(frozen=True)
class Draft:
    """The scorecard being built: a rule returns a changed copy (``draft.but(...)``), never edits in place."""

    competencies: list[CompetencyScore]
    claims: list[QuantifiedClaim]
    red_flags: list[RedFlag]
    role_fit: RoleFit
    signal: Signal
    recommendation: Recommendation
    summary: str
    follow_ups: list[str]

    @classmethod
    def from_output(cls, output: GradeOutput) -> Draft:
        return cls(competencies=list(output.competencies), claims=list(output.quantified_claims),
                   red_flags=list(output.red_flags), role_fit=output.role_fit, signal=output.signal,
                   recommendation=output.recommendation, summary=output.summary, follow_ups=list(output.follow_ups))

    def but(self, **changes: object) -> Draft:
        return replace(self, **changes)  # type: ignore[arg-type]  # typeshed types replace's **changes by the fields; these are checked at run time


@dataclass(frozen=True)
class Finding:
    """A rule fired: its id, and the reason a person must look (None when it needs no review)."""

    rule: str
    reason: str | None = None


@dataclass
class Context:
    """Everything the rules may read about how the draft was produced."""

    transcript: Transcript  # as parsed
    sanitized: Transcript  # injections stripped (what any grader may see)
    seen: Transcript  # what the grader saw (sanitized, and redacted for remote graders)
    redaction: Redaction | None
    injections: list[Injection]
    competencies: list[Competency]
    role: JobRole
    # the offline evidence grader's recommendation on the stripped transcript (computed only when a rule asks)
    evidence_verdict: Callable[[], Recommendation] | None = None
    _quotes: QuoteMapper | None = field(default=None, repr=False)

    @cached_property
    def quotes(self) -> QuoteMapper:
        from .quotes import QuoteMapper

        return QuoteMapper(self.transcript, self.sanitized, self.seen, self.redaction)

    def restore(self, text: str) -> str:
        """Grader text with the redaction placeholders replaced by the real names again."""
        return self.redaction.restore(text) if self.redaction else text


Rule = Callable[[Draft, Context], tuple[Draft, list[Finding]]]
