"""Send a reviewed interview's draft to an ATS from its page (issue 13 point 2): the CLI's ``screener ats push``,
through the same code (``screener.ats.push.push_card``), on the scorecard the store holds.

    POST /interviews/<id>/ats    vendor, target (the candidate / opportunity / application id), update,
                                 action=preview (the exact request, key masked; nothing sent) | send

Who: hiring managers (the interviews of their requisitions, the ones they can see) and admins. Interviewers
record decisions, but the hand-off to the ATS is the hiring manager's (403 for an interviewer; 404 for an
interview the user may not see, as everywhere).

What is sent: the grader's scorecard with the workspace's overrides applied (the scores and recommendation a
person settled on) and the recorded decision as its review. Refused: no recorded decision (400), a decision the
audit log does not hold (409), a second push to the same ATS unless "update" is ticked (409), no ATS config
(400). The vendor's answer, or its error, is one line on the page (502 when the ATS refused or failed). Every
push that reaches the vendor is an ``ats_push`` event in the audit log, as from the CLI, with ``via: web``, the
interview and grading ids and a keyed pseudonym of who pushed. The ATS config is ``WebConfig.ats_config``, else
``$SCREENER_ATS_CONFIG``, else ``./screener-ats.yaml``; keys come from the server's environment only.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import anyio
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from ..errors import ScreenerError, UsageError
from .forms import read_form
from .pages import error_page

ATS_ROLES = ("hiring_manager", "admin")
VENDORS = {"greenhouse": "Greenhouse (candidate note)", "lever": "Lever (opportunity feedback)",
           "ashby": "Ashby (application feedback)"}
TARGET_LABELS = {"greenhouse": "Greenhouse candidate id", "lever": "Lever opportunity id",
                 "ashby": "Ashby application id"}


def ats_panel(request: Request, candidate: Any) -> dict[str, Any]:
    """What the interview page's ATS section needs: which vendors the config sets up, or why none."""
    user = request.state.user
    panel: dict[str, Any] = {"allowed": user is not None and user.role in ATS_ROLES, "vendors": [], "problem": None,
                             "target": (candidate.external_id or "") if candidate is not None else "",
                             "target_labels": TARGET_LABELS, "result": None}
    if not panel["allowed"]:
        return panel
    try:
        config = _config(request)
    except ScreenerError as e:
        panel["problem"] = str(e)
        return panel
    panel["vendors"] = [(v, label) for v, label in VENDORS.items() if getattr(config, v) is not None]
    if not panel["vendors"]:
        panel["problem"] = "the ATS config has no greenhouse:, lever: or ashby: section"
    return panel


def _config_path(request: Request) -> Path | None:
    configured = request.app.state.config.ats_config
    return Path(configured) if configured else None


def _config(request: Request) -> Any:
    from ..ats.config import config_path, load_config
    from ..rubric import load_rubric

    return load_config(config_path(_config_path(request)), competency_ids={c.id for c in load_rubric().competencies})


def pushed_card(grading: Any, decision: Any) -> Any:
    """The grader's scorecard with the person's overrides applied and their recorded decision as its review."""
    from ..store.decisions import reviewed_scorecard

    try:
        return reviewed_scorecard(grading, decision)
    except ValueError as e:
        raise UsageError(f"the overridden scorecard does not validate ({str(e).splitlines()[0]}); "
                         "review the overrides") from None


def _push(request: Request, form: Any) -> tuple[dict[str, Any], int]:
    from ..ats.client import AtsError
    from ..ats.push import AlreadyPushed, load_section, push_card
    from ..render import turn_times
    from ..store import current_decision, latest_grading
    from .audit_events import pseudonym
    from .interview_routes import _transcript, visible_interview

    user = request.state.user
    vendor = form.get("vendor")
    action = form.get("action") or "send"
    with request.app.state.store.reader() as s:
        interview = visible_interview(s, user, int(request.path_params["interview_id"]))
        if user.role not in ATS_ROLES:
            from .interview_routes import Denied

            raise Denied(403, "only hiring managers and admins send drafts to an ATS; ask the requisition's "
                              "hiring manager")
        grading = latest_grading(interview, done_only=True)
        decision = current_decision(grading) if grading is not None else None
        if grading is None:
            return {"ok": False, "line": "this interview has no finished grading to send"}, 400
        if decision is None and action == "send":
            return {"ok": False, "line": "no person has decided on this interview yet: record the decision "
                                         "first; only a reviewed draft goes to the ATS"}, 400
        transcript = _transcript(interview, grading)
        graded_sha, grading_id, interview_id = grading.scorecard_sha256, grading.id, interview.id
        from ..store import scorecard_of

        card = pushed_card(grading, decision) if decision is not None else scorecard_of(grading)
        if card is None:
            return {"ok": False, "line": "this interview has no finished grading to send"}, 400
    if vendor not in VENDORS:
        return {"ok": False, "line": f"choose the ATS: one of {', '.join(VENDORS)}"}, 400
    times = turn_times(transcript) if transcript is not None else None

    def gate(events: list[dict[str, Any]], log: Path) -> bool:
        logged = [e for e in events if e.get("event") == "review" and e.get("graded_sha256") == graded_sha
                  and e.get("grading_id") == grading_id]
        if decision is None or not logged or logged[-1].get("decision") != decision.decision:
            raise _NotLogged(f"the decision recorded here is not in the audit log {log}; refusing to send it "
                             "(record the decision again, or check SCREENER_AUDIT_LOG)")
        return True

    try:
        section = load_section(vendor, _config_path(request))
        outcome = push_card(card, vendor, form.get("target"), section=section, gate=gate,
                            dry_run=action == "preview", update=form.get("update") == "1", times=times,
                            card_sha256=graded_sha,
                            event_fields={"via": "web", "interview_id": interview_id, "grading_id": grading_id,
                                          "pushed_by_hmac": pseudonym(user.username)})
    except AlreadyPushed as e:
        return {"ok": False, "line": f"already sent to {VENDORS[vendor].split(' ')[0]} on "
                                     f"{str(e.prior.get('time', ''))[:16].replace('T', ' ')} UTC; tick "
                                     "\"Update\" to send it again"}, 409
    except _NotLogged as e:
        return {"ok": False, "line": str(e)}, 409
    except AtsError as e:
        return {"ok": False, "line": str(e).replace("; pass --update", "")}, 502
    except ScreenerError as e:
        return {"ok": False, "line": str(e).replace("--target", "the id")}, 400
    name = VENDORS[vendor].split(" ")[0]
    if outcome.dry_run:
        state = "" if decision is not None else " (not reviewed yet: sending needs a recorded decision)"
        return {"ok": True, "line": f"preview of the request to {name}; nothing was sent{state}",
                "preview": outcome.request.masked()}, 200
    ref = f" ({name}'s id {outcome.reference})" if outcome.reference else ""
    again = " (an update of the earlier push)" if outcome.replaces else ""
    return {"ok": True, "line": f"sent to {name}{ref}{again}: HTTP {outcome.status}; a person submits it there; "
                                "logged to the audit log"}, 200


class _NotLogged(UsageError):
    pass


async def ats_push(request: Request) -> Response:
    from .interview_routes import render_interview

    try:
        form = await read_form(request)
    except UsageError as e:
        return error_page(request, e.http_status, str(e))
    result, status = await anyio.to_thread.run_sync(_push, request, form)
    result.setdefault("preview", None)
    result["vendor"], result["target"] = form.get("vendor"), form.get("target")
    return await render_interview(request, status=status, ats_result=result)


ROUTES = [Route("/interviews/{interview_id:int}/ats", ats_push, methods=["POST"])]
