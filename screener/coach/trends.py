"""Per-interviewer trends from the workspace store: kit coverage, leading-question rate and talk share by month.

For hiring managers (the requisitions they belong to) and admins (every interview); an interviewer asking gets a
one-line refusal. Each stored interview whose transcript is still there is read with ``coach_report`` (retention
or erasure may have removed it: such interviews are counted as ``skipped``, never guessed). A speaker is one of
the interview's interviewers; an interview with two interviewers counts for both, each with their own questions
and their own share of the talk. Nothing here reads or changes a scorecard.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..errors import ScreenerError
from ..parsing import parse_transcript
from ..store.errors import StoreValueError
from ..store.models import Interview, User
from ..store.people import interview_visible_to
from ..vocab import job_role
from .build import coach_report
from .report import CoachReport
from .talk import _lengths

VIEWER_ROLES = ("hiring_manager", "admin")


class InterviewerPeriod(BaseModel):
    model_config = ConfigDict(extra="forbid")

    interviewer: str = Field(description="the speaker label in the transcripts")
    period: str = Field(description="YYYY-MM of the interview (its date, else when it was stored)")
    interviews: int
    questions: int = Field(description="the interviewer's turns")
    kit_coverage: float = Field(description="mean share of the kit's competencies probed per interview, 0..1")
    leading_rate: float = Field(description="leading questions per interviewer turn, 0..1")
    talk_share: float = Field(description="mean share of the interview's talk that was this interviewer's, 0..1")
    unlawful_questions: int


class InterviewerTrends(BaseModel):
    model_config = ConfigDict(extra="forbid")

    rows: list[InterviewerPeriod]
    skipped: int = Field(description="interviews whose transcript is gone or could not be read")


@dataclass
class _Acc:
    interviews: int = 0
    questions: int = 0
    leading: int = 0
    unlawful: int = 0
    coverage: list[float] = field(default_factory=list)
    share: list[float] = field(default_factory=list)


def _visible(s: Session, viewer: User) -> list[Interview]:
    if viewer.role not in VIEWER_ROLES or viewer.disabled:
        raise StoreValueError(f"user {viewer.username!r} is an {viewer.role}: interviewer trends are for hiring "
                              "managers and admins; ask one of them")
    return list(s.scalars(select(Interview).where(interview_visible_to(viewer)).order_by(Interview.id)))


def _period(interview: Interview) -> str:
    day = interview.interviewed_on or interview.created_at
    return f"{day.year:04d}-{day.month:02d}"


def _add(acc: dict[tuple[str, str], _Acc], interview: Interview, report: CoachReport, transcript) -> None:
    speaker_of = {t.index: t.speaker for t in transcript.turns}
    amounts, _ = _lengths(transcript)
    total = sum(amounts) or 1.0
    coverage = (sum(c.probed for c in report.competencies) / len(report.competencies)) if report.competencies else 0.0
    for name in dict.fromkeys(t.speaker for t in transcript.interviewer_turns):
        a = acc[(name, _period(interview))]
        a.interviews += 1
        a.questions += sum(t.speaker == name for t in transcript.interviewer_turns)
        a.leading += sum(speaker_of.get(q.turn) == name for q in report.leading_questions)
        a.unlawful += sum(speaker_of.get(q.turn) == name for q in report.unlawful_questions)
        a.coverage.append(coverage)
        a.share.append(sum(x for t, x in zip(transcript.turns, amounts, strict=True) if t.speaker == name) / total)


def interviewer_trends(s: Session, viewer: User) -> InterviewerTrends:
    """Coverage of the kit, leading-question rate and talk share per interviewer and month, over the interviews
    ``viewer`` may see."""
    acc: dict[tuple[str, str], _Acc] = defaultdict(_Acc)
    skipped = 0
    for interview in _visible(s, viewer):
        if not interview.transcript:
            skipped += 1
            continue
        try:
            transcript = parse_transcript(interview.transcript, format=interview.format, source=interview.source)
        except ScreenerError:
            skipped += 1
            continue
        report = coach_report(transcript, job_role(interview.role))
        _add(acc, interview, report, transcript)
    rows = [InterviewerPeriod(interviewer=name, period=period, interviews=a.interviews, questions=a.questions,
                              kit_coverage=round(sum(a.coverage) / len(a.coverage), 3),
                              leading_rate=round(a.leading / a.questions, 3) if a.questions else 0.0,
                              talk_share=round(sum(a.share) / len(a.share), 3), unlawful_questions=a.unlawful)
            for (name, period), a in sorted(acc.items())]
    return InterviewerTrends(rows=rows, skipped=skipped)
