"""The offline grader files a sentence under the competency whose practice it tells of, and judges role fit from
the evidence: checked on development transcripts written for it (tests/fixtures/offline_dev/, not golden)."""

from __future__ import annotations

import pytest
import yaml

from screener.grading import GradeOptions, grade
from screener.offline import grader as offline
from screener.parsing import load_transcript
from screener.paths import REPO_ROOT
from screener.rubric import RoleChoice, load_rubric
from screener.testing.transcripts import make_transcript

DEV = REPO_ROOT / "tests" / "fixtures" / "offline_dev"
CASES = yaml.safe_load((DEV / "expected.yaml").read_text(encoding="utf-8"))


def _filed(transcript, role: RoleChoice) -> list[tuple[str, list[str]]]:
    """Every candidate sentence with the competencies the grader filed it under (both tracks')."""
    seen: list[tuple[str, list[str]]] = []
    real = offline._attribute

    def spy(questions, readings, *args, **kwargs):
        real(questions, readings, *args, **kwargs)
        seen.extend((s.text, list(s.topics)) for r in readings for s in r.sents)

    offline._attribute = spy
    try:
        offline.grade_offline(transcript, load_rubric().for_role(role), role)
    finally:
        offline._attribute = real
    return seen


def _topics_of(filed: list[tuple[str, list[str]]], fragment: str) -> list[str]:
    found = [topics for text, topics in filed if fragment in text]
    assert len(found) == 1, f"{fragment!r} is not one sentence of the transcript"
    return found[0]


def test_the_development_transcripts_are_several_and_both_ways_round():
    assert len(CASES) >= 6
    assert {(c["role"], c["role_fit"]) for c in CASES} >= {("ai_engineer", "ml_engineer"),
                                                            ("ml_engineer", "ai_engineer"),
                                                            ("ai_engineer", "hybrid"), ("ml_engineer", "hybrid")}


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c['file']}-{c['role']}")
def test_role_fit_and_signal_come_from_the_evidence(case):
    card = grade(load_transcript(DEV / case["file"]), "offline", GradeOptions(role=case["role"]))
    assert (card.signal, card.role_fit) == (case["signal"], case["role_fit"])
    mismatch = case["role_fit"] in ("ai_engineer", "ml_engineer") and case["role_fit"] != case["role"]
    assert ("role_mismatch" in card.rules_fired) == mismatch
    scores = {c.id: c.score for c in card.competencies}
    assert [cid for cid in case.get("not_assessed", ()) if scores[cid] is not None] == []


@pytest.mark.parametrize("case", [c for c in CASES if c.get("filed") or c.get("not_filed")],
                         ids=lambda c: f"{c['file']}-{c['role']}")
def test_sentences_are_filed_under_the_practice_they_tell_of(case):
    filed = _filed(load_transcript(DEV / case["file"]), case["role"])
    for fragment, comp in (case.get("filed") or {}).items():
        assert comp in _topics_of(filed, fragment), fragment
    for fragment, comp in (case.get("not_filed") or {}).items():
        assert comp not in _topics_of(filed, fragment), fragment


def test_a_judge_checked_against_people_is_evaluation_not_retrieval():
    # in an answer about retrieval, the judge's agreement with human raters is evidence of evaluation
    t = make_transcript(
        ("Ines", "interviewer", "Tell me about a retrieval change you made."),
        ("Kofi", "candidate", "I re-chunked the help articles on headings and added a reranker, and recall at five "
                              "went from 0.6 to 0.8 on our labelled queries. The LLM judge agreed with human raters "
                              "91% of the time on 200 answers. We calibrated the judge against hand labels every "
                              "month because agreement drifted once."))
    filed = _filed(t, "ai_engineer")
    assert "ai_retrieval" in _topics_of(filed, "re-chunked")
    for fragment in ("agreed with human raters", "calibrated the judge"):
        topics = _topics_of(filed, fragment)
        assert topics[:1] == ["ai_eval"] and "ai_retrieval" not in topics, (fragment, topics)
    # a model's probability calibration and its inputs drifting are still the ML track's
    ml = make_transcript(("Ines", "interviewer", "How did you check the probabilities?"),
                         ("Kofi", "candidate", "The fraud model was badly calibrated, so I fit isotonic calibration on "
                                               "a separate month. The inputs drifted after a big merchant joined."))
    filed = _filed(ml, "ml_engineer")
    assert _topics_of(filed, "isotonic calibration")[:1] == ["ml_evaluation"]
    assert _topics_of(filed, "inputs drifted")[:1] == ["ml_deployment"]


