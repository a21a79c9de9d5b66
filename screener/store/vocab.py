"""The store's own vocabulary: user roles, grading job states, human decisions."""

from __future__ import annotations

from typing import Literal, get_args

UserRole = Literal["interviewer", "hiring_manager", "admin"]
GradingStatus = Literal["queued", "running", "done", "failed"]
Decision = Literal["advance", "reject", "hold"]

USER_ROLES: tuple[UserRole, ...] = get_args(UserRole)
GRADING_STATUSES: tuple[GradingStatus, ...] = get_args(GradingStatus)
DECISIONS: tuple[Decision, ...] = get_args(Decision)
RECOMMENDATION_FIELD = "recommendation"
"""``Override.field`` for an override of the overall recommendation (any other value is a competency id)."""
