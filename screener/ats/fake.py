"""Loopback fakes of the three ATS APIs: real HTTP servers on 127.0.0.1 that check what they are sent.

Each fake checks a request against the vendor's documented shape (Basic auth with the key as user name, or
for Greenhouse Harvest v3 an OAuth token from its token endpoint; the path, required fields, enum values, the
ids it knows) and answers as the vendor does: the created object, or
401 / 403 / 404 / 422 with the vendor's error body. ``fail(status, headers, times)`` scripts the next answers
(a 429 with retry-after, a 503) before the real one. Every request received is kept in ``requests``.

    with FakeGreenhouse(key="k", candidates={"123"}, users={4080}) as gh:
        ...  # point greenhouse.base_url at gh.url
"""

from __future__ import annotations

import base64
import json
import re
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit


@dataclass
class Received:
    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: Any


@dataclass
class Answer:
    status: int
    body: Any
    headers: dict[str, str] = field(default_factory=dict)


class _Fake:
    """The server, the scripted failures and the request log; subclasses implement ``handle``."""

    def __init__(self, key: str) -> None:
        self.key = key
        self.requests: list[Received] = []
        self._script: list[tuple[Answer, str | None]] = []
        self._lock = threading.Lock()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - the http.server spelling
                self._answer("POST")

            def do_GET(self) -> None:  # noqa: N802
                self._answer("GET")

            def _answer(self, method: str) -> None:
                parts = urlsplit(self.path)
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                try:
                    body = json.loads(raw) if raw else None
                except ValueError:
                    body = raw.decode("utf-8", "replace")
                got = Received(method, parts.path, parse_qs(parts.query),
                               {k.lower(): v for k, v in self.headers.items()}, body)
                with fake._lock:
                    fake.requests.append(got)
                    scripted = fake._scripted(got.path)
                answer = scripted or fake.handle(got)
                data = json.dumps(answer.body).encode()
                self.send_response(answer.status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                for k, v in answer.headers.items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: Any) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
                                        daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"  # bound to 127.0.0.1 above

    def fail(self, status: int, body: Any = None, headers: dict[str, str] | None = None, times: int = 1,
             path: str | None = None) -> None:
        """Answer the next ``times`` requests (to ``path`` only, when given) with ``status``, before checking them."""
        self._script += [(Answer(status, body if body is not None else {"message": f"scripted {status}"},
                                 headers or {}), path) for _ in range(times)]

    def _scripted(self, path: str) -> Answer | None:
        for i, (answer, only) in enumerate(self._script):
            if only is None or only == path:
                del self._script[i]
                return answer
        return None

    def authorised(self, got: Received) -> bool:
        expected = "Basic " + base64.b64encode(f"{self.key}:".encode()).decode()
        return got.headers.get("authorization") == expected

    def handle(self, got: Received) -> Answer:  # pragma: no cover - every fake overrides it
        raise NotImplementedError

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()


def _missing(body: Any, *names: str) -> list[str]:
    return [n for n in names if not isinstance(body, dict) or body.get(n) in (None, "")]


