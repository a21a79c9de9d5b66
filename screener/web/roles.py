"""The job roles the page offers, with their labels."""

from __future__ import annotations

from typing import get_args

from ..rubric import RoleChoice

ROLES: tuple[str, ...] = get_args(RoleChoice)
ROLE_LABELS = {"hybrid": "AI/ML engineer (both tracks)", "ai_engineer": "AI engineer", "ml_engineer": "ML engineer"}
