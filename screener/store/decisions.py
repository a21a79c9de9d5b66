"""A person's part: decisions (advance / reject / hold) and overrides of the grader's values.

Nothing here rewrites a scorecard. A decision is a ``Review`` row (a second decision on the same grading amends
the first, which is kept); an override is an ``Override`` row beside the grader's value, with a required reason.
:func:`effective` reads both back as what the page shows: per competency the grader's score and the person's.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from ..vocab import RECOMMENDATIONS
from .errors import StoreValueError
from .models import Grading, Override, Review, User, utcnow
from .vocab import DECISIONS, RECOMMENDATION_FIELD

MAX_NOTE_CHARS = 20_000


def _who(reviewer: User | None, reviewer_name: str | None) -> str:
    name = (reviewer.username if reviewer is not None else (reviewer_name or "")).strip()
    if not name:
        raise StoreValueError("a decision needs the reviewer's name")
    return name[:200]


def record_decision(s: Session, grading: Grading, *, decision: str, reviewer: User | None = None,
                    reviewer_name: str | None = None, note: str | None = None) -> Review:
    """Record a person's decision on a finished grading. A later call amends (``amends_id``) the current one."""
    if decision not in DECISIONS:
        raise StoreValueError(f"decision {decision!r}: choose one of {', '.join(DECISIONS)}")
    if grading.status != "done":
        raise StoreValueError(f"grading {grading.id} is {grading.status}: a decision needs a finished grading")
    if note is not None and len(note) > MAX_NOTE_CHARS:
        raise StoreValueError(f"the note is longer than {MAX_NOTE_CHARS} characters; shorten it")
    prior = current_decision(grading)
    review = Review(grading=grading, decision=decision, note=(note or None), reviewer=reviewer,
                    reviewer_name=_who(reviewer, reviewer_name), amends_id=prior.id if prior else None,
                    decided_at=utcnow())
    s.add(review)
    s.flush()
    return review


def current_decision(grading: Grading) -> Review | None:
    """The latest decision on ``grading`` (earlier ones it amended stay in ``grading.reviews``)."""
    return grading.reviews[-1] if grading.reviews else None


def _grader_value(card: dict, field: str) -> str | None:
    if field == RECOMMENDATION_FIELD:
        return card.get("recommendation")
    for comp in card.get("competencies") or []:
        if comp.get("id") == field:
            return None if comp.get("score") is None else str(comp["score"])
    raise StoreValueError(f"{field!r} is neither a competency of this scorecard nor {RECOMMENDATION_FIELD!r}")


def _check_value(field: str, value: str | int | None) -> str | None:
    if field == RECOMMENDATION_FIELD:
        if value not in RECOMMENDATIONS:
            raise StoreValueError(f"recommendation {value!r}: choose one of {', '.join(RECOMMENDATIONS)}")
        return str(value)
    if value is None or value == "":
        return None  # "not assessed"
    try:
        score = int(value)
    except (TypeError, ValueError):
        score = 0
    if not 1 <= score <= 4 or str(value).strip() not in (str(score), f"{score}"):
        raise StoreValueError(f"score {value!r}: give 1, 2, 3 or 4 (or nothing for not assessed)")
    return str(score)


def add_override(s: Session, grading: Grading, *, field: str, value: str | int | None, reason: str,
                 reviewer: User | None = None, reviewer_name: str | None = None) -> Override:
    """Override one competency score (``field`` = its id; value 1-4 or None) or the recommendation
    (``field="recommendation"``). ``reason`` is required; the grader's value is recorded beside it."""
    if grading.status != "done" or not grading.scorecard:
        raise StoreValueError(f"grading {grading.id} is {grading.status}: only a finished grading can be overridden")
    reason = (reason or "").strip()
    if not reason:
        raise StoreValueError("an override needs a reason: say what the grader missed")
    override = Override(grading=grading, field=field, grader_value=_grader_value(grading.scorecard, field),
                        value=_check_value(field, value), reason=reason[:MAX_NOTE_CHARS],
                        user=reviewer, reviewer_name=_who(reviewer, reviewer_name), created_at=utcnow())
    s.add(override)
    s.flush()
    return override


@dataclass(frozen=True)
class Value:
    """One value as the page shows it: the grader's, and the person's override when there is one."""

    field: str
    grader: str | None
    override: Override | None = None

    @property
    def value(self) -> str | None:
        """What counts: the latest override's value, else the grader's."""
        return self.override.value if self.override is not None else self.grader


def effective(grading: Grading) -> dict[str, Value]:
    """Per competency id (and ``recommendation``): the grader's value and the latest override of it."""
    card = grading.scorecard or {}
    latest: dict[str, Override] = {}
    for o in grading.overrides:
        latest[o.field] = o
    values = {c["id"]: Value(c["id"], None if c.get("score") is None else str(c["score"]), latest.get(c["id"]))
              for c in card.get("competencies") or []}
    values[RECOMMENDATION_FIELD] = Value(RECOMMENDATION_FIELD, card.get("recommendation"),
                                         latest.get(RECOMMENDATION_FIELD))
    return values


def reviewed_scorecard(grading: Grading, decision: Review) -> Any:
    """The grader's scorecard as a person left it: their overrides applied and their recorded ``decision`` as its
    review (what the ATS hand-off sends). Raises ``ValueError`` when the overridden card does not validate."""
    from ..scorecard import Review as ScorecardReview
    from ..scorecard import Scorecard

    data = dict(grading.scorecard or {})
    values = effective(grading)
    data["competencies"] = [
        {**c, "score": None if values[c["id"]].value is None else int(str(values[c["id"]].value))}
        if c.get("id") in values and values[c["id"]].override is not None else c
        for c in data.get("competencies") or []]
    if values["recommendation"].override is not None and values["recommendation"].value:
        data["recommendation"] = values["recommendation"].value
    at = decision.decided_at.isoformat(timespec="seconds").replace("+00:00", "Z")
    data["review"] = ScorecardReview(reviewer=decision.reviewer_name, decision=decision.decision,
                                     note=decision.note, at=at).model_dump(mode="json")
    data["status"] = "reviewed"
    return Scorecard.model_validate(data)
