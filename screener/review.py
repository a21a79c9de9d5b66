"""The human decision on a scorecard: the only code path that marks a scorecard "reviewed".

A grader's recommendation is advice. A person records the decision (advance, reject or hold) with their
name and an optional note; the scorecard gets ``status: reviewed`` and ``review``, and the decision goes to
the audit log. Changing a decision needs ``amend=True`` and adds a new audit event that names the decision it
replaces, so the trail keeps both.

Only a scorecard the log knows is signed: the audit log must verify, and the scorecard (without its review) must
hash to a ``grade`` event's ``scorecard_sha256`` (for a batch record, one of that record's input); a reviewed
scorecard must also hash to a ``review`` event's ``reviewed_sha256``. An edited scorecard is refused (exit 1).
The log keeps hashes, not free text: the note and the reviewer's name live in the reviewed scorecard; the log
gets the note's sha256 and a keyed pseudonym of the name (HMAC under the audit key).
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import ValidationError

from .audit import (
    AuditKey,
    append_event,
    graded_form,
    now_iso,
    resolve_path,
    scorecard_sha256,
    sha256_hex,
    verified_events,
)
from .errors import InputError, ScreenerError, UsageError
from .scorecard import Review, Scorecard
from .util.errors import validation_message

Decision = Literal["advance", "reject", "hold"]
DECISIONS: tuple[Decision, ...] = ("advance", "reject", "hold")
_FROM_GRADE = "pass the JSON from `screener grade --format json -o card.json`"


class EditedScorecardError(ScreenerError):
    """The scorecard to sign is not one the audit log records as graded (or as reviewed): exit 1."""


def record_decision(card: Scorecard, *, reviewer: str, decision: Decision, note: str | None = None,
                    amend: bool = False, at: str | None = None) -> Scorecard:
    """A copy of ``card`` with a person's decision. An already reviewed card needs ``amend=True``."""
    reviewer = reviewer.strip()
    if not reviewer:
        raise UsageError("--reviewer must name the person deciding, e.g. --reviewer 'Dana Levi'")
    if decision not in DECISIONS:
        raise UsageError(f"--decision must be one of: {', '.join(DECISIONS)}")
    if card.status == "reviewed" and not amend:
        prior = card.review
        who = f" by {prior.reviewer} ({prior.decision}, {prior.at})" if prior else ""
        raise UsageError(f"this scorecard was already reviewed{who}; pass --amend to change the decision")
    review = Review(reviewer=reviewer, decision=decision, note=(note or "").strip() or None, at=at or now_iso())
    return card.model_copy(update={"status": "reviewed", "review": review})


# --- where the scorecard lives: a scorecard JSON file, or one record of batch results JSONL --------------


@dataclass
class ReviewTarget:
    path: Path
    card: Scorecard
    record_line: int | None = None  # 0-based line in a batch results file
    lines: list[str] | None = None
    record: dict[str, Any] | None = None


def _card(data: Any, where: str) -> Scorecard:
    try:
        return Scorecard.model_validate(data)
    except ValidationError as e:
        raise InputError(f"{where}: not a screener scorecard ({validation_message(e)}); {_FROM_GRADE}") from e


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError as e:
        raise InputError(f"{path}: no such file; {_FROM_GRADE}") from e
    except (OSError, UnicodeDecodeError) as e:
        raise InputError(f"{path}: cannot read it ({getattr(e, 'strerror', None) or e}); {_FROM_GRADE}") from e


def _matches(record: dict[str, Any], wanted: str) -> bool:
    sha = str(record.get("sha256") or "").lower()
    if len(wanted) >= 4 and sha.startswith(wanted.lower()):
        return True
    if record.get("key") == wanted:
        return True
    source = record.get("input")
    return isinstance(source, str) and (source == wanted or Path(source) == Path(wanted))


