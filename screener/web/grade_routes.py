"""The grading form, the background grading job, and the result page with its downloads.

    GET  /                              the form: paste or drop a transcript, pick role and grader
    POST /grade                         start grading; 303 to the result (400/413 with the form and a message)
    GET  /result/<id>                   progress while grading, then the scorecard beside the transcript
    GET  /result/<id>/status            the job's state as JSON (the page polls it)
    GET  /result/<id>/scorecard.json    download (also .md)
    POST /result/<id>/forget            drop the result from memory
"""

from __future__ import annotations

import re
import time
from typing import Any

import anyio
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from ..errors import GradingError, InputError, ScreenerError, UsageError
from ..transcript import Transcript
from ..vocab import JobRole, job_role
from .forms import MAX_TRANSCRIPT_BYTES, Form, TooLarge, read_form, size_text, too_large
from .graders import GraderChoice, available_graders, choose_grader
from .pages import download, error_page, page, redirect
from .roles import ROLE_LABELS, ROLES
from .store import Result, ResultStore

_KEY = r"{key:str}"
_GONE = ("this result is no longer kept (results live in memory only, for a few hours, and are gone when the "
         "server stops); grade the transcript again")


def form_context(form: Form | None = None) -> dict[str, Any]:
    from ..parsing import FORMATS

    form = form or Form()
    graders = available_graders()
    return {
        "roles": [(r, ROLE_LABELS[r]) for r in ROLES],
        "formats": FORMATS,
        "graders": graders,
        "values": {
            "text": form.get("text"),
            "role": form.get("role", "hybrid"),
            "format": form.get("format"),
            "grader": form.get("grader", graders[0].key),
            "candidate": form.get("candidate"),
            "interviewer": form.get("interviewer"),
        },
        "max_size": size_text(MAX_TRANSCRIPT_BYTES),
    }


async def index(request: Request) -> Response:
    notice = "The result was forgotten." if request.query_params.get("forgotten") == "1" else None
    return page(request, "index.html.j2", notice=notice, **form_context())


async def grading_form(request: Request) -> tuple[Form, JobRole, Any]:
    """The posted form, its role (checked) and the grader it chose: what both grading forms read first."""
    form = await read_form(request)
    try:
        role = job_role(form.get("role", "hybrid") or "hybrid")
    except ValueError as e:
        raise UsageError(str(e)) from None
    return form, role, choose_grader(form.get("grader"))


async def grade(request: Request) -> Response:
    form: Form | None = None
    try:
        form, role, grader = await grading_form(request)
        transcript, text = await anyio.to_thread.run_sync(transcript_from, form)
    except TooLarge as e:
        return page(request, "index.html.j2", e.http_status, error=str(e), **form_context())
    except UsageError as e:  # InputError (400), ConfigError (500), MissingKeyError (503): each its own status
        return page(request, "index.html.j2", e.http_status, error=str(e), **form_context(form))
    store: ResultStore = request.app.state.results
    result = Result(transcript=transcript, role=role, grader_label=grader.label)
    key = store.add(result)

    def crashed(message: str) -> None:
        result.state, result.error, result.finished = "failed", message, time.time()

    request.app.state.jobs.start(lambda: run_grading(result, text, grader), crashed)
    return redirect(f"/result/{key}")


async def run_grading(result: Result, text: str, grader: GraderChoice) -> None:
    """The job: grade, audit, keep the scorecard; a grader failure is the job's error, shown on the page."""
    from ..grading import GradeOptions, grade_async

    result.state, result.stage = "grading", f"grading with {grader.label}"
    try:
        if grader.remote:
            card = await grade_async(result.transcript, grader.provider_id, GradeOptions(role=result.role))
        else:  # CPU-bound: a worker thread, so other pages stay quick
            from ..grading import grade as grade_sync

            card = await anyio.to_thread.run_sync(
                lambda: grade_sync(result.transcript, grader.provider_id, GradeOptions(role=result.role)))
        result.stage = "saving"
        await anyio.to_thread.run_sync(audit_grading, card, text, result.role, grader.provider_id)
    except GradingError as e:
        result.state, result.error = "failed", f"grading failed: {e}"
    except ScreenerError as e:
        result.state, result.error = "failed", str(e)
    else:
        result.card, result.state, result.stage = card, "done", "done"
    result.finished = time.time()


