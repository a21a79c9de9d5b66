"""``push``: the rules every ATS hand-off keeps, whichever vendor it goes to.

1. Nothing leaves without a person's decision on the card (``screener review``), checked against the audit log
   the same way ``review`` checks a card: the card must hash to a logged grading, and its review to a logged
   review (an edited card is refused, exit 1). ``allow_unreviewed`` skips this, and the push says so.
2. A card already pushed to a vendor is refused unless ``update`` (the log is where earlier pushes are found).
3. Every push that reaches the vendor is logged as an ``ats_push`` event: hashes, the vendor, the HTTP status
   and the id the vendor gave back; never the key, the note text or the target id (its sha256 only).
4. ``--transcript`` (for quote times) must be the transcript the card was graded from, by its logged sha256.
5. The key comes from the environment variable the config names; a dry run needs none and prints the request
   with the credential masked.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..audit import append_event, graded_form, resolve_path, scorecard_sha256, sha256_hex, verified_events
from ..errors import ConfigError, UsageError
from ..render import TurnTimes
from ..review import check_against_log, load_target
from ..rubric import load_rubric
from ..scorecard import Scorecard
from . import vendor_module
from .client import AtsError, AtsRequest, Sleep, check_key, send
from .config import config_path, load_config

EVENT = "ats_push"


class AlreadyPushed(UsageError):
    """A second push of the same card to the same vendor without ``update`` (exit 2)."""

    def __init__(self, message: str, prior: dict[str, Any]) -> None:
        super().__init__(message)
        self.prior = prior


@dataclass
class PushOutcome:
    request: AtsRequest
    dry_run: bool
    status: int | None = None
    reference: str | None = None
    attempts: int = 0
    event: dict[str, Any] | None = None
    reviewed: bool = False
    replaces: dict[str, Any] | None = None


def _target_sha(vendor: str, target: str) -> str:
    return sha256_hex(f"{vendor}:{target}")


def earlier_push(events: list[dict[str, Any]], vendor: str, card_sha: str) -> dict[str, Any] | None:
    """The last successful push of this card (by its graded sha256) to ``vendor``."""
    hits = [e for e in events if e.get("event") == EVENT and e.get("vendor") == vendor and e.get("ok")
            and e.get("scorecard_sha256") == card_sha]
    return hits[-1] if hits else None


def push(card_path: Path, vendor: str, target: str, *, config: Path | None = None, record_id: str | None = None,
         dry_run: bool = False, allow_unreviewed: bool = False, update: bool = False,
         times: TurnTimes | None = None, transcript_sha256: set[str] | None = None, audit_log: Path | None = None,
         env: Mapping[str, str] | None = None, transport: Any = None, sleep: Sleep | None = None) -> PushOutcome:
    """``screener ats push``: the card file's review is checked against the audit log (rule 1)."""
    module = vendor_module(vendor)
    if not (target or "").strip():
        raise UsageError(f"--target must name the {module.TARGET} id in {vendor}")
    section = load_section(vendor, config)
    card = load_target(card_path, record_id).card
    card_sha = scorecard_sha256(graded_form(card))

    def gate(events: list[dict[str, Any]], log: Path) -> bool:
        reviewed = False
        if card.review is not None:
            check_against_log(card, events, log)  # EditedScorecardError (exit 1) for an edited card or review
            reviewed = True
        elif not allow_unreviewed:
            raise UsageError(f"{card_path}: no person has reviewed this scorecard; record the decision first "
                             f"(screener review {card_path} --reviewer NAME --decision advance|reject|hold), or pass "
                             "--allow-unreviewed to send it as an unreviewed draft")
        else:
            check_against_log(card, events, log)  # still a card screener graded, not a hand-written one
        if transcript_sha256 and not any(e.get("event") == "grade" and e.get("scorecard_sha256") == card_sha
                                         and e.get("input_sha256") in transcript_sha256 for e in events):
            raise UsageError("--transcript is not the transcript this scorecard was graded from (its sha256 matches "
                             "no grading of this card in the audit log); pass the file given to `screener grade`, or "
                             "leave --transcript out (quotes then show turns without times)")
        return reviewed

    return push_card(card, vendor, target, section=section, gate=gate, dry_run=dry_run, update=update, times=times,
                     audit_log=audit_log, env=env, transport=transport, sleep=sleep)