def test_a_cache_hit_rate_is_not_retrieval():
    t = make_transcript(("Ines", "interviewer", "How did you cut the cost?"),
                        ("Kofi", "candidate", "We cached answers to repeated questions. Hit rate is about 38 percent "
                                              "of first messages. The retriever's hit rate on the top five "
                                              "documents went from 0.7 to 0.85."))
    filed = _filed(t, "ai_engineer")
    assert "ai_retrieval" not in _topics_of(filed, "about 38 percent")
    assert "ai_retrieval" in _topics_of(filed, "top five documents")


def test_a_tool_list_and_a_bare_improvement_do_not_make_a_level_3_in_an_engineers_interview():
    # the rubric's tourist signs (tools named, "improved 30%" with no baseline or method of its own) cap the
    # competency they are about, even when the candidate's other answers are measured practice
    def interview(third: str):
        return make_transcript(
            ("Ines", "interviewer", "Tell me about the eval suite you built."),
            ("Kofi", "candidate", "We kept 300 real support questions with answers our leads wrote, and every prompt "
                                  "change had to pass them in CI. The wrong-answer rate went from 1 in 9 to 1 in 40 "
                                  "over two months on that held-out set, and we hand-graded 50 each week."),
            ("Ines", "interviewer", "Walk me through a hallucination you debugged."),
            ("Kofi", "candidate", "The bot invented refund rules. It turned out retrieval returned stale chunks, so we "
                                  "re-chunked on headings and added a reranker. Hallucinated policy answers dropped "
                                  "from 7% to 1.5% on 400 labelled queries."),
            ("Ines", "interviewer", "What about agents?"),
            ("Kofi", "candidate", third))

    comps = load_rubric().for_role("ai_engineer")
    bare = offline.grade_offline(interview("For the agents we built a workflow with LangGraph and CrewAI calling our "
                                           "tools, and task success improved 30%."), comps, "ai_engineer")
    scores = {c.id: c.score for c in bare.competencies}
    assert bare.signal == "engineer" and scores["ai_eval"] == 3
    assert scores["ai_agents"] is not None and scores["ai_agents"] <= 2
    measured = offline.grade_offline(interview(
        "For the agents we built a workflow with LangGraph and CrewAI calling our tools; we measured task success on "
        "200 labelled tasks and it went from 61% to 83% after we fixed the tool schema."), comps, "ai_engineer")
    assert {c.id: c.score for c in measured.competencies}["ai_agents"] == 3


def _ml_engineer_screened_for_ai():
    """An ML engineer in an AI engineer screen: measured model work, serving latency, and AI questions declined."""
    return make_transcript(
        ("Ines", "interviewer", "Tell me about a model you own and how you know a new version is better."),
        ("Kofi", "candidate", "I own the churn model for our broadband customers. We compare versions on an "
                              "out-of-time holdout, the last eight weeks, which the model never saw. The last retrain "
                              "took recall at the top decile from 41 to 48 percent on about 9,000 churners, and I "
                              "bootstrapped the holdout by customer to check the gain was outside the noise."),
        ("Ines", "interviewer", "What's the latency budget, and what happens when things go wrong?"),
        ("Kofi", "candidate", "Scoring has to answer in 40 milliseconds at p99 and we sit at 22. When the feature "
                              "cache failed last spring the p99 went to 300 milliseconds, the fallback-rate alert "
                              "paged us, and we added a second replica and measured the fallback cost: 6 percent of "
                              "churners missed that week."),
        ("Ines", "interviewer", "Suppose our assistant makes things up. How would you approach hallucinations?"),
        ("Kofi", "candidate", "Honestly, I'd start with a labelled sample of real answers and count the made-up ones "
                              "by type. But I haven't done it for an LLM, so I don't know the specific techniques. "
                              "I know people use retrieval and citations, but I haven't built that."),
        ("Ines", "interviewer", "Agents, tool calling?"),
        ("Kofi", "candidate", "No. Our retention team are called save agents, but they're people. I've never built a "
                              "tool-using model."),
        ("Ines", "interviewer", "Tell me about a time the numbers surprised you."),
        ("Kofi", "candidate", "Recall dropped 6 points in two weeks with no model change. I checked the labels first, "
                              "then split by region and found a new tariff the model had not seen; we retrained with "
                              "it and added a tariff-age feature, and recall came back within a point on the holdout."))