def load_target(path: Path, record_id: str | None = None) -> ReviewTarget:
    """The scorecard to review: the file itself, or the batch record picked by sha256 prefix, key or input path."""
    text = _read(path)
    if record_id is None:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as e:
            if path.suffix.lower() == ".jsonl" or text.lstrip().startswith("{") and "\n{" in text:
                raise UsageError(f"{path} holds batch results; pick one with --id SHA256_PREFIX_OR_PATH") from e
            raise InputError(f"{path}: not valid JSON ({e.msg} at line {e.lineno}); {_FROM_GRADE}") from e
        if isinstance(data, dict) and "scorecard" in data and "input" in data:
            return ReviewTarget(path=path, card=_card(data["scorecard"], str(path)), record=data)
        return ReviewTarget(path=path, card=_card(data, str(path)))
    lines = text.splitlines()
    hits: list[tuple[int, dict[str, Any]]] = []
    for i, line in enumerate(lines):
        try:
            record = json.loads(line)
        except json.JSONDecodeError:
            continue  # a torn line is not ours to fix
        if isinstance(record, dict) and _matches(record, record_id):
            hits.append((i, record))
    if not hits:
        raise UsageError(f"{path}: no record with sha256 starting {record_id!r} or input {record_id!r}; "
                         "check --id (4+ hex characters of the sha256, or the input path)")
    graded = [h for h in hits if h[1].get("status") == "graded"]
    if len(hits) > 1 and len(graded) == 1:
        hits = graded  # an earlier failed attempt at the same input
    if len(hits) > 1:
        keys = ", ".join(sorted({str(h[1].get("key")) for h in hits})[:3])
        raise UsageError(f"{path}: {len(hits)} records match --id {record_id!r} ({keys}); give more of the sha256, "
                         "or the record's key (sha256:role)")
    line_no, record = hits[0]
    if record.get("status") != "graded" or not isinstance(record.get("scorecard"), dict):
        raise InputError(f"{path}: record {record_id!r} has status {record.get('status')!r} and no scorecard to "
                         "review; grade it again first")
    card = _card(record["scorecard"], f"{path} line {line_no + 1}")
    return ReviewTarget(path=path, card=card, record_line=line_no, lines=lines, record=record)


def _render(target: ReviewTarget, card: Scorecard, out: Path | None) -> tuple[Path, str]:
    card_json = card.model_dump(mode="json")
    if out is not None:
        return out, json.dumps(card_json, indent=2, ensure_ascii=False) + "\n"
    if target.record_line is not None and target.lines is not None and target.record is not None:
        lines = list(target.lines)
        lines[target.record_line] = json.dumps(target.record | {"scorecard": card_json}, ensure_ascii=False)
        return target.path, "\n".join(lines) + "\n"
    if target.record is not None:
        return target.path, json.dumps(target.record | {"scorecard": card_json}, indent=2, ensure_ascii=False) + "\n"
    return target.path, json.dumps(card_json, indent=2, ensure_ascii=False) + "\n"


def _same_grader(event: dict[str, Any], card: Scorecard) -> bool:
    g = card.grader
    return all(event.get(k) == v for k, v in (("provider", g.provider), ("model", g.model),
                                              ("prompt_version", g.prompt_version), ("input_tokens", g.input_tokens),
                                              ("output_tokens", g.output_tokens), ("samples", g.samples)))