def load_section(vendor: str, config: Path | None = None) -> Any:
    """The config's section for ``vendor`` (ConfigError naming the file when there is none)."""
    cfg_file = config_path(config)
    cfg = load_config(cfg_file, competency_ids={c.id for c in load_rubric().competencies})
    section = getattr(cfg, vendor)
    if section is None:
        raise ConfigError(f"{cfg_file}: no {vendor}: section; add one (see README, 'Hand-off to an ATS')")
    return section


Gate = Callable[[list[dict[str, Any]], Path], bool]
"""Called with the audit log's verified events and the log's path before anything is sent: raises to refuse,
returns whether a person reviewed the card."""


def push_card(card: Scorecard, vendor: str, target: str, *, section: Any, gate: Gate, dry_run: bool = False,
              update: bool = False, times: TurnTimes | None = None, audit_log: Path | None = None,
              env: Mapping[str, str] | None = None, transport: Any = None, sleep: Sleep | None = None,
              card_sha256: str | None = None, event_fields: dict[str, Any] | None = None) -> PushOutcome:
    """Push a scorecard object (the CLI's card file, or the workspace's stored grading with its decision).

    ``gate`` applies rule 1 for the caller (the CLI checks the card's review against the audit log; the web app
    the decision recorded in the store); ``card_sha256`` is the graded card's hash that finds earlier pushes
    (default: the card's own graded form); ``event_fields`` go into the ``ats_push`` event (e.g. ``via``)."""
    env = os.environ if env is None else env
    module = vendor_module(vendor)
    target = (target or "").strip()
    if not target:
        raise UsageError(f"--target must name the {module.TARGET} id in {vendor}")
    log = resolve_path(audit_log)
    card_sha = card_sha256 or scorecard_sha256(graded_form(card))
    what = "the Harvest v3 OAuth client secret" if getattr(section, "auth", "v1") == "v3" else "an API key"
    key = "(dry run)" if dry_run else check_key(env, section.key_env, vendor, what=what)
    request = module.build(card, target, section, key, times)
    if dry_run:
        return PushOutcome(request=request, dry_run=True, reviewed=card.review is not None)

    events, _ = verified_events(log)
    reviewed = gate(events, log)
    prior = earlier_push(events, vendor, card_sha)
    if prior is not None and not update:
        raise AlreadyPushed(f"this scorecard was already pushed to {vendor} ({prior.get('time')}, {module.TARGET} "
                            f"sha256 {str(prior.get('target_sha256'))[:12]}); pass --update to push it again", prior)

    event: dict[str, Any] = {
        "event": EVENT, "vendor": vendor, "target_sha256": _target_sha(vendor, target),
        "scorecard_sha256": card_sha, "reviewed": reviewed,
        "reviewed_sha256": scorecard_sha256(card) if reviewed else None,
        "decision": card.review.decision if card.review else None,
        "recommendation": card.recommendation,
        "request_sha256": sha256_hex(json.dumps(request.body, sort_keys=True, ensure_ascii=False)),
        "update": bool(prior and update), "replaces_seq": prior.get("seq") if prior and update else None,
        **(event_fields or {}),
    }

    def describe(status: int, body: Any) -> str:
        return module.describe(status, body, target, section)

    try:
        response = send(request, vendor=vendor, transport=transport, sleep=sleep, describe=describe)
        problem = module.failure(response.data)
        if problem:
            raise AtsError(f"{vendor} did not accept the push: {problem}; check the {vendor}: config", status=response.status,
                           exit_code=2)
    except AtsError as e:
        append_event(log, {**event, "ok": False, "status": e.status})
        raise
    ref = module.reference(response.data)
    written = append_event(log, {**event, "ok": True, "status": response.status, "attempts": response.attempts,
                                 "vendor_reference": ref})
    return PushOutcome(request=request, dry_run=False, status=response.status, reference=ref,
                       attempts=response.attempts, event=written, reviewed=reviewed, replaces=prior if update else None)
