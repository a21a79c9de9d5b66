"""The one ATS HTTP client: retries and waits, driven through httpx's MockTransport (no sockets)."""

from __future__ import annotations

import email.utils
import time

import httpx2 as httpx
import pytest

from screener.ats.client import AtsError, AtsRequest, TokenRequest, send


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


def _v3_request() -> AtsRequest:
    token = TokenRequest("https://auth.example/token", {"grant_type": "client_credentials", "sub": "4080"},
                         secret_headers={"Authorization": "Basic aWQ6c2VjcmV0"},
                         describe=lambda status, body: f"token refused ({status})")
    return AtsRequest("POST", "https://harvest.example/v3/notes", {"body": "x"},
                      headers={"Content-Type": "application/json"},
                      secret_headers={"Authorization": "Bearer (from the token request)"}, token=token)


def test_a_token_request_goes_first_form_encoded_and_its_token_is_the_bearer() -> None:
    seen: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if request.url.path == "/token":
            return httpx.Response(200, json={"access_token": "tok-1", "token_type": "Bearer", "expires_in": 3600})
        return httpx.Response(201, json={"id": 9})

    out = send(_v3_request(), vendor="greenhouse", transport=httpx.MockTransport(answer), sleep=lambda s: None)
    assert out.status == 201 and out.attempts == 1
    token, note = seen
    assert token.headers["authorization"] == "Basic aWQ6c2VjcmV0"
    assert token.headers["content-type"] == "application/x-www-form-urlencoded"
    assert token.content == b"grant_type=client_credentials&sub=4080"
    assert note.headers["authorization"] == "Bearer tok-1"


@pytest.mark.parametrize(("status", "body", "says"), [
    (401, {"error": "invalid_client"}, "token refused (401)"),
    (200, {"token_type": "Bearer"}, "without an access_token"),
])
def test_a_refused_or_empty_token_answer_is_one_line(status: int, body: dict, says: str) -> None:
    calls: list[str] = []

    def answer(request: httpx.Request) -> httpx.Response:
        calls.append(request.url.path)
        return httpx.Response(status, json=body)

    with pytest.raises(AtsError) as e:
        send(_v3_request(), vendor="greenhouse", transport=httpx.MockTransport(answer), sleep=lambda s: None)
    assert says in str(e.value) and "\n" not in str(e.value) and calls == ["/token"]


def test_masked_v3_request_shows_the_token_request_then_the_note() -> None:
    shown = _v3_request().masked()
    assert shown.splitlines()[:6] == ["POST https://auth.example/token", "User-Agent: screener-ats/1",
                                      "Content-Type: application/x-www-form-urlencoded", "Authorization: Basic ***", "",
                                      "grant_type=client_credentials&sub=4080"]
    assert "Authorization: Bearer ***" in shown and "aWQ6c2VjcmV0" not in shown
