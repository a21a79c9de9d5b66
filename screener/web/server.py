"""Serving the app: a threaded WSGI server from the standard library (no runtime dependency)."""

from __future__ import annotations

import ipaddress
import socket
import sys
import threading
from socketserver import ThreadingMixIn
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer

from ..errors import UsageError
from .app import WebApp


class _Handler(WSGIRequestHandler):
    server_version = "screener"
    sys_version = ""
    timeout = 120  # seconds a client may take to send its request

    def log_message(self, format: str, *args: Any) -> None:
        if not getattr(self.server, "quiet", True):
            sys.stderr.write(f"screener: {self.address_string()} {format % args}\n")


class _ThreadingWSGIServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True
    allow_reuse_address = True
    quiet = True


class _ThreadingWSGIServer6(_ThreadingWSGIServer):
    address_family = socket.AF_INET6


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


class WebServer:
    """The page served on ``host:port`` (port 0 = any free port); ``url`` is the address to open."""

    def __init__(self, host: str = "127.0.0.1", port: int = 8000, *, app: WebApp | None = None,
                 quiet: bool = True) -> None:
        self.app = app or WebApp()
        bare = host.strip("[]")
        cls = _ThreadingWSGIServer6 if ":" in bare else _ThreadingWSGIServer
        try:
            self.httpd = cls((bare, port), _Handler)
        except OSError as e:
            if e.errno in (98, 48, 10048):  # EADDRINUSE on Linux, macOS, Windows
                raise UsageError(f"port {port} on {host} is in use; pick another with --port "
                                 "(or --port 0 for any free one)") from None
            raise UsageError(f"cannot listen on {host}:{port} ({e.strerror or e}); "
                             "check --host (e.g. 127.0.0.1)") from None
        self.httpd.quiet = quiet
        self.httpd.set_app(self.app)
        self.host = bare
        self.port: int = self.httpd.server_address[1]
        if is_loopback(bare):
            names = {f"[{bare}]" if ":" in bare else bare, "localhost", "127.0.0.1", "[::1]"}
            self.app.allowed_hosts = {f"{n}:{self.port}" for n in names}
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}/"

    @property
    def loopback(self) -> bool:
        return is_loopback(self.host)

    def serve_forever(self) -> None:
        self.httpd.serve_forever(poll_interval=0.25)

    def start(self) -> WebServer:
        """Serve from a background thread (tests, embedding)."""
        self._thread = threading.Thread(target=self.serve_forever, name="screener-web", daemon=True)
        self._thread.start()
        return self

    def close(self) -> None:
        if self._thread is not None:
            self.httpd.shutdown()
            self._thread.join()
            self._thread = None
        self.httpd.server_close()

    def __enter__(self) -> WebServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()
