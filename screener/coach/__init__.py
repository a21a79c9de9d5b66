"""Feedback for the interviewer: did the interview ask the kit's questions, follow up vague answers, and stay
clear of leading and unlawful questions? A report separate from the candidate's scorecard (issue 15).

``coach_report(transcript, role)`` is the entry point; ``render`` turns a report into text, Markdown or JSON.
"""

from __future__ import annotations

from .build import coach_report
from .report import CoachReport

__all__ = ["CoachReport", "coach_report"]
