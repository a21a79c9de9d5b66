"""The store's errors, grouped like the rest of screener's (``screener.errors``)."""

from __future__ import annotations

from ..errors import UsageError
from .engine import StoreError

__all__ = ["NotFound", "StoreError", "StoreValueError"]


class StoreValueError(UsageError):
    """A value the store refuses (an empty override reason, an unknown role): the message names the fix (exit 2)."""


class NotFound(StoreValueError):
    """No such user, interview, grading or candidate (exit 2). The web app shows it as 404."""
