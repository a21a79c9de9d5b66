"""Blind grading: personal data is replaced before a transcript leaves this machine (see ``core``)."""

from .core import Redaction, redact

__all__ = ["Redaction", "redact"]
