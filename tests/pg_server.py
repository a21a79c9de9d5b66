"""A throwaway PostgreSQL server for tests: a fresh cluster in a temporary folder, on a Unix socket only.

Used by the store tests when ``SCREENER_TEST_POSTGRES_URL`` is not set and Debian's ``postgresql`` binaries
are there (``initdb``/``pg_ctl`` on PATH or under ``/usr/lib/postgresql/*/bin``). PostgreSQL refuses to run
as root, so as root the cluster belongs to the ``postgres`` system user (``runuser``). Nothing listens on TCP.

Also a command for ``.ci/run``: ``python tests/pg_server.py start DIR`` prints the URL, ``stop DIR`` stops it.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import sys
from pathlib import Path

URL_ENV = "SCREENER_TEST_POSTGRES_URL"


def find_bin(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"),
                        key=lambda p: int(Path(p).parent.parent.name) if Path(p).parent.parent.name.isdigit() else 0)
    return candidates[-1] if candidates else None


def available() -> bool:
    return bool(find_bin("initdb") and find_bin("pg_ctl"))


def _as_owner(cmd: list[str], owner: str | None) -> list[str]:
    return ["runuser", "-u", owner, "--", *cmd] if owner else cmd


def _owner() -> str | None:
    if os.geteuid() != 0:
        return None
    try:
        pwd.getpwnam("postgres")
    except KeyError:
        raise RuntimeError("running as root and there is no 'postgres' user to own the test cluster") from None
    return "postgres"


def start(folder: Path) -> str:
    """Create and start a cluster in ``folder`` (must not exist or be empty); returns its admin URL."""
    initdb, pg_ctl = find_bin("initdb"), find_bin("pg_ctl")
    if not (initdb and pg_ctl):
        raise RuntimeError("PostgreSQL binaries not found: apt-get install -y postgresql")
    owner = _owner()
    folder.mkdir(parents=True, exist_ok=True)
    data = folder / "data"
    if owner:
        entry = pwd.getpwnam(owner)
        os.chown(folder, entry.pw_uid, entry.pw_gid)
        for parent in folder.parents:  # the postgres user must be able to reach the folder
            if parent == Path("/"):
                break
            mode = parent.stat().st_mode
            if not mode & 0o001:
                os.chmod(parent, mode | 0o001)
    run = dict(check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    subprocess.run(_as_owner([initdb, "-D", str(data), "-A", "trust", "-U", "postgres", "--no-sync",
                              "-E", "UTF8", "--locale=C"], owner), **run)
    options = f"-c listen_addresses='' -k {folder} -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    subprocess.run(_as_owner([pg_ctl, "-D", str(data), "-o", options, "-l", str(folder / "server.log"), "-w",
                              "-t", "60", "start"], owner), **run)
    return f"postgresql://postgres@/postgres?host={folder}"


def stop(folder: Path) -> None:
    pg_ctl = find_bin("pg_ctl")
    data = folder / "data"
    if pg_ctl and (data / "postmaster.pid").exists():
        subprocess.run(_as_owner([pg_ctl, "-D", str(data), "-m", "immediate", "-w", "stop"], _owner()),
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)


if __name__ == "__main__":
    action, where = sys.argv[1], Path(sys.argv[2])
    if action == "start":
        print(start(where))
    elif action == "stop":
        stop(where)
    else:
        raise SystemExit("usage: pg_server.py start|stop DIR")
