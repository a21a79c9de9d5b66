"""Scorecard assertions for promptfoo and ``screener eval``: ``file://asserts.py:NAME`` in a python assertion.

Each is ``NAME(output, context) -> {pass, score, reason}`` (promptfoo's signature); expected values come from the
test's vars (``expected_signal``, ``expected_recommendation``, ``expected_role_fit``, ``expected_competency_<id>``),
options from the assertion's ``config``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

_REPO = Path(__file__).resolve().parent.parent
if str(_REPO) not in sys.path:
    sys.path.insert(0, str(_REPO))

HIRE = ("hire", "strong_hire")


def _card(output: Any) -> dict[str, Any]:
    card = json.loads(output) if isinstance(output, str) else output
    if not isinstance(card, dict):
        raise ValueError("the output is not a scorecard JSON object")
    return card


def _vars(context: dict[str, Any]) -> dict[str, Any]:
    return dict((context or {}).get("vars") or {})


def _result(ok: bool, reason: str, score: float | None = None) -> dict[str, Any]:
    return {"pass": ok, "score": (1.0 if ok else 0.0) if score is None else score, "reason": reason}


def _field_matches(output: Any, context: dict[str, Any], field: str) -> dict[str, Any]:
    want = _vars(context).get(f"expected_{field}")
    if want is None:
        return _result(False, f"no expected_{field} var on this test")
    got = _card(output).get(field)
    return _result(got == want, f"{field}: expected {want}, graded {got}")


def signal_matches(output: Any, context: dict[str, Any]) -> dict[str, Any]:
    """The signal (engineer / prompt_tourist / insufficient_evidence) equals ``expected_signal``."""
    return _field_matches(output, context, "signal")


def recommendation_matches(output: Any, context: dict[str, Any]) -> dict[str, Any]:
    """The 4-point recommendation equals ``expected_recommendation`` exactly."""
    return _field_matches(output, context, "recommendation")


def recommendation_side_matches(output: Any, context: dict[str, Any]) -> dict[str, Any]:
    """hire/strong_hire vs no_hire/strong_no_hire agrees with ``expected_recommendation``."""
    want = _vars(context).get("expected_recommendation")
    if want is None:
        return _result(False, "no expected_recommendation var on this test")
    got = _card(output).get("recommendation")
    ok = (got in HIRE) == (want in HIRE)
    return _result(ok, f"recommendation side: expected {want}, graded {got}")


def role_fit_matches(output: Any, context: dict[str, Any]) -> dict[str, Any]:
    """The role fit equals ``expected_role_fit``."""
    return _field_matches(output, context, "role_fit")


def competency_in_range(output: Any, context: dict[str, Any]) -> dict[str, Any]:
    """``config: {competency: ID, min: 1, max: 4}``: that competency's score lies in [min, max] (null fails)."""
    cfg = dict((context or {}).get("config") or {})
    cid = cfg.get("competency")
    if not cid:
        return _result(False, "competency_in_range needs config.competency")
    lo, hi = int(cfg.get("min", 1)), int(cfg.get("max", 4))
    scores = {c.get("id"): c.get("score") for c in _card(output).get("competencies") or []}
    got = scores.get(cid)
    ok = got is not None and lo <= got <= hi
    return _result(ok, f"{cid}: graded {got}, expected {lo}..{hi}")


def competencies_close(output: Any, context: dict[str, Any]) -> dict[str, Any]:
    """Every ``expected_competency_<id>`` var is matched within ``config.tolerance`` (default 1); score = share.

    A label of null ("not assessed") is matched only by "not assessed": a score there is over-credit."""
    cfg = dict((context or {}).get("config") or {})
    tol = int(cfg.get("tolerance", 1))
    from screener.evals.metrics import competency_label

    expected = {k[len("expected_competency_"):]: competency_label(v) for k, v in _vars(context).items()
                if k.startswith("expected_competency_")}
    if not expected:
        return _result(True, "no expected competency scores on this test")
    scores = {c.get("id"): c.get("score") for c in _card(output).get("competencies") or []}

    def wrong(cid: str, want: int | None) -> bool:
        got = scores.get(cid)
        if want is None:
            return got is not None
        return got is None or abs(got - want) > tol

    off = [f"{cid} {scores.get(cid)} vs {'not assessed' if want is None else want}"
           for cid, want in sorted(expected.items()) if wrong(cid, want)]
    share = 1 - len(off) / len(expected)
    return _result(not off, f"competencies within ±{tol}: {len(expected) - len(off)}/{len(expected)}"
                   + (f"; off: {', '.join(off)}" if off else ""), share)


def _transcript(context: dict[str, Any]):
    from screener.parsing import parse_transcript

    v = _vars(context)
    text = v.get(str(((context or {}).get("config") or {}).get("transcript_var", "transcript")))
    if not isinstance(text, str):
        raise ValueError("no transcript var to check quotes against")
    if text.startswith("file://"):
        for base in (Path.cwd(), Path(__file__).resolve().parent):
            if (base / text[7:]).is_file():
                text = (base / text[7:]).read_text(encoding="utf-8").strip()
                break
    return parse_transcript(text, format=v.get("format"), candidate=v.get("candidate"),
                            interviewer=v.get("interviewer"))


def grounded_evidence(output: Any, context: dict[str, Any]) -> dict[str, Any]:
    """Every evidence quote and quantified-claim quote is verbatim text of the candidate turn it cites."""
    card = _card(output)
    transcript = _transcript(context)
    candidate = {t.index: t.text for t in transcript.candidate_turns}
    quotes = [(e.get("quote", ""), e.get("turn")) for c in card.get("competencies") or [] for e in c.get("evidence") or []]
    quotes += [(q.get("quote", ""), q.get("turn")) for q in card.get("quantified_claims") or []]
    bad = []
    for quote, turn in quotes:
        text = candidate.get(turn)
        pos, ok = 0, text is not None
        for fragment in quote.split(" … "):
            if not ok:
                break
            found = text.find(fragment, pos) if text is not None else -1
            ok = bool(fragment) and found >= 0
            pos = found + len(fragment)
        if not ok:
            bad.append(f"turn {turn}: {quote[:60]!r}")
    if not quotes:
        return _result(True, "no quotes to check")
    return _result(not bad, f"{len(quotes) - len(bad)}/{len(quotes)} quotes verbatim from the candidate's turns"
                   + (f"; not found: {'; '.join(bad[:3])}" if bad else ""), 1 - len(bad) / len(quotes))
