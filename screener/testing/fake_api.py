"""A loopback fake of the Anthropic and OpenAI HTTP APIs, for tests and benchmarks.

``with FakeAPI() as api:`` serves on 127.0.0.1 (a free port) from a background thread and answers
``POST /v1/messages`` (Anthropic), ``POST /v1/chat/completions`` and ``POST /v1/responses`` (OpenAI) with
bodies the real SDKs parse. Point the SDKs at ``api.anthropic_base_url`` / ``api.openai_base_url``.

Behaviour is scripted per request: ``api.script(["429", "ok"])`` queues behaviours consumed one per request,
then ``api.default`` applies (see ``BEHAVIOURS``). Every request is recorded in ``api.requests`` with its
auth headers removed. Other modules add endpoints with ``api.add_route(method, path_prefix, handler)``.

Limits (``requests_limit``, ``input_tokens_limit`` per ``limit_window`` seconds) are enforced the way Anthropic
and OpenAI document theirs: continuously refilled buckets, checked when a request arrives (cache reads do not
count against Anthropic's input-token limit), a 429 with ``retry-after`` beyond them, and the state reported on
every answer in the vendor's own headers (``anthropic-ratelimit-requests-*``/``-input-tokens-*`` with RFC 3339
resets on /v1/messages, ``x-ratelimit-*-requests``/``-tokens`` with "1.5s"/"20ms" durations on OpenAI's).

By hand: ``python -m screener.testing.fake_api --port 8765 [--latency S] [--requests-limit N] [--input-tokens-limit N]``.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import threading
import time
import uuid
from collections import Counter, deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from .fake_answers import (
    default_responder,
    inflated_grade,
    interviewer_quoted_grade,
    prompt_texts,
    ungrounded_grade,
    uses_json_schema,
)

Responder = Callable[[dict, str], str]
"""(request body, endpoint) -> the model's text; endpoint is 'messages', 'chat' or 'responses'."""

BEHAVIOURS: tuple[str, ...] = (
    "ok",
    "401",
    "429",
    "500",
    "503",
    "529",
    "slow",
    "truncated",
    "invalid_schema",
    "not_json",
    "ungrounded_quotes",
    "interviewer_quotes",
    "reject_json_schema",
    "inflated",
)

LLAMA_CPP_REJECTION: dict[str, Any] = {
    "error": {
        "code": 500,
        "message": "[{'type': 'literal_error', 'loc': ('body', 'response_format', 'type'), 'msg': \"Input should be "
        "'text' or 'json_object'\", 'input': 'json_schema', 'ctx': {'expected': \"'text' or 'json_object'\"}}]",
        "type": "internal_server_error",
    }
}
"""What llama-cpp-python's OpenAI-compatible server answers to ``response_format: json_schema``."""

_SECRET_HEADERS = {"authorization", "x-api-key", "api-key", "proxy-authorization", "cookie"}


@dataclass
class RecordedRequest:
    """One request as the server saw it, auth headers removed."""

    method: str
    path: str
    headers: dict[str, str]
    body: Any
    behaviour: str | None = None
    status: int | None = None
    received: float = field(default_factory=time.monotonic)
    """``time.monotonic()`` when the request arrived (a benchmark's time to the first send)"""


@dataclass
class Reply:
    """What a route answers: a dict/list body is sent as JSON, str as text, bytes as-is."""

    status: int = 200
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    """seconds to wait before answering (interrupted when the server stops)"""


Handler = Callable[[RecordedRequest], Reply]


# ---------------------------------------------------------------- reading the request


