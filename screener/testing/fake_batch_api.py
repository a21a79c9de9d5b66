"""Loopback fakes of the provider batch APIs, plugged into ``FakeAPI`` with ``add_route``.

``batches = FakeBatchAPI(api)`` (or ``install(api)``) serves, with the wire formats the SDKs parse:

- Anthropic Message Batches: ``POST /v1/messages/batches``, ``GET /v1/messages/batches/{id}`` and
  ``GET /v1/messages/batches/{id}/results`` (JSONL; ``results_url`` is absolute, as the real API's is).
- OpenAI: ``POST /v1/files`` (multipart upload), ``GET /v1/files/{id}`` and ``/v1/files/{id}/content``,
  ``POST /v1/batches``, ``GET /v1/batches/{id}``.

A batch stays ``in_progress`` for ``polls_until_done`` status checks, then each request is answered by
``api.respond`` (so ``api.script``, ``fail_rates`` and ``default`` decide each answer: "ok", "truncated",
"500"...). Non-200 answers become errored results (Anthropic) or error-file lines (OpenAI).
``expire`` lists custom ids whose Anthropic result is ``expired``; ``fail_batches`` makes OpenAI batches
end ``failed``. Created batches are listed in ``created`` so tests can count submissions.
"""

from __future__ import annotations

import json
import threading
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.parser import BytesParser
from email.policy import default as default_policy
from typing import Any

from .fake_api import FakeAPI, RecordedRequest, Reply


def _iso(ts: float) -> str:
    return datetime.fromtimestamp(ts, UTC).isoformat().replace("+00:00", "Z")


@dataclass
class _Batch:
    id: str
    kind: str  # "anthropic" | "openai"
    requests: list[dict[str, Any]]
    created: float = field(default_factory=time.time)
    polls: int = 0
    results: list[dict[str, Any]] | None = None
    errors: list[dict[str, Any]] = field(default_factory=list)
    endpoint: str = ""
    input_file_id: str = ""
    output_file_id: str | None = None
    error_file_id: str | None = None
    failed: bool = False


def _not_found(what: str) -> Reply:
    return Reply(404, {"type": "error", "error": {"type": "not_found_error", "message": f"{what} not found"}})


