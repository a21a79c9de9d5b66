"""The offline evidence grader: the traps it must not fall for, and its agreement with the golden labels."""

from __future__ import annotations

import pytest
from conftest import make_transcript

from screener.golden import load_golden
from screener.grading import GradeOptions, grade
from screener.offline.numbers import extract_claims
from screener.parsing import load_transcript

AI = GradeOptions(role="ai_engineer")
Q1 = "Tell me about the eval suite you built. What did you measure before and after?"
Q2 = "Walk me through a hallucination you debugged."
Q3 = "How do you keep latency and cost under control in production?"


def interview(*answers: str):
    turns = []
    for q, a in zip((Q1, Q2, Q3, "Anything else?"), answers, strict=False):
        turns += [("Ines", "interviewer", q), ("Kofi", "candidate", a)]
    return make_transcript(*turns)


ENGINEER = interview(
    "We kept 300 real support questions with answers our leads wrote, and every prompt change had to pass them in "
    "CI. The wrong-answer rate went from 1 in 9 to 1 in 40 over two months on that held-out set, and we hand-graded "
    "a sample of 50 each week to check the judge.",
    "The bot invented refund rules. It turned out retrieval returned stale chunks, so we re-chunked on headings and "
    "added a reranker. Hallucinated policy answers dropped from 7% to 1.5% on 400 labelled queries.",
    "We cached embeddings and p95 latency went from 2.4 s to 1.1 s, tracked on a dashboard with an alert. Cost per "
    "conversation went from 4.1 cents to 2.3 cents after we routed easy questions to a smaller model.",
)
TOURIST = interview(
    "I'm passionate about evals. We leveraged LangChain, LlamaIndex, Pinecone and RAGAS to build a robust, "
    "cutting-edge evaluation framework, and honestly the quality was much better, users loved it.",
    "Hallucinations are basically solved with good prompting. I think we just told the model to be accurate and it "
    "pretty much stopped, it was like magic, and everyone was happy with it, you know.",
    "We used caching and kind of optimized everything with best practices, so it was a lot faster and cheaper, "
    "things like that. It's a game changer for the business, really state of the art stuff.",
    "I've worked with GPT-4, Claude, Gemini, Mistral and Llama, and I think the key is really to leverage the right "
    "model for the right task, with a holistic approach and a seamless user experience, and I basically always "
    "follow best practices, so the results speak for themselves and stakeholders were super happy with it.",
)


def test_a_measured_engineer_is_an_engineer():
    card = grade(ENGINEER, "offline", AI)
    assert card.signal == "engineer" and card.recommendation in ("hire", "strong_hire")
    assert any(c.score and c.score >= 3 for c in card.competencies)
    assert card.follow_ups  # agents were never discussed


def test_a_buzzword_tourist_is_a_tourist():
    card = grade(TOURIST, "offline", AI)
    assert card.signal == "prompt_tourist" and card.recommendation in ("no_hire", "strong_no_hire")
    assert {"no_measurement", "vague_claims"} <= {f.kind for f in card.red_flags}


def test_numbers_the_interviewer_said_are_not_the_candidates():
    t = make_transcript(
        ("Ines", "interviewer", "So you took p95 latency from 2 s to 400 ms and cut hallucinations from 12% to 3%?"),
        ("Kofi", "candidate", "Yeah, exactly, something like that."),
        ("Ines", "interviewer", "And the eval suite went from 60% to 90% pass rate?"),
        ("Kofi", "candidate", "Right, yes, roughly 60 to 90, that was the number."),
        ("Ines", "interviewer", "How did you measure it?"),
        ("Kofi", "candidate", "We used a lot of best practices and the team was really happy with how the product "
                              "felt, the users liked it and it was much better overall, I think, honestly it was a "
                              "big improvement for the whole company and everyone noticed it, we leveraged the best "
                              "tools for it and it pretty much worked great across the board for the customers."),
    )
    card = grade(t, "offline", AI)
    assert card.signal != "engineer"
    assert any(f.kind == "interviewer_supplied_numbers" for f in card.red_flags)
    assert all(q.turn not in (0, 2, 4) for q in card.quantified_claims)


def test_non_measurement_numbers_are_not_measurements():
    kinds = {c.kind for c in extract_claims(1, "I have 8 years of experience, led a team of 12 engineers and "
                                               "used 15 tools at 3 startups.")}
    assert kinds == {"non_measurement"}


