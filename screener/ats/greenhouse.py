"""Greenhouse Harvest (v1, or v3 with ``auth: v3``): the scorecard as a private candidate note.

v1 (default): ``POST {base}/v1/candidates/{candidate_id}/activity_feed/notes`` with HTTP Basic auth (the
Harvest key as the user name, no password), the ``On-Behalf-Of`` header naming the Greenhouse user the note
is written as, and the body ``{"user_id", "body", "visibility"}`` (visibility ``private`` unless the config
says otherwise).

v3 (``auth: v3``): an access token first, from ``POST https://auth.greenhouse.io/token`` (HTTP Basic with
``client_id:client_secret``, form body ``grant_type=client_credentials&sub={user_id}``: the user the token
acts as), then ``POST {base}/v3/notes`` with ``Authorization: Bearer <token>`` and the body
``{"candidate_id", "user_id", "body", "visibility", "note_type": "NOTE"}``; no ``On-Behalf-Of``. The token
shape is Greenhouse's own documentation (harvestdocs.greenhouse.io/docs/authentication); the note's fields
are read from public Harvest v3 clients (see README), so check them against a sandbox first.

Harvest v1 has no endpoint that files an interview scorecard, so the recommendation goes into the note in
Greenhouse's own ``overall_recommendation`` words (``strong_yes``, ``yes``, ``no``, ``definitely_not``,
``no_decision``). The note is plain text with ``& < >`` escaped: no tag is sent, so whether Greenhouse renders
a tag or prints it, a ``<script>`` in a transcript cannot run.
"""

from __future__ import annotations

from typing import Any

from ..render import TurnTimes
from ..scorecard import Scorecard
from ..util.text import escape_html
from ..vocab import ATS_RECOMMENDATION, Recommendation
from ._errors import message_of
from .client import AtsRequest, TokenRequest, basic_auth
from .config import GreenhouseConfig
from .content import draft_text

NAME = "greenhouse"
TARGET = "candidate"
# screener's ATS vocabulary (vocab.ATS_RECOMMENDATION) in Greenhouse's spelling: lower case, and Greenhouse
# says definitely_not where the shared vocabulary says DEFINITELY_NO
_SPELLING = {"DEFINITELY_NO": "definitely_not"}
OVERALL_RECOMMENDATIONS = ("strong_yes", "yes", "no", "definitely_not", "no_decision")
NOTE_TYPE = "NOTE"  # Harvest v3 notes also take ACTIVITY and EMAIL (an email logged, not sent); screener writes notes


def overall_recommendation(rec: Recommendation) -> str:
    word = ATS_RECOMMENDATION[rec]
    return _SPELLING.get(word, word.lower())


def build(card: Scorecard, target: str, config: GreenhouseConfig, key: str, times: TurnTimes | None = None,
          ) -> AtsRequest:
    if not target.isdigit():
        from ..errors import UsageError

        raise UsageError(f"--target {target!r}: a Greenhouse candidate id is a number (from the candidate's URL)")
    word = overall_recommendation(card.recommendation)
    text = draft_text(card, times=times, verdict=f"Greenhouse overall_recommendation: {word}")
    if config.auth == "v3":
        return _build_v3(target, config, key, escape_html(text))
    return AtsRequest(
        method="POST",
        url=f"{config.base_url.rstrip('/')}/v1/candidates/{target}/activity_feed/notes",
        headers={"Content-Type": "application/json", "On-Behalf-Of": str(config.user_id)},
        secret_headers={"Authorization": basic_auth(key)},
        body={"user_id": config.user_id, "body": escape_html(text), "visibility": config.visibility},
    )


def _build_v3(target: str, config: GreenhouseConfig, secret: str, body: str) -> AtsRequest:
    """The Harvest v3 note and the client-credentials token request it is sent with."""
    token = TokenRequest(
        url=config.token_url,
        form={"grant_type": "client_credentials", "sub": str(config.user_id)},
        secret_headers={"Authorization": basic_auth(config.client_id or "", secret)},
        describe=lambda status, answer: describe_token(status, answer, config),
    )
    return AtsRequest(
        method="POST",
        url=f"{config.base_url.rstrip('/')}/v3/notes",
        headers={"Content-Type": "application/json"},
        secret_headers={"Authorization": "Bearer (access token from the request above)"},
        body={"candidate_id": int(target), "user_id": config.user_id, "body": body,
              "visibility": config.visibility, "note_type": NOTE_TYPE},
        token=token,
    )


def describe_token(status: int, body: Any, config: GreenhouseConfig) -> str:
    """The token endpoint's refusal as one line naming what to fix (the secret itself is never shown)."""
    said = message_of(body)
    said = f": {said}" if said else ""
    if status == 401:
        return (f"greenhouse refused the client credentials (401{said}); check greenhouse.client_id and "
                f"{config.key_env} (the Harvest V3 (OAuth) client secret)")
    if status in (400, 403):
        return (f"greenhouse would not issue a token (token endpoint {status}{said}); check greenhouse.user_id "
                f"{config.user_id} (sent as sub: a user of this Greenhouse account) and the credential's scopes")
    return f"greenhouse's token endpoint answered {status}{said}"


def describe(status: int, body: Any, target: str, config: GreenhouseConfig) -> str:
    """A refusal as one line naming what to fix: 401 and 403 differ by auth (a Harvest key acting On-Behalf-Of,
    or a v3 access token and its scopes); 404, 422 and anything else read the same for both."""
    said = message_of(body)
    said = f": {said}" if said else ""
    v3 = config.auth == "v3"
    if status == 401 and v3:
        return (f"greenhouse rejected the access token (401{said}); check greenhouse.client_id and {config.key_env} "
                "(a Harvest V3 (OAuth) credential) and push again")
    if status == 401:
        return f"greenhouse rejected the key (401{said}); check {config.key_env} (a Harvest API key)"
    if status == 403 and v3:
        return (f"greenhouse refused the note (403{said}); the credential needs the harvest:notes:create scope, and "
                f"user {config.user_id} (greenhouse.user_id, the token's sub) must be allowed to add notes")
    if status == 403:
        return (f"greenhouse refused the note (403{said}); the key needs the 'Create a candidate note' permission, "
                f"and user {config.user_id} (greenhouse.user_id) must be allowed to act On-Behalf-Of")
    if status == 404:
        return f"greenhouse has no candidate {target} (404{said}); check --target"
    if status == 422:
        return f"greenhouse rejected the note (422{said}); check greenhouse.user_id and greenhouse.visibility"
    return f"greenhouse answered {status}{said}"


def failure(data: Any) -> str | None:
    """A 2xx answer that still failed (Greenhouse has none)."""
    return None


def reference(data: Any) -> str | None:
    """The id of the note Greenhouse created."""
    return str(data["id"]) if isinstance(data, dict) and data.get("id") is not None else None
