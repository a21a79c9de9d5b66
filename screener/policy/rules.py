"""The hiring-tool rules, in the order ``finalize`` applies them. Each one is small, named and tested alone.

A rule is ``(draft, context) -> (draft, findings)``: it returns the draft (changed or not) and a finding for
every time it fired; a finding with a reason sends the scorecard to a person, and the reason is what they read.
"""

from __future__ import annotations

from collections.abc import Callable

from ..safety.attributes import personal_attribute_mentions
from ..scorecard import CompetencyScore, Evidence, QuantifiedClaim, RedFlag
from ..vocab import RECOMMENDATION_ORDER, TRACKS, cap_recommendation, recommendation_rank
from .base import Context, Draft, Finding, Rule
from .settings import DEFAULT_POLICY, PolicySettings

NOT_ASSESSED = "Not assessed: no verbatim evidence from the candidate's own words."
# a percentage outside 0-100 is impossible for these (a rate, a share of cases) and for a reduction;
# "volume was 150 percent of the usual weekday" or "throughput up 250%" are possible
_RATE_WORDS = ("accuracy", "precision", "recall", "rate", "f1", "coverage", "pass", "error", "correct", "wrong")
_PERCENT = ("%", "percent", "pct")
# a difference between two rates: "quarterly lost about 2 points" is -2, and only beyond +-100 is it impossible
# (bare "points" may be a score of any size: "the Elo went from 1,200 to 1,350 points")
_POINTS = ("percentage points", "percentage point", "pp")

RULES: list[Rule] = []
RULE_IDS: dict[Rule, str] = {}
"""each registered rule's id, in the order the rules run"""
SETTINGS: PolicySettings = DEFAULT_POLICY


def rule(rule_id: str) -> Callable[[Callable[[Draft, Context], tuple[Draft, list[Finding]]]], Rule]:
    """Register a rule under ``rule_id`` (``RULE_IDS``), in definition order."""

    def register(fn: Callable[[Draft, Context], tuple[Draft, list[Finding]]]) -> Rule:
        RULES.append(fn)
        RULE_IDS[fn] = rule_id
        return fn

    return register


def rule_ids() -> list[str]:
    """Every rule id, in the order the rules run."""
    return [RULE_IDS[r] for r in RULES]


@rule("restore_names")
def restore_names(draft: Draft, ctx: Context) -> tuple[Draft, list[Finding]]:
    """Blind grading: the grader's own text (rationales, summary, flags, follow-ups) shows the real names again."""
    if ctx.redaction is None:
        return draft, []
    return draft.but(
        competencies=[c.model_copy(update={"rationale": ctx.restore(c.rationale)}) for c in draft.competencies],
        claims=[c.model_copy(update={"metric": ctx.restore(c.metric)}) for c in draft.claims],
        red_flags=[f.model_copy(update={"detail": ctx.restore(f.detail)}) for f in draft.red_flags],
        summary=ctx.restore(draft.summary),
        follow_ups=[ctx.restore(q) for q in draft.follow_ups],
    ), []


@rule("grounded_evidence")
def grounded_evidence(draft: Draft, ctx: Context) -> tuple[Draft, list[Finding]]:
    """Every evidence quote must be verbatim from the candidate's own turns: it is replaced by the transcript's
    exact text, and a quote that is not there (or runs into removed injection text) is dropped and counted.
    Every rubric competency appears once, in rubric order; one the grader skipped is not assessed."""
    by_id = {c.id: c for c in draft.competencies}
    before = ctx.quotes.ungrounded
    out: list[CompetencyScore] = []
    for comp in ctx.competencies:
        got = by_id.get(comp.id)
        evidence: list[Evidence] = []
        for ev in got.evidence if got else []:
            mapped = ctx.quotes.map(ev.quote, ev.turn)
            if mapped and all(mapped != (e.quote, e.turn) for e in evidence):
                evidence.append(ev if (ev.quote, ev.turn) == mapped else Evidence(quote=mapped[0], turn=mapped[1]))
        out.append(CompetencyScore(id=comp.id, name=comp.name, evidence=evidence,
                                   rationale=got.rationale if got else "", score=got.score if got else None))
    dropped = ctx.quotes.ungrounded - before
    return draft.but(competencies=out), [Finding("grounded_evidence")] if dropped else []


@rule("not_assessed")
def not_assessed(draft: Draft, ctx: Context) -> tuple[Draft, list[Finding]]:
    """A score needs evidence: a competency with no grounded quote, or no score, is "not assessed" (null)."""
    out, fired = [], False
    for c in draft.competencies:
        if c.score is not None and c.evidence:
            out.append(c)
            continue
        fired = fired or c.score is not None
        rationale = c.rationale if c.rationale.startswith(NOT_ASSESSED) else f"{NOT_ASSESSED} {c.rationale}".strip()
        out.append(c.model_copy(update={"score": None, "rationale": rationale}))
    return draft.but(competencies=out), [Finding("not_assessed")] if fired else []


