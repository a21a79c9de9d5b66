"""screener's vocabulary, defined once: every other module derives its tuples and labels from these types.

Two different things are called "role" in interviewing; here they have different names:
``JobRole`` is the job interviewed for (it picks the rubric), ``SpeakerRole`` is who speaks in a turn.
"""

from __future__ import annotations

from typing import Literal, cast, get_args

JobRole = Literal["ai_engineer", "ml_engineer", "hybrid"]
Track = Literal["ai_engineer", "ml_engineer"]
SpeakerRole = Literal["candidate", "interviewer", "unknown"]
InputFormat = Literal["text", "vtt", "srt", "otter", "meet", "json", "markdown", "zoom_captions", "zoom_chat",
                      "zoom_web", "teams_paste"]
Signal = Literal["engineer", "prompt_tourist", "insufficient_evidence"]
RoleFit = Literal["ai_engineer", "ml_engineer", "hybrid", "unclear"]
# ``no_decision``: too little evidence to recommend either way (a dropped call, a thin interview): reschedule
Recommendation = Literal["strong_hire", "hire", "no_hire", "strong_no_hire", "no_decision"]

JOB_ROLES: tuple[JobRole, ...] = get_args(JobRole)
TRACKS: tuple[Track, ...] = get_args(Track)
SPEAKER_ROLES: tuple[SpeakerRole, ...] = get_args(SpeakerRole)
INPUT_FORMATS: tuple[InputFormat, ...] = get_args(InputFormat)
SIGNALS: tuple[Signal, ...] = get_args(Signal)
ROLE_FITS: tuple[RoleFit, ...] = get_args(RoleFit)
RECOMMENDATIONS: tuple[Recommendation, ...] = get_args(Recommendation)
# the ordinal scale of a verdict, worst first; ``no_decision`` is not on it
RECOMMENDATION_ORDER: tuple[Recommendation, ...] = ("strong_no_hire", "no_hire", "hire", "strong_hire")

JOB_ROLE_TITLES: dict[JobRole, str] = {
    "ai_engineer": "AI Engineer", "ml_engineer": "ML Engineer", "hybrid": "AI/ML Engineer",
}
RECOMMENDATION_LABELS: dict[Recommendation, str] = {
    "strong_hire": "Strong hire", "hire": "Hire", "no_hire": "No hire", "strong_no_hire": "Strong no hire",
    "no_decision": "No decision (reschedule)",
}


def recommendation_label(value: str | None, default: str | None = None) -> str:
    """The display label of a recommendation read from storage or a form (any string); ``default`` (else the
    value itself) for one that is not in the vocabulary."""
    labels = cast(dict[str, str], RECOMMENDATION_LABELS)
    return labels.get(value or "", (value or "") if default is None else default)


SIGNAL_LABELS: dict[Signal, str] = {
    "engineer": "engineer", "prompt_tourist": "prompt tourist", "insufficient_evidence": "insufficient evidence",
}
ROLE_FIT_LABELS: dict[RoleFit, str] = {
    "ai_engineer": "AI Engineer", "ml_engineer": "ML Engineer", "hybrid": "hybrid (AI and ML)", "unclear": "unclear",
}
# the ATS scorecard vocabulary (Greenhouse's overall recommendation; Lever and Ashby map onto it)
ATS_RECOMMENDATION: dict[Recommendation, str] = {
    "strong_hire": "STRONG_YES", "hire": "YES", "no_hire": "NO", "strong_no_hire": "DEFINITELY_NO",
    "no_decision": "NO_DECISION",
}


def recommendation_rank(rec: Recommendation) -> int | None:
    """0 (strong_no_hire) .. 3 (strong_hire); None for ``no_decision``, which is on no scale."""
    return RECOMMENDATION_ORDER.index(rec) if rec in RECOMMENDATION_ORDER else None


def cap_recommendation(rec: Recommendation, cap: Recommendation) -> Recommendation:
    """``rec``, lowered to ``cap`` when above it; ``no_decision`` on either side is kept as no decision."""
    r, c = recommendation_rank(rec), recommendation_rank(cap)
    if r is None:
        return rec
    if c is None:
        return cap
    return cap if r > c else rec


def is_positive(rec: Recommendation) -> bool:
    """A recommendation to advance the candidate (what selection-rate and four-fifths checks count)."""
    return rec in ("hire", "strong_hire")


def job_role(value: str) -> JobRole:
    """``value`` as a ``JobRole`` (a role read back from the store or a form that was checked when it was saved);
    ``ValueError`` naming the choices when it is not one."""
    if value not in JOB_ROLES:
        raise ValueError(f"unknown role {value!r}; choose one of: {', '.join(JOB_ROLES)}")
    return cast(JobRole, value)
