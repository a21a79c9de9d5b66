"""``screener serve``: the web page for interviewers, an ASGI app (Starlette) served by uvicorn.

Paste or drop a transcript, pick the role and the grader; grading runs as a background job and the page
shows its progress, then the scorecard beside the transcript with every quoted passage highlighted.

``create_app(config)`` is the ASGI application; ``WebServer(host, port)`` binds (port 0 = a free port) and
serves it with uvicorn; ``with WebServer("127.0.0.1", 0) as s: s.url`` serves from a thread.
"""

from __future__ import annotations

from .app import create_app
from .config import WebConfig
from .server import WebServer

__all__ = ["WebConfig", "WebServer", "create_app"]