def test_a_declined_question_credits_nothing_and_hands_no_topic_on():
    # "No ... they're people. I've never built a tool-using model" is not evidence of agents, and the answer after
    # it (to a question naming no topic) does not inherit agents either
    t = _ml_engineer_screened_for_ai()
    filed = _filed(t, "ai_engineer")
    for fragment in ("they're people", "never built a tool-using", "I'd start with a labelled sample",
                     "haven't done it for an LLM", "I know people use retrieval", "Recall dropped 6 points"):
        topics = _topics_of(filed, fragment)
        assert not {"ai_agents", "ai_hallucination", "ai_retrieval", "ai_eval"} & set(topics), (fragment, topics)
    card = offline.grade_offline(t, load_rubric().for_role("ai_engineer"), "ai_engineer")
    scores = {c.id: c.score for c in card.competencies}
    assert [cid for cid in ("ai_agents", "ai_hallucination", "ai_retrieval") if scores[cid] is not None] == []
    assert scores["ai_production"] is not None  # the serving answer is real practice, whichever track


def test_serving_latency_alone_does_not_make_an_ml_engineer_a_hybrid():
    # latency budgets, fallbacks and alerts are either track's practice: the track is the churn model's
    card = offline.grade_offline(_ml_engineer_screened_for_ai(), load_rubric().for_role("ai_engineer"), "ai_engineer")
    assert card.role_fit == "ml_engineer"


@pytest.mark.parametrize("sentence", [
    "I haven't built that.", "I've never built a tool-using model.", "Not for an LLM.",
    "We use merchant embeddings as features, but that's a different thing.", "Our fraud agents? They're people.",
    "I know people use retrieval and citations.", "I think agentic AI is where everything's heading.",
    "I have no hands-on experience with vector search.", "That was another team's project, not my area.",
    "Nothing with tool calls, no.", "No agent projects, honestly.", "I didn't engineer the features myself.",
    "The product team says 'features' a lot, but that's not what you mean.",
    "We fetch the policy PDF by its number, but that's a lookup.",
    "Honestly, the evaluation and the serving are owned by my colleague Johan.",
    "There was a module on agents in the course, and I followed along.",
    "It went from twenty seconds to eight, but I timed it on my phone, so it's not a real measurement.",
])
def test_disclaimers_and_someone_elses_practice_are_not_the_candidates_own(sentence):
    from screener.offline import ownership
    assert ownership.disowns(sentence)


@pytest.mark.parametrize("sentence", [
    "We never ship a prompt change without the suite passing.",
    "We haven't seen a hallucinated refund since the citation check went in.",
    "I'd say recall went from about 0.6 to 0.8 on the labelled queries.",
    "The judge didn't agree with people at first, so I rewrote the rubric.",
    "I built the retrieval index myself and never had a stale chunk after the nightly rebuild.",
    "So I didn't ship it: the backtest gain was within the noise and the pipeline cost doubled.",
    "No regressions since: the suite has caught three bad prompt changes.",
])
def test_practice_with_a_negation_in_it_is_still_practice(sentence):
    from screener.offline import ownership
    assert not ownership.disowns(sentence)
    assert ownership.owned([sentence]) == [True]


def test_a_plan_counts_as_practice_only_when_the_answer_does_not_disclaim_the_topic():
    from screener.offline import ownership
    plan = "I'd start with a labelled sample of real answers."
    # beside real practice ("what would you do differently" answers mix both), a plan is left alone
    assert ownership.owned(["We built a 300-case suite that gates every prompt change.", plan]) == [True, True]
    assert ownership.owned([plan, "But I haven't done it for an LLM."]) == [False, False]
    # an answer about what the candidate wants to learn names what they have not done yet
    assert ownership.owned(["How you build a test set for open-ended answers."],
                           "What would you want to learn in this role?") == [False]


def test_a_number_the_candidate_disowns_is_not_their_measurement():
    # two timed answers make a measured interview; "not a real measurement" and a colleague's figures do not
    def interview(second: str):
        return make_transcript(
            ("Ines", "interviewer", "Tell me about the retrieval you built."),
            ("Kofi", "candidate", "I re-chunked the help articles on headings and checked, for 200 labelled "
                                  "questions, whether the right article was in the top five: recall at five went "
                                  "from 0.61 to 0.78 after the change."),
            ("Ines", "interviewer", "And the latency?"),
            ("Kofi", "candidate", second))

    comps = load_rubric().for_role("ai_engineer")
    own = offline.grade_offline(interview(
        "I fixed the slow embedding call with a batch endpoint, and p95 went from 2.4 seconds to 0.9 on a week of "
        "logged traffic, 40,000 requests."), comps, "ai_engineer")
    disowned = offline.grade_offline(interview(
        "Answer time went from about twenty seconds to eight when I switched to the API, but I timed it on my "
        "phone a few times, so it's not a real measurement."), comps, "ai_engineer")
    assert own.signal == "engineer"
    assert disowned.signal != "engineer"
