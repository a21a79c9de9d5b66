"""Errors grouped by who must fix them; each class carries what the CLI exits with and what the web answers.

- ``UsageError``: the user or their config must change something (exit 2, HTTP 400).
- ``ConfigError``: a config file that does not validate (exit 2; on the web it is the operator's: HTTP 500).
- ``MissingKeyError``: an API key is not set (exit 2; on the web the grader is unavailable: HTTP 503).
- ``ProviderError``: the model provider failed (HTTP status, body) (exit 1, HTTP 502; 503 when rate limited).
- ``OutputValidationError``: the model never produced a valid scorecard (exit 1, HTTP 502).
- anything else screener reports in one line (audit, store): exit 1, HTTP 500.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .util.http import ErrorKind, classify_status, is_retryable

if TYPE_CHECKING:
    from .providers.ratelimits import RateLimits


class ScreenerError(Exception):
    """Base class for errors screener knows how to report in one line."""

    exit_code: int = 1
    http_status: int = 500


class UsageError(ScreenerError):
    """A mistake in how screener was called or configured; the message names the fix."""

    exit_code = 2
    http_status = 400


class InputError(UsageError):
    """A transcript or data file that cannot be read or understood."""


class ConfigError(UsageError):
    """A config or options file that does not validate."""

    http_status = 500  # a web user cannot fix the server's config files


class MissingKeyError(UsageError):
    """An API key is required and not set."""

    http_status = 503

    def __init__(self, env_var: str, provider: str) -> None:
        super().__init__(f"{provider} needs an API key: set {env_var} (or use --provider offline)")
        self.env_var = env_var


class GradingError(ScreenerError):
    """Grading failed after the provider was reached."""

    http_status = 502


class ProviderError(GradingError):
    """The provider answered with an error or could not be reached."""

    def __init__(self, message: str, *, status: int | None = None, body: str | None = None,
                 retry_after: float | None = None, kind: ErrorKind | None = None,
                 rate_limits: RateLimits | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.body = body
        self.retry_after = retry_after  # seconds, from a retry-after header, when the provider sent one
        # classified once, at the adapter boundary: auth | rate_limit | transient | bad_request
        self.kind: ErrorKind = kind or classify_status(status)
        if self.kind == "rate_limit":
            self.http_status = 503
        # the rate-limit state the error response reported (headers), read by the batch limiter
        self.rate_limits = rate_limits

    @property
    def retryable(self) -> bool:
        return is_retryable(self.kind)

    def __reduce__(self):  # crosses process boundaries (a process pool) with its fields
        return (_rebuild_provider_error,
                (str(self), self.status, self.body, self.retry_after, self.kind, self.rate_limits))


def _rebuild_provider_error(message: str, status: int | None, body: str | None, retry_after: float | None,
                            kind: ErrorKind, rate_limits: RateLimits | None = None) -> ProviderError:
    return ProviderError(message, status=status, body=body, retry_after=retry_after, kind=kind,
                         rate_limits=rate_limits)


class OutputValidationError(GradingError):
    """The model's output never validated, after all repair attempts."""

    def __init__(self, message: str, *, attempts: int, last_output: str) -> None:
        super().__init__(message)
        self.attempts = attempts
        self.last_output = last_output
