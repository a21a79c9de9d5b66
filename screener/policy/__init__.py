"""The hiring-tool rules: from a grader's raw output to the scorecard a person sees.

Every grader's output, the offline evidence grader's included, is folded through the same ordered list of
named rules (``RULES``). Each rule is a function ``(draft, context) -> (draft, findings)`` with an id and a
docstring; a finding says which rule fired and, when a person must look, why. The scorecard records the ids of
the rules that fired (``rules_fired``) and the reasons (``review_reasons``), and so does the audit log.
"""

from __future__ import annotations

from ..scorecard import GradeOutput, GraderInfo, Scorecard
from .base import Context, Draft, Finding, Rule
from .rules import RULES

__all__ = ["RULES", "Context", "Draft", "Finding", "Rule", "finalize"]


def finalize(output: GradeOutput, context: Context, grader: GraderInfo) -> Scorecard:
    """Fold ``output`` through every rule in order and build the scorecard."""
    draft = Draft.from_output(output)
    findings: list[Finding] = []
    for rule in RULES:
        draft, found = rule(draft, context)
        findings += found
    reasons: list[str] = []
    for f in findings:
        if f.reason and f.reason not in reasons:
            reasons.append(f.reason)
    fired: list[str] = []
    for f in findings:
        if f.rule not in fired:
            fired.append(f.rule)
    return Scorecard(
        competencies=draft.competencies,
        quantified_claims=draft.claims,
        red_flags=draft.red_flags,
        role_fit=draft.role_fit,
        signal=draft.signal,
        recommendation=draft.recommendation,
        summary=draft.summary,
        follow_ups=draft.follow_ups,
        candidate=context.transcript.candidate_name,
        grader=grader,
        ungrounded_quotes=context.quotes.ungrounded,
        needs_human_review=bool(reasons),
        review_reasons=reasons,
        rules_fired=fired,
    )