class FakeGreenhouse(_Fake):
    """Harvest v1 ``POST /v1/candidates/{id}/activity_feed/notes``; with ``client_id``/``client_secret`` also
    Harvest v3: the OAuth token endpoint ``POST /token`` and ``POST /v3/notes`` with its bearer token.

    The token endpoint takes HTTP Basic ``client_id:client_secret`` and the form body
    ``grant_type=client_credentials&sub={user_id}`` (Greenhouse's authentication guide); a token acts as its
    ``sub``. The v3 note's fields (``candidate_id``, ``user_id``, ``body``, ``visibility``, ``note_type``) are read
    from public Harvest v3 clients, not from Greenhouse's reference page (see README)."""

    VISIBILITY = ("admin_only", "private", "public")
    NOTE_TYPES = ("NOTE", "ACTIVITY", "EMAIL")
    _PATH = re.compile(r"^/v1/candidates/(\d+)/activity_feed/notes$")

    def __init__(self, key: str, candidates: set[str], users: set[int], *, client_id: str | None = None,
                 client_secret: str | None = None) -> None:
        super().__init__(key)
        self.candidates, self.users = candidates, users
        self.client_id, self.client_secret = client_id, client_secret
        self.tokens: dict[str, int] = {}  # access token -> the user (sub) it acts as

    @property
    def token_url(self) -> str:
        return f"{self.url}/token"

    def handle(self, got: Received) -> Answer:
        if got.path == "/token":
            return self._token(got)
        if got.path.startswith("/v3/"):
            return self._v3(got)
        if not self.authorised(got):
            return Answer(401, {"message": "Invalid Basic Auth credentials"})
        m = self._PATH.match(got.path)
        if not m:
            return Answer(404, {"message": "Resource not found"})
        behalf = got.headers.get("on-behalf-of", "")
        if not behalf.isdigit() or int(behalf) not in self.users:
            return Answer(403, {"message": "Invalid or missing On-Behalf-Of user"})
        if m.group(1) not in self.candidates:
            return Answer(404, {"message": f"Resource not found: candidate {m.group(1)}"})
        body = got.body
        errors = self._note_errors(body, "user_id", "body", "visibility")
        if errors:
            return Answer(422, {"message": "Validation error", "errors": errors})
        n = len(self.requests)
        return Answer(201, {"id": 9000 + n, "body": body["body"], "visibility": body["visibility"],
                            "user": {"id": body["user_id"]}, "private": body["visibility"] == "private"})

    def _note_errors(self, body: Any, *required: str) -> list[dict[str, str]]:
        errors = [{"message": "must be present", "field": n} for n in _missing(body, *required)]
        if not errors and body["visibility"] not in self.VISIBILITY:
            errors.append({"message": f"must be one of {', '.join(self.VISIBILITY)}", "field": "visibility"})
        for name in ("user_id", "candidate_id"):
            if not errors and name in body and not isinstance(body[name], int):
                errors.append({"message": "must be an integer", "field": name})
        if not errors and "note_type" in required and body["note_type"] not in self.NOTE_TYPES:
            errors.append({"message": f"must be one of {', '.join(self.NOTE_TYPES)}", "field": "note_type"})
        if not errors and re.search(r"<[a-zA-Z/!]", body["body"]):
            errors.append({"message": "contains an HTML tag", "field": "body"})
        return errors

    def _token(self, got: Received) -> Answer:
        if got.method != "POST" or self.client_id is None:
            return Answer(404, {"message": "Resource not found"})
        basic = "Basic " + base64.b64encode(f"{self.client_id}:{self.client_secret}".encode()).decode()
        if got.headers.get("authorization") != basic:
            return Answer(401, {"error": "invalid_client", "error_description": "Client authentication failed"})
        if "application/x-www-form-urlencoded" not in got.headers.get("content-type", ""):
            return Answer(400, {"error": "invalid_request", "error_description": "form-encoded body expected"})
        form = {k: v[0] for k, v in parse_qs(got.body if isinstance(got.body, str) else "").items()}
        if form.get("grant_type") != "client_credentials":
            return Answer(400, {"error": "unsupported_grant_type", "error_description": "grant_type"})
        sub = form.get("sub", "")
        if not sub.isdigit() or int(sub) not in self.users:
            return Answer(400, {"error": "invalid_request", "error_description": f"unknown user {sub!r} in sub"})
        with self._lock:
            token = f"gh-v3-access-{len(self.tokens) + 1}"
            self.tokens[token] = int(sub)
        return Answer(200, {"access_token": token, "token_type": "Bearer", "expires_in": 3600})

    def _v3(self, got: Received) -> Answer:
        auth = got.headers.get("authorization", "")
        sub = self.tokens.get(auth.removeprefix("Bearer ")) if auth.startswith("Bearer ") else None
        if sub is None:
            return Answer(401, {"message": "Invalid or expired access token"})
        if got.path != "/v3/notes" or got.method != "POST":
            return Answer(404, {"message": "Resource not found"})
        body = got.body
        errors = self._note_errors(body, "candidate_id", "body", "visibility", "note_type")
        if errors:
            return Answer(422, {"message": "Validation error", "errors": errors})
        user = body.get("user_id", sub)
        if user not in self.users:
            return Answer(403, {"message": f"user {user} may not add notes"})
        if str(body["candidate_id"]) not in self.candidates:
            return Answer(404, {"message": f"Resource not found: candidate {body['candidate_id']}"})
        return Answer(201, {"id": 9000 + len(self.requests), "candidate_id": body["candidate_id"], "user_id": user,
                            "body": body["body"], "visibility": body["visibility"], "type": body["note_type"]})


@dataclass
class LeverTemplate:
    id: str
    fields: list[dict[str, Any]]  # each {"id", "type": score-system|textarea|text|scorecard, "scores": [...]}


