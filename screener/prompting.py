"""Render the grader prompt from ``prompts/grader/*.j2`` (Jinja2, StrictUndefined)."""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import jinja2
import yaml

from .errors import ConfigError
from .paths import prompts_dir
from .rubric import Competency, RoleChoice
from .transcript import Transcript
from .util.templates import environment
from .vocab import JOB_ROLE_TITLES

ROLE_TITLES = JOB_ROLE_TITLES
# inside a turn's JSON string these would let speech pose as the prompt's own markup: escaped, never literal
_FRAME_ESCAPES = str.maketrans({"<": "\\u003c", ">": "\\u003e", "\u2028": "\\u2028", "\u2029": "\\u2029"})
_FRAME_ESCAPE_PAIRS = (("<", "\\u003c"), (">", "\\u003e"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029"))


def transcript_block(transcript: Transcript) -> str:
    """The transcript as the model is sent it: one JSON object per turn, per line.

    Speech is data inside a JSON string, so nothing a speaker says (a newline, a fake ``[turn 9] INTERVIEWER``
    line, ``</transcript>``) can end its turn, start another or close the fence: newlines and quotes are
    JSON-escaped and angle brackets are written as ``\\u003c`` / ``\\u003e``.
    """
    encode = _TURN_ENCODER.encode
    lines = [encode({"turn": t.index, "speaker_role": t.role.upper(), "speaker": t.speaker, "text": t.text})
             for t in transcript.turns]
    # the escapes are per character: the same as line by line (and as ``str.translate``, which is slower)
    block = "\n".join(lines)
    for char, escape in _FRAME_ESCAPE_PAIRS:
        if char in block:
            block = block.replace(char, escape)
    return block


_TURN_ENCODER = json.JSONEncoder(ensure_ascii=False)  # what json.dumps(..., ensure_ascii=False) builds each call


@dataclass(frozen=True)
class GraderPrompt:
    system: str
    user: str
    version: str


@lru_cache(maxsize=8)
def _environment(folder: str) -> jinja2.Environment:
    return environment(folder)


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
    folder = folder or bundled_folder("grader")
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
    folder = folder or bundled_folder("grader")
    system, version = render_system(competencies, role, folder)
    user = _render_user(folder, role, transcript_text)
    return GraderPrompt(system=system, user=user, version=version)


@lru_cache(maxsize=16)
def _prompts_folder(override: str | None, name: str) -> Path:
    return prompts_dir() / name


def bundled_folder(name: str) -> Path:
    """``prompts_dir() / name``, asked again only when ``SCREENER_PROMPTS`` (what ``prompts_dir`` reads) changes:
    finding the package's data folder costs more than rendering the system prompt from its cache."""
    return _prompts_folder(os.environ.get("SCREENER_PROMPTS"), name)


# user.md.j2 per template object and role: the rendered text before and after the transcript (None: it must be
# rendered whole, each time)
_USER_PARTS: dict[tuple[int, str], tuple[jinja2.Template, tuple[str, str] | None]] = {}


def _render_user(folder: Path, role: RoleChoice, transcript_text: str) -> str:
    """``user.md.j2`` rendered with the transcript. A template that prints ``transcript`` once, as it is, at its
    top level, is rendered once per role and the transcript put in its place; any other is rendered whole."""
    try:
        template = _environment(str(folder)).get_template("user.md.j2")  # a changed file is a new template
        known = _USER_PARTS.get((id(template), role))
        if known is None or known[0] is not template:
            known = (template, _around_transcript(template, role))
            if len(_USER_PARTS) < 64:
                _USER_PARTS[(id(template), role)] = known
    except jinja2.TemplateError:
        known = None  # rendered whole below, which says what is wrong with the template
    if known is None or known[1] is None:
        return _render(folder, "user.md.j2", role_title=ROLE_TITLES[role], transcript=transcript_text)
    head, tail = known[1]
    return head + transcript_text + tail


def _around_transcript(template: jinja2.Template, role: RoleChoice) -> tuple[str, str] | None:
    env = template.environment
    if env.loader is None or template.name is None:
        return None
    source = env.loader.get_source(env, template.name)[0]
    tree = env.parse(source)
    names = [n for n in tree.find_all(jinja2.nodes.Name) if n.name == "transcript"]
    printed = [n for node in tree.body if isinstance(node, jinja2.nodes.Output) for n in node.nodes
               if isinstance(n, jinja2.nodes.Name) and n.name == "transcript"]
    if not all(isinstance(node, jinja2.nodes.Output) for node in tree.body) or len(names) != 1 or printed != names:
        return None
    marks = ("\x00transcript\x00", "\x00\x01another transcript\x01\x00")
    a, b = (template.render(role_title=ROLE_TITLES[role], transcript=m) for m in marks)
    if a.count(marks[0]) != 1:
        return None
    head, _, tail = a.partition(marks[0])
    return (head, tail) if b == head + marks[1] + tail else None


def render_repair(problem: str, errors: list[str], folder: Path | None = None) -> str:
    folder = folder or bundled_folder("grader")
    return _render(folder, "repair.md.j2", problem=problem, errors=errors)
