"""Alembic environment for the screener store.

Run from code (``screener.store.migrate``), which hands over an open connection in
``config.attributes["connection"]``; or from the ``alembic`` command line with ``-x url=DATABASE_URL`` (or
``SCREENER_DATABASE_URL``) to write a new revision: ``alembic -c <this folder>/alembic.ini revision
--autogenerate -m "..."``, then read and edit it.
"""

from __future__ import annotations

from alembic import context

from screener.store.models import Base

config = context.config
target_metadata = Base.metadata


def _configure(connection) -> None:
    context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True,
                      compare_type=True)


def run() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure(connection)
        with context.begin_transaction():
            context.run_migrations()
        return
    import os

    from screener.store.engine import ENV_VAR, make_engine

    url = context.get_x_argument(as_dictionary=True).get("url") or os.environ.get(ENV_VAR)
    if not url:
        raise SystemExit(f"give the database: -x url=DATABASE_URL or {ENV_VAR}")
    engine = make_engine(url)
    with engine.begin() as conn:
        _configure(conn)
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


run()
