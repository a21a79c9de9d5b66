"""The interviewer kit: the rubric's questions, anchored levels and tourist signs as Markdown."""

from __future__ import annotations

from typing import get_args

import jinja2

from .errors import ConfigError, UsageError
from .paths import prompts_dir
from .prompting import ROLE_TITLES
from .rubric import Competency, RoleChoice, Rubric, Track, load_rubric
from .util.templates import environment

TEMPLATE = "kit.md.j2"
ROLES: tuple[str, ...] = get_args(RoleChoice)


def _cell(text: object) -> str:
    """Text safe inside one Markdown table cell: one line, pipes escaped."""
    return " ".join(str(text).split()).replace("|", "\\|")


def _environment() -> jinja2.Environment:
    env = environment(str(prompts_dir()))  # Markdown, not HTML: no autoescape
    env.filters["cell"] = _cell
    return env


def _tracks(rubric: Rubric, role: RoleChoice) -> list[dict[str, object]]:
    tracks: tuple[Track, ...] = get_args(Track) if role == "hybrid" else (role,)
    out: list[dict[str, object]] = []
    for track in tracks:
        competencies: list[Competency] = [c for c in rubric.for_role(role) if c.track == track]
        if competencies:
            out.append({"title": ROLE_TITLES[track], "competencies": competencies})
    return out


def render_kit(role: RoleChoice, rubric: Rubric | None = None) -> str:
    """The interviewer kit for ``role`` (``hybrid`` = both tracks) as Markdown.

    ``rubric`` defaults to the bundled one (``prompts/rubric``, or ``$SCREENER_PROMPTS/rubric``).
    Raises ``UsageError`` for an unknown role and ``ConfigError`` for a broken rubric or template.
    """
    if role not in ROLE_TITLES:
        raise UsageError(f"unknown role '{role}'; use one of: {', '.join(ROLES)}")
    folder = prompts_dir()
    if rubric is None:
        rubric = load_rubric(str(folder / "rubric"))
    tracks = _tracks(rubric, role)
    if not tracks:
        raise ConfigError(
            f"{folder / 'rubric'}: no competencies for role '{role}'; add some with track: {role}"
        )
    try:
        template = _environment().get_template(TEMPLATE)
        return template.render(role_title=ROLE_TITLES[role], rubric_version=rubric.version, tracks=tracks)
    except jinja2.TemplateNotFound as e:
        raise ConfigError(
            f"{folder / TEMPLATE}: template not found (set SCREENER_PROMPTS to a prompts/ folder)"
        ) from e
    except jinja2.TemplateSyntaxError as e:
        raise ConfigError(f"{e.filename or folder / TEMPLATE}:{e.lineno}: {e.message}") from e
    except jinja2.UndefinedError as e:
        raise ConfigError(f"{folder / TEMPLATE}: {e.message}") from e
