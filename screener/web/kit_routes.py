"""The interviewer kits: ``/kit``, ``/kit/<role>`` and ``/kit/<role>.md``."""

from __future__ import annotations

from typing import cast

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from ..vocab import TRACKS, JobRole
from .pages import download, error_page, page
from .roles import ROLE_LABELS, ROLES


async def kits(request: Request) -> Response:
    return page(request, "kits.html.j2", roles=[(r, ROLE_LABELS[r]) for r in ROLES])


async def kit(request: Request) -> Response:
    name: str = request.path_params["name"]
    asked, markdown = (name[:-3], True) if name.endswith(".md") else (name, False)
    if asked not in ROLES:
        return error_page(request, 404, f"no kit for role '{asked}'; choose one of: {', '.join(ROLES)}")
    role = cast(JobRole, asked)
    if markdown:
        from ..kit import render_kit

        return download(render_kit(role), "text/markdown", f"interviewer-kit-{role}.md")
    from ..prompting import ROLE_TITLES
    from ..rubric import load_rubric

    rubric = load_rubric()
    tracks = TRACKS if role == "hybrid" else (role,)
    sections = [(ROLE_TITLES[t], [c for c in rubric.for_role(role) if c.track == t]) for t in tracks]
    return page(request, "kit.html.j2", role=role, role_label=ROLE_LABELS[role],
                sections=[s for s in sections if s[1]], rubric_version=rubric.version,
                roles=[(r, ROLE_LABELS[r]) for r in ROLES])


ROUTES = [
    Route("/kit", kits, methods=["GET"]),
    Route("/kit/", kits, methods=["GET"]),
    Route("/kit/{name:str}", kit, methods=["GET"]),
]
