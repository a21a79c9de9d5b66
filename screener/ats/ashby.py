"""Ashby: the scorecard as application feedback on the form definition's own field paths.

``POST {base}/applicationFeedback.submit`` (Ashby's RPC style) with HTTP Basic auth (the key as the user name,
no password) and ``{"applicationId", "formDefinitionId", "feedbackForm": {"fieldSubmissions": [{"path",
"value"}, ...]}}``. Score fields take ``{"score": 1-4}``: the overall recommendation (``ashby.score_path``;
strong no hire 1 .. strong hire 4; left out for ``no_decision``) and each competency ``ashby.competencies``
maps to a path (left out when not assessed). ``ashby.summary_path`` gets the draft note as text.

Ashby answers most failures with HTTP 200 and ``{"success": false, "errors": [...]}``; that is a failed push.
"""

from __future__ import annotations

from typing import Any

from ..render import TurnTimes
from ..scorecard import Scorecard
from ..vocab import recommendation_rank
from ._errors import message_of
from .client import AtsRequest, basic_auth
from .config import AshbyConfig
from .content import draft_text

NAME = "ashby"
TARGET = "application"
SCORE_WORDS = {1: "Strong No", 2: "No", 3: "Yes", 4: "Strong Yes"}


def build(card: Scorecard, target: str, config: AshbyConfig, key: str, times: TurnTimes | None = None,
          ) -> AtsRequest:
    rank = recommendation_rank(card.recommendation)
    fields: list[dict[str, Any]] = []
    if rank is not None:
        fields.append({"path": config.score_path, "value": {"score": rank + 1}})
    scores = {c.id: c.score for c in card.competencies}
    for cid, path in config.competencies.items():
        if scores.get(cid) is not None:
            fields.append({"path": path, "value": {"score": scores[cid]}})
    if config.summary_path:
        verdict = f"Ashby score {rank + 1} ({SCORE_WORDS[rank + 1]})" if rank is not None else None
        fields.append({"path": config.summary_path, "value": draft_text(card, times=times, verdict=verdict)})
    body: dict[str, Any] = {"applicationId": target, "formDefinitionId": config.form_definition_id,
                            "feedbackForm": {"fieldSubmissions": fields}}
    if config.user_id:
        body["userId"] = config.user_id
    return AtsRequest(
        method="POST",
        url=f"{config.base_url.rstrip('/')}/applicationFeedback.submit",
        headers={"Content-Type": "application/json", "Accept": "application/json; version=1"},
        secret_headers={"Authorization": basic_auth(key)},
        body=body,
    )


def describe(status: int, body: Any, target: str, config: AshbyConfig) -> str:
    said = message_of(body)
    said = f": {said}" if said else ""
    if status == 401:
        return f"ashby rejected the key (401{said}); check {config.key_env}"
    if status == 403:
        return f"ashby refused the feedback (403{said}); give the key the candidatesWrite permission"
    if status == 404:
        return f"ashby has no application {target} (404{said}); check --target"
    if status in (400, 422):
        return (f"ashby rejected the feedback ({status}{said}); check ashby.form_definition_id and the field paths "
                "against feedbackFormDefinition.info")
    return f"ashby answered {status}{said}"


def failure(data: Any) -> str | None:
    """Ashby's 200 with ``success: false``: the vendor's words, for one line."""
    if isinstance(data, dict) and data.get("success") is False:
        return message_of(data) or "success: false"
    return None


def reference(data: Any) -> str | None:
    results = data.get("results") if isinstance(data, dict) else None
    sub = results.get("submittedFormInstance") if isinstance(results, dict) else None
    if isinstance(sub, dict) and sub.get("id") is not None:
        return str(sub["id"])
    return None
