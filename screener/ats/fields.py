"""``fields``: read a Lever feedback template or an Ashby feedback form and print the config section for it.

The ids a push needs (the template's score-system, text and scorecard fields; the form's Score and text paths)
live in the ATS; this asks the ATS for them once (Lever ``GET /feedback_templates/{id}``, Ashby
``feedbackFormDefinition.info``) and writes a ``lever:`` or ``ashby:`` section to start from, with each
scorecard row or Score field listed beside the rubric competencies it could take. Nothing is written to the
ATS. Greenhouse notes have no fields: its section needs only ``user_id``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..errors import UsageError
from ..rubric import load_rubric
from ._errors import message_of
from .client import AtsRequest, basic_auth, check_key, send
from .config import AshbyConfig, LeverConfig, check_base_url

_TEXT_TYPES = ("textarea", "text")
_ASHBY_TEXT = ("RichText", "LongText", "String")


def _auth(key: str) -> dict[str, str]:
    return {"Authorization": basic_auth(key)}


def _quote(text: Any) -> str:
    return '"' + " ".join(str(text or "").split()).replace('"', "'")[:60] + '"'


def _rubric_lines() -> list[str]:
    return [f"    #   {c.id}: {c.name}" for c in load_rubric().competencies]


def lever_request(template_id: str, key: str, base_url: str = LeverConfig.model_fields["base_url"].default) -> AtsRequest:
    return AtsRequest("GET", f"{base_url.rstrip('/')}/feedback_templates/{template_id}", None,
                      secret_headers=_auth(key))


def lever_section(template: Mapping[str, Any]) -> str:
    """A ``lever:`` config section from a feedback template (``data`` of ``GET /feedback_templates/{id}``)."""
    fields = [f for f in template.get("fields") or [] if isinstance(f, dict)]

    def first(*types: str) -> dict[str, Any] | None:
        return next((f for f in fields if f.get("type") in types), None)

    rating, text, card = first("score-system"), first(*_TEXT_TYPES), first("scorecard")
    if rating is None:
        raise UsageError(f"lever template {template.get('id')} has no score-system field for the overall rating; "
                         "add one to the template in Lever, or pick another template")
    out = ["lever:", "  perform_as: USER_ID            # the Lever user the feedback is filed as",
           f"  template_id: {template.get('id')}   # {_quote(template.get('text') or template.get('name'))}",
           f"  rating_field: {rating.get('id')}   # {_quote(rating.get('text'))} (score-system)"]
    if text is not None:
        out.append(f"  summary_field: {text.get('id')}   # {_quote(text.get('text'))} ({text.get('type')})")
    if card is not None:
        out.append(f"  scorecard_field: {card.get('id')}   # {_quote(card.get('text'))} (scorecard)")
        out.append("  competencies:                  # competency id: row; the rows of this scorecard are")
        rows = [r for r in card.get("scores") or [] if isinstance(r, dict)]
        out += [f"    #   row {i}: {_quote(r.get('text'))}" for i, r in enumerate(rows)]
        out.append("    # and the rubric's competencies are")
        out += _rubric_lines()
        out.append("    # e.g. ai_eval: 0")
    return "\n".join(out) + "\n"


def ashby_request(form_id: str, key: str, base_url: str = AshbyConfig.model_fields["base_url"].default) -> AtsRequest:
    return AtsRequest("POST", f"{base_url.rstrip('/')}/feedbackFormDefinition.info",
                      {"feedbackFormDefinitionId": form_id},
                      headers={"Content-Type": "application/json", "Accept": "application/json; version=1"},
                      secret_headers=_auth(key))


def _ashby_fields(form: Mapping[str, Any]) -> list[dict[str, Any]]:
    raw = form.get("formDefinition")
    definition: Mapping[str, Any] = raw if isinstance(raw, dict) else {}
    found: list[dict[str, Any]] = []
    for section in definition.get("sections") or []:
        for entry in (section.get("fields") or []) if isinstance(section, dict) else []:
            field = entry.get("field") if isinstance(entry, dict) else None
            if isinstance(field, dict) and field.get("path"):
                found.append(field)
    return found


def ashby_section(form: Mapping[str, Any]) -> str:
    """An ``ashby:`` config section from a feedback form definition (``results`` of feedbackFormDefinition.info)."""
    fields = _ashby_fields(form)
    scores = [f for f in fields if f.get("type") == "Score"]
    texts = [f for f in fields if f.get("type") in _ASHBY_TEXT]
    if not scores:
        raise UsageError(f"ashby form {form.get('id')} has no Score field for the overall recommendation; "
                         "pick a feedback form with one")
    out = ["ashby:", f"  form_definition_id: {form.get('id')}   # {_quote(form.get('title'))}",
           f"  score_path: {scores[0]['path']}   # {_quote(scores[0].get('title'))} (Score)"]
    if texts:
        out.append(f"  summary_path: {texts[0]['path']}   # {_quote(texts[0].get('title'))} ({texts[0].get('type')})")
    if len(scores) > 1:
        out.append("  competencies:                  # competency id: Score path; this form's other Score fields are")
        out += [f"    #   {f['path']}: {_quote(f.get('title'))}" for f in scores[1:]]
        out.append("    # and the rubric's competencies are")
        out += _rubric_lines()
        out.append(f"    # e.g. ai_eval: {scores[1]['path']}")
    return "\n".join(out) + "\n"


def fetch_section(vendor: str, ident: str, env: Mapping[str, str], *, base_url: str | None = None,
                  key_env: str | None = None, transport: Any = None) -> str:
    """Ask the ATS for a template (Lever) or form (Ashby) and return the config section for it."""
    if vendor == "greenhouse":
        raise UsageError("Greenhouse notes have no template or form: the greenhouse: section needs only user_id "
                         "(the id of the user notes are written as, from Configure > Users)")
    ident = (ident or "").strip()
    if not ident:
        raise UsageError(f"--id must name the {'feedback template' if vendor == 'lever' else 'feedback form'} id")
    if base_url is not None:
        try:
            check_base_url(base_url)
        except ValueError as e:
            raise UsageError(f"--base-url {base_url}: {e}") from None
    if vendor == "lever":
        key = check_key(env, key_env or "LEVER_API_KEY", vendor)
        request = lever_request(ident, key, **({"base_url": base_url} if base_url else {}))
    else:
        key = check_key(env, key_env or "ASHBY_API_KEY", vendor)
        request = ashby_request(ident, key, **({"base_url": base_url} if base_url else {}))

    def describe(status: int, body: Any) -> str:
        said = message_of(body)
        what = "template" if vendor == "lever" else "form"
        hint = {401: f"check {key_env or vendor.upper() + '_API_KEY'}", 403: "give the key read access to " + what + "s",
                404: f"check --id (no {what} {ident})"}.get(status, "check --id and the key")
        return f"{vendor} answered {status}{': ' + said if said else ''}; {hint}"

    data = send(request, vendor=vendor, transport=transport, describe=describe).data
    if vendor == "lever":
        template = data.get("data") if isinstance(data, dict) else None
        if not isinstance(template, dict):
            raise UsageError(f"lever answered without a template for {ident}; check --id")
        return lever_section(template)
    if isinstance(data, dict) and data.get("success") is False:
        raise UsageError(f"ashby did not return form {ident}: {message_of(data) or 'success: false'}; check --id")
    form = data.get("results") if isinstance(data, dict) else None
    if not isinstance(form, dict):
        raise UsageError(f"ashby answered without a form for {ident}; check --id")
    return ashby_section(form)
