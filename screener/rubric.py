"""The rubric and question bank, loaded from ``prompts/rubric/*.yaml`` into validated models."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .errors import ConfigError
from .paths import prompts_dir
from .util.errors import validation_message
from .vocab import JobRole, Track

RoleChoice = JobRole  # the job interviewed for: which rubric applies (screener.vocab)
__all__ = ["RoleChoice", "Track"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Question(_Strict):
    text: str
    follow_ups: list[str] = Field(min_length=1)


class Competency(_Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name: str
    track: Track
    layer: str = Field(description="e.g. prompt, retrieval, agent, eval, production, data, features, training, deployment")
    description: str
    levels: dict[int, str] = Field(description="anchored levels 1..4: the observable evidence of each")
    questions: list[Question] = Field(min_length=1)
    tourist_signs: list[str] = Field(min_length=1)
    keywords: list[str] = Field(min_length=3, description="lower-case terms that put an answer on this topic")

    @field_validator("levels")
    @classmethod
    def _four_levels(cls, v: dict[int, str]) -> dict[int, str]:
        if sorted(v) != [1, 2, 3, 4]:
            raise ValueError("levels must have exactly the keys 1, 2, 3, 4")
        return v


class Rubric(_Strict):
    version: str
    competencies: list[Competency]

    def for_role(self, role: RoleChoice) -> list[Competency]:
        if role == "hybrid":
            return list(self.competencies)
        return [c for c in self.competencies if c.track == role]

    def get(self, competency_id: str) -> Competency | None:
        return next((c for c in self.competencies if c.id == competency_id), None)


_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _read_yaml(path: Path) -> object:
    try:
        # libyaml's loader when PyYAML was built with it: the same safe schema, ~10x faster than pure Python
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_SAFE_LOADER)  # noqa: S506 - a safe loader
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark is not None else ""
        problem = getattr(e, "problem", None) or str(e).splitlines()[0]
        raise ConfigError(f"{path}: not valid YAML{where}: {problem}") from e


def load_rubric_dir(folder: Path) -> Rubric:
    """Load every ``*.yaml`` in ``folder`` (each a list of competencies) plus ``_meta.yaml``."""
    meta_file = folder / "_meta.yaml"
    try:
        meta = _read_yaml(meta_file) or {}
        if not isinstance(meta, dict):
            raise ConfigError(f"{meta_file}: expected a mapping of rubric metadata")
    except FileNotFoundError as e:
        raise ConfigError(f"{meta_file}: missing rubric metadata file") from e
    competencies: list[dict] = []
    for path in sorted(folder.glob("*.yaml")):
        if path.name.startswith("_"):
            continue
        data = _read_yaml(path) or []
        if not isinstance(data, list):
            raise ConfigError(f"{path}: expected a list of competencies")
        for i, item in enumerate(data):
            try:
                competencies.append(Competency.model_validate(item).model_dump())
            except ValidationError as e:
                raise ConfigError(f"{path}: {validation_message(e, within=('competencies', i))}") from e
    try:
        return Rubric.model_validate({**meta, "competencies": competencies})
    except ValidationError as e:
        raise ConfigError(f"{meta_file}: {validation_message(e)}") from e


@lru_cache(maxsize=4)
def _load_cached(folder: str) -> Rubric:
    return load_rubric_dir(Path(folder))


def load_rubric(folder: str | None = None) -> Rubric:
    """The rubric in ``folder`` (default: ``prompts/rubric``, honouring SCREENER_PROMPTS), cached per folder."""
    return _load_cached(str(folder) if folder else str(prompts_dir() / "rubric"))
