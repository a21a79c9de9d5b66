"""Per-interviewer trends (issue 15 point 3): kit coverage, leading-question rate and talk share per interviewer
and month, from ``screener.coach.trends.interviewer_trends`` over the interviews the viewer may see.

    GET /trends     hiring managers (their requisitions' interviews) and admins (all); an interviewer gets 403
                    (the nav shows the link to those two roles only)

It reads transcripts, never scorecards: nothing here changes a candidate's grade.
"""

from __future__ import annotations

from itertools import groupby
from typing import Any

import anyio
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from .pages import error_page, page

TREND_ROLES = ("hiring_manager", "admin")


def _load(request: Request) -> Any:
    from ..coach.trends import interviewer_trends
    from ..store import User

    with request.app.state.store.reader() as s:
        viewer = s.get(User, request.state.user.id)
        return interviewer_trends(s, viewer)


async def trends(request: Request) -> Response:
    user = request.state.user
    if user is None or user.role not in TREND_ROLES:
        return error_page(request, 403, "interviewer trends are for hiring managers and admins; ask one of them")
    result = await anyio.to_thread.run_sync(_load, request)
    people = [(name, list(rows)) for name, rows in groupby(result.rows, key=lambda r: r.interviewer)]
    return page(request, "trends.html.j2", people=people, skipped=result.skipped)


ROUTES = [Route("/trends", trends, methods=["GET"])]
