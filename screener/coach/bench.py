"""Scoring the coach's turn reader on a labelled set of interviewer turns (``golden/interviewer_turns.yaml``).

Shared by ``benchmarks/bench_coach.py`` and the test that holds the floors reached per split.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from ..errors import ConfigError
from ..paths import golden_dir
from ..providers.base import GenerateRequest, Message, Provider
from ..util.errors import validation_message
from ..vocab import JobRole
from .classify import KINDS, TurnReading, classify_turn
from .llm import TurnLabels

GOALS = {"precision": 0.9, "recall": 0.9, "unlawful_missed": 0}
Kind = Literal["kit_question", "follow_up_probe", "leading", "unlawful", "small_talk", "other"]


class LabelledTurn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    split: Literal["dev", "holdout"]
    role: JobRole
    previous_answer: str | None = None
    turn: str
    kinds: list[Kind]
    kit_competency: str | None = None
    unlawful_topic: str | None = None
    notes: str | None = None


def default_labels() -> Path:
    return golden_dir() / "interviewer_turns.yaml"


def extra_dev_labels() -> Path:
    """More dev turns, written later (before the code for them); the holdout stays the one file's."""
    return golden_dir() / "interviewer_turns_dev_extra.yaml"


def load_items(path: Path | None = None, split: str = "dev") -> list[LabelledTurn]:
    """The labelled turns of ``split`` (dev, holdout or all). Without ``path``: interviewer_turns.yaml plus,
    when it is there, interviewer_turns_dev_extra.yaml (dev only; a holdout item in it is an error)."""
    if path is None:
        items = _load(default_labels())
        extra = extra_dev_labels()
        if extra.exists():
            more = _load(extra)
            stray = [it.id for it in more if it.split != "dev"]
            if stray:
                raise ConfigError(f"{extra}: holds dev items only; move {stray[0]} to split: dev")
            items += more
    else:
        items = _load(path)
    return [it for it in items if split == "all" or it.split == split]


def _load(path: Path) -> list[LabelledTurn]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    except OSError as e:
        raise ConfigError(f"{path}: cannot read the labelled turns ({e.strerror})") from e
    items: list[LabelledTurn] = []
    for i, raw in enumerate(data):
        try:
            items.append(LabelledTurn.model_validate(raw))
        except ValidationError as e:
            raise ConfigError(f"{path}: {validation_message(e, within=(i,))}") from e
    return items


@dataclass
class KindScore:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def support(self) -> int:
        return self.tp + self.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


@dataclass
class BenchResult:
    kinds: dict[str, KindScore] = field(default_factory=lambda: {k: KindScore() for k in KINDS})
    unlawful_missed: int = 0
    topic_agreement: float = 1.0
    topic_total: int = 0
    misses: list[str] = field(default_factory=list)

    def summary(self) -> dict:
        return {
            "kinds": {k: {"support": s.support, "precision": round(s.precision, 3), "recall": round(s.recall, 3)}
                      for k, s in self.kinds.items()},
            "unlawful_missed": self.unlawful_missed,
            "unlawful_topic_agreement": round(self.topic_agreement, 3),
            "goals": GOALS,
        }


Reader = Callable[[LabelledTurn], TurnReading]


def lexical(it: LabelledTurn) -> TurnReading:
    return classify_turn(it.turn, it.previous_answer, it.role)


def model_reader(provider: Provider) -> Reader:
    """Each labelled turn read by ``provider`` exactly as ``screener coach -p`` reads a transcript's turns: the
    candidate's previous answer and the turn, one request; the lexical reading where the answer cannot back
    itself up."""
    from ..transcript import Transcript, Turn
    from .llm import read_answer, render

    def read(it: LabelledTurn) -> TurnReading:
        turns = [Turn(index=0, speaker="Candidate", role="candidate", text=it.previous_answer)] \
            if it.previous_answer else []
        turns.append(Turn(index=len(turns), speaker="Interviewer", role="interviewer", text=it.turn))
        transcript = Transcript(turns=turns, format="text")
        system, user = render(transcript, it.role)
        gen = asyncio.run(provider.generate(GenerateRequest(system=system, messages=[Message(role="user",
                                                            content=user)], output_type=TurnLabels)))
        got = (read_answer(gen.text, transcript, it.role) or {}).get(len(turns) - 1)
        return got or lexical(it)

    return read


def score(items: list[LabelledTurn], reader: Reader = lexical) -> BenchResult:
    result = BenchResult()
    topic_right = 0
    for it in items:
        reading = reader(it)
        predicted, labelled = set(reading.kinds), set(it.kinds)
        wrong: list[str] = []
        for kind in KINDS:
            p, g = kind in predicted, kind in labelled
            if kind == "kit_question" and p and g and reading.competency != it.kit_competency:
                result.kinds[kind].fp += 1
                result.kinds[kind].fn += 1
                wrong.append(f"kit_question as {reading.competency} (label {it.kit_competency})")
                continue
            if p and g:
                result.kinds[kind].tp += 1
            elif p:
                result.kinds[kind].fp += 1
                wrong.append(f"+{kind}")
            elif g:
                result.kinds[kind].fn += 1
                wrong.append(f"-{kind}")
        if "unlawful" in labelled and "unlawful" not in predicted:
            result.unlawful_missed += 1
        if "unlawful" in labelled and reading.unlawful:
            result.topic_total += 1
            topic_right += reading.unlawful[0].topic == it.unlawful_topic
        if wrong and it.split == "dev":
            extra = ""
            if reading.kit is not None:
                extra = f" [kit {reading.kit.question.competency}#{reading.kit.question.number} {reading.kit.score}]"
            if reading.unlawful:
                extra += f" [unlawful {reading.unlawful[0].topic}: {reading.unlawful[0].phrase}]"
            result.misses.append(f"{it.id} {' '.join(wrong)}{extra}: {it.turn}")
    result.topic_agreement = topic_right / result.topic_total if result.topic_total else 1.0
    return result
