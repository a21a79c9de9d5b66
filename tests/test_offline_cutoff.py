"""A call that drops or a recording that stops mid-interview is "reschedule / no decision", not a verdict on half
an interview; a finished interview, or one cut off after the engineer evidence was given, is judged as ever."""

from __future__ import annotations

from screener.offline import grader as offline
from screener.offline.cutoff import cut_off
from screener.rubric import load_rubric
from screener.testing.transcripts import make_transcript

_START = (
    ("Ines", "interviewer", "Tell me about a model you own."),
    ("Kofi", "candidate", "I own the markdown model for our fashion stores, it sets end-of-season discounts. We "
                          "train it on three years of sales by product and store, and the team uses it weekly."),
    ("Ines", "interviewer", "How do you know it works?"),
    ("Kofi", "candidate", "We look at sell-through at the end of the season, and last season it was better than "
                          "the year before, maybe 5 percent. The planners like it, and I check the feature "
                          "pipeline every Monday before the job runs, there are a lot of stores and products."),
    ("Ines", "interviewer", "What went wrong the last time it misbehaved?"),
    ("Kofi", "candidate", "There was a week where the prices looked strange in a few stores, and I looked at the "
                          "inputs and some of the stock numbers were late, so the model saw zero stock, and I "
                          "reran it once the numbers arrived. It was fine after that, the planners were happy."),
    ("Ines", "interviewer", "Which features matter most, and how do you validate the model?"),
    ("Kofi", "candidate", "The features are the usual ones, price, stock, weeks left in the season, last year's "
                          "sales. We use XGBoost with a random split and cross-validation, and the accuracy is "
                          "very good, around 95 percent. I think the data pipeline is the important part really."),
)


def _grade(*ending: tuple[str, str, str]):
    t = make_transcript(*_START, *ending)
    return t, offline.grade_offline(t, load_rubric().for_role("ml_engineer"), "ml_engineer")


def test_a_recording_that_stops_mid_question_is_no_decision():
    t, card = _grade(("Ines", "interviewer", "Sorry, the recording has stopped, the storage is full."),
                     ("Kofi", "candidate", "Oh, okay."),
                     ("Ines", "interviewer", "So, you were saying, for each product at the end of its"))
    assert cut_off(t)
    assert (card.signal, card.recommendation) == ("insufficient_evidence", "no_decision")
    assert "cut_off" in {f.kind for f in card.red_flags}


def test_a_finished_interview_with_the_same_answers_is_judged():
    t, card = _grade(("Ines", "interviewer", "Thanks, that's all from me. The recruiter will be in touch."),
                     ("Kofi", "candidate", "Thank you, bye."))
    assert cut_off(t) is None
    assert card.signal == "prompt_tourist" and "cut_off" not in {f.kind for f in card.red_flags}


def test_a_dropped_call_after_measured_engineer_answers_keeps_its_verdict():
    measured = (
        ("Ines", "interviewer", "How do you evaluate it?"),
        ("Kofi", "candidate", "On an out-of-time holdout of the last eight weeks, 41,000 product-store rows, "
                              "weighted error went from 31 percent with the seasonal-naive baseline to 24 percent "
                              "with the model, and I bootstrapped the weeks to check the gap was outside the noise."),
        ("Ines", "interviewer", "And a failure you debugged?"),
        ("Kofi", "candidate", "Late stock feeds made the model see zero stock; I traced it to the warehouse export "
                              "job, added a freshness check that blocks the run, and wrong prices went from 4.1 "
                              "percent to 0.3 percent of 2,000 prices the planners audited each week."),
        ("Ines", "interviewer", "Sorry Kofi, I think I've lost you, you're breaking up."),
    )
    t = make_transcript(*_START, *measured)
    card = offline.grade_offline(t, load_rubric().for_role("ml_engineer"), "ml_engineer")
    assert cut_off(t)
    assert card.signal == "engineer"
