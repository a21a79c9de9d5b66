"""The workspace store: every grading, decision and override kept in one database (SQLite or PostgreSQL).

All state lives in the database, so several app processes (uvicorn workers, hosts) on one PostgreSQL work.

Opening::

    from screener.store import open_store
    store = open_store(url)                      # --db URL, else $SCREENER_DATABASE_URL; UsageError if neither
    store = open_store(None, embedded_default=True)   # the web app: else SQLite in the user's data dir
    with store.session() as s:                   # one transaction: commits on exit, rolls back on an exception
        ...
    with store.reader() as s:                    # read-only (on SQLite it does not take the write lock)
        ...

``open_store`` migrates the database to the latest Alembic revision (creating it on first use; concurrent
starters are serialised). Objects stay readable after their session ends (``expire_on_commit=False``), but load
the relationships a page needs inside the session (``list_interviews`` does).

The contract (every function takes the ``Session`` first; models in ``screener.store.models``)::

    users        add_user(s, username, password|None, role) -> User       role: interviewer|hiring_manager|admin
                 authenticate(s, username, password) -> User|None          None: wrong, unknown or disabled
                 get_user / require_user / list_users / set_disabled(s, username, True|False) / set_password
                 hash_password(pw) -> str, verify_password(hash, pw) -> bool   (argon2id, argon2-cffi)
    access       add_member(s, requisition, user), remove_member, user_requisitions(s, user)
                 can_open_requisition(s, user, req), can_view_interview(s, user, interview)
                 interview_visible_to(user) -> WHERE clause (interviewer: own; hiring manager: + their
                 requisitions'; admin: all)
    records      get_or_create_requisition(s, code, title=, role=)        get_or_create_candidate(s, name, external_id=)
                 add_interview(s, candidate=, transcript=, role=, requisition=, format=, interviewers=,
                               interviewed_on=, source=, created_by=) -> Interview
                 get_interview(s, id) / get_grading(s, id)                 raise NotFound (show 404)
                 save_grading(s, interview, scorecard, options=) -> Grading (done; the CLI)
    jobs         queue_grading(s, interview, options) -> Grading (queued)  claim_grading(s, worker) -> Grading|None
                 finish_grading(s, grading, scorecard) / fail_grading(s, grading, error)   status: queued ->
                 running -> done|failed (error: one line); requeue_stale(s, older_than) for dead workers
                 scorecard_of(grading) -> Scorecard|None, latest_grading(interview)
    decisions    record_decision(s, grading, decision=, reviewer=User|None, reviewer_name=, note=) -> Review
                 (advance|reject|hold; a second one amends the first, both kept); current_decision(grading)
                 add_override(s, grading, field=<competency id>|"recommendation", value=, reason=, reviewer=)
                 (reason required; the grader's value is kept beside it); effective(grading) -> {field: Value}
    lists        list_interviews(s, user=, candidate=, requisition=, recommendation=, decision=, reviewer=,
                 date_from=, date_to=, limit=, offset=) -> [InterviewRow(interview, grading, decision)]
                 count_interviews(s, **filters), candidate_interviews(s, candidate_id, user=),
                 requisition_candidates(s, code, user=) -> {Candidate: [InterviewRow]}

Beyond the session API (import from the submodule)::

    retention    retention.run_retention(store, days=None) -> RetentionResult   (call it on app start too)
                 retention.retention_days(s) / set_retention_days(s, days)        default 180, a DB setting
    erasure      erasure.erase_candidate(store, candidate_id_or_ats_id, by=name, dry_run=False)
    ingest       ingest.store_scorecard(s, card, transcript_sha256=, transcript_text=, role=, ...) -> Grading
                 ingest.import_results(store, results_path) -> ImportCounts; ingest.find_grading(s, card)
    exports      rows.export_records(s, requisition=, user=, include_failed=) -> results.jsonl-shaped dicts

Values the store refuses raise ``StoreValueError`` (a ``UsageError``: one line naming the fix); a database that
cannot be reached raises ``StoreError`` (exit 1), its URL shown without the password.
"""

from __future__ import annotations

from .decisions import Value, add_override, current_decision, effective, record_decision
from .engine import ENV_VAR, Store, StoreError, default_sqlite_path, display_url, open_store, resolve_url
from .errors import NotFound, StoreValueError
from .models import Candidate, Grading, Interview, Override, Requisition, Review, Setting, User
from .passwords import hash_password, needs_rehash, verify_password
from .people import (
    add_member,
    add_user,
    authenticate,
    can_open_requisition,
    can_view_interview,
    get_user,
    interview_visible_to,
    list_users,
    remove_member,
    require_user,
    set_disabled,
    set_password,
    user_requisitions,
)
from .queries import (
    InterviewRow,
    candidate_interviews,
    count_interviews,
    interview_query,
    list_interviews,
    requisition_candidates,
)
from .records import (
    add_interview,
    claim_grading,
    fail_grading,
    finish_grading,
    get_grading,
    get_interview,
    get_or_create_candidate,
    get_or_create_requisition,
    latest_grading,
    queue_grading,
    requeue_stale,
    save_grading,
    scorecard_of,
)

__all__ = [
    "ENV_VAR", "Candidate", "Grading", "Interview", "InterviewRow", "NotFound", "Override", "Requisition", "Review",
    "Setting", "Store", "StoreError", "StoreValueError", "User", "Value", "add_interview", "add_member",
    "add_override", "add_user", "authenticate", "can_open_requisition", "can_view_interview", "candidate_interviews",
    "claim_grading", "count_interviews", "current_decision", "default_sqlite_path", "display_url", "effective",
    "fail_grading", "finish_grading", "get_grading", "get_interview", "get_or_create_candidate",
    "get_or_create_requisition", "get_user", "hash_password", "interview_query", "interview_visible_to",
    "latest_grading", "list_interviews", "list_users", "needs_rehash", "open_store", "queue_grading",
    "record_decision", "remove_member", "requeue_stale", "require_user", "requisition_candidates", "resolve_url",
    "save_grading", "scorecard_of", "set_disabled", "set_password", "user_requisitions", "verify_password",
]
