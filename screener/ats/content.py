"""The words every ATS gets: the scorecard as a short plain-text draft for a person to read and submit.

Each quote keeps its place (``turn 7, 12:34``), each red flag its turn; the text says it is a screener draft
and whether a person has reviewed it. Terminal and bidi controls are stripped; vendors that render HTML get
this text escaped by their own module.
"""

from __future__ import annotations

from ..render import TurnTimes, evidence_place, grader_line, place
from ..scorecard import Scorecard
from ..util.text import strip_controls
from ..vocab import RECOMMENDATION_LABELS, ROLE_FIT_LABELS, SIGNAL_LABELS

HEADER = "Screener draft: a recommendation for a person to review and submit, not a decision."


def draft_text(card: Scorecard, *, times: TurnTimes | None = None, verdict: str | None = None) -> str:
    """The draft note. ``verdict`` is the recommendation in the vendor's words, shown after screener's."""
    rec = RECOMMENDATION_LABELS[card.recommendation]
    lines = [HEADER, "", f"Candidate: {card.candidate or 'unknown'}",
             f"Recommendation: {rec}" + (f" ({verdict})" if verdict else ""),
             f"Signal: {SIGNAL_LABELS[card.signal]}; role fit: {ROLE_FIT_LABELS[card.role_fit]}"]
    if card.review is not None:
        r = card.review
        lines.append(f"Reviewed by {r.reviewer}: {r.decision} ({r.at})" + (f" - {r.note}" if r.note else ""))
    else:
        lines.append("Not reviewed by a person yet.")
    if card.needs_human_review:
        lines.append("Needs human review: " + "; ".join(card.review_reasons))
    lines += ["", "Summary:", card.summary, "", "Competencies:"]
    for c in card.competencies:
        if c.score is not None:
            lines.append(f"- {c.name}: {c.score}/4. {c.rationale}")
            lines += [f'  "{ev.quote}" ({evidence_place(ev, times)})' for ev in c.evidence]
    skipped = [c.name for c in card.competencies if c.score is None]
    if skipped:
        lines.append("- Not assessed: " + ", ".join(skipped))
    if card.red_flags:
        lines += ["", "Red flags:"]
        lines += [f"- {f.kind}: {f.detail}" + (f" ({place(f.turn, times)})" if f.turn is not None else "")
                  for f in card.red_flags]
    if card.follow_ups:
        lines += ["", "Ask next round:", *[f"- {q}" for q in card.follow_ups]]
    lines += ["", grader_line(card)]
    return strip_controls("\n".join(lines))


def competency_comment(card: Scorecard, competency_id: str, times: TurnTimes | None = None) -> str:
    """One competency's rationale and quotes, for a per-competency comment box."""
    c = next((c for c in card.competencies if c.id == competency_id), None)
    if c is None:
        return ""
    quotes = " ".join(f'"{ev.quote}" ({evidence_place(ev, times)})' for ev in c.evidence)
    return strip_controls(" ".join(p for p in (c.rationale, quotes) if p))
