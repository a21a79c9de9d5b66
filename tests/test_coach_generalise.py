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
    # euphemisms and circumstances (``euphemisms``)
    ("Remind me, did you go to college before or after the internet was a thing?", "age"),
    ("Would you be comfortable reporting to someone twenty years younger?", "age"),
    ("How many mouths do you have to feed?", "family"),
    ("Have you got someone waiting for you at home?", "marital_status"),
    ("Are you observing anything this month?", "religion"),
    ("What brought you to this country?", "national_origin"),
    ("How do you say your name in your own language?", "national_origin"),
    ("Are you fully mobile?", "disability_health"),
    ("Is the cast on your arm going to get in the way of typing?", "disability_health"),
    ("Could you tell me what your last three salaries were?", "salary_history"),
    ("Are you out at work?", "sexual_orientation"),
    ("Is that your real name, or the one you chose?", "gender"),
    ("Would you ever go on strike?", "union_membership"),
    ("Have you been involved in organising at your last company?", "union_membership"),
    # a tag question after a noun phrase, the candidate's own reasons, what they eat, past pay in the past tense
    ("That year off in 2019, was it a health thing?", "disability_health"),
    ("Would late Fridays be difficult for religious reasons?", "religion"),
    ("Can you eat beef? We are booking the team dinner.", "religion"),
    ("Has anyone ever brought charges against you?", "arrest_record"),
    ("How much stock did you get at your last company, and what was your bonus?", "salary_history"),
    ("You'd have been programming since the floppy disk days, then?", "age"),
    ("Nice necklace, is that a crucifix?", "religion"),
    ("Your knee brace, will the stairs be a problem?", "disability_health"),
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
    # lawful by shape (``lawful_shapes``)
    "How would you explain the parent-child relationship in the document tree?",
    "How did you decide the retirement of the old index?",
    "What do you do to avoid burnout on your team?",
    "Did you pray the deploy would work?",
    "What were you paid to optimise: latency or cost?",
    "Have you been involved in organising the team offsite?",
    # the protected word names the work the candidate built, or a thing in the room
    "You built a scheduler for your family's restaurant; how did you evaluate the forecasts?",
    "Your project tagged religious sermons by theme; how did you split the data?",
    "How did you measure whether the parental-leave FAQ bot answered correctly?",
    "Great poster behind you, where's it from?",
    "What was the base model you fine-tuned?",
])
def test_lawful_neighbours_stay_lawful(turn: str) -> None:
    assert "unlawful" not in classify_turn(turn, None, "ai_engineer").kinds, turn


@pytest.mark.parametrize("turn", [
    "Love the plants behind you, are they real?",
    "Any holiday plans this summer?",
    "Did you catch the cricket on Sunday?",
    "Someone said you're a keen cyclist?",
    "Hope the roads weren't too busy on the way over.",
    "How was the summit in Lisbon?",
    "I watched your talk on the podcast last month, really enjoyed it.",
])
def test_pleasantries_about_the_candidates_day_are_small_talk(turn: str) -> None:
    assert "small_talk" in classify_turn(turn, None, "ai_engineer").kinds, turn


def test_a_pleasantry_that_leads_into_an_unlawful_question_is_its_pretext() -> None:
    reading = classify_turn("Any holiday plans? Visiting family back in Lagos?", None, "ai_engineer")
    assert "unlawful" in reading.kinds and "small_talk" not in reading.kinds


@pytest.mark.parametrize("turn", [
    "Walk me through the commute-time model: how bad were its errors before you fixed them?",
    "What plans did you make for the eval weekend rollout?",
])
def test_work_that_borrows_a_pleasantrys_words_is_not_small_talk(turn: str) -> None:
    assert "small_talk" not in classify_turn(turn, None, "ai_engineer").kinds, turn


def test_the_jobs_own_terms_put_for_agreement_are_not_leading() -> None:
    reading = classify_turn("The role involves travel two weeks a month; is that okay with you?", None, "ai_engineer")
    assert "leading" not in reading.kinds


def test_a_journey_by_train_is_small_talk_not_training() -> None:
    assert "small_talk" in classify_turn("Hope the train wasn't too busy on the way.", None, "ai_engineer").kinds
