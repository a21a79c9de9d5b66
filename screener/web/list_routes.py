"""Finding interviews: the list with search and filters, a candidate's page, a requisition's side-by-side.

    GET /interviews                        filters: candidate, requisition, recommendation, decision,
                                           reviewer, date_from, date_to (all optional, in the query string)
    GET /candidates/<id>                   every interview of one candidate the user may see
    GET /requisitions                      the requisitions the user is on
    GET /requisitions/<code>/compare       per competency: each candidate's score, best quote, decisions
"""

from __future__ import annotations

from datetime import date
from typing import Any

import anyio
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from ..errors import UsageError
from ..vocab import RECOMMENDATION_LABELS, recommendation_label
from .interview_routes import DECISION_LABELS, Denied, store_of, user_of
from .pages import error_page, page

FILTERS = ("candidate", "requisition", "recommendation", "decision", "reviewer", "date_from", "date_to")
PAGE_SIZE = 50


def _filters(request: Request) -> tuple[dict[str, str], dict[str, Any]]:
    raw = {k: request.query_params.get(k, "").strip()[:200] for k in FILTERS}
    query: dict[str, Any] = {}
    for key in ("candidate", "requisition", "reviewer"):
        if raw[key]:
            query[key] = raw[key]
    if raw["recommendation"]:
        if raw["recommendation"] not in RECOMMENDATION_LABELS:
            raise UsageError(f"unknown recommendation '{raw['recommendation']}'")
        query["recommendation"] = raw["recommendation"]
    if raw["decision"]:
        if raw["decision"] not in (*DECISION_LABELS, "none"):
            raise UsageError(f"unknown decision '{raw['decision']}'; choose advance, reject, hold or none")
        query["decision"] = raw["decision"]
    for key in ("date_from", "date_to"):
        if raw[key]:
            try:
                query[key] = date.fromisoformat(raw[key])
            except ValueError:
                raise UsageError(f"{key.replace('_', ' ')} '{raw[key]}' is not a date; use YYYY-MM-DD") from None
    return raw, query


def _row(row: Any) -> dict[str, Any]:
    from ..store import effective

    g = row.grading
    rec = effective(g)["recommendation"].value if g is not None and g.status == "done" else None
    i = row.interview
    return {
        "id": i.id, "candidate": i.candidate.name, "candidate_id": i.candidate_id,
        "requisition": i.requisition.code if i.requisition else "", "role": i.role,
        "date": (i.interviewed_on or i.created_at.date()).isoformat(),
        "status": g.status if g is not None else "none",
        "recommendation": recommendation_label(rec, ""),
        "overridden": g is not None and any(o.field == "recommendation" for o in g.overrides),
        "decision": DECISION_LABELS.get(row.decision.decision, "") if row.decision else "",
        "reviewer": row.decision.reviewer_name if row.decision else "",
    }


async def interviews(request: Request) -> Response:
    from ..store import count_interviews, list_interviews

    try:
        raw, query = _filters(request)
    except UsageError as e:
        return error_page(request, 400, str(e))
    try:
        offset = max(0, int(request.query_params.get("offset", "0")))
    except ValueError:
        offset = 0

    def load() -> tuple[list[dict[str, Any]], int]:
        with store_of(request).reader() as s:
            rows = list_interviews(s, user=user_of(request), limit=PAGE_SIZE, offset=offset, **query)
            return [_row(r) for r in rows], count_interviews(s, user=user_of(request), **query)

    rows, total = await anyio.to_thread.run_sync(load)
    return page(request, "interviews.html.j2", rows=rows, total=total, filters=raw, offset=offset,
                page_size=PAGE_SIZE, recommendations=list(RECOMMENDATION_LABELS.items()),
                decisions=[*DECISION_LABELS.items(), ("none", "Not decided")])


async def candidate_page(request: Request) -> Response:
    from ..store import candidate_interviews
    from ..store.models import Candidate

    candidate_id = int(request.path_params["candidate_id"])

    def load() -> tuple[Any, list[dict[str, Any]]]:
        with store_of(request).reader() as s:
            candidate = s.get(Candidate, candidate_id)
            rows = candidate_interviews(s, candidate_id, user=user_of(request)) if candidate else []
            return candidate, [_row(r) for r in rows]

    candidate, rows = await anyio.to_thread.run_sync(load)
    if candidate is None or not rows:
        raise Denied(404, "no such candidate, or none of their interviews is yours to see")
    return page(request, "candidate.html.j2", candidate=candidate, rows=rows)


async def requisitions(request: Request) -> Response:
    from ..store import user_requisitions
    from ..store.models import Requisition

    def load() -> list[Any]:
        with store_of(request).reader() as s:
            user = user_of(request)
            if user.role == "admin":
                return list(s.query(Requisition).order_by(Requisition.code))
            return user_requisitions(s, user)

    return page(request, "requisitions.html.j2", requisitions=await anyio.to_thread.run_sync(load))


def comparison(s: Any, user: Any, code: str) -> dict[str, Any]:
    """One column per candidate (their latest graded interview), one row per competency."""
    from ..store import can_open_requisition, effective, requisition_candidates, scorecard_of
    from ..store.models import Requisition

    requisition = s.query(Requisition).filter_by(code=code).one_or_none()
    if requisition is None:
        raise Denied(404, f"no requisition {code}")
    if not can_open_requisition(s, user, requisition):
        raise Denied(403, f"you are not on requisition {code}; ask its hiring manager to add you")
    columns: list[dict[str, Any]] = []
    competencies: dict[str, str] = {}
    for candidate, rows in sorted(requisition_candidates(s, code, user=user).items(), key=lambda kv: kv[0].name):
        done = [r for r in rows if r.grading is not None and r.grading.status == "done"]
        if not done:
            continue
        row = done[0]  # newest first
        grading = row.grading
        assert grading is not None  # done rows have one
        card = scorecard_of(grading)
        values = effective(grading)
        cells: dict[str, dict[str, Any]] = {}
        for comp in card.competencies if card else []:
            competencies.setdefault(comp.id, comp.name)
            v = values.get(comp.id)
            cells[comp.id] = {
                "score": v.value if v else None, "grader": v.grader if v else None,
                "overridden_by": v.override.reviewer_name if v and v.override else None,
                "quote": comp.evidence[0].quote if comp.evidence else None,
            }
        rec = values["recommendation"]
        columns.append({
            "candidate": candidate.name, "candidate_id": candidate.id, "interview_id": row.interview.id,
            "cells": cells, "recommendation": recommendation_label(rec.value),
            "recommendation_overridden_by": rec.override.reviewer_name if rec.override else None,
            "decisions": [(DECISION_LABELS[r.decision], r.reviewer_name, r.decided_at.date().isoformat())
                          for r in grading.reviews],
            "interviews": len(rows),
        })
    return {"requisition": requisition, "columns": columns, "competencies": list(competencies.items())}


async def compare(request: Request) -> Response:
    code = request.path_params["code"]
    data = await anyio.to_thread.run_sync(
        lambda: _with_reader(request, lambda s: comparison(s, user_of(request), code)))
    return page(request, "compare.html.j2", **data)


def _with_reader(request: Request, fn: Any) -> Any:
    with store_of(request).reader() as s:
        return fn(s)


ROUTES = [
    Route("/interviews", interviews, methods=["GET"]),
    Route("/candidates/{candidate_id:int}", candidate_page, methods=["GET"]),
    Route("/requisitions", requisitions, methods=["GET"]),
    Route("/requisitions/{code:str}/compare", compare, methods=["GET"]),
]
