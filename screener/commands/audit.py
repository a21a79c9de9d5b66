"""``screener audit verify|show``: check and read the MAC-chained audit log."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

_LOG_HELP = "audit log file (default: $SCREENER_AUDIT_LOG, else ~/.local/state/screener/audit.jsonl)"


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("audit", help="verify or show the audit log of gradings and decisions",
                       description="The audit log: one MAC-chained JSON line per grading and per human decision, "
                                   "with its chain head in <log>.head and its key in $SCREENER_AUDIT_KEY or "
                                   "<log>.key.")
    p.set_defaults(func=lambda args: _usage(p))
    actions = p.add_subparsers(dest="action", metavar="ACTION", parser_class=type(p))
    v = actions.add_parser("verify", help="exit 0 if no line was edited, deleted, reordered, inserted, appended or "
                                          "cut off; else 1",
                           description="Check every line's MAC and its link to the line before, then the last line "
                                       "against the chain head (<log>.head). Exits 1 naming the first bad line or the "
                                       "missing tail, 2 when the key ($SCREENER_AUDIT_KEY, $SCREENER_AUDIT_KEY_FILE or "
                                       "<log>.key) is missing.")
    v.add_argument("--audit-log", type=Path, metavar="PATH", help=_LOG_HELP)
    v.set_defaults(func=run_verify)
    s = actions.add_parser("show", help="print the log's lines", description="Print the audit log, one event a line.")
    s.add_argument("--audit-log", type=Path, metavar="PATH", help=_LOG_HELP)
    s.add_argument("--last", type=int, metavar="N", help="only the last N lines")
    s.add_argument("--json", action="store_true", help="print the raw JSON lines")
    s.set_defaults(func=run_show)


def _usage(p: argparse.ArgumentParser) -> int:
    p.print_usage(sys.stderr)
    print("screener audit: error: choose an action: verify or show", file=sys.stderr)
    return 2


def run_verify(args: argparse.Namespace) -> int:
    from ..audit import resolve_path, verify

    path = resolve_path(args.audit_log)
    result = verify(path)
    if result.ok:
        if not result.lines:
            print(f"screener: {path}: 0 line(s), nothing recorded yet")
        else:
            print(f"screener: {path}: {result.lines} line(s), chain intact; head: entry {result.head_seq}, mac "
                  f"{str(result.head_mac)[:16]} (keep a copy elsewhere to notice a rollback)")
        return 0
    label = "LEGACY, NOT VERIFIABLE" if result.legacy else "TAMPERED"
    print(f"screener: {path}: {label}: {result.problem}", file=sys.stderr)
    return 1


def _summary(no: int, raw: bytes) -> str:
    try:
        r = json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError):
        return f"{no:>5}  (not a JSON record)"
    if not isinstance(r, dict):
        return f"{no:>5}  (not a JSON record)"
    head = f"{no:>5}  {r.get('time', '?')}  {r.get('event', '?'):<7}"
    if r.get("event") == "grade":
        cost = r.get("cost_usd")
        return (f"{head}  {r.get('recommendation')}  by {r.get('provider')} (prompt {r.get('prompt_version')}"
                f"{', redacted' if r.get('redacted') else ''})  input {str(r.get('input_sha256'))[:12]}  "
                f"card {str(r.get('scorecard_sha256'))[:12]}  {r.get('input_tokens', 0)}+{r.get('output_tokens', 0)} tokens"
                + (f"  ${cost:.4f}" if isinstance(cost, int | float) and cost else ""))
    if r.get("event") == "review":
        amend = "  (amends " + str((r.get("amends") or {}).get("decision")) + ")" if r.get("amends") else ""
        if "reviewer_hmac" in r:  # keyed: a pseudonym and the note's hash; the names and notes are in the scorecard
            who = f"reviewer {str(r.get('reviewer_hmac'))[:12]}"
            note = f"  note sha256 {str(r['note_sha256'])[:12]}" if r.get("note_sha256") else ""
        else:  # a legacy line
            who = str(r.get("reviewer"))
            note = f"  note: {r['note']}" if r.get("note") else ""
        return (f"{head}  {r.get('decision')} by {who}  (grader: {r.get('recommendation')})  "
                f"card {str(r.get('scorecard_sha256'))[:12]}{amend}{note}")
    return f"{head}  " + ", ".join(f"{k}={v}" for k, v in r.items() if k not in ("time", "event", "seq", "prev", "mac", "hash"))


def run_show(args: argparse.Namespace) -> int:
    from ..audit import read_lines, resolve_path
    from ..errors import UsageError

    if args.last is not None and args.last < 1:
        raise UsageError("--last must be 1 or more")
    path = resolve_path(args.audit_log)
    lines = read_lines(path)
    start = max(0, len(lines) - args.last) if args.last else 0
    out = sys.stdout
    for no, raw in enumerate(lines[start:], start=start + 1):
        out.write((raw.decode("utf-8", "replace") if args.json else _summary(no, raw)) + "\n")
    return 0
