"""The interview report's schema: feedback for the interviewer, kept apart from the candidate's scorecard."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from ..vocab import JobRole, SpeakerRole

REPORT_VERSION = "1"
NOTE = ("Feedback on the interview, not on the candidate and not on the interviewer as a person: it changes "
        "nothing in the candidate's scorecard. Read it as a checklist for the next interview.")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class KitQuestionRef(_Strict):
    competency: str
    competency_name: str
    number: int = Field(description="1-based position of the question in the competency's kit")
    text: str


class AskedQuestion(KitQuestionRef):
    turn: int = Field(description="the interviewer turn that asked it")
    quote: str = Field(description="what the interviewer said (one line, shortened)")


class CompetencyCoverage(_Strict):
    id: str
    name: str
    probed: bool = Field(description="one of its kit questions was asked")
    turns: list[int] = Field(default_factory=list)
    suggested_question: str | None = Field(default=None, description="a kit question to ask when it was not probed")


class FollowUpCheck(_Strict):
    answer_turn: int = Field(description="the candidate's vague answer")
    answer_quote: str
    followed_up: bool = Field(description="the next interviewer turn asked for the artefact, the number or the method")
    follow_up_turn: int | None = None
    suggested_follow_up: str | None = Field(default=None, description="a kit follow-up to ask, when none was asked")


class FlaggedQuestion(_Strict):
    turn: int
    quote: str
    why: str


class UnlawfulQuestion(FlaggedQuestion):
    topic: str
    instead: str = Field(description="what to ask instead, if anything")

    @property
    def topic_label(self) -> str:
        """The topic as the report names it (not serialised: the JSON keeps the topic's id)."""
        from .unlawful import topic_label

        return topic_label(self.topic)


class Monologue(_Strict):
    turn: int
    speaker: str
    role: SpeakerRole
    amount: float = Field(description="seconds or words, as TalkStats.unit says")


class TalkStats(_Strict):
    unit: Literal["seconds", "words"] = Field(description="seconds for timed transcripts, else words")
    interviewer: float
    candidate: float
    other: float = Field(description="speakers whose role is unknown")
    interviewer_share: float = Field(description="interviewer / (interviewer + candidate + other), 0..1")
    candidate_share: float
    longest_monologue: Monologue | None = None
    longest_interviewer_monologue: Monologue | None = None


class MissedFollowUp(_Strict):
    after_turn: int = Field(description="the turn the follow-up would have come after")
    competency: str
    question: str = Field(description="the kit follow-up to ask")
    why: str


class TurnKinds(_Strict):
    turn: int
    kinds: list[Literal["kit_question", "follow_up_probe", "leading", "unlawful", "small_talk", "other"]]
    competency: str | None = None


class CoachReport(_Strict):
    report: Literal["interview"] = "interview"
    version: str = REPORT_VERSION
    role: JobRole
    source: str | None = None
    candidate: str | None = None
    method: Literal["lexical", "llm"] = Field(default="lexical",
                                              description="lexical: the kit's words and synonyms; llm: a model")
    turns: int
    interviewer_turns: int
    kit_asked: list[AskedQuestion] = Field(default_factory=list)
    kit_not_asked: list[KitQuestionRef] = Field(default_factory=list)
    competencies: list[CompetencyCoverage] = Field(default_factory=list)
    never_probed: list[str] = Field(default_factory=list, description="ids of competencies no kit question reached")
    vague_answers: list[FollowUpCheck] = Field(default_factory=list)
    leading_questions: list[FlaggedQuestion] = Field(default_factory=list)
    unlawful_questions: list[UnlawfulQuestion] = Field(default_factory=list)
    talk: TalkStats
    missed_follow_ups: list[MissedFollowUp] = Field(default_factory=list)
    turn_kinds: list[TurnKinds] = Field(default_factory=list)
    note: str = NOTE