def check_against_log(card: Scorecard, events: list[dict[str, Any]], log: Path,
                      input_sha256: str | None = None) -> dict[str, Any]:
    """The ``grade`` event ``card`` (without its review) was graded as; ``EditedScorecardError`` if there is none,
    or if a reviewed card's review is not the one logged."""
    graded_sha = scorecard_sha256(graded_form(card))
    grades = [e for e in events if e.get("event") == "grade"]
    same_card = [e for e in grades if e.get("scorecard_sha256") == graded_sha]
    hits = [e for e in same_card if input_sha256 is None or e.get("input_sha256") == input_sha256]
    if not hits:
        if same_card:
            graded_for = str(same_card[-1].get("input_sha256"))[:12]
            raise EditedScorecardError(
                f"the scorecard was graded for another transcript (input sha256 {graded_for}), not this record's "
                f"({str(input_sha256)[:12]}): moved between records? refusing to record a decision on it")
        if not events:
            raise EditedScorecardError(f"no grading in the audit log {log} matches this scorecard (the log is empty or "
                                       "missing): pass the --audit-log it was graded with, or grade it again")
        related = [e for e in grades if input_sha256 and e.get("input_sha256") == input_sha256]
        related = related or [e for e in grades if _same_grader(e, card)]
        recs = {str(e.get("recommendation")) for e in related}
        if len(recs) == 1 and card.recommendation not in recs:
            hint = f"recommendation edited? the log records {next(iter(recs))}, the file says {card.recommendation}"
        else:
            hint = "recommendation or other content edited?"
        raise EditedScorecardError(
            f"the scorecard differs from the one graded ({hint}): its sha256 {graded_sha[:12]} matches no grading "
            f"in the audit log {log}; refusing to record a decision on it")
    if card.review is not None:
        reviewed_sha = scorecard_sha256(card)
        if not any(e.get("event") == "review" and e.get("reviewed_sha256") == reviewed_sha for e in events):
            raise EditedScorecardError(
                f"the scorecard's review differs from the one logged (decision, reviewer or note edited?): its sha256 "
                f"{reviewed_sha[:12]} matches no review in the audit log {log}; refusing to amend it")
    return hits[-1]


def _review_event(key: AuditKey, before: Scorecard, card: Scorecard, graded: dict[str, Any],
                  target: ReviewTarget) -> dict[str, Any]:
    """Hashes only: the note's sha256 and a keyed pseudonym of the reviewer; the text stays in the scorecard."""
    assert card.review is not None
    event: dict[str, Any] = {
        "event": "review",
        "reviewer_hmac": key.pseudonym("reviewer", card.review.reviewer),
        "decision": card.review.decision,
        "note_sha256": sha256_hex(card.review.note) if card.review.note else None,
        "at": card.review.at,
        "recommendation": card.recommendation,
        "graded_sha256": graded.get("scorecard_sha256"),
        "scorecard_sha256": scorecard_sha256(before),
        "reviewed_sha256": scorecard_sha256(card),
    }
    if target.record and isinstance(target.record.get("sha256"), str):
        event["input_sha256"] = target.record["sha256"]
    elif isinstance(graded.get("input_sha256"), str):
        event["input_sha256"] = graded["input_sha256"]
    if before.review is not None:
        prior = before.review
        event["amends"] = {"decision": prior.decision, "at": prior.at,
                           "reviewer_hmac": key.pseudonym("reviewer", prior.reviewer),
                           "note_sha256": sha256_hex(prior.note) if prior.note else None}
    return event


@dataclass
class ReviewOutcome:
    card: Scorecard
    written: Path
    event: dict[str, Any]
    graded: dict[str, Any] | None = None


def review_result(path: Path, *, reviewer: str, decision: Decision, note: str | None = None, amend: bool = False,
                  record_id: str | None = None, out: Path | None = None, audit_log: Path | None = None) -> ReviewOutcome:
    """Check the scorecard against the audit log, record a person's decision, log it, and write the reviewed
    scorecard back (or to ``out``).

    The file is replaced only after the audit event is written, so no decision goes unlogged."""
    target = load_target(path, record_id)
    before = target.card
    card = record_decision(before, reviewer=reviewer, decision=decision, note=note, amend=amend)
    log = resolve_path(audit_log)
    events, key = verified_events(log)
    input_sha = target.record.get("sha256") if target.record and isinstance(target.record.get("sha256"), str) else None
    graded = check_against_log(before, events, log, input_sha)
    assert key is not None  # a log with a grading in it has a key
    event = _review_event(key, before, card, graded, target)
    dest, text = _render(target, card, out)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".tmp", dir=dest.parent if str(dest.parent) else ".")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
    except OSError as e:
        raise InputError(f"{dest}: cannot write the reviewed scorecard ({e.strerror}); choose another -o path") from e
    try:
        event = append_event(audit_log, event)
        try:
            os.replace(tmp, dest)
        except OSError as e:
            raise InputError(f"{dest}: cannot write the reviewed scorecard ({e.strerror}); the decision is in the "
                             "audit log; run again with -o to another path and --amend") from e
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return ReviewOutcome(card=card, written=dest, event=event, graded=graded)
