"""The offline evidence grader: the traps it must not fall for, and its agreement with the golden labels."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from screener.evals.metrics import reused_quotes
from screener.golden import load_golden
from screener.grading import GradeOptions, grade
from screener.offline.grader import grade_offline
from screener.offline.numbers import extract_claims
from screener.offline.settings import DEFAULT_OFFLINE, OfflineSettings
from screener.parsing import load_transcript
from screener.paths import REPO_ROOT
from screener.rubric import load_rubric
from screener.testing.transcripts import make_transcript

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


def _supplied(card) -> list[str]:
    return [f.detail for f in card.red_flags if f.kind == "interviewer_supplied_numbers"]


def test_a_candidate_who_corrects_the_interviewers_number_owns_it():
    t = make_transcript(
        ("Ines", "interviewer", "I think you said agreement went from 60 to 80 percent?"),
        ("Kofi", "candidate", "No, it was more like 71 to 89."),
        ("Ines", "interviewer", "So the fraud model's AUC was 0.9?"),
        ("Kofi", "candidate", "Closer to 0.87, that was the production number."),
    )
    card = grade(t, "offline", AI)
    assert not _supplied(card)
    got = {(c.metric, c.before, c.after, c.unit) for c in card.quantified_claims}
    assert ("agreement", 71, 89, "%") in got  # the question names the metric and unit of the short answer
    assert any(c.after == 0.87 and "auc" in c.metric.lower() for c in card.quantified_claims)


def test_an_interviewer_recapping_the_candidates_own_numbers_supplies_nothing():
    t = make_transcript(
        ("Ines", "interviewer", "What happened to latency?"),
        ("Kofi", "candidate", "The p95 latency went from 200 milliseconds to 800 milliseconds after the cache."),
        ("Ines", "interviewer", "Sorry, just to check I heard that right. 200 milliseconds before, 800 after?"),
        ("Kofi", "candidate", "Yes, exactly, 200 to 800."),
    )
    card = grade(t, "offline", AI)
    assert not _supplied(card)
    assert any(c.turn == 1 and (c.before, c.after) == (200, 800) for c in card.quantified_claims)


def test_merely_agreeing_to_the_interviewers_measurement_is_flagged_and_not_credited():
    t = make_transcript(
        ("Ines", "interviewer", "So you got hallucinations down from eight percent to two?"),
        ("Kofi", "candidate", "Yeah, exactly, about that."),
        ("Ines", "interviewer", "And accuracy ended up at what, 95?"),
        ("Kofi", "candidate", "Yeah, around 95."),
    )
    card = grade(t, "offline", AI)
    details = _supplied(card)
    assert len(details) == 2 and "8, 2" in details[0] and "95" in details[1]
    assert not card.quantified_claims  # the 95 said back is the interviewer's, not a claim of the candidate's


def test_small_talk_numbers_from_the_interviewer_are_not_a_measurement():
    t = make_transcript(
        ("Ines", "interviewer", "Hi! We have about 30 minutes, can you hear me?"),
        ("Kofi", "candidate", "Yes, loud and clear."),
        ("Ines", "interviewer", "Great. We'll spend 10 minutes on evals and then 15 on your project, okay?"),
        ("Kofi", "candidate", "Sure, sounds good."),
    )
    card = grade(t, "offline", AI)
    assert not _supplied(card) and not card.quantified_claims


def test_a_long_answer_does_not_take_the_questions_metric_for_its_own_numbers():
    t = make_transcript(
        ("Ines", "interviewer", "How many gearbox failures did you have in the data to train on?"),
        ("Kofi", "candidate", "We had a lot of data, around 5 terabytes of sensor data, from more than 600 turbines "
                              "over three years."),
    )
    card = grade(t, "offline", AI)
    assert not card.quantified_claims  # data volume and fleet size, not a count of failures


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


_GRADE_SOME = """
import hashlib
from screener.golden import load_golden
from screener.grading import GradeOptions, grade
from screener.parsing import load_transcript
for c in [c for c in load_golden() if c.id.startswith(("ai_", "ml_"))]:
    card = grade(load_transcript(c.path(), format=c.format, candidate=c.candidate), "offline", GradeOptions(role=c.role))
    print(c.id, hashlib.sha256(card.model_dump_json(exclude={"grader"}).encode()).hexdigest())