def _tokens(text: str) -> int:
    return max(1, len(text) // 4)


def _error_body(endpoint: str, status: int, message: str, etype: str) -> dict:
    if endpoint == "messages":
        return {"type": "error", "error": {"type": etype, "message": message}, "request_id": _id("req_")}
    return {"error": {"message": message, "type": etype, "param": None, "code": etype}}


_ERRORS: dict[str, tuple[int, str, str, str]] = {
    # behaviour: (status, message, anthropic error type, openai error type)
    "429": (429, "Rate limit exceeded: too many requests", "rate_limit_error", "rate_limit_exceeded"),
    "500": (500, "Internal server error", "api_error", "server_error"),
    "503": (503, "Service temporarily unavailable", "api_error", "service_unavailable"),
    "529": (529, "Overloaded", "overloaded_error", "overloaded"),
}


def _id(prefix: str) -> str:
    return prefix + uuid.uuid4().hex[:24]


@dataclass
class _Answer:
    text: str
    truncated: bool = False


def _message_payload(body: dict, answer: _Answer, usage: dict[str, int]) -> dict:
    content: list[dict]
    stop = "max_tokens" if answer.truncated else "end_turn"
    tool_choice = body.get("tool_choice") or {}
    if tool_choice.get("type") == "tool" and not answer.truncated:
        try:
            data = json.loads(answer.text)
        except ValueError:
            data = {"text": answer.text}
        if not isinstance(data, dict):
            data = {"value": data}
        content = [{"type": "tool_use", "id": _id("toolu_"), "name": tool_choice.get("name", "tool"), "input": data}]
        stop = "tool_use"
    else:
        content = [{"type": "text", "text": answer.text}]
    return {
        "id": _id("msg_"),
        "type": "message",
        "role": "assistant",
        "model": body.get("model", "fake-model"),
        "content": content,
        "stop_reason": stop,
        "stop_sequence": None,
        "usage": {
            "input_tokens": usage["input"] - usage["cached"] - usage["created"],
            "output_tokens": usage["output"],
            "cache_creation_input_tokens": usage["created"],
            "cache_read_input_tokens": usage["cached"],
        },
    }


def _chat_payload(body: dict, answer: _Answer, usage: dict[str, int]) -> dict:
    return {
        "id": _id("chatcmpl-"),
        "object": "chat.completion",
        "created": int(time.time()),
        "model": body.get("model", "fake-model"),
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": answer.text, "refusal": None},
                "finish_reason": "length" if answer.truncated else "stop",
                "logprobs": None,
            }
        ],
        "usage": {
            "prompt_tokens": usage["input"],
            "completion_tokens": usage["output"],
            "total_tokens": usage["input"] + usage["output"],
            "prompt_tokens_details": {"cached_tokens": usage["cached"]},
        },
    }


def _responses_payload(body: dict, answer: _Answer, usage: dict[str, int]) -> dict:
    return {
        "id": _id("resp_"),
        "object": "response",
        "created_at": time.time(),
        "model": body.get("model", "fake-model"),
        "status": "incomplete" if answer.truncated else "completed",
        "incomplete_details": {"reason": "max_output_tokens"} if answer.truncated else None,
        "error": None,
        "output": [
            {
                "type": "message",
                "id": _id("msg_"),
                "role": "assistant",
                "status": "incomplete" if answer.truncated else "completed",
                "content": [{"type": "output_text", "text": answer.text, "annotations": []}],
            }
        ],
        "parallel_tool_calls": False,
        "tool_choice": "auto",
        "tools": [],
        "usage": {
            "input_tokens": usage["input"],
            "input_tokens_details": {"cached_tokens": usage["cached"]},
            "output_tokens": usage["output"],
            "output_tokens_details": {"reasoning_tokens": 0},
            "total_tokens": usage["input"] + usage["output"],
        },
    }


_PAYLOADS = {"messages": _message_payload, "chat": _chat_payload, "responses": _responses_payload}
_ENDPOINTS = {"/v1/messages": "messages", "/v1/chat/completions": "chat", "/v1/responses": "responses"}


# ---------------------------------------------------------------- the server


