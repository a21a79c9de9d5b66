from datetime import UTC, datetime
from email.utils import format_datetime

from screener.util.http import classify_status, is_retryable, parse_retry_after


def test_statuses_are_classified_once():
    assert classify_status(401) == classify_status(403) == "auth"
    assert classify_status(429) == classify_status(529) == "rate_limit"
    assert {classify_status(s) for s in (408, 409, 500, 502, 503, 504, 599)} == {"transient"}
    assert classify_status(None) == "transient"  # no response at all: connection error or timeout
    assert classify_status(400) == classify_status(404) == classify_status(422) == "bad_request"
    assert is_retryable("rate_limit") and is_retryable("transient")
    assert not is_retryable("auth") and not is_retryable("bad_request")


def test_retry_after_reads_seconds_milliseconds_and_http_dates():
    assert parse_retry_after({"retry-after": "2.5"}) == 2.5
    assert parse_retry_after({"Retry-After-Ms": "1500", "retry-after": "9"}) == 1.5
    now = datetime(2026, 12, 1, 10, 0, 0, tzinfo=UTC).timestamp()
    date = format_datetime(datetime(2026, 12, 1, 10, 0, 30, tzinfo=UTC), usegmt=True)
    assert parse_retry_after({"retry-after": date}, now=now) == 30
    past = format_datetime(datetime(2026, 12, 1, 9, 0, 0, tzinfo=UTC), usegmt=True)
    assert parse_retry_after({"retry-after": past}, now=now) == 0


def test_unreadable_or_missing_retry_after_is_none():
    assert parse_retry_after(None) is None
    assert parse_retry_after({}) is None
    assert parse_retry_after({"retry-after": "soon"}) is None
    assert parse_retry_after({"retry-after-ms": "x"}) is None
    assert parse_retry_after({"retry-after": "-3"}) == 0


def test_a_provider_error_carries_its_kind_and_survives_a_process_boundary():
    import pickle

    from screener.errors import ProviderError

    e = ProviderError("slow down", status=429, retry_after=2.0)
    assert e.kind == "rate_limit" and e.retryable
    assert ProviderError("bad key", status=401).kind == "auth" and not ProviderError("x", status=401).retryable
    assert ProviderError("no route").kind == "transient"
    assert ProviderError("bad", status=400).kind == "bad_request"
    back = pickle.loads(pickle.dumps(e))
    assert (str(back), back.status, back.retry_after, back.kind) == ("slow down", 429, 2.0, "rate_limit")


def test_loopback_is_decided_once_for_hosts_and_urls() -> None:
    from screener.util.http import is_loopback_host, is_loopback_url

    for host in ("localhost", "LOCALHOST", "127.0.0.1", "127.8.9.1", "::1", "[::1]", "app.localhost"):
        assert is_loopback_host(host), host
    for host in ("0.0.0.0", "10.0.0.2", "example.com", "localhost.example.com", "", "::", "not a host"):
        assert not is_loopback_host(host), host
    assert is_loopback_url("http://127.0.0.1:11434/v1") and is_loopback_url("http://[::1]:8080")
    assert is_loopback_url("http://user:pw@localhost:9/v1")
    assert not is_loopback_url("https://api.openai.com/v1") and not is_loopback_url("http://[bad")