@rule("grounded_claims")
def grounded_claims(draft: Draft, ctx: Context) -> tuple[Draft, list[Finding]]:
    """A quantified claim stands only on a verbatim quote from the candidate; others are dropped and counted."""
    claims: list[QuantifiedClaim] = []
    dropped = 0
    for claim in draft.claims:
        mapped = ctx.quotes.map(claim.quote, claim.turn)
        if mapped is None:
            dropped += 1
            continue
        claims.append(claim if (claim.quote, claim.turn) == mapped
                      else claim.model_copy(update={"quote": mapped[0], "turn": mapped[1]}))
    return draft.but(claims=claims), [Finding("grounded_claims")] if dropped else []


def implausible(claim: QuantifiedClaim) -> str | None:
    """Why a claim's numbers are impossible (a rate or a reduction outside 0-100%), or None."""
    unit = (claim.unit or "").strip().lower()
    metric = claim.metric.lower()
    values = [v for v in (claim.before, claim.after) if v is not None]
    if unit in _POINTS:  # (a change in points, as well as a before or an after)
        if any(abs(v) > 100 for v in (*values, *([] if claim.change is None else [claim.change]))):
            return f"{claim.metric}: a difference of more than 100 percentage points"
        return None
    if unit in _PERCENT and any(v > 100 or v < 0 for v in values):
        if any(w in metric for w in _RATE_WORDS) or "reduc" in metric or "cut" in metric:
            return f"{claim.metric}: a percentage outside 0-100 ({', '.join(f'{v:g}' for v in values)})"
    if unit in _PERCENT and claim.change is not None and claim.change < -100:
        return f"{claim.metric}: a reduction of more than 100% ({claim.change:g}%)"
    return None


@rule("impossible_numbers")
def impossible_numbers(draft: Draft, ctx: Context) -> tuple[Draft, list[Finding]]:
    """Impossible numbers are never credited: each is marked implausible and red-flagged, and an engineer
    verdict resting on them is downgraded to prompt tourist / no hire."""
    claims, flags = [], list(draft.red_flags)
    for claim in draft.claims:
        why = implausible(claim)
        if why and claim.plausible:
            claim = claim.model_copy(update={"plausible": False})
        if not claim.plausible and not any(f.kind == "impossible_number" and f.turn == claim.turn for f in flags):
            flags.append(RedFlag(kind="impossible_number", detail=why or f"implausible: {claim.quote}", turn=claim.turn))
        claims.append(claim)
    draft = draft.but(claims=claims, red_flags=flags)
    if not any(not c.plausible for c in claims):
        return draft, []
    if draft.signal != "engineer":
        return draft, [Finding("impossible_numbers")]
    return draft.but(signal="prompt_tourist", recommendation=cap_recommendation(draft.recommendation, "no_hire")), [
        Finding("impossible_numbers", "impossible numbers: the grader called this an engineer; downgraded, check the claims")]


@rule("self_contradiction")
def self_contradiction(draft: Draft, ctx: Context) -> tuple[Draft, list[Finding]]:
    """Numbers that contradict each other (a 400-case suite that is later 2,000 cases) go to a person, and the
    turns they come from cannot carry an engineer verdict on their own."""
    flags = [f for f in draft.red_flags if f.kind == "self_contradiction"]
    if not flags:
        return draft, []
    finding = Finding("self_contradiction", "the candidate's own numbers contradict each other: "
                      + "; ".join(f.detail for f in flags[:2]))
    if draft.signal != "engineer":
        return draft, [finding]
    tainted = {f.turn for f in flags if f.turn is not None}
    for f in flags:  # details name the turns they compare as "turn N"
        tainted |= {int(w) for w in f.detail.replace(",", " ").split() if w.isdigit()}
    clean = [c for c in draft.competencies
             if c.score is not None and c.score >= 3 and any(e.turn not in tainted for e in c.evidence)]
    if clean:
        return draft, [finding]
    return draft.but(signal="prompt_tourist", recommendation=cap_recommendation(draft.recommendation, "no_hire")), [
        finding, Finding("self_contradiction", "the engineer verdict rested only on the contradicting answers; downgraded")]


