"""``screener ats push CARD --to greenhouse|lever|ashby --target ID``: hand a reviewed scorecard to an ATS."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

DESCRIPTION = """\
Build the ATS's own request from a scorecard and send it as a draft a person submits: a private candidate note
in Greenhouse, opportunity feedback from a template in Lever, application feedback on a form in Ashby.

The scorecard must carry a person's decision recorded with `screener review` (checked against the audit log)
unless --allow-unreviewed; a card already pushed to that ATS is refused unless --update. Ids and field mappings
come from the ATS config (--config, $SCREENER_ATS_CONFIG, else ./screener-ats.yaml); the key comes from the
environment variable the config names (GREENHOUSE_API_KEY, LEVER_API_KEY, ASHBY_API_KEY by default; with
greenhouse auth: v3, the OAuth client secret from GREENHOUSE_CLIENT_SECRET) and is never printed, logged or
stored. --dry-run prints exactly the request that would be sent, with the key masked (for Harvest v3, the token
request first, then the note it is sent with)."""


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("ats", help="hand a reviewed scorecard to Greenhouse, Lever or Ashby",
                       description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter)
    verbs = p.add_subparsers(dest="ats_command", metavar="ACTION")
    push = verbs.add_parser("push", help="send a scorecard to an ATS as a draft", description=DESCRIPTION,
                            formatter_class=argparse.RawDescriptionHelpFormatter)
    push.add_argument("card", type=Path, metavar="CARD", help="scorecard JSON (from grade/review), or batch "
                                                              "results JSONL with --id")
    push.add_argument("--to", required=True, choices=("greenhouse", "lever", "ashby"), help="the ATS")
    push.add_argument("--target", required=True, metavar="ID",
                      help="the Greenhouse candidate id, Lever opportunity id or Ashby application id")
    push.add_argument("--config", type=Path, metavar="FILE", help="ATS config YAML (ids and field mappings)")
    push.add_argument("--id", dest="record_id", metavar="SHA256_PREFIX_OR_PATH", help="the record in batch results")
    push.add_argument("--transcript", type=Path, metavar="FILE",
                      help="the graded transcript: quotes then show their time (turn 7, 12:34)")
    push.add_argument("--dry-run", action="store_true", help="print the request (key masked); send nothing")
    push.add_argument("--allow-unreviewed", action="store_true",
                      help="send a card no person has reviewed (the note says so)")
    push.add_argument("--update", action="store_true", help="push a card that was already pushed to this ATS again")
    push.add_argument("--audit-log", type=Path, metavar="PATH",
                      help="audit log file (default: $SCREENER_AUDIT_LOG, else ~/.local/state/screener/audit.jsonl)")
    push.set_defaults(func=run_push)
    fields = verbs.add_parser(
        "fields", help="print the config section for a Lever feedback template or an Ashby feedback form",
        description="Ask the ATS for a feedback template (Lever) or form (Ashby) and print a config section with "
                    "its field ids and paths, and its scorecard rows or Score fields beside the rubric's "
                    "competencies, to paste into the ATS config. Reads only; the key comes from LEVER_API_KEY or "
                    "ASHBY_API_KEY.")
    fields.add_argument("--to", required=True, choices=("greenhouse", "lever", "ashby"), help="the ATS")
    fields.add_argument("--id", dest="ident", required=True, metavar="ID",
                        help="the Lever feedback template id, or the Ashby feedback form definition id")
    fields.add_argument("--base-url", metavar="URL", help="the API root, for a sandbox (https)")
    fields.set_defaults(func=run_fields)
    p.set_defaults(func=lambda args: (p.print_help(sys.stderr), 2)[1])


def run_push(args: argparse.Namespace) -> int:
    from ..ats.push import push
    from ..audit import resolve_path
    from ..render import turn_times

    times, shas = None, None
    if args.transcript is not None:
        from ..audit import sha256_hex
        from ..parsing import parse_transcript, read_transcript_text

        text = read_transcript_text(args.transcript)
        times = turn_times(parse_transcript(text, source=str(args.transcript)))
        shas = {sha256_hex(text)}
        try:
            shas.add(sha256_hex(args.transcript.read_bytes()))  # batch records hash the file's bytes
        except OSError:
            pass
    outcome = push(args.card, args.to, args.target, config=args.config, record_id=args.record_id,
                   dry_run=args.dry_run, allow_unreviewed=args.allow_unreviewed, update=args.update, times=times,
                   transcript_sha256=shas,
                   audit_log=args.audit_log)
    if outcome.dry_run:
        sys.stdout.write(outcome.request.masked())
        state = "reviewed" if outcome.reviewed else "not reviewed (a real push needs --allow-unreviewed)"
        print(f"screener: dry run, nothing sent to {args.to}; the card is {state}", file=sys.stderr)
        return 0
    ref = f" as {outcome.reference}" if outcome.reference else ""
    again = " (an update of the earlier push)" if outcome.replaces else ""
    draft = "" if outcome.reviewed else " as an UNREVIEWED draft"
    print(f"screener: pushed to {args.to}{draft}{ref}{again}: HTTP {outcome.status} after {outcome.attempts} "
          f"attempt(s); logged to {resolve_path(args.audit_log)}", file=sys.stderr)
    return 0


def run_fields(args: argparse.Namespace) -> int:
    import os

    from ..ats.fields import fetch_section

    sys.stdout.write(fetch_section(args.to, args.ident, os.environ, base_url=args.base_url))
    return 0
