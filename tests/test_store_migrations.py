"""The schema's migration story: created from empty by the shipped revisions, models and migrations agree
(what ``alembic check`` checks), down and up again, and several processes starting at once migrate once."""

from __future__ import annotations

import multiprocessing
import os
import stat
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text
from store_fixtures import *  # noqa: F403 - the db_url and store fixtures

import screener
from screener.store import StoreError, open_store
from screener.store.engine import default_sqlite_path, make_engine, resolve_url
from screener.store.migrate import MIGRATIONS, current_revision, downgrade, head_revision, upgrade
from screener.store.models import Base


def _diff(engine) -> list:
    with engine.connect() as conn:
        return compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)


def test_an_empty_database_is_migrated_to_the_latest_revision_and_matches_the_models(db_url):
    engine = make_engine(db_url)
    assert current_revision(engine) is None
    upgrade(engine)
    assert current_revision(engine) == head_revision()
    assert set(inspect(engine).get_table_names()) == set(Base.metadata.tables) | {"alembic_version"}
    assert _diff(engine) == []  # models and migrations agree: nothing for autogenerate to write
    engine.dispose()


def test_models_and_migrations_disagreeing_is_noticed(db_url):
    """The agreement check is not vacuous: a column the migrations never made is reported."""
    engine = make_engine(db_url)
    upgrade(engine)
    with engine.begin() as conn:
        conn.execute(text("ALTER TABLE users ADD COLUMN stray VARCHAR(5)"))
    assert any(d[0] == "remove_column" and d[3].name == "stray" for d in _diff(engine))
    engine.dispose()


def test_down_to_empty_and_up_again(db_url):
    engine = make_engine(db_url)
    upgrade(engine)
    downgrade(engine, "base")
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    upgrade(engine)
    assert _diff(engine) == [] and current_revision(engine) == head_revision()
    engine.dispose()


def test_the_revisions_ship_inside_the_package():
    assert MIGRATIONS.parent.parent == Path(screener.__file__).parent and (MIGRATIONS / "env.py").is_file()
    assert sorted(p.name for p in (MIGRATIONS / "versions").glob("*.py")) == ["0001_initial.py",
                                                                             "0002_login_throttle.py"]


def test_a_0001_database_with_data_upgrades_to_0002_in_place_and_back(db_url):
    """A workspace made before the login limiter moved into the database: its data stays, the table is added."""
    engine = make_engine(db_url)
    upgrade(engine, "0001")
    assert current_revision(engine) == "0001" and "login_throttle" not in inspect(engine).get_table_names()
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO users (username, password_hash, role, disabled, created_at) "
                          "VALUES ('hana', NULL, 'hiring_manager', false, CURRENT_TIMESTAMP)"))
    engine.dispose()
    with open_store(db_url) as store:  # what every app start does: migrate to the head
        with store.reader() as s:
            assert s.execute(text("SELECT username FROM users")).scalars().all() == ["hana"]
            assert s.execute(text("SELECT count(*) FROM login_throttle")).scalar() == 0
    engine = make_engine(db_url)
    assert current_revision(engine) == head_revision() == "0002" and _diff(engine) == []
    downgrade(engine, "0001")
    assert "login_throttle" not in inspect(engine).get_table_names()
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM users")).scalar() == 1
    engine.dispose()


def _open_and_count(url: str, queue) -> None:
    try:
        with open_store(url) as store, store.reader() as s:
            queue.put(s.execute(text("SELECT count(*) FROM users")).scalar())
    except Exception as e:  # noqa: BLE001 - reported to the parent
        queue.put(repr(e))


def test_processes_starting_at_once_on_an_empty_database_migrate_it_once(db_url):
    ctx = multiprocessing.get_context("spawn")
    queue = ctx.Queue()
    procs = [ctx.Process(target=_open_and_count, args=(db_url, queue)) for _ in range(3)]
    for p in procs:
        p.start()
    results = [queue.get(timeout=120) for _ in procs]
    for p in procs:
        p.join(timeout=60)
    assert results == [0, 0, 0]
    engine = make_engine(db_url)
    assert current_revision(engine) == head_revision()
    engine.dispose()


def test_the_embedded_default_is_sqlite_in_wal_mode_in_the_users_data_dir_owner_only(tmp_path, monkeypatch):
    monkeypatch.delenv("SCREENER_DATABASE_URL", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert resolve_url(None) is None  # the CLI: file-only without --db or the variable
    assert default_sqlite_path() == tmp_path / "data" / "screener" / "screener.db"
    with open_store(None, embedded_default=True) as store:
        assert store.dialect == "sqlite"
        with store.reader() as s:
            assert s.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert s.execute(text("PRAGMA foreign_keys")).scalar() == 1
    db = default_sqlite_path()
    assert stat.S_IMODE(db.stat().st_mode) == 0o600
    assert current_revision(make_engine(f"sqlite:///{db}")) == head_revision()


def test_the_environment_variable_names_the_store(tmp_path, monkeypatch):
    monkeypatch.setenv("SCREENER_DATABASE_URL", f"sqlite:///{tmp_path / 'team.db'}")
    assert resolve_url(None) == f"sqlite:///{tmp_path / 'team.db'}"
    assert resolve_url("sqlite:///other.db") == "sqlite:///other.db"  # --db wins


def test_an_unreachable_server_is_one_line_without_the_password(tmp_path):
    url = f"postgresql://screener:hunter2secret@/nowhere?host={tmp_path}"
    with pytest.raises(StoreError) as e:
        open_store(url)
    assert "hunter2secret" not in str(e.value) and "***" in str(e.value) and "\n" not in str(e.value)


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere")
def test_a_database_that_cannot_be_created_says_which(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir(mode=0o500)
    with pytest.raises(StoreError, match="cannot create the database"):
        open_store(f"sqlite:///{folder / 'x' / 'screener.db'}")