class _Bucket:
    """A continuously refilled bucket, as both vendors document theirs: ``limit`` at most, ``rate`` per second."""

    def __init__(self, limit: float, rate: float) -> None:
        self.limit = limit
        self.rate = rate
        self.level = limit
        self.stamp = time.monotonic()

    def refill(self, now: float) -> None:
        self.level = min(self.limit, self.level + (now - self.stamp) * self.rate)
        self.stamp = now

    def wait(self, cost: float) -> float:
        """0 when ``cost`` fits now, else the seconds until it will (after ``refill``)."""
        return 0.0 if self.level >= cost else (cost - self.level) / self.rate

    def until_full(self) -> float:
        return max(0.0, (self.limit - self.level) / self.rate)


def _rfc3339(seconds_from_now: float) -> str:
    when = datetime.now(UTC) + timedelta(seconds=seconds_from_now)
    return when.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _duration(seconds: float) -> str:
    """OpenAI's spelling of a reset: "20ms", "1.5s", "6m0s"."""
    if seconds < 1:
        return f"{max(0, round(seconds * 1000))}ms"
    minutes, rest = divmod(seconds, 60)
    text = f"{rest:.3f}".rstrip("0").rstrip(".") + "s"
    return f"{int(minutes)}m{text}" if minutes else text


class _Limits:
    """The account's request and input-token limits: enforced at admission, reported on every answer."""

    def __init__(self, requests: _Bucket | None, tokens: _Bucket | None, headers: bool) -> None:
        self.requests = requests
        self.tokens = tokens
        self.headers = headers

    def admit(self, cost: int) -> float:
        """Take one request and ``cost`` input tokens: 0 when admitted, else seconds until it would be."""
        now = time.monotonic()
        wait = 0.0
        for bucket, need in ((self.requests, 1.0), (self.tokens, float(cost))):
            if bucket is not None:
                bucket.refill(now)
                wait = max(wait, bucket.wait(min(need, bucket.limit)))
        if wait > 0:
            return wait
        if self.requests is not None:
            self.requests.level -= 1
        if self.tokens is not None:
            self.tokens.level -= cost
        return 0.0

    def report(self, endpoint: str) -> dict[str, str]:
        """The rate-limit headers in the vendor's spelling (Anthropic for /v1/messages, else OpenAI)."""
        if not self.headers:
            return {}
        out: dict[str, str] = {}
        for name, bucket in (("requests", self.requests), ("tokens", self.tokens)):
            if bucket is None:
                continue
            limit, left, reset = int(bucket.limit), max(0, int(bucket.level)), bucket.until_full()
            if endpoint == "messages":
                a = f"anthropic-ratelimit-{'requests' if name == 'requests' else 'input-tokens'}"
                out.update({f"{a}-limit": str(limit), f"{a}-remaining": str(left), f"{a}-reset": _rfc3339(reset)})
            else:
                out.update({f"x-ratelimit-limit-{name}": str(limit), f"x-ratelimit-remaining-{name}": str(left),
                            f"x-ratelimit-reset-{name}": _duration(reset)})
        return out


