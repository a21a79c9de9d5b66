"""Fixtures for the store tests, run against both databases (import them: ``from store_fixtures import *``).

``db_url`` is parametrised over ``sqlite`` (a fresh file per test) and ``postgresql`` (a fresh database per test
on ``SCREENER_TEST_POSTGRES_URL``, else on a throwaway server started for the session; skipped when neither is
possible). Real servers, no mocks.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pg_server
import pytest

from screener.store import Store, open_store

__all__ = ["db_url", "pg_admin_url", "store"]


@pytest.fixture(scope="session")
def pg_admin_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str | None]:
    """A PostgreSQL URL whose role may create databases, or None when no server can be had."""
    if os.environ.get(pg_server.URL_ENV):
        yield os.environ[pg_server.URL_ENV]
        return
    if not pg_server.available():
        yield None
        return
    folder = Path(f"/tmp/screener-pg-{uuid.uuid4().hex[:8]}")  # short: a socket path has a 107-byte limit
    try:
        url = pg_server.start(folder)
    except Exception as e:  # noqa: BLE001 - report why and run the SQLite half
        print(f"store tests: no PostgreSQL ({e})")
        pg_server.stop(folder)
        yield None
        return
    try:
        yield url
    finally:
        pg_server.stop(folder)
        shutil.rmtree(folder, ignore_errors=True)


def _with_database(url: str, name: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).set(database=name).render_as_string(hide_password=False)


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A URL of an empty database (nothing created yet)."""
    monkeypatch.delenv("SCREENER_DATABASE_URL", raising=False)
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.db'}"
        return
    admin = request.getfixturevalue("pg_admin_url")
    if admin is None:
        pytest.skip("no PostgreSQL: set SCREENER_TEST_POSTGRES_URL or install Debian's postgresql")
    import psycopg

    name = f"screener_test_{uuid.uuid4().hex[:12]}"
    plain = admin.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(plain, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield _with_database(admin, name)
    finally:
        with psycopg.connect(plain, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    """A migrated, empty store."""
    s = open_store(db_url)
    try:
        yield s
    finally:
        s.close()