def transcript_from(form: Form) -> tuple[Transcript, str]:
    """The parsed transcript and the text it was parsed from (hashed for the audit log)."""
    from ..parsing import parse_transcript
    from ..parsing.loading import decode

    upload = form.files.get("file")
    fmt = form.get("format") or None
    names = {"candidate": form.get("candidate").strip() or None, "interviewer": form.get("interviewer").strip() or None}
    if upload is not None and upload.data:
        if len(upload.data) > MAX_TRANSCRIPT_BYTES:
            raise too_large(len(upload.data))
        name = upload.filename or "uploaded file"
        text = decode(upload.data, name, max_bytes=MAX_TRANSCRIPT_BYTES)
        return parse_transcript(text, format=fmt, source=name, **names), text
    if upload is not None and upload.filename and not form.get("text").strip():
        raise InputError(f"{upload.filename}: the file is empty; export the transcript again, with the speech in it")
    text = form.get("text")
    if len(text.encode("utf-8")) > MAX_TRANSCRIPT_BYTES:
        raise too_large(len(text.encode("utf-8")))
    if not text.strip():
        raise InputError("nothing to grade: paste a transcript into the box or choose a transcript file")
    return parse_transcript(text, format=fmt, source="pasted transcript", **names), text


def audit_grading(card: Any, text: str, role: str, provider_id: str) -> None:
    """Every grading on the page goes into the audit log, as on the command line."""
    from ..audit import record_grading, sha256_hex
    from ..grading import GradeOptions
    from ..grading_settings import GradingSettings

    settings = GradingSettings(provider=provider_id, grade=GradeOptions.model_validate({"role": role}), via="web")
    record_grading(card, sha256_hex(text), settings.audit_record())


def _result(request: Request) -> tuple[str, Result | None]:
    key = request.path_params["key"]
    if not re.fullmatch(r"[A-Za-z0-9_-]{8,64}", key):
        return key, None
    return key, request.app.state.results.get(key)


def job_status(result: Result) -> dict[str, Any]:
    end = result.finished or time.time()
    return {"state": result.state, "stage": result.stage, "error": result.error,
            "seconds": round(end - result.started, 1)}


async def result_page(request: Request) -> Response:
    key, result = _result(request)
    if result is None:
        return error_page(request, 404, _GONE)
    if result.card is None:
        return page(request, "pending.html.j2", 200 if result.state != "failed" else 502, key=key,
                    job=job_status(result), grader_label=result.grader_label,
                    status_url=f"/result/{key}/status")
    from .views import build_view

    view = build_view(result.card, result.transcript, result.role)
    return page(request, "result.html.j2", view=view, key=key, role_label=ROLE_LABELS[result.role],
                transcript=result.transcript)


async def result_status(request: Request) -> Response:
    _, result = _result(request)
    if result is None:
        return JSONResponse({"state": "gone", "error": _GONE}, status_code=404)
    return JSONResponse(job_status(result))


async def scorecard_download(request: Request) -> Response:
    from ..render import to_json, to_markdown, turn_times

    _, result = _result(request)
    kind = request.path_params["kind"]
    if kind not in ("json", "md"):
        return error_page(request, 404, "no such download; the scorecard is offered as .json and .md")
    if result is None or result.card is None:
        return error_page(request, 404, _GONE)
    name = f"scorecard-{slug(result.card.candidate or 'candidate')}.{kind}"
    if kind == "json":
        return download(to_json(result.card), "application/json", name)
    return download(to_markdown(result.card, turn_times(result.transcript)), "text/markdown", name)


async def forget(request: Request) -> Response:
    try:
        await read_form(request)
    except UsageError as e:
        return error_page(request, 400, str(e))
    key, _ = _result(request)
    request.app.state.results.forget(key)
    return redirect("/?forgotten=1")


def slug(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", name).strip("-").lower()[:40] or "candidate"


ROUTES = [
    Route("/", index, methods=["GET"]),
    Route("/grade", grade, methods=["POST"]),
    Route(f"/result/{_KEY}", result_page, methods=["GET"]),
    Route(f"/result/{_KEY}/status", result_status, methods=["GET"]),
    Route(f"/result/{_KEY}/scorecard.{{kind:str}}", scorecard_download, methods=["GET"]),
    Route(f"/result/{_KEY}/forget", forget, methods=["POST"]),
]
