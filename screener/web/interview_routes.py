"""The interviewer's loop in the workspace (a store is configured): submit, wait, review, override, decide.

    GET  /interviews/new                  the form, with candidate, requisition, date and interviewers
    POST /interviews                      store the interview, queue its grading; 303 to its page
    GET  /interviews/<id>                 progress while grading, then the scorecard beside the transcript,
                                          the overrides, the decision and the interviewer's coach report
    GET  /interviews/<id>/status          the grading job as JSON (the page polls it)
    POST /interviews/<id>/override        a competency score or the recommendation, with the required reason
    POST /interviews/<id>/decision        advance / reject / hold, with a note
    GET  /interviews/<id>/scorecard.json  download (also .md)
    POST /interviews/<id>/ats             send the reviewed draft to an ATS, or preview it (``ats_routes``)

Every route loads the interview through ``visible_interview``: one that the user may not see is a 404 (its
existence is not revealed).
"""

from __future__ import annotations

from datetime import date
from typing import Any

import anyio
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from ..errors import UsageError
from ..vocab import RECOMMENDATION_LABELS, recommendation_label
from .forms import Form, TooLarge, read_form
from .grade_routes import form_context, grading_form, slug, transcript_from
from .pages import download, error_page, page, redirect
from .roles import ROLE_LABELS

DECISION_LABELS = {"advance": "Advance", "reject": "Reject", "hold": "Hold"}
_NOT_FOUND = "no such interview, or it is not yours to see; open it from the interview list"


