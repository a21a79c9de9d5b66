"""Scoring the coach's turn reader on a labelled set of interviewer turns (``golden/interviewer_turns.yaml``).

Shared by ``benchmarks/bench_coach.py`` and the test that holds the floors reached per split.
"""

from __future__ import annotations

import asyncio
import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from ..errors import ConfigError
from ..evals.splits import DEVELOPMENT_SPLITS
from ..paths import golden_dir
from ..providers.base import Provider
from ..util.errors import validation_message
from ..vocab import JobRole
from .classify import KINDS, TurnReading, classify_turn

GOALS = {"precision": 0.9, "recall": 0.9, "unlawful_missed": 0}
# Splits whose items may be printed (``--show-misses``): DEVELOPMENT_SPLITS (dev, and the first holdout, which
# became a development split once its figures were reported). Every other split (holdout3, ...) is blind.
# The blind sets, each its own file (golden/interviewer_turns_<split>.yaml), measured with aggregates only.
BLIND_SPLITS = ("holdout3", "holdout4", "holdout5", "holdout6")
Kind = Literal["kit_question", "follow_up_probe", "leading", "unlawful", "small_talk", "other"]


class LabelledTurn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    split: str
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


_EXTRA_NUMBER = re.compile(r"interviewer_turns_dev_extra(\d*)\.yaml")


def extra_dev_files() -> list[Path]:
    """The dev extra files that are there (interviewer_turns_dev_extra.yaml, ..._dev_extra2.yaml, ...), in
    number order: a new writer's file joins the dev split by its name, with no code change."""
    found = [(int(m.group(1) or 1), p) for p in golden_dir().glob("interviewer_turns_dev_extra*.yaml")
             if (m := _EXTRA_NUMBER.fullmatch(p.name))]
    return [p for _, p in sorted(found)]


def blind_labels(split: str) -> Path:
    """A blind set's own file: ``holdout3`` is golden/interviewer_turns_holdout3.yaml."""
    return golden_dir() / f"interviewer_turns_{split}.yaml"


def is_blind(split: str) -> bool:
    return split not in (*DEVELOPMENT_SPLITS, "all")


def load_items(path: Path | None = None, split: str = "dev") -> list[LabelledTurn]:
    """The labelled turns of ``split`` (dev, holdout, all, or a blind set such as holdout3). Without ``path``:
    interviewer_turns.yaml plus the dev extra files that are there (dev only; a holdout item in one is an error);
    a blind split reads its own file (``blind_labels``). A blind set's file is read whole, whatever its items'
    ``split`` says, and nothing of its contents is ever printed (an invalid item is named by its position)."""
    if is_blind(split):
        return load_blind(path or blind_labels(split))[0]
    if path is None:
        items = _load(default_labels())
        for extra in extra_dev_files():
            more = _load(extra)
            stray = [it.id for it in more if it.split != "dev"]
            if stray:
                raise ConfigError(f"{extra}: holds dev items only; move {stray[0]} to split: dev")
            items += more
    else:
        items = _load(path)
    seen: dict[str, str] = {}
    for it in items:
        # an id names a turn's recorded answer (``request_name``): two turns of a split may not share one
        if seen.setdefault(f"{it.split}:{it.id}", it.turn) != it.turn:
            raise ConfigError(f"two {it.split} items are called {it.id}; give each labelled turn its own id")
    return [it for it in items if split == "all" or it.split == split]


