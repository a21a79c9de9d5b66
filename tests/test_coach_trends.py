"""Per-interviewer trends over the workspace store (SQLite): who may see them, and what they count."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from screener.coach.trends import interviewer_trends
from screener.store import open_store
from screener.store.errors import StoreValueError
from screener.store.people import add_member, add_user
from screener.store.records import add_interview, get_or_create_candidate, get_or_create_requisition
from screener.testing.transcripts import LEADING_INTERVIEW, clean_interview

LEADING = LEADING_INTERVIEW
CLEAN = clean_interview(follow_up_by="Dan")


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv("SCREENER_DATABASE_URL", raising=False)
    st = open_store(f"sqlite:///{tmp_path / 'store.db'}")
    with st.session() as s:
        req = get_or_create_requisition(s, "REQ-1", role="ai_engineer")
        other = get_or_create_requisition(s, "REQ-2", role="ai_engineer")
        ben = get_or_create_candidate(s, "Ben")
        add_interview(s, candidate=ben, transcript=LEADING, role="ai_engineer", requisition=req, format="text",
                      interviewers=["Ana"], interviewed_on=date(2026, 10, 5))
        add_interview(s, candidate=ben, transcript=CLEAN, role="ai_engineer", requisition=other, format="text",
                      interviewers=["Cleo", "Dan"], interviewed_on=date(2026, 11, 2))
        add_interview(s, candidate=ben, transcript=None, role="ai_engineer", requisition=req, format="text",
                      interviewers=["Ana"], interviewed_on=date(2026, 11, 9), transcript_sha256="ab" * 32)  # removed
        manager = add_user(s, "mia", None, role="hiring_manager")
        add_member(s, req, manager)
        add_user(s, "root", None, role="admin")
        add_user(s, "ivan", None, role="interviewer")
    yield st
    st.close()


def _user(s, name):
    from screener.store.people import require_user

    return require_user(s, name)


def test_admin_sees_every_interviewer_by_month(store) -> None:
    with store.session() as s:
        trends = interviewer_trends(s, _user(s, "root"))
    rows = {(r.interviewer, r.period): r for r in trends.rows}
    assert set(rows) == {("Ana", "2026-10"), ("Cleo", "2026-11"), ("Dan", "2026-11")}
    ana, cleo, dan = rows["Ana", "2026-10"], rows["Cleo", "2026-11"], rows["Dan", "2026-11"]
    assert ana.questions == 2 and ana.leading_rate == 0.5  # one of her two turns states the numbers
    assert cleo.leading_rate == 0.0 and dan.leading_rate == 0.0
    assert 0 < ana.kit_coverage < 1 and ana.unlawful_questions == 0
    assert 0 < dan.talk_share < cleo.talk_share + dan.talk_share < 1  # two interviewers share the talk
    assert trends.skipped == 1  # the interview whose transcript retention removed


def test_a_hiring_manager_sees_only_their_requisitions(store) -> None:
    with store.session() as s:
        trends = interviewer_trends(s, _user(s, "mia"))
    assert {r.interviewer for r in trends.rows} == {"Ana"}


def test_an_interviewer_is_refused_in_one_line(store) -> None:
    with store.session() as s, pytest.raises(StoreValueError, match="hiring managers and admins"):
        interviewer_trends(s, _user(s, "ivan"))