class FakeBatchAPI:
    def __init__(self, api: FakeAPI, *, polls_until_done: int = 1, expire: set[str] | None = None,
                 fail_batches: bool = False) -> None:
        self.api = api
        self.polls_until_done = polls_until_done
        self.expire = set(expire or ())
        self.fail_batches = fail_batches
        self.batches: dict[str, _Batch] = {}
        self.files: dict[str, tuple[str, bytes]] = {}  # id -> (purpose, content)
        self.created: list[str] = []
        self._lock = threading.Lock()
        api.add_route("POST", "/v1/messages/batches", self._anthropic_create)
        api.add_route("GET", "/v1/messages/batches/", self._anthropic_get)
        api.add_route("POST", "/v1/files", self._openai_upload)
        api.add_route("GET", "/v1/files/", self._openai_file)
        api.add_route("POST", "/v1/batches", self._openai_create)
        api.add_route("GET", "/v1/batches/", self._openai_get)

    # -- shared

    def _process(self, batch: _Batch) -> None:
        """Answer every request once, through the FakeAPI's scripted behaviours."""
        if batch.results is not None:
            return
        results: list[dict[str, Any]] = []
        for req in batch.requests:
            cid = req["custom_id"]
            if batch.kind == "anthropic":
                results.append(self._anthropic_result(cid, req["params"]))
            else:
                results.append(self._openai_result(batch, cid, req))
        batch.results = results

    def _poll(self, batch: _Batch) -> bool:
        with self._lock:
            batch.polls += 1
            done = batch.polls >= self.polls_until_done
        if done:
            self._process(batch)
        return done

    # -- Anthropic

    def _anthropic_result(self, cid: str, params: dict[str, Any]) -> dict[str, Any]:
        if cid in self.expire:
            return {"custom_id": cid, "result": {"type": "expired"}}
        _, reply = self.api.respond("messages", params)
        if reply.status == 200:
            return {"custom_id": cid, "result": {"type": "succeeded", "message": reply.body}}
        body = reply.body if isinstance(reply.body, dict) else {}
        err = body.get("error") or {"type": "api_error", "message": str(reply.body)}
        return {"custom_id": cid, "result": {"type": "errored",
                                             "error": {"type": "error", "error": err, "request_id": None}}}

    def _anthropic_batch(self, batch: _Batch, ended: bool) -> dict[str, Any]:
        counts = {"processing": len(batch.requests), "succeeded": 0, "errored": 0, "canceled": 0, "expired": 0}
        if ended and batch.results is not None:
            counts["processing"] = 0
            for r in batch.results:
                kind = r["result"]["type"]
                counts["canceled" if kind == "canceled" else kind] += 1
        return {
            "id": batch.id, "type": "message_batch", "processing_status": "ended" if ended else "in_progress",
            "request_counts": counts, "created_at": _iso(batch.created),
            "expires_at": _iso(batch.created + timedelta(hours=24).total_seconds()),
            "ended_at": _iso(time.time()) if ended else None, "archived_at": None, "cancel_initiated_at": None,
            "results_url": f"{self.api.url}/v1/messages/batches/{batch.id}/results" if ended else None,
        }

    def _anthropic_create(self, request: RecordedRequest) -> Reply:
        body = request.body
        if not isinstance(body, dict) or not isinstance(body.get("requests"), list) or not body["requests"]:
            return Reply(400, {"type": "error", "error": {"type": "invalid_request_error",
                                                          "message": "requests: a non-empty list is required"}})
        ids = [r.get("custom_id") for r in body["requests"]]
        if len(set(ids)) != len(ids):
            return Reply(400, {"type": "error", "error": {"type": "invalid_request_error",
                                                          "message": "custom_id values must be unique"}})
        batch = _Batch(id="msgbatch_" + uuid.uuid4().hex[:24], kind="anthropic", requests=body["requests"])
        with self._lock:
            self.batches[batch.id] = batch
            self.created.append(batch.id)
        return Reply(200, self._anthropic_batch(batch, ended=False))

    def _anthropic_get(self, request: RecordedRequest) -> Reply:
        parts = request.path.split("?")[0].rstrip("/").split("/")  # ['', 'v1', 'messages', 'batches', id, ...]
        batch = self.batches.get(parts[4]) if len(parts) > 4 else None
        if batch is None or batch.kind != "anthropic":
            return _not_found("message batch")
        if len(parts) > 5 and parts[5] == "results":
            if batch.results is None:
                return Reply(400, {"type": "error", "error": {"type": "invalid_request_error",
                                                              "message": "the batch has not ended"}})
            text = "".join(json.dumps(r) + "\n" for r in batch.results)
            return Reply(200, text.encode(), {"content-type": "application/binary"})
        return Reply(200, self._anthropic_batch(batch, ended=self._poll(batch)))

    # -- OpenAI

    def _openai_result(self, batch: _Batch, cid: str, req: dict[str, Any]) -> dict[str, Any]:
        endpoint = "responses" if batch.endpoint == "/v1/responses" else "chat"
        _, reply = self.api.respond(endpoint, req.get("body") or {})
        line = {"id": "batch_req_" + uuid.uuid4().hex[:16], "custom_id": cid,
                "response": {"status_code": reply.status, "request_id": uuid.uuid4().hex, "body": reply.body},
                "error": None}
        if reply.status != 200:
            batch.errors.append(line)
        return line

    def _file_object(self, file_id: str) -> dict[str, Any]:
        purpose, content = self.files[file_id]
        return {"id": file_id, "object": "file", "bytes": len(content), "created_at": int(time.time()),
                "filename": f"{file_id}.jsonl", "purpose": purpose, "status": "processed"}

    def _openai_upload(self, request: RecordedRequest) -> Reply:
        ctype = request.headers.get("content-type", "")
        raw = request.body if isinstance(request.body, str) else json.dumps(request.body)
        message = BytesParser(policy=default_policy).parsebytes(
            b"Content-Type: " + ctype.encode() + b"\r\n\r\n" + raw.encode("utf-8"))
        purpose, content = "", b""
        for part in message.iter_parts():
            name = part.get_param("name", header="content-disposition")
            decoded = part.get_payload(decode=True)
            payload = decoded if isinstance(decoded, bytes) else b""
            if name == "purpose":
                purpose = payload.decode()
            elif name == "file":
                content = payload
        if purpose != "batch" or not content:
            return Reply(400, {"error": {"message": "expected a file and purpose=batch", "type": "invalid_request_error",
                                         "param": None, "code": None}})
        file_id = "file-" + uuid.uuid4().hex[:24]
        with self._lock:
            self.files[file_id] = (purpose, content)
        return Reply(200, self._file_object(file_id))

    def _openai_file(self, request: RecordedRequest) -> Reply:
        parts = request.path.split("?")[0].rstrip("/").split("/")  # ['', 'v1', 'files', id, ('content')]
        file_id = parts[3] if len(parts) > 3 else ""
        if file_id not in self.files:
            return Reply(404, {"error": {"message": "no such file", "type": "invalid_request_error",
                                         "param": None, "code": None}})
        if len(parts) > 4 and parts[4] == "content":
            return Reply(200, self.files[file_id][1], {"content-type": "application/octet-stream"})
        return Reply(200, self._file_object(file_id))

    def _openai_batch(self, batch: _Batch, ended: bool) -> dict[str, Any]:
        failed = ended and self.fail_batches
        status = ("failed" if failed else "completed") if ended else "in_progress"
        errors = len(batch.errors) if ended and batch.results is not None else 0
        done = len(batch.requests) if ended and not failed else 0
        return {
            "id": batch.id, "object": "batch", "endpoint": batch.endpoint, "input_file_id": batch.input_file_id,
            "completion_window": "24h", "status": status, "created_at": int(batch.created),
            "output_file_id": batch.output_file_id if ended and not failed else None,
            "error_file_id": batch.error_file_id if ended and not failed else None,
            "errors": {"object": "list", "data": [{"code": "fake_failure", "message": "the fake batch failed"}]}
            if failed else None,
            "request_counts": {"total": len(batch.requests), "completed": done - errors, "failed": errors},
        }

    def _openai_create(self, request: RecordedRequest) -> Reply:
        body = request.body if isinstance(request.body, dict) else {}
        file_id = body.get("input_file_id", "")
        if file_id not in self.files or body.get("completion_window") != "24h":
            return Reply(400, {"error": {"message": "input_file_id and completion_window=24h are required",
                                         "type": "invalid_request_error", "param": None, "code": None}})
        lines = [json.loads(x) for x in self.files[file_id][1].decode().splitlines() if x.strip()]
        batch = _Batch(id="batch_" + uuid.uuid4().hex[:24], kind="openai", requests=lines,
                       endpoint=body.get("endpoint", ""), input_file_id=file_id)
        with self._lock:
            self.batches[batch.id] = batch
            self.created.append(batch.id)
        return Reply(200, self._openai_batch(batch, ended=False))

    def _openai_get(self, request: RecordedRequest) -> Reply:
        parts = request.path.split("?")[0].rstrip("/").split("/")  # ['', 'v1', 'batches', id]
        batch = self.batches.get(parts[3]) if len(parts) > 3 else None
        if batch is None or batch.kind != "openai":
            return Reply(404, {"error": {"message": "no such batch", "type": "invalid_request_error",
                                         "param": None, "code": None}})
        ended = self._poll(batch)
        if ended and batch.output_file_id is None and batch.results is not None:
            ok = [r for r in batch.results if r["response"]["status_code"] == 200]
            with self._lock:
                batch.output_file_id = "file-" + uuid.uuid4().hex[:24]
                self.files[batch.output_file_id] = ("batch_output", "".join(json.dumps(r) + "\n" for r in ok).encode())
                if batch.errors:
                    batch.error_file_id = "file-" + uuid.uuid4().hex[:24]
                    self.files[batch.error_file_id] = (
                        "batch_output", "".join(json.dumps(r) + "\n" for r in batch.errors).encode())
        return Reply(200, self._openai_batch(batch, ended))


def install(api: FakeAPI, **options: Any) -> FakeBatchAPI:
    """Add the batch endpoints to a running or not-yet-started ``FakeAPI``."""
    return FakeBatchAPI(api, **options)
