"""Which database, and how to talk to it: URL resolution, the engine, sessions, migrate-on-open.

Where the store is:

- ``--db URL`` (CLI) or the ``url`` given to :func:`open_store`;
- else ``SCREENER_DATABASE_URL``;
- else, for the web app only (``embedded_default=True``), SQLite at ``<user data dir>/screener/screener.db``
  (platformdirs: ``$XDG_DATA_HOME/screener/screener.db``, usually ``~/.local/share/screener/screener.db``).
  The CLI has no default: without ``--db`` or the variable it stays file-only.

``postgresql://`` and ``postgres://`` URLs use psycopg 3 (``postgresql+psycopg://``). SQLite runs in WAL mode
with foreign keys on and a busy timeout, and write sessions start with ``BEGIN IMMEDIATE`` so two processes
never deadlock upgrading a read lock. The database file is created owner-only (0600): it holds personal data.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from ..errors import ScreenerError, UsageError
from ..paths import DATABASE_URL_ENV

ENV_VAR = DATABASE_URL_ENV
SQLITE_BUSY_MS = 15_000


class StoreError(ScreenerError):
    """The store could not be reached or used (exit 1); the message names the database without its password."""


def default_sqlite_path() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("screener", appauthor=False)) / "screener.db"


def resolve_url(explicit: str | None = None, *, embedded_default: bool = False) -> str | None:
    """``explicit``, else ``SCREENER_DATABASE_URL``, else the embedded SQLite (when asked for), else None."""
    if explicit:
        return explicit
    if os.environ.get(ENV_VAR):
        return os.environ[ENV_VAR]
    if embedded_default:
        return f"sqlite:///{default_sqlite_path()}"
    return None


def parse_url(url: str) -> URL:
    """The SQLAlchemy URL, PostgreSQL pinned to psycopg 3; a bad URL is a UsageError naming the fix."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise UsageError("the database URL is not a URL: give --db / SCREENER_DATABASE_URL as "
                         "sqlite:///PATH or postgresql://USER:PASSWORD@HOST/DB") from None
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.get_backend_name() not in ("sqlite", "postgresql"):
        raise UsageError(f"database {parsed.get_backend_name()!r} is not supported: use sqlite:///PATH or "
                         "postgresql://USER:PASSWORD@HOST/DB")
    return parsed


def display_url(url: str | URL) -> str:
    """The URL with its password masked, for messages."""
    try:
        return (url if isinstance(url, URL) else make_url(url)).render_as_string(hide_password=True)
    except ArgumentError:
        return "<unparseable database URL>"


def _sqlite_file(url: URL) -> Path | None:
    db = url.database
    if not db or db == ":memory:" or db.startswith("file:"):
        return None
    return Path(db).expanduser()


def _prepare_sqlite_file(path: Path) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        if not path.exists():
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
    except OSError as e:
        raise StoreError(f"cannot create the database {path} ({e.strerror}); choose another --db or "
                         f"{ENV_VAR}") from None


def make_engine(url: str, **kwargs: Any) -> Engine:
    """An engine for ``url`` with screener's SQLite settings (WAL, foreign keys, busy timeout, BEGIN IMMEDIATE)."""
    parsed = parse_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(parsed, pool_pre_ping=True, **kwargs)
    path = _sqlite_file(parsed)
    if path is not None:
        parsed = parsed.set(database=str(path))
        _prepare_sqlite_file(path)
    engine = create_engine(parsed, connect_args={"check_same_thread": False, "timeout": SQLITE_BUSY_MS / 1000},
                           **kwargs)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # SQLAlchemy emits BEGIN itself (below)
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_MS}")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA secure_delete=ON")  # erased transcripts are overwritten, not left in free pages
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        read_only = conn.get_execution_options().get("screener_read_only", False)
        conn.exec_driver_sql("BEGIN DEFERRED" if read_only else "BEGIN IMMEDIATE")

    return engine


class Store:
    """One database: ``with store.session() as s:`` commits on success and rolls back on an exception.

    ``store.reader()`` is the same for read-only work (on SQLite it does not take the write lock).
    Objects stay usable after the session ends (``expire_on_commit=False``), e.g. for rendering a page.
    """

    def __init__(self, url: str, engine: Engine | None = None) -> None:
        self.url = url
        self.engine = engine or make_engine(url)
        self._sessions = sessionmaker(bind=self.engine, expire_on_commit=False)
        self._readers = sessionmaker(bind=self.engine.execution_options(screener_read_only=True),
                                     expire_on_commit=False)

    @property
    def dialect(self) -> str:
        """``sqlite`` or ``postgresql``."""
        return self.engine.dialect.name

    @contextmanager
    def session(self) -> Iterator[Session]:
        with _reported(self.url), self._sessions.begin() as s:
            yield s

    @contextmanager
    def reader(self) -> Iterator[Session]:
        with _reported(self.url), self._readers.begin() as s:
            yield s

    def flush_deleted(self) -> None:
        """After an erasure or a retention run: on SQLite, copy the WAL into the database and truncate it, so the
        deleted text is gone from the WAL too (with ``secure_delete`` it is zeroed in the file). PostgreSQL keeps
        dead rows until VACUUM reuses them; see the README (Retention and erasure)."""
        if self.dialect == "sqlite":
            with _reported(self.url):
                raw = self.engine.raw_connection()  # outside a transaction: a checkpoint cannot run inside one
                try:
                    raw.cursor().execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
                finally:
                    raw.close()

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({display_url(self.url)!r})"


@contextmanager
def _reported(url: str) -> Iterator[None]:
    """A database that cannot be reached becomes one line naming it (password masked), not a traceback."""
    try:
        yield
    except OperationalError as e:
        reason = str(e.orig or e).strip().splitlines()[0] if (e.orig or e) else "unavailable"
        raise StoreError(f"database {display_url(url)}: {reason}") from e


def open_store(url: str | None = None, *, embedded_default: bool = False, migrate: bool = True) -> Store:
    """The store at ``url`` (resolved as in :func:`resolve_url`), migrated to the latest schema unless told not to.

    Raises ``UsageError`` when no store is configured (and no embedded default was asked for).
    """
    resolved = resolve_url(url, embedded_default=embedded_default)
    if resolved is None:
        raise UsageError(f"no store configured: pass --db URL or set {ENV_VAR}")
    store = Store(resolved)
    if migrate:
        from .migrate import upgrade

        with _reported(resolved):
            upgrade(store.engine)
    return store