"""


def test_offline_grading_does_not_depend_on_the_hash_seed():
    import os
    import subprocess
    import sys

    runs = [subprocess.run([sys.executable, "-c", _GRADE_SOME], capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": seed}, cwd=REPO_ROOT).stdout for seed in ("1", "2")]
    assert runs[0] and runs[0] == runs[1]


def test_offline_grading_is_deterministic():
    a = grade(ENGINEER, "offline", AI).model_dump(exclude={"grader"})
    b = grade(ENGINEER, "offline", AI).model_dump(exclude={"grader"})
    assert a == b


# ---- evidence about the practice, not its words -----------------------------------------------------------

FILLER = (" It was a good project and I learned a lot from it, and the people I worked with were great, so overall "
          "I am happy with how it went and with what we delivered to the business in the end.")


def _by_id(card):
    return {c.id: c for c in card.competencies}


def test_support_agents_are_people_not_ai_agents():
    t = interview("Support agents get a drafted reply for each ticket, they edit it and send it. A support lead "
                  "flagged that agents were rewriting almost every refund draft from scratch." + FILLER,
                  "The human agents told us it saves them time, and the live agents prefer it now." + FILLER,
                  "Our call center agents also use it for the phone queue every day." + FILLER)
    agents = _by_id(grade(t, "offline", AI))["ai_agents"]
    assert agents.score is None and agents.evidence == []


def test_ai_agents_with_tools_are_agents():
    t = interview("Our agent calls three tools, a refund lookup, an order search and a ticket update, and when a "
                  "tool call fails with bad arguments it retries once and then asks a human to approve." + FILLER,
                  ENGINEER.turns[3].text, ENGINEER.turns[5].text)
    assert _by_id(grade(t, "offline", AI))["ai_agents"].evidence


def test_permission_to_build_a_test_set_is_evidence_of_nothing():
    t = interview("That was the moment I got permission to build a proper test set." + FILLER,
                  "I would like to build a golden set and an LLM judge next quarter." + FILLER,
                  "We are planning to add a regression suite at some point." + FILLER)
    card = grade(t, "offline", AI)
    quotes = [e.quote for c in card.competencies for e in c.evidence]
    assert not any("permission" in q or "would like" in q or "planning" in q for q in quotes), quotes


def test_a_tool_list_and_an_unmeasured_percentage_are_tourist_signs():
    t = interview("We used RAGAS and DeepEval, and we had LLM-as-a-judge for everything." + FILLER,
                  "After we switched prompts, answer quality improved 40%." + FILLER,
                  "Our evals were really robust, we basically evaluated every release with the judge." + FILLER)
    card = grade(t, "offline", AI)
    assert card.signal == "prompt_tourist"
    assert all(c.score is None or c.score <= 2 for c in card.competencies)
    assert _by_id(card)["ai_eval"].score == 1


def test_a_sentence_is_filed_under_one_competency_unless_it_evidences_two():
    card = grade(ENGINEER, "offline", AI)
    reused, total = reused_quotes(card.model_dump())
    # every measured sentence of these dense answers is about a topic: measurement rigour may share one of them
    assert total >= 8 and reused <= 2


def test_the_readme_example_credits_only_what_it_evidences():
    card = grade(load_transcript(REPO_ROOT / "examples" / "zoom_interview.vtt"), "offline",
                 GradeOptions(role="ai_engineer"))
    by_id = _by_id(card)
    assert by_id["ai_eval"].score == 4 and by_id["ai_measurement"].score == 4
    for cid in ("ai_agents", "ai_retrieval", "ai_hallucination", "ai_production"):
        assert by_id[cid].score is None, (cid, [e.quote for e in by_id[cid].evidence])
    quotes = [e.quote for c in card.competencies for e in c.evidence]
    assert not any(q.startswith(("Support agents", "That was the moment")) for q in quotes)
    assert card.role_fit == "ai_engineer" and card.recommendation == "strong_hire"


# ---- role fit is judged from the transcript ---------------------------------------------------------------

ML_ENGINEER = interview(
    "We trained a gradient-boosted churn model on 14 months of history, and the first version leaked: a survey "
    "field filled in while cancelling was the top feature. I rebuilt the features point-in-time, so every row only "
    "uses what we knew that Monday, and switched to a time-based split.",
    "On the last three months, which the model never saw, AUC went from 0.71 to 0.78, and precision in the top 500 "
    "went from 16 percent to 40 percent against the old rule, measured on the same held-out weeks.",
    "We retrain monthly, and a drift check on the feature distributions alerts us; after the app changed how skips "
    "work the precision dropped from 40 to 25 percent, so I added the pause as a feature and retrained.",
)


@pytest.mark.parametrize("role", ["ai_engineer", "ml_engineer", "hybrid"])
def test_role_fit_is_the_evidence_whatever_role_was_interviewed_for(role):
    assert grade(ML_ENGINEER, "offline", GradeOptions(role=role)).role_fit == "ml_engineer"
    assert grade(ENGINEER, "offline", GradeOptions(role=role)).role_fit == "ai_engineer"


def test_an_ml_engineer_screened_for_an_ai_role_is_an_engineer_and_a_mismatch():
    card = grade(ML_ENGINEER, "offline", AI)
    assert card.signal == "engineer" and card.role_fit == "ml_engineer"
    assert "role_mismatch" in card.rules_fired and card.needs_human_review


PLAIN_ASSISTANT = make_transcript(
    ("Ines", "interviewer", "Tell me about the help assistant."),
    ("Kofi", "candidate", "We have an assistant inside the product: a customer asks a question and the model writes "
                          "an answer from our help articles. I changed the instructions we give the model so it only "
                          "quotes article steps, and a second model checks each answer against the lead's notes."),
    ("Ines", "interviewer", "And did it get better?"),
    ("Kofi", "candidate", "Wrong answers went from about 1 in 9 to 1 in 40 on the same 300 real questions, which the "
                          "support leads marked by hand before and after the change. We still read every one the "
                          "checker calls partly right, because it was too kind on those when we compared it."),
    ("Ines", "interviewer", "What about when it makes things up?"),
    ("Kofi", "candidate", "We marked 100 answers by hand for steps that are in no article: 7 in 100 had one, usually "
                          "a menu name that sounded right. After the assistant was told to say it is not sure when "
                          "nothing fits, that was 2 in 100, but it said so on 15 percent of questions instead of 4, "
                          "so we tuned it per product area."),
)


def test_generation_described_in_plain_words_is_the_ai_track():
    for role in ("ai_engineer", "ml_engineer"):
        card = grade_offline(PLAIN_ASSISTANT, load_rubric().for_role(role), role)
        assert card.role_fit == "ai_engineer", role


def test_grade_offline_never_reads_role_fit_from_the_role_argument():
    comps = load_rubric().for_role("ai_engineer")
    assert grade_offline(ML_ENGINEER, comps, "ai_engineer").role_fit == "ml_engineer"
    assert grade_offline(ML_ENGINEER, comps, "ml_engineer").role_fit == "ml_engineer"


# ---- the thresholds are one documented settings object ---------------------------------------------------

def test_offline_settings_are_documented_and_strict():
    fields = OfflineSettings.model_fields
    assert len(fields) >= 12
    assert all(f.description for f in fields.values()), [n for n, f in fields.items() if not f.description]
    with pytest.raises(ValidationError):
        OfflineSettings(min_wrods=10)  # type: ignore[call-arg]
    assert OfflineSettings() == DEFAULT_OFFLINE


def test_grade_offline_takes_settings_so_thresholds_can_be_swept():
    comps = load_rubric().for_role("ai_engineer")
    assert grade_offline(ENGINEER, comps, "ai_engineer").signal == "engineer"
    strict = grade_offline(ENGINEER, comps, "ai_engineer", OfflineSettings(min_words=10_000, engineer_measured_answers=9))
    assert strict.signal == "insufficient_evidence" and strict.recommendation == "no_decision"
    assert strict.role_fit == "unclear"


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


def test_offline_quotes_are_rarely_filed_under_two_competencies_on_the_golden_set(golden_cards):
    counts = [reused_quotes(card.model_dump()) for card in golden_cards.values()]
    reused, total = sum(r for r, _ in counts), sum(t for _, t in counts)
    assert total >= 200 and reused / total <= 0.10


def test_screened_for_the_other_track_the_verdict_stands_and_the_mismatch_is_reported():
    # the dev engineers and tourists of one track, graded as if interviewed for the other one
    cases = [c for c in GOLDEN if c.id.startswith(("ai_", "ml_")) and c.role != "hybrid"
             and c.expected.role_fit == c.role and c.expected.signal != "insufficient_evidence"]
    assert len(cases) >= 30
    wrong = []
    for case in cases:
        other = "ml_engineer" if case.role == "ai_engineer" else "ai_engineer"
        card = grade(load_transcript(case.path(), format=case.format, candidate=case.candidate), "offline",
                     GradeOptions(role=other))
        if card.signal != case.expected.signal or card.role_fit != case.role or "role_mismatch" not in card.rules_fired:
            wrong.append((case.id, card.signal, card.role_fit))
    assert len(wrong) <= 2, wrong


def test_offline_rarely_scores_what_the_labels_say_was_not_assessed(golden_cards):
    slots = [(case.id, cid) for case in GOLDEN for cid, want in case.competencies.items() if want is None]
    scored = [(cid, comp) for cid, comp in slots
              if next(c for c in golden_cards[cid].competencies if c.id == comp).score is not None]
    assert len(slots) >= 100 and len(scored) / len(slots) <= 0.10, scored


def test_phrase_scan_finds_the_same_phrases_in_ascii_and_unicode_text():
    # ASCII text is tokenised with a faster pattern: the hits must be those of the general one
    from screener.offline import lexicon as lx
    from screener.offline.phrases import PhraseIndex

    index = PhraseIndex({**lx.LEXICONS, "x": ("held-out set", "don't know", "p95 latency", "a b c")})
    text = ("We don't know; the HELD-OUT set, p95 latency_ms and a b c d. I think it's basically RAGAS, "
            "LangChain and a regression suite with 40 cases.")
    fast = index.scan(text)
    general = index.scan(text + " é")  # one non-ASCII letter: the general pattern
    assert fast == general and fast["x"]
    assert index.scan("Rocío’s held-out set")["x"] == [(8, 20, "held-out set")]


def test_a_bare_relative_change_is_not_a_measured_answer():
    # "reduced churn by 40 percent" and "reply rates doubled", with no baseline values and no method, are the
    # rubric's tourist sign however often they are said; the same change measured on named data is measurement
    bare = interview("We built a churn model for the retention team and we reduced churn by 40 percent." + FILLER,
                     "Reply rates doubled after we rewrote the prompts for the outreach emails." + FILLER,
                     "The pipeline is stable and the business is very happy with the results." + FILLER)
    card = grade(bare, "offline", AI)
    assert card.signal == "prompt_tourist"
    method = interview("We built a churn model, and on the same held-out weeks compared to the old rule, churn among "
                       "contacted customers was 40 percent lower, measured against a random control group." + FILLER,
                       "Reply rates doubled on a 2,000-email A/B test versus the old prompt, compared on the same "
                       "week's leads." + FILLER,
                       "The pipeline is stable and the business is very happy with the results." + FILLER)
    measured = grade(method, "offline", AI)
    assert measured.signal == "engineer" and _by_id(measured)["ai_measurement"].score == 3
