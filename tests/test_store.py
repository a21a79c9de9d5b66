"""The store's repository API on SQLite and on PostgreSQL: what the web app and the CLI build on."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from store_fixtures import *  # noqa: F403 - the db_url and store fixtures

from screener.grading import GradeOptions, grade
from screener.providers import get_provider
from screener.scorecard import Scorecard
from screener.store import (
    NotFound,
    StoreValueError,
    add_interview,
    add_member,
    add_override,
    add_user,
    authenticate,
    can_open_requisition,
    can_view_interview,
    candidate_interviews,
    claim_grading,
    count_interviews,
    current_decision,
    effective,
    fail_grading,
    finish_grading,
    get_grading,
    get_or_create_candidate,
    get_or_create_requisition,
    get_user,
    list_interviews,
    list_users,
    open_store,
    queue_grading,
    record_decision,
    requeue_stale,
    requisition_candidates,
    save_grading,
    scorecard_of,
    set_disabled,
)
from screener.store.models import utcnow

PASSWORD = "correct horse battery"


@pytest.fixture
def card(strong_transcript) -> Scorecard:
    return grade(strong_transcript, get_provider("offline"), GradeOptions(role="ai_engineer"))


def _interview(s, name="Ada Lovelace", req="REQ-1", by=None, text="Candidate: I measured p95 latency.", **kw):
    requisition = get_or_create_requisition(s, req, title="AI Engineer", role="ai_engineer") if req else None
    return add_interview(s, candidate=get_or_create_candidate(s, name), transcript=text, role="ai_engineer",
                         requisition=requisition, format="text", created_by=by, **kw)


def test_a_graded_interview_is_there_in_a_new_session_with_its_provenance(store, card):
    with store.session() as s:
        interview = _interview(s, interviewers=["Grace", ""], interviewed_on=date(2026, 11, 30))
        grading = save_grading(s, interview, card, options={"role": "ai_engineer"})
        ids = interview.id, grading.id
    with store.reader() as s:
        grading = get_grading(s, ids[1])
        assert grading.status == "done" and grading.interview.id == ids[0]
        assert scorecard_of(grading) == card
        assert (grading.provider, grading.prompt_version) == (card.grader.provider, card.grader.prompt_version)
        assert grading.recommendation == card.recommendation
        assert grading.interview.interviewers == ["Grace"]
        assert grading.interview.interviewed_on == date(2026, 11, 30)
        assert grading.interview.candidate.name == "Ada Lovelace"
        assert grading.created_at.tzinfo is not None
        from screener.audit import sha256_hex

        assert grading.interview.transcript_sha256 == sha256_hex("Candidate: I measured p95 latency.")


def test_the_same_candidate_and_requisition_are_found_again_not_duplicated(store):
    with store.session() as s:
        a = get_or_create_candidate(s, " Ada  Lovelace ")
        b = get_or_create_candidate(s, "Ada Lovelace")
        other = get_or_create_candidate(s, "Ada Lovelace", external_id="ats-7")
        assert a.id == b.id != other.id
        assert get_or_create_requisition(s, "REQ-1").id == get_or_create_requisition(s, "REQ-1 ").id
        with pytest.raises(StoreValueError, match="name"):
            get_or_create_candidate(s, "  ")


def test_a_background_job_is_claimed_once_and_finishes_or_fails(store, card):
    with store.session() as s:
        interview = _interview(s)
        first = queue_grading(s, interview, {"provider": "offline"}).id
        second = queue_grading(s, interview, {"provider": "offline"}).id
    with store.session() as s:
        job = claim_grading(s, "worker-a")
        assert job.id == first and job.status == "running" and job.worker == "worker-a" and job.options["provider"] == "offline"
    with store.session() as s:
        assert claim_grading(s, "worker-b").id == second
    with store.session() as s:
        assert claim_grading(s, "worker-c") is None
        finish_grading(s, first, card)
        fail_grading(s, second, "provider said 500")
    with store.reader() as s:
        assert get_grading(s, first).status == "done" and scorecard_of(get_grading(s, first)) == card
        failed = get_grading(s, second)
        assert (failed.status, failed.error, failed.scorecard) == ("failed", "provider said 500", None)


def test_a_job_whose_worker_died_goes_back_in_the_queue(store):
    with store.session() as s:
        queue_grading(s, _interview(s))
    with store.session() as s:
        claim_grading(s, "dead")
    with store.session() as s:
        assert requeue_stale(s, timedelta(minutes=10)) == 0
        assert requeue_stale(s, timedelta(minutes=10), now=utcnow() + timedelta(hours=1)) == 1
    with store.session() as s:
        assert claim_grading(s, "alive").worker == "alive"


def test_a_decision_is_kept_and_a_second_one_amends_it(store, card):
    with store.session() as s:
        grading = save_grading(s, _interview(s), card)
        first = record_decision(s, grading, decision="hold", reviewer_name="Grace", note="ask about evals")
        second = record_decision(s, grading, decision="advance", reviewer_name="Grace")
        gid, first_id = grading.id, first.id
        assert second.amends_id == first.id
    with store.reader() as s:
        grading = get_grading(s, gid)
        assert [r.decision for r in grading.reviews] == ["hold", "advance"]
        assert current_decision(grading).decision == "advance"
        assert grading.reviews[0].id == first_id and grading.reviews[0].note == "ask about evals"


def test_a_decision_needs_a_finished_grading_a_known_decision_and_a_reviewer(store, card):
    with store.session() as s:
        queued = queue_grading(s, _interview(s))
        with pytest.raises(StoreValueError, match="finished"):
            record_decision(s, queued, decision="advance", reviewer_name="Grace")
        done = save_grading(s, _interview(s, name="Bo"), card)
        with pytest.raises(StoreValueError, match="advance, reject, hold"):
            record_decision(s, done, decision="hire", reviewer_name="Grace")
        with pytest.raises(StoreValueError, match="reviewer"):
            record_decision(s, done, decision="advance", reviewer_name=" ")


def test_an_override_needs_a_reason_and_keeps_the_graders_value_beside_it(store, card):
    comp = card.competencies[0]
    with store.session() as s:
        grading = save_grading(s, _interview(s), card)
        with pytest.raises(StoreValueError, match="reason"):
            add_override(s, grading, field=comp.id, value=1, reason="  ", reviewer_name="Grace")
        with pytest.raises(StoreValueError, match="1, 2, 3 or 4"):
            add_override(s, grading, field=comp.id, value=7, reason="x", reviewer_name="Grace")
        with pytest.raises(StoreValueError, match="neither a competency"):
            add_override(s, grading, field="charisma", value=2, reason="x", reviewer_name="Grace")
        with pytest.raises(StoreValueError, match="strong_hire"):
            add_override(s, grading, field="recommendation", value="maybe", reason="x", reviewer_name="Grace")
        add_override(s, grading, field=comp.id, value=1, reason="quote is from the interviewer", reviewer_name="Grace")
        add_override(s, grading, field="recommendation", value="no_hire", reason="see score", reviewer_name="Grace")
        gid = grading.id
    with store.reader() as s:
        grading = get_grading(s, gid)
        values = effective(grading)
        assert values[comp.id].grader == (None if comp.score is None else str(comp.score))
        assert values[comp.id].value == "1" and values[comp.id].override.reason == "quote is from the interviewer"
        assert values["recommendation"].grader == card.recommendation and values["recommendation"].value == "no_hire"
        assert scorecard_of(grading) == card  # the grader's scorecard is never rewritten


def test_users_hash_passwords_and_a_disabled_user_cannot_log_in(store):
    with store.session() as s:
        user = add_user(s, "grace", PASSWORD, "hiring_manager")
        assert user.password_hash.startswith("$argon2id$") and PASSWORD not in user.password_hash
        assert PASSWORD not in repr(user) and user.password_hash not in repr(user)
        with pytest.raises(StoreValueError, match="already exists"):
            add_user(s, "grace", PASSWORD, "admin")
        with pytest.raises(StoreValueError, match="role"):
            add_user(s, "bo", PASSWORD, "owner")
        with pytest.raises(StoreValueError, match="shorter"):
            add_user(s, "bo", "short", "admin")
        add_user(s, "sso-only", None, "interviewer")
    with store.session() as s:
        assert authenticate(s, "grace", PASSWORD).username == "grace"
        assert authenticate(s, "grace", "wrong password!") is None
        assert authenticate(s, "nobody", PASSWORD) is None
        assert authenticate(s, "sso-only", "") is None
        set_disabled(s, "grace")
    with store.session() as s:
        assert authenticate(s, "grace", PASSWORD) is None
        assert [u.username for u in list_users(s)] == ["grace", "sso-only"]
        with pytest.raises(NotFound, match="nobody"):
            set_disabled(s, "nobody")


def test_who_sees_what_interviewer_own_hiring_manager_their_requisitions_admin_all(store, card):
    with store.session() as s:
        ivy = add_user(s, "ivy", PASSWORD, "interviewer")
        ian = add_user(s, "ian", PASSWORD, "interviewer")
        hank = add_user(s, "hank", PASSWORD, "hiring_manager")
        admin = add_user(s, "root", PASSWORD, "admin")
        mine = _interview(s, name="A", req="REQ-1", by=ivy)
        theirs = _interview(s, name="B", req="REQ-2", by=ian)
        add_member(s, mine.requisition, hank)
        add_member(s, mine.requisition, hank)  # idempotent
        assert can_view_interview(s, ivy, mine) and not can_view_interview(s, ivy, theirs)
        assert can_view_interview(s, hank, mine) and not can_view_interview(s, hank, theirs)
        assert can_view_interview(s, admin, theirs)
        assert can_open_requisition(s, hank, mine.requisition) and not can_open_requisition(s, hank, theirs.requisition)
        assert not can_open_requisition(s, ivy, mine.requisition)
        assert [r.interview.candidate.name for r in list_interviews(s, user=ivy)] == ["A"]
        assert {r.interview.candidate.name for r in list_interviews(s, user=admin)} == {"A", "B"}
        set_disabled(s, "root")
        assert list_interviews(s, user=get_user(s, "root")) == []


def test_the_interview_list_filters_by_candidate_requisition_verdict_decision_reviewer_and_date(store, card):
    with store.session() as s:
        a = _interview(s, name="Ada Lovelace", req="REQ-1", interviewed_on=date(2026, 11, 1))
        b = _interview(s, name="Bo Chen", req="REQ-2", interviewed_on=date(2026, 11, 20))
        c = _interview(s, name="Cy 100%_", req="REQ-1")
        record_decision(s, save_grading(s, a, card), decision="advance", reviewer_name="Grace")
        save_grading(s, b, card)
        queue_grading(s, c)

        def names(**f):
            return sorted(r.interview.candidate.name for r in list_interviews(s, **f))

        assert names(candidate="ada") == ["Ada Lovelace"]
        assert names(candidate="100%_") == ["Cy 100%_"]  # LIKE wildcards are literal
        assert names(candidate=a.candidate_id) == ["Ada Lovelace"]
        assert names(requisition="REQ-1") == ["Ada Lovelace", "Cy 100%_"]
        assert names(recommendation=card.recommendation) == ["Ada Lovelace", "Bo Chen"]
        assert names(decision="advance") == ["Ada Lovelace"]
        assert names(decision="none") == ["Bo Chen", "Cy 100%_"]
        assert names(reviewer="Grace") == ["Ada Lovelace"] and names(reviewer="Hank") == []
        assert names(date_from=date(2026, 11, 10), date_to=date(2026, 11, 30)) == ["Bo Chen"]
        today = utcnow().date()
        assert names(date_from=today, date_to=today) == ["Cy 100%_"]  # undated: the day it was stored
        assert count_interviews(s, requisition="REQ-1") == 2
        rows = list_interviews(s, requisition="REQ-1")
        assert [r.interview.id for r in rows] == [c.id, a.id]  # newest first
        assert rows[0].grading.status == "queued" and rows[0].decision is None and rows[1].decision.decision == "advance"
        assert [r.interview.id for r in candidate_interviews(s, a.candidate_id)] == [a.id]
        grouped = requisition_candidates(s, "REQ-1")
        assert sorted(c.name for c in grouped) == ["Ada Lovelace", "Cy 100%_"]


def test_reopening_a_store_keeps_its_data_and_does_not_migrate_again(db_url, card):
    with open_store(db_url) as first, first.session() as s:
        save_grading(s, _interview(s), card)
    with open_store(db_url) as second, second.reader() as s:
        assert len(list_interviews(s)) == 1


def test_an_unknown_id_is_not_found(store):
    with store.reader() as s, pytest.raises(NotFound, match="no grading 999"):
        get_grading(s, 999)


def test_a_login_upgrades_a_weak_hash(store):
    from argon2 import PasswordHasher

    from screener.store import needs_rehash

    with store.session() as s:
        add_user(s, "grace", PASSWORD, "admin").password_hash = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1).hash(PASSWORD)
    with store.session() as s:
        assert authenticate(s, "grace", PASSWORD) is not None
    with store.reader() as s:
        stored = get_user(s, "grace").password_hash
        assert not needs_rehash(stored) and authenticate(s, "grace", PASSWORD) is not None


def test_two_sessions_creating_the_same_requisition_and_user_at_once_get_one_row(store):
    import threading

    created, ready, results = [], threading.Event(), {}

    def first():
        with store.session() as s:
            created.append(get_or_create_requisition(s, "REQ-RACE").id)
            add_user(s, "racer", None, "interviewer")
            ready.set()
            threading.Event().wait(0.5)  # hold the uncommitted rows while the other session tries

    def second():
        ready.wait(10)
        with store.session() as s:
            results["req"] = get_or_create_requisition(s, "REQ-RACE").id
            try:
                add_user(s, "racer", None, "admin")
            except StoreValueError as e:
                results["user"] = str(e)

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert results["req"] == created[0]
    assert "already exists" in results["user"]
    with store.reader() as s:
        assert [u.role for u in list_users(s)] == ["interviewer"]