class Denied(Exception):
    """The signed-in user may not do this (403), or may not even know it exists (404)."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def store_of(request: Request) -> Any:
    return request.app.state.store


def user_of(request: Request) -> Any:
    return request.state.user


def ws_form_context(form: Form | None = None) -> dict[str, Any]:
    form = form or Form()
    context = form_context(form)
    context["values"].update({
        "candidate_name": form.get("candidate_name"), "requisition": form.get("requisition"),
        "interviewed_on": form.get("interviewed_on"), "interviewers": form.get("interviewers"),
    })
    context["workspace"] = True
    context["action"] = "/interviews"
    return context


async def new_interview(request: Request) -> Response:
    return page(request, "index.html.j2", **ws_form_context())


def _date(text: str) -> date | None:
    if not text.strip():
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise UsageError(f"interview date '{text}' is not a date; use YYYY-MM-DD") from None


def _create(store: Any, user: Any, form: Form, grader: Any, role: str) -> int:
    from ..store import (
        add_interview,
        add_member,
        can_open_requisition,
        get_or_create_candidate,
        queue_grading,
    )
    from ..store.models import Requisition

    transcript, text = transcript_from(form)
    name = form.get("candidate_name").strip() or transcript.candidate_name or ""
    if not name:
        raise UsageError("name the candidate: the transcript does not say who they are")
    interviewed_on = _date(form.get("interviewed_on"))
    interviewers = [i.strip() for i in form.get("interviewers").split(",") if i.strip()]
    with store.session() as s:
        requisition = None
        code = form.get("requisition").strip()
        if code:
            requisition = s.query(Requisition).filter_by(code=code).one_or_none()
            if requisition is None:
                if user.role == "interviewer":
                    raise UsageError(f"there is no requisition {code}; ask its hiring manager to add you to it")
                from ..store import get_or_create_requisition

                requisition = get_or_create_requisition(s, code, role=role)
                if user.role == "hiring_manager":
                    add_member(s, requisition, user)
            elif not can_open_requisition(s, user, requisition):
                raise UsageError(f"you are not on requisition {code}; ask its hiring manager to add you")
            role = requisition.role  # the job the requisition is for: its candidates are graded alike
        candidate = get_or_create_candidate(s, name[:200])
        interview = add_interview(s, candidate=candidate, transcript=text, role=role, requisition=requisition,
                                  format=transcript.format, interviewers=interviewers or [user.username],
                                  interviewed_on=interviewed_on, source=transcript.source, created_by=user)
        queue_grading(s, interview, {"provider": grader.provider_id, "grader_label": grader.label,
                                     "candidate_label": form.get("candidate").strip() or None,
                                     "interviewer_label": form.get("interviewer").strip() or None})
        return interview.id


async def create_interview(request: Request) -> Response:
    form: Form | None = None
    try:
        form, role, grader = await grading_form(request)
        interview_id = await anyio.to_thread.run_sync(_create, store_of(request), user_of(request), form, grader, role)
    except TooLarge as e:
        return page(request, "index.html.j2", e.http_status, error=str(e), **ws_form_context())
    except UsageError as e:
        return page(request, "index.html.j2", e.http_status, error=str(e), **ws_form_context(form))
    request.app.state.worker.kick()
    return redirect(f"/interviews/{interview_id}")


def visible_interview(s: Any, user: Any, interview_id: int) -> Any:
    from ..store import NotFound, can_view_interview, get_interview

    try:
        interview = get_interview(s, interview_id)
    except NotFound:
        raise Denied(404, _NOT_FOUND) from None
    if not can_view_interview(s, user, interview):
        raise Denied(404, _NOT_FOUND)
    return interview


def _status(grading: Any) -> dict[str, Any]:
    from ..store.models import utcnow

    stages = {"queued": "waiting for a free grader", "running": "grading", "done": "done", "failed": "failed"}
    label = (grading.options or {}).get("grader_label", grading.provider or "offline")
    stage = f"grading with {label}" if grading.status == "running" else stages[grading.status]
    start = grading.started_at or grading.created_at
    end = grading.finished_at or utcnow()
    return {"state": {"running": "grading"}.get(grading.status, grading.status), "stage": stage,
            "error": grading.error, "seconds": round(max(0.0, (end - start).total_seconds()), 1)}


def _load(request: Request, view: bool) -> dict[str, Any]:
    from ..store import current_decision, effective, latest_grading, scorecard_of

    interview_id = int(request.path_params["interview_id"])
    with store_of(request).reader() as s:
        interview = visible_interview(s, user_of(request), interview_id)
        grading = latest_grading(interview)
        data: dict[str, Any] = {"interview": interview, "grading": grading,
                                "candidate": interview.candidate, "requisition": interview.requisition}
        if grading is None:
            return data
        data["status"] = _status(grading)
        if view and grading.status == "done":
            data["card"] = scorecard_of(grading)
            data["effective"] = effective(grading)
            data["overrides"] = list(grading.overrides)
            data["reviews"] = list(grading.reviews)
            data["decision"] = current_decision(grading)
    return data


def _transcript(interview: Any, grading: Any) -> Any:
    from ..parsing import parse_transcript

    if interview.transcript is None:
        return None
    options = grading.options or {}
    return parse_transcript(interview.transcript, format=interview.format, source=interview.source,
                            candidate=options.get("candidate_label"), interviewer=options.get("interviewer_label"))


def _page_data(request: Request) -> dict[str, Any]:
    data = _load(request, view=True)
    if "card" in data:
        from .views import build_view

        transcript = _transcript(data["interview"], data["grading"])
        data["transcript"] = transcript
        data["view"] = build_view(data["card"], transcript, data["interview"].role) if transcript else None
        if transcript is not None:
            from ..coach import coach_report

            data["coach"] = coach_report(transcript, data["interview"].role)
    return data


async def interview_page(request: Request) -> Response:
    return await render_interview(request)


async def render_interview(request: Request, *, status: int = 200, ats_result: dict[str, Any] | None = None) -> Response:
    """The interview's page; ``ats_result`` is the one-line answer of a push (or a preview) from its ATS form."""
    from .ats_routes import ats_panel

    data = await anyio.to_thread.run_sync(_page_data, request)
    interview = data["interview"]
    base = f"/interviews/{interview.id}"
    if "card" not in data:
        job = data.get("status") or {"state": "failed", "stage": "", "error": "never graded", "seconds": 0}
        return page(request, "pending.html.j2", 502 if job["state"] == "failed" else 200, key=interview.id,
                    job=job, grader_label=(data["grading"].options or {}).get("grader_label", "offline")
                    if data["grading"] else "", status_url=f"{base}/status")
    if data["view"] is None:
        return page(request, "removed.html.j2", interview=interview, card=data["card"], base=base)
    ws = _ws(data)
    ws["ats"] = await anyio.to_thread.run_sync(ats_panel, request, data["candidate"])
    ws["ats"]["result"] = ats_result
    return page(request, "result.html.j2", status, view=data["view"], key=interview.id, base=base,
                role_label=ROLE_LABELS[interview.role], transcript=data["transcript"], ws=ws)


