"""``screener serve``: the interviewer workspace (or, with --no-store, the memory-only page), on uvicorn."""

from __future__ import annotations

import argparse
import sys
from typing import Any


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "serve",
        help="the web workspace: paste or drop a transcript, review the scorecard, record the decision",
        description="Serve the workspace (an ASGI app on uvicorn). Interviews, gradings, overrides and decisions "
        "are kept in the store: --db URL, else SCREENER_DATABASE_URL, else SQLite in your data directory "
        "(created and migrated on first start). Binding beyond loopback requires login (screener user add).",
    )
    p.add_argument("--host", default="127.0.0.1",
                   help="address to listen on (default: 127.0.0.1, this machine only)")
    p.add_argument("--port", type=int, default=8000, help="port (default: 8000; 0 = any free port)")
    p.add_argument("--db", metavar="URL", help="the store (sqlite:///path or postgresql+psycopg://...)")
    p.add_argument("--no-store", action="store_true",
                   help="keep nothing: results in memory only, for a few hours (loopback only)")
    p.add_argument("--require-login", action="store_true",
                   help="require login on loopback too (always on for other addresses)")
    p.add_argument("--secure-cookies", action="store_true",
                   help="send the session cookie over HTTPS only (set this behind a TLS proxy)")
    p.add_argument("--trust-proxy", action="append", default=[], metavar="ADDR",
                   help="an SSO reverse proxy's address or network whose --sso-header is believed (repeatable)")
    p.add_argument("--sso-header", metavar="NAME", help="the proxy's user header, e.g. X-Forwarded-User")
    p.add_argument("--grading-processes", type=int, default=1, metavar="N",
                   help="processes that grade queued interviews (default 1; 0 = a thread of the web process)")
    p.add_argument("--quiet", "-q", action="store_true", help="do not log each request")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..errors import UsageError
    from ..util.http import is_loopback_host
    from ..web import WebConfig, WebServer

    if not 0 <= args.port <= 65535:
        raise UsageError(f"--port {args.port} is out of range; use 1-65535 (or 0 for any free port)")
    loopback = is_loopback_host(args.host)
    if args.no_store and not loopback:
        raise UsageError(f"--no-store serves without logins, so only on loopback; drop --no-store to serve "
                         f"{args.host} with the workspace's users")
    if args.no_store and args.db:
        raise UsageError("--no-store and --db contradict each other; pick one")
    if bool(args.trust_proxy) != bool(args.sso_header):
        raise UsageError("--trust-proxy and --sso-header go together: name the proxy and its user header")
    store = None
    if not args.no_store:
        from ..store import display_url, open_store

        store = open_store(args.db, embedded_default=True)
    if not 0 <= args.grading_processes <= 64:
        raise UsageError(f"--grading-processes {args.grading_processes} is out of range; use 0-64")
    config = WebConfig(require_login=args.require_login or not loopback, secure_cookies=args.secure_cookies,
                       trusted_proxies=args.trust_proxy, sso_header=args.sso_header,
                       grading_processes=args.grading_processes)
    try:
        server = WebServer(args.host, args.port, config=config, store=store, quiet=args.quiet)
    except UsageError:
        if store is not None:
            store.close()
        raise
    what = f"the workspace ({display_url(store.url)})" if store is not None else "the grading page (memory only)"
    print(f"screener: serving {what} on {server.url} (Ctrl-C to stop)", file=sys.stderr, flush=True)
    if store is not None and not config.require_login:
        print("screener: no login on loopback: you act as the local admin (--require-login to change)",
              file=sys.stderr, flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
        if store is not None:
            store.close()
    print("screener: stopped", file=sys.stderr)
    return 0
