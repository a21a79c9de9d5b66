"""What the scorecard page shows: the scorecard joined with the rubric's level text and the marked transcript."""

from __future__ import annotations

from dataclasses import dataclass

from ..rubric import Competency, RoleChoice, load_rubric
from ..scorecard import Scorecard
from ..transcript import Transcript, format_timestamp
from ..vocab import RECOMMENDATION_LABELS, ROLE_FIT_LABELS
from ..vocab import SIGNAL_LABELS as _SIGNAL_LABELS
from .highlight import Highlights, highlight

SIGNAL_LABELS = {k: v.capitalize() for k, v in _SIGNAL_LABELS.items()}


@dataclass
class QuoteView:
    quote: str
    turn: int
    anchor: str | None
    time: str | None = None  # the turn's start ("12:34") when the transcript has times


@dataclass
class CompetencyView:
    id: str
    name: str
    score: int | None
    level_text: str | None
    rationale: str
    evidence: list[QuoteView]


@dataclass
class ClaimView:
    metric: str
    before: str
    after: str
    unit: str
    plausible: bool
    quote: QuoteView


@dataclass
class ScorecardView:
    card: Scorecard
    recommendation: str
    signal: str
    role_fit: str
    competencies: list[CompetencyView]
    claims: list[ClaimView]
    highlights: Highlights


def _number(x: float | None) -> str:
    return "" if x is None else f"{x:g}"


def _all_quotes(card: Scorecard) -> list[tuple[str, int]]:
    quotes = [(ev.quote, ev.turn) for c in card.competencies for ev in c.evidence]
    quotes += [(q.quote, q.turn) for q in card.quantified_claims]
    return quotes


def build_view(card: Scorecard, transcript: Transcript, role: RoleChoice) -> ScorecardView:
    """The scorecard page's data; level text comes from the rubric the card was graded against."""
    rubric: dict[str, Competency] = {c.id: c for c in load_rubric().for_role(role)}
    labels: dict[tuple[str, int], list[str]] = {}
    for c in card.competencies:
        for ev in c.evidence:
            labels.setdefault((ev.quote, ev.turn), []).append(c.name)
    for q in card.quantified_claims:
        labels.setdefault((q.quote, q.turn), []).append(f"claim: {q.metric}")
    marks = highlight(transcript, _all_quotes(card), labels)

    def quote(text: str, turn: int) -> QuoteView:
        said = transcript.turn(turn)
        time = format_timestamp(said.start) if said is not None and said.start is not None else None
        return QuoteView(quote=text, turn=turn, anchor=marks.anchor(text, turn), time=time)

    competencies = []
    for c in card.competencies:
        levels = rubric[c.id].levels if c.id in rubric else {}
        competencies.append(CompetencyView(
            id=c.id, name=c.name, score=c.score,
            level_text=levels.get(c.score) if c.score is not None else None,
            rationale=c.rationale, evidence=[quote(ev.quote, ev.turn) for ev in c.evidence],
        ))
    claims = [
        ClaimView(metric=q.metric, before=_number(q.before), after=_number(q.after), unit=q.unit or "",
                  plausible=q.plausible, quote=quote(q.quote, q.turn))
        for q in card.quantified_claims
    ]
    return ScorecardView(
        card=card,
        recommendation=RECOMMENDATION_LABELS[card.recommendation],
        signal=SIGNAL_LABELS[card.signal],
        role_fit=ROLE_FIT_LABELS[card.role_fit],
        competencies=competencies,
        claims=claims,
        highlights=marks,
    )