def load_blind(path: Path) -> tuple[list[LabelledTurn], list[int]]:
    """A blind set's items, and the positions of those that do not match the schema (left out of the score, so
    one malformed item does not cost the figure; nothing of them is shown)."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    except OSError as e:
        raise ConfigError(f"{path}: cannot read the labelled turns ({e.strerror})") from e
    except yaml.YAMLError:
        raise ConfigError(f"{path}: not valid YAML") from None
    if not isinstance(data, list):
        raise ConfigError(f"{path}: expected a list of labelled turns")
    items: list[LabelledTurn] = []
    bad: list[int] = []
    for i, raw in enumerate(data):
        try:
            items.append(LabelledTurn.model_validate(raw))
        except ValidationError:
            bad.append(i)
    if not items and bad:
        raise ConfigError(f"{path}: no item matches the schema (item {bad[0]} is the first)")
    return items, bad


def _load(path: Path, blind: bool = False) -> list[LabelledTurn]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    except OSError as e:
        raise ConfigError(f"{path}: cannot read the labelled turns ({e.strerror})") from e
    except yaml.YAMLError as e:
        raise ConfigError(f"{path}: not valid YAML" + ("" if blind else f" ({e})")) from e
    if not isinstance(data, list):
        raise ConfigError(f"{path}: expected a list of labelled turns")
    items: list[LabelledTurn] = []
    for i, raw in enumerate(data):
        try:
            items.append(LabelledTurn.model_validate(raw))
        except ValidationError as e:
            where = f"item {i}: does not match the schema" if blind else validation_message(e, within=(i,))
            raise ConfigError(f"{path}: {where}") from None
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


def turn_transcript(it: LabelledTurn):
    """A labelled turn as the transcript ``screener coach`` would read: the candidate's previous answer (when
    there is one), then the interviewer's turn."""
    from ..transcript import Transcript, Turn

    turns = [Turn(index=0, speaker="Candidate", role="candidate", text=it.previous_answer)] \
        if it.previous_answer else []
    turns.append(Turn(index=len(turns), speaker="Interviewer", role="interviewer", text=it.turn))
    return Transcript(turns=turns, format="text")


def request_name(it: LabelledTurn) -> str:
    """An opaque, stable name for a labelled turn's request and answer files (it names neither the item's id nor
    its labels): ``r`` and the first 10 hex digits of the SHA-256 of its split and id."""
    return "r" + hashlib.sha256(f"{it.split}:{it.id}".encode()).hexdigest()[:10]


def turn_request(it: LabelledTurn, remote: bool = True):
    """The request the model is sent for a labelled turn, and the transcript it was rendered from (exactly what
    ``screener coach -p MODEL`` sends for that transcript: ``llm.coach_request``)."""
    from .llm import coach_request

    return coach_request(turn_transcript(it), it.role, remote)


def reading_from_answer(it: LabelledTurn, text: str, sent) -> TurnReading:
    """The model's raw answer for a labelled turn, read as the report reads it: the checked label of the
    interviewer's turn, or the lexical reading where the answer cannot back itself up."""
    from .llm import read_answer

    got = (read_answer(text, sent, it.role) or {}).get(len(sent.turns) - 1)
    return got or lexical(it)


def model_reader(provider: Provider) -> Reader:
    """Each labelled turn read by ``provider`` exactly as ``screener coach -p`` reads a transcript's turns: the
    candidate's previous answer and the turn, one request; the lexical reading where the answer cannot back
    itself up."""

    def read(it: LabelledTurn) -> TurnReading:
        request, sent = turn_request(it, provider.remote)
        gen = asyncio.run(provider.generate(request))
        return reading_from_answer(it, gen.text, sent)

    return read


def answers_reader(folder: Path) -> Reader:
    """Recorded answers, one file per labelled turn (``<request_name>.json``, the model's raw answer), replayed
    through the model path itself: the request built as for a live model, a scripted provider that answers it
    with the file, the answer read by ``llm.read_answer`` (the lexical reading where it cannot back itself
    up). A turn without a file is a ``ConfigError`` (score only answered turns: ``answered``)."""
    from ..providers.fake import FakeProvider

    def read(it: LabelledTurn) -> TurnReading:
        path = folder / f"{request_name(it)}.json"
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as e:
            raise ConfigError(f"{path}: cannot read the recorded answer ({e.strerror})") from e
        return model_reader(FakeProvider([text]))(it)

    return read


