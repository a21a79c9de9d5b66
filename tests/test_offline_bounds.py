"""The offline grader's work is bounded on hostile input: linear in the transcript, and capped in sentences."""

from __future__ import annotations

import gc
import time

from screener.offline.grader import grade_offline
from screener.offline.settings import OfflineSettings
from screener.rubric import load_rubric
from screener.testing.transcripts import make_transcript

HYBRID = load_rubric().for_role("hybrid")
ANSWER = ("We re-chunked the help articles and added a reranker, and recall at five went from 0.62 to 0.81 on 400 "
          "labelled queries. We checked it. The judge agreed with human raters 91% of the time. ")


def _interview(turns: int, padding: int = 0):
    pairs: list = []
    for i in range(turns // 2):
        pairs += [("Dana", "interviewer", f"Why? ({i})"), ("Sam", "candidate", ANSWER + "We checked it. " * padding)]
    return make_transcript(*pairs)


def _cpu(transcript, settings: OfflineSettings) -> float:
    best = float("inf")
    for _ in range(3):
        gc.collect()
        gc.disable()
        try:
            started = time.process_time()
            grade_offline(transcript, HYBRID, "hybrid", settings)
            best = min(best, time.process_time() - started)
        finally:
            gc.enable()
    return best


def test_grading_time_is_linear_in_the_number_of_turns():
    # no sentence cap in the way: the whole transcript is read both times
    settings = OfflineSettings(max_sentences=1_000_000)
    small, large = _interview(250), _interview(2000)
    ratio = _cpu(large, settings) / max(_cpu(small, settings), 1e-6)
    assert ratio < 24, f"an 8x larger transcript took {ratio:.1f}x the CPU time (quadratic would be 64x)"


def test_grading_time_is_linear_in_the_length_of_one_answer():
    settings = OfflineSettings(max_sentences=1_000_000)
    small, large = _interview(4, padding=500), _interview(4, padding=4000)
    ratio = _cpu(large, settings) / max(_cpu(small, settings), 1e-6)
    assert ratio < 24, f"an 8x longer answer took {ratio:.1f}x the CPU time (quadratic would be 64x)"


def test_past_the_sentence_cap_answers_are_not_read_and_a_person_is_told():
    transcript = _interview(200)
    capped = grade_offline(transcript, HYBRID, "hybrid", OfflineSettings(max_sentences=40))
    flags = [f for f in capped.red_flags if f.kind == "not_read"]
    assert len(flags) == 1 and "40" in flags[0].detail
    assert flags[0].turn is not None and flags[0].turn > 1
    # what was read is graded as usual: the first answers are the same as in the whole transcript
    whole = grade_offline(transcript, HYBRID, "hybrid", OfflineSettings(max_sentences=1_000_000))
    assert not any(f.kind == "not_read" for f in whole.red_flags)
    assert capped.signal == whole.signal and capped.role_fit == whole.role_fit
    # an ordinary interview is nowhere near the default cap
    assert not any(f.kind == "not_read" for f in grade_offline(_interview(20), HYBRID, "hybrid").red_flags)