@pytest.mark.parametrize("sentence,why", [
    ("We reduced hallucinations by 150%.", "reduction"),
    ("Accuracy was 120% on the test set.", "impossible"),
    ("Latency went from 200 ms to 800 ms, so much faster.", "grew"),
    ("The pass rate went from 80% to 130%.", "over 100"),
])
def test_impossible_numbers_are_flagged_not_credited(sentence, why):
    claims = [c for c in extract_claims(1, sentence) if not c.plausible]
    assert claims and why in (claims[0].why_implausible or "")
    assert not claims[0].credited


@pytest.mark.parametrize("sentence", [
    "Throughput improved by 150% after batching.",  # an increase over 100% is possible
    "We alert when volume is less than 70 percent or more than 150 percent of the same weekday.",
    "Latency went from 800 ms to 200 ms, much faster.",
])
def test_possible_numbers_are_not_flagged(sentence):
    assert all(c.plausible for c in extract_claims(1, sentence))


def test_impossible_numbers_make_a_tourist_however_much_else_is_said():
    t = interview(ENGINEER.turns[1].text, "We reduced hallucinations by 150% with better prompts, and accuracy "
                  "went from 70% to 120% on our test set of 200 questions.", ENGINEER.turns[5].text)
    card = grade(t, "offline", AI)
    assert card.signal == "prompt_tourist" and card.recommendation == "strong_no_hire"


def test_plain_words_without_textbook_keywords_still_count():
    t = interview(
        "We kept 300 questions real customers asked, with the answers our support leads wrote, and nothing shipped "
        "unless it got them right. Wrong answers went from one in nine to one in forty.",
        "It made up a refund rule. I printed all 35 bad answers and looked at them: the search was giving it old "
        "pages. We changed that, and on the same 300 questions bad answers went from 12 to 3.",
        "I timed it for a week: answers took 2.4 seconds before and 1.1 seconds after we stopped re-reading every "
        "page, and the bill went from 4,100 dollars a month to 2,300 dollars.",
    )
    assert grade(t, "offline", AI).signal == "engineer"


def test_too_little_to_judge_is_insufficient_evidence():
    t = make_transcript(("Ines", "interviewer", Q1), ("Kofi", "candidate", "Sure, so we had a suite..."),
                        ("Ines", "interviewer", "Sorry, you froze. Can you hear me?"),
                        ("Kofi", "candidate", "Hello? I think my connection is"))
    card = grade(t, "offline", AI)
    assert card.signal == "insufficient_evidence" and card.recommendation == "no_decision"
    assert card.needs_human_review and "no_decision" in card.rules_fired


def test_offline_grading_is_deterministic():
    a = grade(ENGINEER, "offline", AI).model_dump(exclude={"grader"})
    b = grade(ENGINEER, "offline", AI).model_dump(exclude={"grader"})
    assert a == b


# ---- the golden set -------------------------------------------------------------------------------------------

GOLDEN = load_golden()


@pytest.fixture(scope="module")
def golden_cards():
    cards = {}
    for case in GOLDEN:
        cards[case.id] = grade(load_transcript(case.path(), format=case.format, candidate=case.candidate), "offline", GradeOptions(role=case.role))
    return cards


def test_golden_set_is_large_and_labelled():
    assert len(GOLDEN) >= 50
    assert {c.format for c in GOLDEN} == {"text", "vtt", "srt", "otter", "meet", "json", "markdown"}


def test_offline_signal_matches_the_labels_on_at_least_85_percent(golden_cards):
    hits = [golden_cards[c.id].signal == c.expected.signal for c in GOLDEN]
    misses = [c.id for c, h in zip(GOLDEN, hits, strict=True) if not h]
    assert sum(hits) / len(hits) >= 0.85, misses


def test_offline_never_rates_an_interviewer_numbers_or_impossible_numbers_trap_as_engineer(golden_cards):
    # (a candidate who corrects the interviewer with their own numbers owns them: labelled engineer, not a trap)
    traps = [c for c in GOLDEN if {"interviewer_numbers", "impossible_numbers"} & set(c.traps)
             and c.expected.signal != "engineer"]
    assert len(traps) >= 6
    assert [c.id for c in traps if golden_cards[c.id].signal == "engineer"] == []


def test_offline_quotes_are_all_grounded_on_the_golden_set(golden_cards):
    assert sum(card.ungrounded_quotes for card in golden_cards.values()) == 0
