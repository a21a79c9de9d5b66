"""Decisions and overrides made on the page, written to the audit log: hashes and pseudonyms, never text."""

from __future__ import annotations

from typing import Any

from ..audit import append_event, load_key, now_iso, resolve_path, sha256_hex


def pseudonym(name: str) -> str | None:
    """A keyed pseudonym of a person's name under the audit key (None when no key can be had)."""
    log = resolve_path(None)
    key = load_key(log, create=True)
    return key.pseudonym("reviewer", name) if key is not None else None


def record_review(*, grading: Any, interview: Any, reviewer: str, decision: str, note: str | None,
                  amends: Any | None) -> None:
    event: dict[str, Any] = {
        "event": "review", "via": "web", "at": now_iso(), "decision": decision,
        "reviewer_hmac": pseudonym(reviewer), "note_sha256": sha256_hex(note) if note else None,
        "recommendation": grading.recommendation, "graded_sha256": grading.scorecard_sha256,
        "input_sha256": interview.transcript_sha256, "interview_id": interview.id, "grading_id": grading.id,
    }
    if amends is not None:
        event["amends"] = {"decision": amends.decision, "at": amends.decided_at.isoformat(),
                           "reviewer_hmac": pseudonym(amends.reviewer_name),
                           "note_sha256": sha256_hex(amends.note) if amends.note else None}
    append_event(None, event)


def record_override(*, grading: Any, interview: Any, reviewer: str, field: str, grader_value: str | None,
                    value: str | None, reason: str) -> None:
    append_event(None, {
        "event": "override", "via": "web", "at": now_iso(), "field": field, "grader_value": grader_value,
        "value": value, "reason_sha256": sha256_hex(reason), "reviewer_hmac": pseudonym(reviewer),
        "graded_sha256": grading.scorecard_sha256, "input_sha256": interview.transcript_sha256,
        "interview_id": interview.id, "grading_id": grading.id,
    })
