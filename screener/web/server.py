"""Serving the app with uvicorn on a socket bound here (so port 0 and a busy port are handled before start)."""

from __future__ import annotations

import socket
import threading
import time
from typing import Any

import uvicorn
from starlette.applications import Starlette

from ..errors import UsageError
from ..util.http import is_loopback_host
from .app import create_app
from .config import WebConfig


def bind(host: str, port: int) -> socket.socket:
    bare = host.strip("[]")
    family = socket.AF_INET6 if ":" in bare else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((bare, port))
    except OSError as e:
        sock.close()
        if e.errno in (98, 48, 10048):  # EADDRINUSE on Linux, macOS, Windows
            raise UsageError(f"port {port} on {host} is in use; pick another with --port "
                             "(or --port 0 for any free one)") from None
        raise UsageError(f"cannot listen on {host}:{port} ({e.strerror or e}); check --host (e.g. 127.0.0.1)") from None
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


def loopback_hosts(host: str, port: int) -> set[str]:
    """Host header values a loopback server answers to (a DNS-rebinding page has another name)."""
    bare = host.strip("[]")
    names = {f"[{bare}]" if ":" in bare else bare, "localhost", "127.0.0.1", "[::1]"}
    return {f"{n}:{port}" for n in names}


class WebServer:
    """The app served on ``host:port`` (port 0 = any free port); ``url`` is the address to open."""

    def __init__(self, host: str = "127.0.0.1", port: int = 8000, *, app: Starlette | None = None,
                 config: WebConfig | None = None, store: Any = None, quiet: bool = True) -> None:
        """Bind, then serve ``app`` (else ``create_app(config, store=store)``, answering on a loopback bind
        only to its own Host names)."""
        self.host = host.strip("[]")
        self.sock = bind(host, port)
        self.port: int = self.sock.getsockname()[1]
        if app is None:
            config = config or WebConfig()
            if config.allowed_hosts is None and is_loopback_host(self.host):
                config = config.model_copy(update={"allowed_hosts": loopback_hosts(self.host, self.port)})
            app = create_app(config, store=store)
        self.app = app
        self.uvicorn = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=not quiet,
                                                     timeout_graceful_shutdown=5, lifespan="on"))
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}/"

    @property
    def loopback(self) -> bool:
        return is_loopback_host(self.host)

    def serve_forever(self) -> None:
        """Serve until Ctrl-C (uvicorn handles the signal and returns)."""
        self.uvicorn.run(sockets=[self.sock])

    def start(self) -> WebServer:
        """Serve from a background thread (tests, embedding)."""
        self._thread = threading.Thread(target=self.serve_forever, name="screener-web", daemon=True)
        self._thread.start()
        deadline = time.monotonic() + 10
        while not self.uvicorn.started and self._thread.is_alive() and time.monotonic() < deadline:
            time.sleep(0.01)
        return self

    def close(self) -> None:
        if self._thread is not None:
            self.uvicorn.should_exit = True
            self._thread.join(10)
            self._thread = None
        self.sock.close()

    def __enter__(self) -> WebServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()
