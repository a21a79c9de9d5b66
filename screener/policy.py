"""From a grader's raw output to the scorecard a person sees: grounding and the hiring-tool rules.

- every quote is grounded in the candidate's own turns and replaced by the verbatim original text;
  ungrounded quotes are dropped and counted; a competency left with no evidence is "not assessed";
- impossible numbers are never credited;
- injection attempts are red-flagged and cap the verdict;
- a verdict resting on no grounded evidence, or a rationale that judges personal attributes, goes to a human.
"""

from __future__ import annotations

from .grounding import Grounder
from .rubric import Competency
from .safety.attributes import personal_attribute_mentions
from .safety.injection import MARKER, Injection
from .safety.redact import Redaction
from .scorecard import (
    RECOMMENDATION_ORDER,
    CompetencyScore,
    Evidence,
    GradeOutput,
    GraderInfo,
    QuantifiedClaim,
    RedFlag,
    Scorecard,
    recommendation_rank,
)
from .transcript import Transcript

INJECTION_CAP = "hire"
NOT_ASSESSED = "Not assessed: no verbatim evidence from the candidate's own words."
# a percentage outside 0-100 is impossible for these (a rate, a share of cases) and for a reduction;
# "volume was 150 percent of the usual weekday" or "throughput up 250%" are possible
_RATE_WORDS = ("accuracy", "precision", "recall", "rate", "f1", "coverage", "pass", "error", "correct", "wrong")


class _QuoteMapper:
    """Grounds quotes against what the grader saw and maps them onto the original transcript."""

    def __init__(self, transcript: Transcript, sanitized: Transcript, seen: Transcript,
                 redaction: Redaction | None) -> None:
        self.grounder = Grounder(seen)
        self.seen = seen
        self.sanitized = sanitized
        self.original = transcript
        self.redaction = redaction
        self.ungrounded = 0

    def map(self, quote: str, turn: int | None) -> tuple[str, int] | None:
        hit = self.grounder.ground(quote, turn)  # the model quotes what it saw, placeholders included
        if hit is None:
            self.ungrounded += 1
            return None
        base_turn = self.sanitized.turn(hit.turn)
        orig_turn = self.original.turn(hit.turn)
        assert base_turn is not None and orig_turn is not None
        pieces = []
        for s, e in hit.spans:
            if self.redaction:  # offsets in the redacted text -> offsets in the text before redaction
                s = self.redaction.to_original_offset(hit.turn, s)
                e = self.redaction.to_original_offset(hit.turn, e, end=True)
            pieces.append(base_turn.text[s:e])
        # a quote that runs into removed injection text is not the candidate's verbatim words
        if any(MARKER[1:-1] in p or p not in orig_turn.text for p in pieces):
            self.ungrounded += 1
            return None
        return " … ".join(pieces), hit.turn


def _implausible(claim: QuantifiedClaim) -> str | None:
    unit = (claim.unit or "").strip().lower()
    metric = claim.metric.lower()
    values = [v for v in (claim.before, claim.after) if v is not None]
    if unit in ("%", "percent", "pct", "percentage points") and any(v > 100 or v < 0 for v in values):
        if any(w in metric for w in _RATE_WORDS) or "reduc" in metric or "cut" in metric:
            return f"{claim.metric}: a percentage outside 0-100 ({', '.join(f'{v:g}' for v in values)})"
    return None