def _ws(data: dict[str, Any]) -> dict[str, Any]:
    effective = data["effective"]
    rec = effective["recommendation"]
    return {
        "interview": data["interview"], "candidate": data["candidate"], "requisition": data["requisition"],
        "effective": effective, "overrides": data["overrides"], "reviews": data["reviews"],
        "decision": data["decision"], "coach": data.get("coach"),
        "recommendation_override": rec.override,
        "effective_recommendation": recommendation_label(rec.value),
        "recommendations": list(RECOMMENDATION_LABELS.items()), "decisions": list(DECISION_LABELS.items()),
        "decision_labels": DECISION_LABELS, "recommendation_labels": RECOMMENDATION_LABELS,
    }


async def interview_status(request: Request) -> Response:
    data = await anyio.to_thread.run_sync(_load, request, False)
    if data["grading"] is None:
        return JSONResponse({"state": "failed", "error": "never graded"})
    return JSONResponse(data["status"])


def _write(request: Request, form: Form, kind: str) -> None:
    from ..store import add_override, current_decision, latest_grading, record_decision
    from .audit_events import record_override, record_review

    user = user_of(request)
    with store_of(request).session() as s:
        interview = visible_interview(s, user, int(request.path_params["interview_id"]))
        grading = latest_grading(interview, done_only=True)
        if grading is None:
            raise UsageError("this interview has no finished grading yet; wait for it, then decide")
        if kind == "override":
            field = form.get("field")
            override = add_override(s, grading, field=field, value=form.get("value").strip() or None,
                                    reason=form.get("reason"), reviewer=user)
            record_override(grading=grading, interview=interview, reviewer=user.username, field=field,
                            grader_value=override.grader_value, value=override.value, reason=override.reason)
        else:
            prior = current_decision(grading)
            note = form.get("note").strip() or None
            record_decision(s, grading, decision=form.get("decision"), reviewer=user, note=note)
            record_review(grading=grading, interview=interview, reviewer=user.username,
                          decision=form.get("decision"), note=note, amends=prior)


def _writer(kind: str) -> Any:
    async def handler(request: Request) -> Response:
        try:
            form = await read_form(request)
            await anyio.to_thread.run_sync(_write, request, form, kind)
        except UsageError as e:
            return error_page(request, 400, str(e))
        anchor = "#decision" if kind == "decision" else f"#competency-{form.get('field')}"
        if form.get("field") == "recommendation":
            anchor = "#verdict"
        return redirect(f"/interviews/{request.path_params['interview_id']}?saved={kind}{anchor}")
    return handler


async def interview_download(request: Request) -> Response:
    from ..render import to_json, to_markdown, turn_times

    kind = request.path_params["kind"]
    if kind not in ("json", "md"):
        return error_page(request, 404, "no such download; the scorecard is offered as .json and .md")
    data = await anyio.to_thread.run_sync(_load, request, True)
    card = data.get("card")
    if card is None:
        return error_page(request, 404, "this interview has no finished grading to download")
    name = f"scorecard-{slug(card.candidate or 'candidate')}.{kind}"
    transcript = _transcript(data["interview"], data["grading"]) if kind == "md" else None
    times = turn_times(transcript) if transcript is not None else None
    return download(to_json(card) if kind == "json" else to_markdown(card, times),
                    "application/json" if kind == "json" else "text/markdown", name)


_ID = "{interview_id:int}"
ROUTES = [
    Route("/interviews/new", new_interview, methods=["GET"]),
    Route("/interviews", create_interview, methods=["POST"]),
    Route(f"/interviews/{_ID}", interview_page, methods=["GET"]),
    Route(f"/interviews/{_ID}/status", interview_status, methods=["GET"]),
    Route(f"/interviews/{_ID}/override", _writer("override"), methods=["POST"]),
    Route(f"/interviews/{_ID}/decision", _writer("decision"), methods=["POST"]),
    Route(f"/interviews/{_ID}/scorecard.{{kind:str}}", interview_download, methods=["GET"]),
]
