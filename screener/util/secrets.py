"""The one secrets scrubber: what an error, a log line, a results file or a dump may show of a credential.

``scrub(text)`` masks, in this order:

1. the values of API-key environment variables: ``ANTHROPIC_API_KEY``, ``OPENAI_API_KEY``, ``OLLAMA_API_KEY``
   and any variable named ``*_API_KEY``, ``*_KEY``, ``*_TOKEN``, ``*_SECRET``, ``*_PASSWORD`` (values of 8
   characters or more; a long value's leading and trailing 12 characters too, since servers that mask the
   middle of a key still echo its ends);
2. key-looking strings: ``sk-...`` (OpenAI, Anthropic), ``Bearer ...``, GitHub/Slack/Hugging Face tokens;
3. credentials inside URLs: the password of ``scheme://user:SECRET@host`` (a bare ``scheme://TOKEN@host``
   loses the whole user part) and the value of ``?api_key=``, ``&key=``, ``token=``, ``secret=``,
   ``password=``, ``sig=`` query parameters.

``scrub_data(value)`` does the same inside dicts and lists, and masks the value of any key that names a
secret (``api_key``, ``authorization``, ``password``...); ``drop_secrets(value)`` drops such keys instead (cache
identities, audit records). ``ScrubFilter`` is a ``logging.Filter`` that
scrubs every record (``--verbose`` logs). Every pattern is linear-time on any input.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Mapping
from typing import Any

MASK = "***"
KNOWN_KEY_VARS: tuple[str, ...] = ("ANTHROPIC_API_KEY", "OPENAI_API_KEY", "OLLAMA_API_KEY")
"""The provider key variables screener reads; their values are masked even when shorter than usual."""

_SECRET_VAR = re.compile(r"(?:^|_)(?:API_?KEY|KEY|TOKEN|SECRET|PASSWORD|PASSWD)$", re.I)
_MIN_SECRET = 8
_FRAGMENT = 12  # a value of 16+ characters also loses its first and last 12 characters wherever they appear
_SECRET_KEY = re.compile(
    r"(?:api[_-]?key|apikey|secret|token(?!s)|password|passwd|authorization|credential|cookie|^auth$|x-api-key)",
    re.I,
)
_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    # sk-ant-api03-..., sk-proj-..., sk-... (OpenAI, Anthropic, most OpenAI-compatible servers)
    (re.compile(r"\bsk-[A-Za-z0-9_\-]{12,}"), "sk-" + MASK),
    (re.compile(r"\bBearer[ \t]+(?=[A-Za-z._~+/=\-]*\d)[A-Za-z0-9._~+/=\-]{8,}"), "Bearer " + MASK),
    (re.compile(r"\b(?:ghp|gho|ghu|ghs|ghr|github_pat|glpat|xox[abprs]|hf)_[A-Za-z0-9_\-]{16,}"), MASK),
    # scheme://user:password@host -> scheme://user:***@host; scheme://token@host -> scheme://***@host
    (re.compile(r"(?<=://)([^/?#@\s:]*):[^/?#\s]*@"), r"\1:" + MASK + "@"),
    (re.compile(r"(?<=://)[^/?#@\s:]+@"), MASK + "@"),
    # ?api_key=..., &key=..., ;token=...
    (re.compile(
        r"([?&;](?:api[_-]?key|apikey|key|access[_-]?token|token|secret|client[_-]?secret|password|passwd|"
        r"pwd|sig|signature|auth|x-api-key)=)[^&#\s\"'<>]*", re.I), r"\1" + MASK),
    # "api_key": "...", x-api-key: ..., Authorization=... (headers and JSON echoed in error bodies)
    (re.compile(
        r"""((?<![?&;])["']?\b(?:api[_-]?key|x-api-key|authorization|password|passwd|client[_-]?secret|access[_-]?token)"""
        r"""["']?[ \t]*[:=][ \t]*["']?)[^"'\s,&}]+""", re.I), r"\1" + MASK),
)


def is_secret_var(name: str) -> bool:
    """True for an environment variable that holds a credential (``*_API_KEY``, ``*_TOKEN``...)."""
    return name in KNOWN_KEY_VARS or _SECRET_VAR.search(name) is not None


def is_secret_key(name: str) -> bool:
    """True for a mapping key whose value is a credential (``api_key``, ``Authorization``, ``password``...)."""
    return _SECRET_KEY.search(name) is not None


def secret_values(environ: Mapping[str, str] | None = None) -> list[str]:
    """The credential values set in the environment, longest first (so a value inside another goes second)."""
    env = os.environ if environ is None else environ
    values = {v for k, v in env.items() if v and len(v) >= _MIN_SECRET and is_secret_var(k)}
    return sorted(values, key=len, reverse=True)


def scrub(text: str, secrets: list[str] | None = None) -> str:
    """``text`` with every credential masked (see the module docstring); ``secrets`` defaults to the env's."""
    if not text:
        return text
    for value in secret_values() if secrets is None else secrets:
        if value in text:
            text = text.replace(value, MASK)
        if len(value) >= 16:
            for fragment in (value[:_FRAGMENT], value[-_FRAGMENT:]):
                if fragment in text:
                    text = text.replace(fragment, MASK)
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text


def scrub_url(url: str | None) -> str | None:
    """A URL as it may be shown: password, token userinfo and credential query values masked."""
    return None if url is None else scrub(url)


def scrub_data(value: Any, secrets: list[str] | None = None) -> Any:
    """A copy of ``value`` (dicts, lists, strings) with credentials masked; secret-named keys keep ``***``."""
    secrets = secret_values() if secrets is None else secrets
    if isinstance(value, Mapping):
        return {k: (MASK if is_secret_key(str(k)) and v not in (None, "") else scrub_data(v, secrets))
                for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [scrub_data(v, secrets) for v in value]
    if isinstance(value, str):
        return scrub(value, secrets)
    return value


def drop_secrets(value: Any, secrets: list[str] | None = None) -> Any:
    """A copy of ``value`` without secret-named keys (dropped, not masked: a cache identity or an audit record
    must not even show that a key was set), strings scrubbed as ``scrub`` does. ``max_tokens`` and ``author``
    are not secrets."""
    secrets = secret_values() if secrets is None else secrets
    if isinstance(value, Mapping):
        return {k: drop_secrets(v, secrets) for k, v in value.items() if not is_secret_key(str(k))}
    if isinstance(value, list | tuple):
        return [drop_secrets(v, secrets) for v in value]
    if isinstance(value, str):
        return scrub(value, secrets)
    return value


class ScrubFilter(logging.Filter):
    """Scrubs every log record's message (with its arguments merged in) before any handler sees it."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a record whose arguments do not format: leave it to logging's own error path
            return True
        record.msg, record.args = scrub(message), None
        return True


def install_log_scrubbing(logger: logging.Logger | None = None) -> None:
    """Add ``ScrubFilter`` to every handler of ``logger`` (the root logger by default), once."""
    target = logger or logging.getLogger()
    for handler in target.handlers:
        if not any(isinstance(f, ScrubFilter) for f in handler.filters):
            handler.addFilter(ScrubFilter())
