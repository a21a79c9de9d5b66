"""Protected questions put another way than any labelled file words them, and the lawful questions beside them.

Written in this file (not copied from a labelled set) as a new interviewer might say them: an era instead of an
age, a new arrival instead of a pregnancy, the household instead of the children. The detectors read them by
concept (``personal_topics``, ``life_shapes``); the lawful neighbours (the company's own policy, a tree's parent
and child spans, "what do you make of") stay lawful.
"""

from __future__ import annotations

import pytest

from screener.coach.classify import classify_turn


@pytest.mark.parametrize(("turn", "topic"), [
    ("So what were you up to when Y2K was all over the news?", "age"),
    ("Were you in high school when the first iPhone came out?", "age"),
    ("How long do you see yourself working before you call it a career?", "age"),
    ("Are you planning to grow your household in the next couple of years?", "family"),
    ("Who would look after things at home if we needed you to stay late?", "family"),
    ("Any chance you'll need leave for a new arrival next year?", "pregnancy"),
    ("How far along are you?", "pregnancy"),
    ("Are you seeing anybody at the moment?", "marital_status"),
    ("Have you tied the knot yet?", "marital_status"),
    ("Are you a person of faith?", "religion"),
    ("What do you make of the current government?", "political_affiliation"),
])
def test_protected_questions_in_words_no_lexicon_lists(turn: str, topic: str) -> None:
    reading = classify_turn(turn, None, "ai_engineer")
    assert "unlawful" in reading.kinds, turn
    assert reading.unlawful[0].topic == topic


@pytest.mark.parametrize("turn", [
    "Do you have any questions about our parental leave policy?",
    "Any questions on our health benefits before we finish?",
    "How did you handle parent and child spans in the traces?",
    "What do you make of the eval results so far?",
    "What were you doing when the outage happened?",
    "Who looked after the pipeline while you were on holiday?",
])
def test_lawful_neighbours_stay_lawful(turn: str) -> None:
    assert "unlawful" not in classify_turn(turn, None, "ai_engineer").kinds, turn
