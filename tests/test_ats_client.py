"""The one ATS HTTP client: retries and waits, driven through httpx's MockTransport (no sockets)."""

from __future__ import annotations

import email.utils
import time

import httpx2 as httpx
import pytest

from screener.ats.client import AtsError, AtsRequest, send


def _request() -> AtsRequest:
    return AtsRequest("POST", "https://ats.example/v1/notes", {"body": "x"}, headers={"Content-Type": "application/json"},
                      secret_headers={"Authorization": "Basic a2V5Og=="})


def test_connection_failures_are_retried_with_backoff_then_reported() -> None:
    calls: list[httpx.Request] = []

    def refuse(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        raise httpx.ConnectError("refused", request=request)

    waits: list[float] = []
    with pytest.raises(AtsError) as e:
        send(_request(), vendor="lever", transport=httpx.MockTransport(refuse), sleep=waits.append)
    assert len(calls) == 4 and waits == [1, 2, 4]
    assert e.value.exit_code == 1 and "could not be reached (ConnectError) after 4 attempts" in str(e.value)


def test_retry_after_as_an_http_date_is_honoured() -> None:
    answers = [httpx.Response(503, headers={"Retry-After": email.utils.formatdate(time.time() + 30, usegmt=True)}),
               httpx.Response(201, json={"id": 5})]
    waits: list[float] = []
    out = send(_request(), vendor="greenhouse", transport=httpx.MockTransport(lambda r: answers.pop(0)),
               sleep=waits.append)
    assert out.status == 201 and out.data == {"id": 5} and out.attempts == 2
    assert len(waits) == 1 and 25 <= waits[0] <= 31


def test_the_credential_is_sent_and_a_user_error_is_not_retried() -> None:
    seen: list[httpx.Request] = []

    def reject(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(422, json={"message": "bad field"})

    with pytest.raises(AtsError) as e:
        send(_request(), vendor="ashby", transport=httpx.MockTransport(reject), sleep=lambda s: None,
             describe=lambda status, body: f"ashby said {status}: {body['message']}")
    assert len(seen) == 1 and seen[0].headers["authorization"] == "Basic a2V5Og=="
    assert seen[0].headers["user-agent"].startswith("screener-ats/")
    assert e.value.exit_code == 2 and str(e.value) == "ashby said 422: bad field"


def test_masked_request_lists_what_is_sent() -> None:
    shown = _request().masked()
    assert shown.splitlines()[:4] == ["POST https://ats.example/v1/notes", "User-Agent: screener-ats/1",
                                      "Content-Type: application/json", "Authorization: Basic ***"]
