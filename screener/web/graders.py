"""Which graders the page offers: the offline grader always (the default), LLMs only when their key is set.

The form sends a choice *key*, never a provider id, so nothing a visitor posts can pick an arbitrary
provider (e.g. ``fake:FILE`` reads a file). API keys are only checked for presence, never read out.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from ..errors import UsageError
from ..settings import DEFAULT_ANTHROPIC_MODEL, DEFAULT_OPENAI_MODEL


@dataclass(frozen=True)
class GraderChoice:
    key: str
    provider_id: str
    label: str
    remote: bool

    @property
    def slow(self) -> bool:
        """True for LLM graders: the page shows a longer loading note."""
        return self.remote


OFFLINE = GraderChoice("offline", "offline", "Offline evidence grader (no network, instant)", remote=False)


def available_graders() -> list[GraderChoice]:
    """The graders to list, offline first; LLM providers only when their API key env var is set."""
    choices = [OFFLINE]
    if os.environ.get("ANTHROPIC_API_KEY"):
        choices.append(GraderChoice("anthropic", f"anthropic:messages:{DEFAULT_ANTHROPIC_MODEL}",
                                    f"Anthropic {DEFAULT_ANTHROPIC_MODEL} (names redacted before sending)", True))
    if os.environ.get("OPENAI_API_KEY"):
        choices.append(GraderChoice("openai", f"openai:chat:{DEFAULT_OPENAI_MODEL}",
                                    f"OpenAI {DEFAULT_OPENAI_MODEL} (names redacted before sending)", True))
    configured = os.environ.get("SCREENER_PROVIDER", "").strip()
    if configured and configured not in {c.provider_id for c in choices}:
        choices.append(GraderChoice("configured", configured, f"{configured} (from SCREENER_PROVIDER)",
                                    remote=configured != "offline"))
    return choices


def choose_grader(key: str | None) -> GraderChoice:
    """The listed grader for a form's ``grader`` field (empty = offline); anything else is a UsageError."""
    if not key:
        return OFFLINE
    choices = available_graders()
    for choice in choices:
        if choice.key == key:
            return choice
    listed = ", ".join(c.key for c in choices)
    raise UsageError(f"grader '{key}' is not available; choose one of: {listed} (LLMs need their API key set)")
