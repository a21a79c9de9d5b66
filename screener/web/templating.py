"""The Jinja2 environment for the HTML pages: autoescaped, and a missing variable is an error."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2

from ..transcript import format_timestamp
from ..util.templates import environment as jinja_environment

TEMPLATES = Path(__file__).parent / "templates"


def _timecode(seconds: float | None) -> str:
    """A turn's start as every other output shows it (``transcript.format_timestamp``: 12:34, 1:02:03)."""
    return "" if seconds is None else format_timestamp(seconds)


def _sentence(text: str) -> str:
    """A clause shown as a sentence of its own: a capital first letter and a closing full stop ("leave it out"
    -> "Leave it out."), as the coach's reasons and advice are stored without either."""
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?" else text + "."


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja_environment(str(TEMPLATES), html=True, trim=True)
    env.filters["timecode"] = _timecode
    env.filters["sentence"] = _sentence
    return env


def render(name: str, **context: Any) -> str:
    return environment().get_template(name).render(**context)
