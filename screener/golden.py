"""The labelled golden set: ``golden/labels_*.yaml`` sidecars naming transcripts and expected verdicts."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .errors import ConfigError
from .paths import golden_dir
from .rubric import RoleChoice
from .scorecard import Recommendation, RoleFit, Signal
from .util.errors import validation_message
from .util.files import read_yaml
from .vocab import InputFormat

Trap = Literal[
    "interviewer_numbers",  # the interviewer states the numbers, the candidate merely agrees
    "non_measurement_numbers",  # years, team size, number of tools: numbers that measure nothing
    "impossible_numbers",  # a percentage over 100, a latency that grew but is called faster
    "injection",  # text aimed at the grader inside the candidate's speech
    "no_keywords",  # real practice described without the textbook keywords
    "two_interviewers",
    "insufficient",  # too short or cut off to judge
    "name_bias_probe",  # used by fairness checks
    "self_contradiction",  # the candidate's own numbers contradict each other across turns
    "role_mismatch",  # the role interviewed for and the evidence are different tracks
]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Expected(_Strict):
    recommendation: Recommendation
    signal: Signal
    role_fit: RoleFit


class GoldenCase(_Strict):
    id: str = Field(pattern=r"^[a-z0-9_]+$")
    file: str = Field(description="path relative to golden/")
    format: InputFormat
    role: RoleChoice = Field(description="the role the candidate interviewed for")
    candidate: str | None = Field(description="the candidate's speaker label / name as in the transcript")
    expected: Expected
    competencies: dict[str, int | None] = Field(
        default_factory=dict, description="competency id -> expected score 1-4, or null: not assessed")
    traps: list[Trap] = Field(default_factory=list)
    notes: str

    def path(self, root: Path | None = None) -> Path:
        return (root or golden_dir()) / self.file


def load_labels_file(path: Path) -> list[GoldenCase]:
    """The cases of one labels YAML; errors name the file and the key path."""
    data = read_yaml(path, what="labels file", expect=list,
                     expected="a list of golden cases (id, file, format, role, candidate, expected...)")
    cases: list[GoldenCase] = []
    for i, item in enumerate(data):
        try:
            cases.append(GoldenCase.model_validate(item))
        except ValidationError as e:
            raise ConfigError(f"{path}: {validation_message(e, within=(i,))}") from e
    return cases


def load_golden(root: Path | None = None) -> list[GoldenCase]:
    """Every case of every ``labels_*.yaml`` under ``root`` (default: the bundled golden/)."""
    root = root or golden_dir()
    return [case for labels in sorted(root.glob("labels_*.yaml")) for case in load_labels_file(labels)]
