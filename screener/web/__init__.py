"""``screener serve``: a local web page for interviewers who never open a terminal.

Paste or drop a transcript, pick the role and the grader, and get the scorecard beside the transcript
with every quoted passage highlighted. Standard library server + Jinja2 templates; no build chain.

``WebServer(host, port)`` binds (port 0 = a free port); ``with WebServer("127.0.0.1", 0) as s: s.url``
serves from a thread. ``WebApp`` is the WSGI application itself.
"""

from __future__ import annotations

from .app import WebApp
from .server import WebServer

__all__ = ["WebApp", "WebServer"]
