"""Render the grader prompt from ``prompts/grader/*.j2`` (Jinja2, StrictUndefined)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import jinja2
import yaml

from .errors import ConfigError
from .paths import prompts_dir
from .rubric import Competency, RoleChoice
from .transcript import Transcript
from .vocab import JOB_ROLE_TITLES

ROLE_TITLES = JOB_ROLE_TITLES
# inside a turn's JSON string these would let speech pose as the prompt's own markup: escaped, never literal
_FRAME_ESCAPES = str.maketrans({"<": "\\u003c", ">": "\\u003e", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def transcript_block(transcript: Transcript) -> str:
    """The transcript as the model is sent it: one JSON object per turn, per line.

    Speech is data inside a JSON string, so nothing a speaker says (a newline, a fake ``[turn 9] INTERVIEWER``
    line, ``</transcript>``) can end its turn, start another or close the fence: newlines and quotes are
    JSON-escaped and angle brackets are written as ``\\u003c`` / ``\\u003e``.
    """
    encode = _TURN_ENCODER.encode
    lines = [encode({"turn": t.index, "speaker_role": t.role.upper(), "speaker": t.speaker, "text": t.text})
             for t in transcript.turns]
    return "\n".join(lines).translate(_FRAME_ESCAPES)  # the escapes are per character: the same as line by line


_TURN_ENCODER = json.JSONEncoder(ensure_ascii=False)  # what json.dumps(..., ensure_ascii=False) builds each call


@dataclass(frozen=True)
class GraderPrompt:
    system: str
    user: str
    version: str


@lru_cache(maxsize=8)
def _environment(folder: str) -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(folder),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
    )


def _render(folder: Path, name: str, **variables: object) -> str:
    try:
        return _environment(str(folder)).get_template(name).render(**variables)
    except jinja2.TemplateNotFound as e:
        raise ConfigError(f"{folder / name}: template not found (set SCREENER_PROMPTS to a prompts/ folder)") from e
    except jinja2.UndefinedError as e:
        raise ConfigError(f"{folder / name}: {e.message}") from e
    except jinja2.TemplateSyntaxError as e:
        raise ConfigError(f"{e.filename or folder / name}:{e.lineno}: {e.message}") from e


@lru_cache(maxsize=8)
def _declared_version(folder: str) -> str:
    path = Path(folder) / "prompt.yaml"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except FileNotFoundError as e:
        raise ConfigError(f"{path}: missing (it declares the grader prompt version)") from e
    if not isinstance(data, dict) or not isinstance(data.get("version"), str) or set(data) - {"version"}:
        raise ConfigError(f"{path}: expected exactly one key, version: <string>")
    return data["version"]


_SYSTEM_CACHE: dict[tuple[str, str, str], tuple[str, str]] = {}
# the same competency objects again (the cached rubric's, every transcript): no need to hash their content
_SYSTEM_BY_ID: dict[tuple[str, str, tuple[int, ...]], tuple[list[Competency], tuple[str, str]]] = {}


def render_system(competencies: list[Competency], role: RoleChoice, folder: Path | None = None) -> tuple[str, str]:
    """The static system prompt (byte-identical across transcripts) and the prompt version id."""
    folder = folder or prompts_dir() / "grader"
    fast = (str(folder), role, tuple(map(id, competencies)))
    known = _SYSTEM_BY_ID.get(fast)  # it holds the objects, so their ids are not reused by others
    if known is not None and all(a is b for a, b in zip(known[0], competencies, strict=True)):
        return known[1]
    key = (str(folder), role, hashlib.sha256(repr([c.model_dump() for c in competencies]).encode()).hexdigest())
    rendered = _render_system(key, folder, role, competencies)
    if len(_SYSTEM_BY_ID) < 64:  # bounded: a caller building new competency objects each time hashes them
        _SYSTEM_BY_ID[fast] = (list(competencies), rendered)
    return rendered


def _render_system(key: tuple[str, str, str], folder: Path, role: RoleChoice,
                   competencies: list[Competency]) -> tuple[str, str]:
    if key not in _SYSTEM_CACHE:
        system = _render(folder, "system.md.j2", role_title=ROLE_TITLES[role], competencies=competencies)
        digest = hashlib.sha256(system.encode()).hexdigest()[:8]
        _SYSTEM_CACHE[key] = (system, f"{_declared_version(str(folder))}#{digest}")
    return _SYSTEM_CACHE[key]


def render_grader_prompt(
    competencies: list[Competency], role: RoleChoice, transcript_text: str, folder: Path | None = None
) -> GraderPrompt:
    folder = folder or prompts_dir() / "grader"
    system, version = render_system(competencies, role, folder)
    user = _render(folder, "user.md.j2", role_title=ROLE_TITLES[role], transcript=transcript_text)
    return GraderPrompt(system=system, user=user, version=version)


def render_repair(problem: str, errors: list[str], folder: Path | None = None) -> str:
    folder = folder or prompts_dir() / "grader"
    return _render(folder, "repair.md.j2", problem=problem, errors=errors)
