"""The offline evidence grader's thresholds, named and documented in one place.

``grade_offline(..., settings=OfflineSettings(...))`` grades with other values, so the eval harness can sweep
them; unknown keys are an error. The defaults are the values the grader is measured with (``evals/``).
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class OfflineSettings(BaseModel):
    """Thresholds of the offline evidence grader (``screener.offline.grader``)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    # --- enough to judge ---------------------------------------------------------------------------------
    min_words: int = Field(
        default=150, ge=0,
        description="fewer candidate words than this (with under two measured answers) is insufficient evidence")
    min_substantive_turns: int = Field(
        default=3, ge=0,
        description="fewer substantive candidate answers than this (with under two measured answers) is "
                    "insufficient evidence")
    substantive_turn_words: int = Field(
        default=15, ge=1, description="an answer of at least this many words is substantive")
    min_topic_hits: int = Field(
        default=5, ge=0,
        description="fewer on-topic mentions (rubric keywords, buzzwords and tool names together) than this, with "
                    "nothing measured, is off-topic: insufficient evidence")
    # --- reading an answer -------------------------------------------------------------------------------
    agreement_max_words: int = Field(
        default=25, ge=0,
        description="an answer this short after an interviewer's numbers agrees with them even without 'yes'")
    hedges_void_measurement: int = Field(
        default=2, ge=1,
        description="this many hedges in an answer make its bare numbers (no before/after) not a measurement")
    max_sentences: int = Field(
        default=10_000, ge=1,
        description="candidate sentences read at most (a three-hour interview has about 2,000): answers past "
                    "this are not read, and a red flag says so, so grading time is bounded whatever the input")
    # --- attributing a sentence to a competency ------------------------------------------------------------
    sentence_topic_score: int = Field(
        default=2, ge=1,
        description="a sentence is about a competency when its cues for it score this much (a specific cue 2, "
                    "an ambiguous word such as 'agents' or 'cost' 1)")
    second_topic_score: int = Field(
        default=4, ge=1,
        description="a sentence is filed under a second competency only when its own cues for that one score "
                    "this much too (it genuinely evidences both)")
    other_track_penalty: int = Field(
        default=1, ge=0,
        description="taken off the cue score of the other track's competencies (outside the interviewed rubric), "
                    "so they take a sentence only on their own specific words")
    mentions_to_assess: int = Field(
        default=3, ge=1,
        description="a competency named in this many sentences that are about no other competency is discussed "
                    "(in an ambiguous word each), and those sentences are filed under it")
    assessed_score: int = Field(
        default=4, ge=1,
        description="a competency is assessed when the candidate answered a question about it, or the sentences "
                    "about it score this much together (a sentence that continues its topic 1) ...")
    assessed_sentence_score: int = Field(
        default=3, ge=1, description="... or one of them scores this much (a specific cue and practice)")
    inherit_sentences: int = Field(
        default=2, ge=0,
        description="a sentence with practice in it but no topic words continues the topic of the answer's "
                    "sentence at most this many sentences before it")
    quotes_per_competency: int = Field(default=3, ge=1, description="evidence quotes kept per competency")
    min_quote_chars: int = Field(default=12, ge=1, description="shorter sentences are never quoted")
    level4_depth: int = Field(
        default=2, ge=0,
        description="trade-offs, failures or baselines (depth phrases) in a competency's answers needed for level 4")
    tourist_level_cap: int = Field(
        default=2, ge=1, le=4,
        description="the highest level any competency keeps when the verdict is prompt tourist")
    # --- the verdict -------------------------------------------------------------------------------------
    engineer_measured_answers: int = Field(
        default=2, ge=1,
        description="answers with a measured outcome (and real practice) needed for an engineer signal")
    engineer_max_evasions: int = Field(
        default=1, ge=0, description="more evasions on numbers than this rule out an engineer signal")
    tool_list_min: int = Field(
        default=4, ge=1, description="an answer naming this many tools with no measured outcome is a tool list")
    vague_per_100_words: float = Field(
        default=2.0, ge=0,
        description="hedges plus twice the buzzwords per 100 candidate words at which the answers are vague")
    egregious_vagueness: float = Field(
        default=3.0, ge=0,
        description="vagueness at which a long answer with nothing measured is a strong no hire")
    egregious_min_words: int = Field(
        default=250, ge=0, description="candidate words above which egregious vagueness counts")
    strong_hire_level3: int = Field(
        default=2, ge=0, description="competencies at level 3+ needed for strong hire (and no red flag)")
    strong_hire_level4: int = Field(
        default=2, ge=0, description="competencies at level 4 needed for strong hire")
    # --- role fit ----------------------------------------------------------------------------------------
    role_fit_min_sentences: int = Field(
        default=3, ge=0,
        description="fewer sentences about either track's practice than this: role fit unclear")
    role_fit_min_words: int = Field(default=60, ge=0, description="fewer candidate words than this: role fit unclear")
    hybrid_ratio: float = Field(
        default=0.4, ge=0, le=1,
        description="the weaker track with at least this share of the stronger one's sentences makes a hybrid "
                    "(work on models told in plain words has fewer track words than work on language models)")
    hybrid_min_sentences: int = Field(
        default=3, ge=0,
        description="the weaker track needs at least this many sentences about its practice for a hybrid")
    hybrid_substantial_sentences: int = Field(
        default=5, ge=0,
        description="the weaker track with this many sentences is substantial in its own right: hybrid")


DEFAULT_OFFLINE = OfflineSettings()