class FakeAPI:
    """A scripted fake LLM API on 127.0.0.1; use as a context manager (``with FakeAPI() as api``)."""

    def __init__(
        self,
        *,
        default: str = "ok",
        responder: Responder | None = None,
        latency: float = 0.0,
        rate_limit: float | None = None,
        requests_limit: float | None = None,
        input_tokens_limit: float | None = None,
        limit_window: float = 60.0,
        rate_limit_headers: bool = True,
        fail_rates: dict[str, float] | None = None,
        seed: int = 0,
        retry_after: float = 1.0,
        slow_seconds: float = 10.0,
        port: int = 0,
    ) -> None:
        self._check(default)
        for name in fail_rates or {}:
            self._check(name)
        if rate_limit is not None and rate_limit <= 0:
            raise ValueError("rate_limit must be > 0 requests per second")
        for name, value in (("requests_limit", requests_limit), ("input_tokens_limit", input_tokens_limit),
                            ("limit_window", limit_window)):
            if value is not None and value <= 0:
                raise ValueError(f"{name} must be > 0")
        self.default = default
        self.responder: Responder = responder or default_responder
        self.latency = latency
        self.fail_rates = dict(fail_rates or {})
        self.retry_after = retry_after
        self.slow_seconds = slow_seconds
        self.requests: list[RecordedRequest] = []
        self.counts: Counter[int] = Counter()
        """answers per HTTP status"""
        self.behaviours: Counter[str] = Counter()
        """answers per behaviour"""
        self._queue: deque[str] = deque()
        if rate_limit and requests_limit is None:  # R requests per second, a one-second burst
            requests_limit, limit_window = max(1.0, rate_limit), max(1.0, rate_limit) / rate_limit
        requests = _Bucket(requests_limit, requests_limit / limit_window) if requests_limit else None
        tokens = _Bucket(input_tokens_limit, input_tokens_limit / limit_window) if input_tokens_limit else None
        self.limits = _Limits(requests, tokens, rate_limit_headers) if requests or tokens else None
        """the account's limits (None: unlimited, and no rate-limit headers, like a local server)"""
        self.admitted_tokens = 0
        """input tokens counted against the limit, over every admitted request"""
        self._rng = random.Random(seed)
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._local = threading.local()  # the key a request presented, only while it is answered
        self._seen_systems: set[str] = set()
        self._routes: list[tuple[str, str, Handler]] = []
        self._port = port
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        for path, endpoint in _ENDPOINTS.items():
            self.add_route("POST", path, self._llm_route(endpoint))

    # -- lifecycle

    def start(self) -> FakeAPI:
        if self._server is not None:
            return self
        server = _Server(("127.0.0.1", self._port), _make_handler(self))
        self._server = server
        self._stopping.clear()
        self._thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is None:
            return
        self._stopping.set()
        self._server.shutdown()
        self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._server = None
        self._thread = None

    def __enter__(self) -> FakeAPI:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        if self._server is None:
            raise RuntimeError("the fake API is not running: use `with FakeAPI() as api`")
        return self._server.server_address[1]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def anthropic_base_url(self) -> str:
        return self.url

    @property
    def openai_base_url(self) -> str:
        return self.url + "/v1"

    # -- scripting

    @staticmethod
    def _check(behaviour: str) -> None:
        if behaviour not in BEHAVIOURS:
            raise ValueError(f"unknown behaviour {behaviour!r}; use one of: {', '.join(BEHAVIOURS)}")

    def script(self, behaviours: Iterable[str]) -> None:
        """Queue behaviours consumed one per LLM request, before ``default`` applies again."""
        items = list(behaviours)
        for b in items:
            self._check(b)
        with self._lock:
            self._queue.extend(items)

    def pending(self) -> list[str]:
        with self._lock:
            return list(self._queue)

    def add_route(self, method: str, path_prefix: str, handler: Handler) -> None:
        """Serve ``method`` requests whose path starts with ``path_prefix`` (the longest prefix wins)."""
        with self._lock:
            self._routes = [r for r in self._routes if (r[0], r[1]) != (method.upper(), path_prefix)]
            self._routes.append((method.upper(), path_prefix, handler))
            self._routes.sort(key=lambda r: len(r[1]), reverse=True)

    def requests_to(self, path: str) -> list[RecordedRequest]:
        with self._lock:
            return [r for r in self.requests if r.path.split("?")[0] == path]

    # -- answering

    def _next_behaviour(self, body: dict, endpoint: str) -> tuple[str, float, dict[str, str], bool]:
        """The behaviour for the next LLM request, the retry-after for a rate-limited one, the limit headers,
        and whether its system prompt is read from the prompt cache."""
        with self._lock:
            headers: dict[str, str] = {}
            total, sys_tokens, system = self._cacheable(body, endpoint)
            hit = bool(sys_tokens) and system in self._seen_systems
            if self.limits is not None:
                # Anthropic does not count cache reads against the input-token limit; OpenAI counts every token.
                cost = total - (sys_tokens if hit and endpoint == "messages" else 0)
                wait = self.limits.admit(cost)
                headers = self.limits.report(endpoint)
                if wait > 0:
                    return "rate_limited", wait, headers, hit
                self.admitted_tokens += cost
            if sys_tokens:
                self._seen_systems.add(system)  # admitted: later requests read it from the cache
            return self._scripted(), 0.0, headers, hit

    def _scripted(self) -> str:
        """The next scripted behaviour, a random failure, or the default (the lock is held)."""
        if self._queue:
            return self._queue.popleft()
        for name, rate in self.fail_rates.items():
            if self._rng.random() < rate:
                return name
        return self.default

    @staticmethod
    def _cacheable(body: dict, endpoint: str) -> tuple[int, int, str]:
        """(input tokens, tokens of the cacheable system prompt, that prompt): OpenAI caches prefixes by itself,
        Anthropic only what the request marks with ``cache_control``."""
        system, _ = prompt_texts(body, endpoint)
        total = _tokens(json.dumps(body))
        cacheable = endpoint != "messages" or _cache_marked(body)
        return total, (min(_tokens(system), total) if system and cacheable else 0), system

    def _usage(self, body: dict, endpoint: str, text: str, hit: bool | None = None) -> dict[str, int]:
        total, sys_tokens, system = self._cacheable(body, endpoint)
        if hit is None:
            with self._lock:
                hit = system in self._seen_systems
                if sys_tokens:
                    self._seen_systems.add(system)
        cached = sys_tokens if hit else 0
        created = sys_tokens if (not hit and endpoint == "messages") else 0
        return {"input": total, "cached": cached, "created": created, "output": _tokens(text)}

    def respond(
        self, endpoint: str, body: dict, behaviour: str | None = None, *, presented_key: str = ""
    ) -> tuple[str, Reply]:
        """Answer one LLM request body (``behaviour`` or the next scripted one): for routes added by others."""
        retry_wait, hit = 0.0, None
        limit_headers: dict[str, str] = {}
        if behaviour is None:
            behaviour, retry_wait, limit_headers, hit = self._next_behaviour(body, endpoint)
        behaviour, reply = self._respond(endpoint, body, behaviour, retry_wait, presented_key, hit)
        reply.headers = {**limit_headers, **reply.headers}
        return behaviour, reply

    def _respond(self, endpoint: str, body: dict, behaviour: str, retry_wait: float,
                 presented_key: str, hit: bool | None) -> tuple[str, Reply]:
        if behaviour == "401":
            # Deliberately worse than the real APIs (which mask it): echo the whole presented key, so tests
            # prove that screener scrubs keys from its error messages.
            msg = f"Incorrect API key provided: {presented_key}"
            etype = "authentication_error" if endpoint == "messages" else "invalid_api_key"
            return behaviour, Reply(401, _error_body(endpoint, 401, msg, etype))
        if behaviour == "rate_limited":
            headers = {"retry-after": str(max(1, math.ceil(retry_wait)))}  # RFC 9110: whole seconds
            if endpoint != "messages":
                headers["retry-after-ms"] = str(int(retry_wait * 1000) + 1)
            msg = "Rate limit exceeded: the fake API's token bucket is empty"
            etype = "rate_limit_error" if endpoint == "messages" else "rate_limit_exceeded"
            return behaviour, Reply(429, _error_body(endpoint, 429, msg, etype), headers)
        if behaviour in _ERRORS:
            status, msg, a_type, o_type = _ERRORS[behaviour]
            headers = {"retry-after": f"{self.retry_after:g}"} if behaviour == "429" else {}
            return behaviour, Reply(status, _error_body(endpoint, status, msg, a_type if endpoint == "messages" else o_type), headers)
        if behaviour == "reject_json_schema" and uses_json_schema(body, endpoint):
            if endpoint == "messages":
                msg = f"output_config.format: structured outputs are not supported for model {body.get('model')}"
                return behaviour, Reply(400, _error_body(endpoint, 400, msg, "invalid_request_error"))
            return behaviour, Reply(500, LLAMA_CPP_REJECTION)
        answer = self._answer(behaviour, body, endpoint)
        reply = Reply(200, _PAYLOADS[endpoint](body, answer, self._usage(body, endpoint, answer.text, hit)))
        if behaviour == "slow":
            reply.delay = self.slow_seconds
        return behaviour, reply

    def _answer(self, behaviour: str, body: dict, endpoint: str) -> _Answer:
        if behaviour == "truncated":
            text = self.responder(body, endpoint)
            return _Answer(text[: max(1, len(text) // 2)], truncated=True)
        if behaviour == "invalid_schema":
            return _Answer(json.dumps({"verdict": "hire", "confidence": 0.9, "notes": "solid candidate"}))
        if behaviour == "not_json":
            return _Answer("The candidate seems strong overall. I would recommend moving them forward to the onsite.")
        if behaviour == "ungrounded_quotes":
            return _Answer(json.dumps(ungrounded_grade(body, endpoint)))
        if behaviour == "interviewer_quotes":
            return _Answer(json.dumps(interviewer_quoted_grade(body, endpoint)))
        if behaviour == "inflated":
            return _Answer(json.dumps(inflated_grade(body, endpoint)))
        return _Answer(self.responder(body, endpoint))  # ok, slow, reject_json_schema without json_schema

    def _llm_route(self, endpoint: str) -> Handler:
        def handle(request: RecordedRequest) -> Reply:
            if not isinstance(request.body, dict):
                msg = "the request body must be a JSON object"
                etype = "invalid_request_error"
                request.behaviour = "bad_request"
                return Reply(400, _error_body(endpoint, 400, msg, etype))
            key = getattr(self._local, "presented_key", "")
            behaviour, reply = self.respond(endpoint, request.body, presented_key=key)
            request.behaviour = behaviour
            return reply

        return handle

    # -- used by the HTTP handler

    def _dispatch(self, method: str, path: str, headers: dict[str, str], raw: bytes) -> Reply:
        try:
            body: Any = json.loads(raw) if raw else None
        except ValueError:
            body = raw.decode("utf-8", "replace")
        clean = {k.lower(): v for k, v in headers.items() if k.lower() not in _SECRET_HEADERS}
        request = RecordedRequest(method=method, path=path, headers=clean, body=body)
        lower = {k.lower(): v for k, v in headers.items()}
        self._local.presented_key = lower.get("x-api-key") or lower.get("authorization", "").removeprefix("Bearer ")
        with self._lock:
            self.requests.append(request)
            routes = list(self._routes)
        bare = path.split("?")[0]
        handler = next((h for m, p, h in routes if m == method and bare.startswith(p)), None)
        if handler is None:
            reply = Reply(404, {"error": {"message": f"no route for {method} {bare}", "type": "not_found"}})
        else:
            try:
                reply = handler(request)
            except Exception as e:  # a broken handler must not kill the server thread silently
                reply = Reply(500, {"error": {"message": f"fake API handler failed: {e!r}", "type": "fake_error"}})
        self._local.presented_key = ""
        request.status = reply.status
        with self._lock:
            self.counts[reply.status] += 1
            if request.behaviour:
                self.behaviours[request.behaviour] += 1
        wait = reply.delay + self.latency
        if wait > 0:
            self._stopping.wait(wait)
        return reply


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    request_queue_size = 256  # the default backlog of 5 resets connections under concurrent benchmarks


def _cache_marked(body: dict) -> bool:
    system = body.get("system")
    if isinstance(system, list):
        return any(isinstance(b, dict) and b.get("cache_control") for b in system)
    return bool(body.get("cache_control"))


def _make_handler(api: FakeAPI) -> type[BaseHTTPRequestHandler]:
    class _Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        server_version = "screener-fake-api"
        disable_nagle_algorithm = True  # headers and body go out at once, not 40 ms apart

        def _handle(self) -> None:
            length = int(self.headers.get("content-length") or 0)
            raw = self.rfile.read(length) if length else b""
            reply = api._dispatch(self.command, self.path, dict(self.headers.items()), raw)
            if isinstance(reply.body, bytes):
                data, ctype = reply.body, "application/octet-stream"
            elif isinstance(reply.body, str):
                data, ctype = reply.body.encode(), "text/plain; charset=utf-8"
            else:
                data, ctype = json.dumps(reply.body).encode(), "application/json"
            try:
                self.send_response(reply.status)
                self.send_header("content-type", reply.headers.get("content-type", ctype))
                self.send_header("content-length", str(len(data)))
                for k, v in reply.headers.items():
                    if k.lower() not in ("content-type", "content-length"):
                        self.send_header(k, v)
                self.end_headers()
                self.wfile.write(data)
            except OSError:  # the client gave up (timeout) before the answer
                self.close_connection = True

        do_POST = do_GET = do_DELETE = do_PUT = _handle

        def log_message(self, format: str, *args: Any) -> None:
            pass

    return _Handler


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m screener.testing.fake_api",
        description="Serve a fake Anthropic/OpenAI API on 127.0.0.1 for trying screener without a model.",
    )
    parser.add_argument("--port", type=int, default=8765, help="port on 127.0.0.1 (0 = any free port)")
    parser.add_argument("--latency", type=float, default=0.0, help="seconds added to every answer")
    parser.add_argument("--rate-limit", type=float, default=None, help="requests per second before 429s")
    parser.add_argument("--requests-limit", type=float, default=None, metavar="N",
                        help="requests per --limit-window (a continuously refilled bucket of N)")
    parser.add_argument("--input-tokens-limit", type=float, default=None, metavar="N",
                        help="input tokens per --limit-window (a continuously refilled bucket of N)")
    parser.add_argument("--limit-window", type=float, default=60.0, metavar="SECONDS",
                        help="the window the limits are per (default 60: per minute, as the vendors count)")
    parser.add_argument("--no-rate-limit-headers", action="store_true",
                        help="enforce the limits but send no rate-limit headers (like a proxy that strips them)")
    parser.add_argument("--default", default="ok", choices=BEHAVIOURS, help="behaviour of every request")
    parser.add_argument("--fail-rate", action="append", default=[], metavar="BEHAVIOUR=P",
                        help="random behaviour with probability P, e.g. 500=0.1 (repeatable)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    fail_rates = {}
    for item in args.fail_rate:
        name, _, p = item.partition("=")
        try:
            fail_rates[name] = float(p)
        except ValueError:
            parser.error(f"--fail-rate {item!r}: expected BEHAVIOUR=PROBABILITY, e.g. 500=0.1")
    if args.rate_limit is not None and args.rate_limit <= 0:
        parser.error("--rate-limit must be > 0")
    try:
        api = FakeAPI(default=args.default, latency=args.latency, rate_limit=args.rate_limit,
                      requests_limit=args.requests_limit, input_tokens_limit=args.input_tokens_limit,
                      limit_window=args.limit_window, rate_limit_headers=not args.no_rate_limit_headers,
                      fail_rates=fail_rates, seed=args.seed, port=args.port)
    except ValueError as e:
        parser.error(str(e))
    try:
        api.start()
    except OSError as e:
        parser.error(f"cannot listen on 127.0.0.1:{args.port}: {e.strerror} (pick another --port)")
    try:  # entered before the address is printed: a Ctrl-C right after it still ends cleanly
        print(f"fake API on {api.url}: ANTHROPIC_BASE_URL={api.anthropic_base_url} "
              f"OPENAI_BASE_URL={api.openai_base_url}", flush=True)
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        api.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