@rule("injection_cap")
def injection_cap(draft: Draft, ctx: Context) -> tuple[Draft, list[Finding]]:
    """Text aimed at the grader can never help: it was stripped before grading, it is red-flagged, the scorecard
    goes to a person, and the recommendation is capped at what the stripped transcript's evidence supports
    (the offline evidence grader's verdict on it), and never above ``injection_cap``."""
    flags = [f for f in draft.red_flags if not (f.kind == "prompt_injection" and any(i.turn == f.turn
                                                                                    for i in ctx.injections))]
    for inj in ctx.injections:
        flags.append(RedFlag(kind="prompt_injection", detail=f"{inj.kind}: {inj.text[:200]}", turn=inj.turn))
    draft = draft.but(red_flags=flags)
    if not any(f.kind == "prompt_injection" for f in flags):
        return draft, []
    cap = SETTINGS.injection_cap
    # the evidence's verdict only matters to a recommendation it can lower: not to no decision or strong no hire
    # (which no cap moves), nor under a cap of no decision (which it cannot move); asking it grades the stripped
    # transcript again (a third of a second on 2 MB of base64)
    if ctx.evidence_verdict is not None and recommendation_rank(draft.recommendation) and \
            recommendation_rank(cap) is not None:
        supported = ctx.evidence_verdict()
        # too little evidence without the injected text is no reason to withhold a no: it caps at no_hire
        cap = cap_recommendation("no_hire" if supported == "no_decision" else supported, cap)
    rec = cap_recommendation(draft.recommendation, cap)
    reason = "the candidate's turns contain text aimed at the grader; it was removed before grading"
    if rec != draft.recommendation:
        reason += f", and the recommendation is capped at {rec} (what the evidence without it supports)"
    return draft.but(recommendation=rec), [Finding("injection_cap", reason)]


@rule("no_grounded_evidence")
def no_grounded_evidence(draft: Draft, ctx: Context) -> tuple[Draft, list[Finding]]:
    """A verdict resting on nothing verifiable goes to a person: with no competency grounded, an engineer
    verdict becomes insufficient evidence."""
    if any(c.score is not None for c in draft.competencies) or draft.signal == "insufficient_evidence":
        return draft, []
    findings = []
    if ctx.quotes.ungrounded:
        findings.append(Finding("no_grounded_evidence",
                                f"none of the grader's {ctx.quotes.ungrounded} quotes were found in the candidate's turns"))
    if draft.signal == "engineer":
        findings.append(Finding("no_grounded_evidence",
                                "no competency has grounded evidence; the verdict rests on nothing verifiable"))
        draft = draft.but(signal="insufficient_evidence")
    return draft, findings


def candidate_words(ctx: Context) -> int:
    return sum(len(t.text.split()) for t in ctx.sanitized.candidate_turns)


@rule("thin_interview")
def thin_interview(draft: Draft, ctx: Context) -> tuple[Draft, list[Finding]]:
    """Below a minimum of evidence (``min_candidate_words`` words from the candidate, or fewer than
    ``min_assessed_for_verdict`` competencies assessed for a hire-side verdict) nothing can be recommended:
    the result is insufficient evidence."""
    words = candidate_words(ctx)
    assessed = sum(1 for c in draft.competencies if c.score is not None)
    if words < SETTINGS.min_candidate_words and draft.signal != "insufficient_evidence":
        return draft.but(signal="insufficient_evidence"), [Finding(
            "thin_interview", f"only {words} words from the candidate (minimum {SETTINGS.min_candidate_words}): "
            "too little to grade")]
    rank = recommendation_rank(draft.recommendation)
    hire_side = rank is not None and rank >= RECOMMENDATION_ORDER.index("hire")
    if (hire_side or draft.signal == "engineer") and assessed < SETTINGS.min_assessed_for_verdict:
        return draft.but(signal="insufficient_evidence"), [Finding(
            "thin_interview", f"{assessed} competencies assessed: too little evidence for a {draft.recommendation} verdict")]
    return draft, []


@rule("no_decision")
def no_decision(draft: Draft, ctx: Context) -> tuple[Draft, list[Finding]]:
    """Insufficient evidence recommends nothing: the recommendation is ``no_decision`` (reschedule, or decide
    from a follow-up), never a hire or a no-hire, and a person looks."""
    if draft.signal != "insufficient_evidence" and draft.recommendation != "no_decision":
        return draft, []
    changed = draft.but(signal="insufficient_evidence", recommendation="no_decision")
    return changed, [Finding("no_decision", "insufficient evidence to recommend either way: reschedule, or decide "
                             "from a follow-up interview")]


@rule("role_mismatch")
def role_mismatch(draft: Draft, ctx: Context) -> tuple[Draft, list[Finding]]:
    """Role fit is judged from the evidence, never copied from ``--role``: when the evidence is about the other
    track than the one interviewed for, the scorecard says so and a person looks."""
    if ctx.role in TRACKS and draft.role_fit in TRACKS and draft.role_fit != ctx.role:
        return draft, [Finding("role_mismatch", f"interviewed for {ctx.role}, but the evidence is about "
                               f"{draft.role_fit} work: consider the other track")]
    return draft, []


@rule("personal_attributes")
def personal_attributes(draft: Draft, ctx: Context) -> tuple[Draft, list[Finding]]:
    """Only job-relevant evidence counts: a grader text that mentions personal attributes goes to a person."""
    mentions = personal_attribute_mentions(*[c.rationale for c in draft.competencies], draft.summary)
    if not mentions:
        return draft, []
    return draft, [Finding("personal_attributes", f"the grader's text mentions personal attributes "
                           f"({', '.join(mentions)}); discard those parts")]
