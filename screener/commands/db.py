"""The ``--db URL`` flag and opening the store from the command line.

The CLI writes to a store only when one is configured (``--db URL`` or ``SCREENER_DATABASE_URL``); without
either, ``grade``, ``batch`` and ``review`` stay file-only. Commands that exist only for the store (``import``,
``erase``, ``user``, ``retention``) fall back to the web app's embedded SQLite in the user's data directory.
"""

from __future__ import annotations

import argparse

DB_HELP = ("the workspace store: sqlite:///PATH or postgresql://USER:PASSWORD@HOST/DB "
           "(default: $SCREENER_DATABASE_URL{rest})")


def add_db_flag(p: argparse.ArgumentParser, *, embedded_default: bool = False) -> None:
    rest = (", else the web app's SQLite in your data directory" if embedded_default
            else "; without either, nothing is written to a store")
    p.add_argument("--db", metavar="URL", help=DB_HELP.format(rest=rest))


def configured(args: argparse.Namespace) -> bool:
    """True when a store is named by ``--db`` or the environment."""
    from ..store.engine import resolve_url

    return resolve_url(getattr(args, "db", None)) is not None


def open_from_args(args: argparse.Namespace, *, embedded_default: bool = False):  # -> Store | None
    """The migrated store named by ``--db`` / the environment (or the embedded default), else None."""
    from ..store.engine import resolve_url

    url = resolve_url(getattr(args, "db", None), embedded_default=embedded_default)
    if url is None:
        return None
    from ..store import open_store

    return open_store(url)