def finalize(
    output: GradeOutput,
    *,
    transcript: Transcript,
    sanitized: Transcript,
    seen: Transcript,
    redaction: Redaction | None,
    injections: list[Injection],
    competencies: list[Competency],
    grader: GraderInfo,
) -> Scorecard:
    restore = redaction.restore if redaction else (lambda s: s)
    mapper = _QuoteMapper(transcript, sanitized, seen, redaction)
    reasons: list[str] = []

    by_id = {c.id: c for c in output.competencies}
    scored: list[CompetencyScore] = []
    for comp in competencies:
        got = by_id.get(comp.id)
        evidence: list[Evidence] = []
        if got is not None:
            for ev in got.evidence:
                mapped = mapper.map(ev.quote, ev.turn)
                if mapped and all(mapped != (e.quote, e.turn) for e in evidence):
                    evidence.append(Evidence(quote=mapped[0], turn=mapped[1]))
        if got is None or not evidence or got.score is None:
            rationale = restore(got.rationale) if got and got.rationale else ""
            scored.append(
                CompetencyScore(id=comp.id, name=comp.name, score=None, rationale=f"{NOT_ASSESSED} {rationale}".strip(),
                                evidence=evidence)
            )
        else:
            scored.append(
                CompetencyScore(id=comp.id, name=comp.name, score=got.score, rationale=restore(got.rationale),
                                evidence=evidence)
            )

    red_flags = [
        RedFlag(kind=f.kind, detail=restore(f.detail), turn=f.turn)
        for f in output.red_flags
        if not (f.kind == "prompt_injection" and any(i.turn == f.turn for i in injections))
    ]
    claims: list[QuantifiedClaim] = []
    for claim in output.quantified_claims:
        mapped = mapper.map(claim.quote, claim.turn)
        if not mapped:
            continue
        claim = claim.model_copy(update={"quote": mapped[0], "turn": mapped[1], "metric": restore(claim.metric)})
        why = _implausible(claim)
        if why and claim.plausible:
            claim = claim.model_copy(update={"plausible": False})
        if not claim.plausible and not any(f.kind == "impossible_number" and f.turn == claim.turn for f in red_flags):
            red_flags.append(RedFlag(kind="impossible_number", detail=why or f"implausible: {claim.quote}", turn=claim.turn))
        claims.append(claim)

    recommendation, signal = output.recommendation, output.signal
    # impossible numbers are never credited as an engineer's evidence
    if any(not c.plausible for c in claims) and signal == "engineer":
        signal = "prompt_tourist"
        reasons.append("impossible numbers: the grader called this an engineer; downgraded, check the claims")
        if recommendation_rank(recommendation) > recommendation_rank("no_hire"):
            recommendation = "no_hire"

    # injection: flagged, stripped before grading, and the verdict capped
    for inj in injections:
        red_flags.append(RedFlag(kind="prompt_injection", detail=f"{inj.kind}: {inj.text[:200]}", turn=inj.turn))
    if any(f.kind == "prompt_injection" for f in red_flags):
        reasons.append("the candidate's turns contain text aimed at the grader; it was removed before grading")
        if recommendation_rank(recommendation) > recommendation_rank(INJECTION_CAP):
            recommendation = INJECTION_CAP

    if all(c.score is None for c in scored) and signal != "insufficient_evidence":
        if mapper.ungrounded:
            reasons.append(f"none of the grader's {mapper.ungrounded} quotes were found in the candidate's turns")
        if signal == "engineer":
            signal = "insufficient_evidence"
            recommendation = min(recommendation, "no_hire", key=recommendation_rank)
            reasons.append("no competency has grounded evidence; the verdict rests on nothing verifiable")

    summary = restore(output.summary)
    rationales = [c.rationale for c in scored] + [summary]
    mentions = personal_attribute_mentions(*rationales)
    if mentions:
        reasons.append(f"the grader's text mentions personal attributes ({', '.join(mentions)}); discard those parts")

    assert recommendation in RECOMMENDATION_ORDER
    return Scorecard(
        recommendation=recommendation,
        signal=signal,
        role_fit=output.role_fit,
        summary=summary,
        competencies=scored,
        quantified_claims=claims,
        red_flags=red_flags,
        follow_ups=[restore(q) for q in output.follow_ups],
        candidate=transcript.candidate_name,
        grader=grader,
        ungrounded_quotes=mapper.ungrounded,
        needs_human_review=bool(reasons),
        review_reasons=reasons,
    )
