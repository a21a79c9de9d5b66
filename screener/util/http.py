"""What an HTTP status means to screener, and how long a server asked it to wait: defined once.

Every adapter classifies a provider failure here, at its boundary, into a ``kind`` that the limiter, the batch
runners and the CLI read instead of status tables (inspect_ai's ``RetryDecision`` / ``is_retryable_http_status``
and pydantic-ai's ``ModelHTTPError.retry_after`` are the models).
"""

from __future__ import annotations

import email.utils
import ipaddress
import time
from collections.abc import Mapping
from typing import Literal

ErrorKind = Literal["auth", "rate_limit", "transient", "bad_request"]

_RATE_LIMIT = frozenset({429, 529})  # 529: Anthropic's "overloaded"
_TRANSIENT = frozenset({408, 409, 425, 500, 502, 503, 504})
_AUTH = frozenset({401, 403})


def classify_status(status: int | None) -> ErrorKind:
    """The kind of failure an HTTP status is; ``None`` (no response: connection, timeout) is transient."""
    if status is None:
        return "transient"
    if status in _AUTH:
        return "auth"
    if status in _RATE_LIMIT:
        return "rate_limit"
    if status in _TRANSIENT or status >= 500:
        return "transient"
    return "bad_request"


def is_retryable(kind: ErrorKind) -> bool:
    """Whether the same request may succeed later (rate limits and transient failures)."""
    return kind in ("rate_limit", "transient")


def parse_retry_after(headers: Mapping[str, str] | None, *, now: float | None = None) -> float | None:
    """Seconds to wait from ``retry-after-ms``, or ``retry-after`` as seconds or an HTTP date (RFC 9110 10.2.3).

    None when absent or unreadable; a date in the past is 0.
    """
    if not headers:
        return None
    lower = {str(k).lower(): str(v) for k, v in headers.items()}
    raw_ms = lower.get("retry-after-ms")
    if raw_ms:
        try:
            return max(float(raw_ms) / 1000, 0.0)
        except ValueError:
            pass
    raw = (lower.get("retry-after") or "").strip()
    if not raw:
        return None
    try:
        return max(float(raw), 0.0)
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(raw)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    return max(when.timestamp() - (time.time() if now is None else now), 0.0)


def is_loopback_host(host: str) -> bool:
    """``localhost``, ``127.x.x.x`` or ``::1`` (brackets allowed): traffic that never leaves this machine."""
    bare = host.strip().strip("[]").lower()
    if bare == "localhost" or bare.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(bare).is_loopback
    except ValueError:
        return False


def is_loopback_url(url: str) -> bool:
    """Whether a base URL points at this machine (an Ollama or llama.cpp server here, a test fake)."""
    from urllib.parse import urlsplit

    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return False
    return is_loopback_host(host)
