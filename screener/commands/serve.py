"""``screener serve``: the web page for interviewers (paste a transcript, get the scorecard), on uvicorn."""

from __future__ import annotations

import argparse
import sys
from typing import Any


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "serve",
        help="a web page: paste or drop a transcript, get the scorecard beside it",
        description="Serve the grading page (an ASGI app on uvicorn). Without a workspace database results are "
        "kept in memory only; the offline grader is the default, LLM graders are offered when their API key is set.",
    )
    p.add_argument("--host", default="127.0.0.1",
                   help="address to listen on (default: 127.0.0.1, this machine only)")
    p.add_argument("--port", type=int, default=8000, help="port (default: 8000; 0 = any free port)")
    p.add_argument("--quiet", "-q", action="store_true", help="do not log each request")
    p.add_argument("--secure-cookies", action="store_true",
                   help="send the session cookie over HTTPS only (set this behind a TLS proxy)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..errors import UsageError
    from ..web import WebConfig, WebServer

    if not 0 <= args.port <= 65535:
        raise UsageError(f"--port {args.port} is out of range; use 1-65535 (or 0 for any free port)")
    config = WebConfig(secure_cookies=args.secure_cookies)
    server = WebServer(args.host, args.port, config=config, quiet=args.quiet)
    print(f"screener: serving the grading page on {server.url} (Ctrl-C to stop)", file=sys.stderr, flush=True)
    if not server.loopback:
        print(f"screener: warning: {args.host} is reachable from other machines and the page has no login; "
              "transcripts are personal data", file=sys.stderr, flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
    print("screener: stopped", file=sys.stderr)
    return 0