def answer_checks(it: LabelledTurn, text: str) -> bool:
    """Whether a recorded answer backs up its label of the turn (else the turn keeps the lexical reading)."""
    from .llm import read_answer

    _, sent = turn_request(it)
    return len(sent.turns) - 1 in (read_answer(text, sent, it.role) or {})


def answered(items: list[LabelledTurn], folder: Path) -> list[LabelledTurn]:
    """The labelled turns that have a recorded answer in ``folder``."""
    return [it for it in items if (folder / f"{request_name(it)}.json").is_file()]


def score(items: list[LabelledTurn], reader: Reader = lexical, blind: bool = False) -> BenchResult:
    """Precision and recall per kind; ``misses`` lists the development items read wrongly (never a blind set's:
    ``blind`` True, or an item whose split is not a development split)."""
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
        if wrong and it.split in DEVELOPMENT_SPLITS and not blind:
            extra = ""
            if reading.kit is not None:
                extra = f" [kit {reading.kit.question.competency}#{reading.kit.question.number} {reading.kit.score}]"
            if reading.unlawful:
                extra += f" [unlawful {reading.unlawful[0].topic}: {reading.unlawful[0].phrase}]"
            result.misses.append(f"{it.id} {' '.join(wrong)}{extra}: {it.turn}")
    result.topic_agreement = topic_right / result.topic_total if result.topic_total else 1.0
    return result


def meets_goals(result: BenchResult) -> bool:
    """Every kind at or above the precision and recall goals, and no unlawful question missed."""
    return result.unlawful_missed <= GOALS["unlawful_missed"] and all(
        k.precision >= GOALS["precision"] and k.recall >= GOALS["recall"] for k in result.kinds.values())


def format_table(result: BenchResult, *, split: str, reader: str, turns: int, total: int, seconds: float) -> str:
    """The per-kind precision/recall table beside the goals (aggregates only: safe for a blind set)."""
    of = f" (of {total}: the others have no recorded answer)" if turns != total else ""
    lines = [f"split {split}: {turns} interviewer turns{of} read by {reader}, in {seconds * 1000:.0f} ms",
             f"{'kind':<16} {'n':>4} {'precision':>10} {'recall':>8}   goal"]
    for kind in KINDS:
        k = result.kinds[kind]
        ok = k.precision >= GOALS["precision"] and k.recall >= GOALS["recall"]
        lines.append(f"{kind:<16} {k.support:>4} {k.precision:>10.3f} {k.recall:>8.3f}   "
                     f">= {GOALS['precision']:.1f} each {'ok' if ok else 'BELOW'}")
    missed = result.unlawful_missed
    lines.append(f"unlawful missed: {missed} (goal {GOALS['unlawful_missed']}) {'ok' if missed == 0 else 'BELOW'}")
    lines.append(f"unlawful topic agreement: {result.topic_agreement:.3f} of {result.topic_total} flagged")
    return "\n".join(lines) + "\n"


def reader_for(provider_id: str, items: list[LabelledTurn]) -> tuple[Reader, list[LabelledTurn]]:
    """How the turns are read: ``offline`` (the lexical detectors), ``fake:DIR`` (one recorded answer per turn;
    only the answered turns are scored) or any provider id (one request per turn, as ``screener coach -p``)."""
    if provider_id == "offline":
        return lexical, items
    folder = Path(provider_id[len("fake:"):]) if provider_id.startswith("fake:") else None
    if folder is not None and folder.is_dir():
        answered_items = answered(items, folder)
        if not answered_items:
            raise ConfigError(f"{folder}: none of the {len(items)} turns has a recorded answer (<name>.json, named "
                              "as scripts/coach_capable_model.py dump names the requests)")
        return answers_reader(folder), answered_items
    from ..providers import get_provider

    return model_reader(get_provider(provider_id)), items