class FakeLever(_Fake):
    """``POST /v1/opportunities/{id}/feedback?perform_as=``, checked against one feedback template."""

    RATINGS = ("4 - Strong Hire", "3 - Hire", "2 - No Hire", "1 - Strong No Hire")
    _PATH = re.compile(r"^/v1/opportunities/([^/]+)/feedback$")

    def __init__(self, key: str, opportunities: set[str], users: set[str], template: LeverTemplate) -> None:
        super().__init__(key)
        self.opportunities, self.users, self.template = opportunities, users, template

    def _bad(self, message: str) -> Answer:
        return Answer(422, {"code": "UnprocessableEntity", "message": message})

    def handle(self, got: Received) -> Answer:
        if not self.authorised(got):
            return Answer(401, {"code": "Unauthorized", "message": "Invalid API key"})
        if got.method == "GET":
            if got.path != f"/v1/feedback_templates/{self.template.id}":
                return Answer(404, {"code": "ResourceNotFound", "message": "Feedback template not found"})
            return Answer(200, {"data": {"id": self.template.id, "text": "Phone screen", "fields": [
                {**f, "text": f.get("text", f["id"]), **({"scores": [{"text": r} for r in f["scores"]]}
                                                        if f["type"] == "scorecard" else {})}
                for f in self.template.fields]}})
        m = self._PATH.match(got.path)
        if not m:
            return Answer(404, {"code": "ResourceNotFound", "message": "No such route"})
        performer = (got.query.get("perform_as") or [""])[0]
        if performer not in self.users:
            return Answer(403, {"code": "Forbidden", "message": "perform_as must be a user who may file feedback"})
        if m.group(1) not in self.opportunities:
            return Answer(404, {"code": "ResourceNotFound", "message": f"Opportunity {m.group(1)} not found"})
        body = got.body
        missing = _missing(body, "baseTemplateId", "fieldValues")
        if missing:
            return self._bad(f"{missing[0]} is required")
        if body["baseTemplateId"] != self.template.id:
            return self._bad(f"baseTemplateId {body['baseTemplateId']} is not a feedback template")
        fields = {f["id"]: f for f in self.template.fields}
        for value in body["fieldValues"]:
            f = fields.get(value.get("id"))
            if f is None:
                return self._bad(f"field {value.get('id')} is not in template {self.template.id}")
            if f["type"] == "score-system" and value.get("value") not in self.RATINGS:
                return self._bad(f"field {f['id']}: value must be one of {', '.join(self.RATINGS)}")
            if f["type"] in ("text", "textarea") and not isinstance(value.get("value"), str):
                return self._bad(f"field {f['id']}: value must be text")
            if f["type"] == "scorecard":
                rows = value.get("value")
                if not isinstance(rows, list) or len(rows) != len(f["scores"]):
                    return self._bad(f"field {f['id']}: value must have one entry per scorecard row "
                                     f"({len(f['scores'])})")
                for row in rows:
                    if not isinstance(row, dict) or row.get("score") not in (None, 1, 2, 3, 4):
                        return self._bad(f"field {f['id']}: each score must be 1-4 or null")
        return Answer(201, {"data": {"id": f"fb-{len(self.requests)}", "baseTemplateId": self.template.id}})


class FakeAshby(_Fake):
    """``POST /applicationFeedback.submit`` against one feedback form definition (paths and field types)."""

    def __init__(self, key: str, applications: set[str], form_id: str, fields: dict[str, str]) -> None:
        super().__init__(key)
        self.applications, self.form_id, self.fields = applications, form_id, fields  # path -> Score|RichText|String

    def handle(self, got: Received) -> Answer:
        if not self.authorised(got):
            return Answer(401, {"success": False, "errors": ["invalid_api_key"]})
        if got.path == "/feedbackFormDefinition.info":
            if not isinstance(got.body, dict) or got.body.get("feedbackFormDefinitionId") != self.form_id:
                return Answer(200, {"success": False, "errors": ["feedback_form_definition_not_found"]})
            fields = [{"isRequired": kind == "Score", "field": {"id": f"id-{path}", "path": path, "title": path.title(),
                                                               "type": kind}} for path, kind in self.fields.items()]
            return Answer(200, {"success": True, "results": {"id": self.form_id, "title": "Screen",
                                                             "formDefinition": {"sections": [{"fields": fields}]}}})
        if got.path != "/applicationFeedback.submit":
            return Answer(404, {"success": False, "errors": ["unknown_endpoint"]})
        if "application/json" not in got.headers.get("content-type", ""):
            return Answer(415, {"success": False, "errors": ["content type must be application/json"]})
        body = got.body
        missing = _missing(body, "applicationId", "formDefinitionId", "feedbackForm")
        if missing:
            return Answer(422, {"success": False, "errors": [f"invalid_input: {missing[0]} is required"]})
        if body["applicationId"] not in self.applications:
            return Answer(404, {"success": False, "errors": [f"application_not_found: {body['applicationId']}"]})
        if body["formDefinitionId"] != self.form_id:
            return Answer(200, {"success": False, "errors": ["invalid_input: unknown formDefinitionId"]})
        subs = body["feedbackForm"].get("fieldSubmissions") if isinstance(body["feedbackForm"], dict) else None
        if not isinstance(subs, list):
            return Answer(422, {"success": False, "errors": ["invalid_input: feedbackForm.fieldSubmissions"]})
        for sub in subs:
            kind = self.fields.get(sub.get("path"))
            if kind is None:
                return Answer(422, {"success": False, "errors": [f"invalid_input: no field at path {sub.get('path')}"]})
            value = sub.get("value")
            if kind == "Score" and not (isinstance(value, dict) and value.get("score") in (1, 2, 3, 4)):
                return Answer(422, {"success": False, "errors": [f"invalid_input: {sub['path']}: score must be 1-4"]})
            if kind != "Score" and not isinstance(value, str):
                return Answer(422, {"success": False, "errors": [f"invalid_input: {sub['path']}: text expected"]})
        return Answer(200, {"success": True, "results": {"submittedFormInstance": {"id": f"sfi-{len(self.requests)}"}}})
