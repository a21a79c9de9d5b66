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
