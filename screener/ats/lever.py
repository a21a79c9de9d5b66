"""Lever: the scorecard as opportunity feedback filled from a feedback template's fields.

``POST {base}/opportunities/{opportunity_id}/feedback?perform_as={user_id}`` with HTTP Basic auth (the key as
the user name, no password) and ``{"baseTemplateId", "fieldValues": [{"id", "value"}, ...]}``:

- the template's ``score-system`` field (``lever.rating_field``) gets the overall rating, one of
  ``"4 - Strong Hire"``, ``"3 - Hire"``, ``"2 - No Hire"``, ``"1 - Strong No Hire"`` (a ``no_decision`` card
  leaves it out: it is on no scale);
- a text field (``lever.summary_field``) gets the draft note with its quotes;
- the template's ``scorecard`` field (``lever.scorecard_field``) gets one ``{"score", "comment"}`` per row, in
  row order, for the competencies ``lever.competencies`` maps to rows (unmapped rows and competencies not
  assessed get ``score: null``).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote, urlencode

from ..render import TurnTimes
from ..scorecard import Scorecard
from ..vocab import Recommendation
from ._errors import message_of
from .client import AtsRequest, basic_auth
from .config import LeverConfig
from .content import competency_comment, draft_text

NAME = "lever"
TARGET = "opportunity"
RATINGS: dict[Recommendation, str] = {
    "strong_hire": "4 - Strong Hire", "hire": "3 - Hire", "no_hire": "2 - No Hire",
    "strong_no_hire": "1 - Strong No Hire",
}


def build(card: Scorecard, target: str, config: LeverConfig, key: str, times: TurnTimes | None = None,
          ) -> AtsRequest:
    rating = RATINGS.get(card.recommendation)
    values: list[dict[str, Any]] = []
    if rating is not None:
        values.append({"id": config.rating_field, "value": rating})
    if config.summary_field:
        values.append({"id": config.summary_field, "value": draft_text(card, times=times, verdict=rating)})
    if config.scorecard_field and config.competencies:
        rows: list[dict[str, Any]] = [{"score": None, "comment": ""} for _ in range(max(config.competencies.values()) + 1)]
        scores = {c.id: c.score for c in card.competencies}
        for cid, row in config.competencies.items():
            rows[row] = {"score": scores.get(cid), "comment": competency_comment(card, cid, times)}
        values.append({"id": config.scorecard_field, "value": rows})
    query = urlencode({"perform_as": config.perform_as})
    return AtsRequest(
        method="POST",
        url=f"{config.base_url.rstrip('/')}/opportunities/{quote(target, safe='')}/feedback?{query}",
        headers={"Content-Type": "application/json"},
        secret_headers={"Authorization": basic_auth(key)},
        body={"baseTemplateId": config.template_id, "fieldValues": values},
    )


def describe(status: int, body: Any, target: str, config: LeverConfig) -> str:
    said = message_of(body)
    said = f": {said}" if said else ""
    if status == 401:
        return f"lever rejected the key (401{said}); check {config.key_env}"
    if status == 403:
        return (f"lever refused the feedback (403{said}); the key needs the feedback write permission, and "
                f"lever.perform_as must be a user who may file feedback")
    if status == 404:
        return f"lever has no opportunity {target} (404{said}); check --target (an opportunity id, not a contact id)"
    if status in (400, 422):
        return (f"lever rejected the feedback ({status}{said}); check lever.template_id and the field ids against "
                "the template (GET /feedback_templates/ID)")
    return f"lever answered {status}{said}"


def failure(data: Any) -> str | None:
    return None


def reference(data: Any) -> str | None:
    inner = data.get("data") if isinstance(data, dict) else None
    return str(inner["id"]) if isinstance(inner, dict) and inner.get("id") is not None else None
