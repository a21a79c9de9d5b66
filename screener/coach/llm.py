"""The interview report's turn reading by a model: one structured-output request per transcript.

``prompts/coach/system.md.j2`` and ``user.md.j2`` (Jinja2, StrictUndefined) carry the kit's primary questions and
the numbered turns; the answer is a ``TurnLabels`` (strict pydantic), evidence first: each label opens with the
``quote`` that decides it, copied from the turn. A label whose quote is not in its turn, a turn the model left
out, an unknown kit question or topic: that turn keeps the lexical reading (``classify.classify_turn``), so a
bad answer costs accuracy, never a made-up flag. An answer that is not the schema at all falls back whole.
Everything else in the report (vague answers, suggested follow-ups, talk) is computed as before, and nothing
here reaches the candidate's scorecard: it is a separate request, after grading.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Literal

import jinja2
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..errors import ConfigError
from ..grading import extract_json
from ..paths import prompts_dir
from ..providers.base import GenerateRequest, Message, Provider
from ..rubric import RoleChoice
from ..transcript import Transcript
from ..util.templates import environment
from ..vocab import JOB_ROLE_TITLES
from . import kit_match, leading, unlawful
from .classify import TurnReading, classify_turn
from .report import CoachReport

Kind = Literal["kit_question", "follow_up_probe", "leading", "unlawful", "small_talk", "other"]


class TurnLabel(BaseModel):
    model_config = ConfigDict(extra="forbid")

    turn: int
    quote: str = Field(description="the exact words of the turn that decide its labels, copied verbatim")
    kinds: list[Kind] = Field(min_length=1)
    kit_competency: str | None = None
    kit_question: int | None = Field(default=None, description="the kit question's number within its competency")
    unlawful_topic: str | None = None
    why: str = ""


class TurnLabels(BaseModel):
    model_config = ConfigDict(extra="forbid")

    labels: list[TurnLabel]


def _folder() -> Path:
    return prompts_dir() / "coach"


@lru_cache(maxsize=4)
def _env(folder: str) -> jinja2.Environment:
    return environment(folder)


def prompt_version() -> str:
    path = _folder() / "prompt.yaml"
    try:
        return str((yaml.safe_load(path.read_text(encoding="utf-8")) or {})["version"])
    except (OSError, KeyError, TypeError, yaml.YAMLError) as e:
        raise ConfigError(f"{path}: cannot read the coach prompt's version ({e})") from e


def render(transcript: Transcript, role: RoleChoice) -> tuple[str, str]:
    """The system and user messages for ``transcript`` against ``role``'s kit."""
    folder = str(_folder())
    try:
        system = _env(folder).get_template("system.md.j2").render(
            role_title=JOB_ROLE_TITLES[role], questions=kit_match.kit_questions(role),
            unlawful_topics=list(unlawful.WHY), schema=json.dumps(TurnLabels.model_json_schema()))
        rows = [json.dumps({"turn": t.index, "speaker_role": t.role.upper(), "text": t.text}, ensure_ascii=False)
                for t in transcript.turns]
        user = _env(folder).get_template("user.md.j2").render(
            transcript="\n".join(rows), interviewer_turns=[t.index for t in transcript.interviewer_turns])
    except jinja2.TemplateNotFound as e:
        raise ConfigError(f"{folder}/{e.name}: template not found (set SCREENER_PROMPTS to a prompts/ folder)") from e
    except jinja2.UndefinedError as e:
        raise ConfigError(f"{folder}: {e.message}") from e
    return system, user


def _flat(text: str) -> str:
    return " ".join(text.lower().split())


def _reading(label: TurnLabel, text: str, role: RoleChoice) -> TurnReading | None:
    """The model's label as a turn reading, or None when it cannot be checked against the turn and the kit."""
    quote = label.quote.strip()
    if not quote or _flat(quote) not in _flat(text):
        return None
    kit = None
    if "kit_question" in label.kinds:
        q = next((q for q in kit_match.kit_questions(role)
                  if q.competency == label.kit_competency and q.number == label.kit_question), None)
        if q is None:
            return None
        kit = kit_match.KitMatch(q, score=0.0, shared=())
    hits = []
    if "unlawful" in label.kinds:
        if label.unlawful_topic not in unlawful.WHY:
            return None
        hits = [unlawful.UnlawfulHit(label.unlawful_topic, quote, quote)]
    lead = [leading.LeadingHit(quote, label.why or "states the answer and asks the candidate to agree")] \
        if "leading" in label.kinds else []
    return TurnReading(kinds=list(dict.fromkeys(label.kinds)), competency=kit.question.competency if kit else None,
                       kit=kit, unlawful=hits, leading=lead)


def read_answer(text: str, transcript: Transcript, role: RoleChoice) -> dict[int, TurnReading] | None:
    """The checked readings per interviewer turn from a raw answer; None when it is not the schema."""
    try:
        labels = TurnLabels.model_validate_json(extract_json(text))
    except ValidationError:
        return None
    texts = {t.index: t.text for t in transcript.interviewer_turns}
    out: dict[int, TurnReading] = {}
    for label in labels.labels:
        if label.turn in texts and label.turn not in out:
            reading = _reading(label, texts[label.turn], role)
            if reading is not None:
                out[label.turn] = reading
    return out


def coach_request(transcript: Transcript, role: RoleChoice, remote: bool,
                  redact_option: bool | None = None) -> tuple[GenerateRequest, Transcript]:
    """The one request the model is sent for ``transcript``, and the transcript it was rendered from: what the
    grader would send, instructions planted in the transcript removed, and names and contact details redacted
    for a remote provider (``redact_option`` None) or when asked. ``llm_report``, ``screener coach --dump`` and
    the benchmark's model reader all build it here."""
    from ..safety.injection import strip_injections
    from ..safety.redact import redact

    sent, _ = strip_injections(transcript)
    if (remote if redact_option is None else redact_option):
        sent = redact(sent).transcript
    system, user = render(sent, role)
    return GenerateRequest(system=system, messages=[Message(role="user", content=user)], output_type=TurnLabels,
                           metadata={"purpose": "coach"}), sent


async def llm_report(transcript: Transcript, role: RoleChoice, provider: Provider,
                     redact_option: bool | None = None) -> CoachReport:
    """The interview report with the turns read by ``provider``'s model (the lexical reading where its answer
    cannot be checked). What is sent is ``coach_request``'s; the report itself is built on the transcript as
    given."""
    from .build import coach_report

    request, sent = coach_request(transcript, role, provider.remote, redact_option)
    gen = await provider.generate(request)
    readings = read_answer(gen.text, sent, role)
    if readings is None:
        return coach_report(transcript, role)
    return coach_report(transcript, role, readings=readings, method="llm")


__all__ = ["TurnLabel", "TurnLabels", "classify_turn", "coach_request", "interview_report", "llm_report", "read_answer",
           "render"]


async def interview_report(transcript: Transcript, role: RoleChoice, provider: Provider,
                           redact_option: bool | None = None) -> CoachReport:
    """The report ``grade --interview-report`` prints: read by the grader's model when the grader is one, else
    (and when the model's request fails) by the lexical detectors. Never part of the scorecard."""
    from ..errors import ScreenerError
    from .build import coach_report

    if provider.name == "offline":
        return coach_report(transcript, role)
    try:
        return await llm_report(transcript, role, provider, redact_option)
    except ScreenerError:
        return coach_report(transcript, role)
