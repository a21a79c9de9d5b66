#!/usr/bin/env bash
# PostgreSQL for the store tests: Debian's postgresql package (installed when missing), then a throwaway
# cluster for this run (tests/pg_server.py: a temporary folder, Unix socket only, owned by the postgres user
# when run as root). Source it: it exports SCREENER_TEST_POSTGRES_URL and sets an EXIT trap that stops the
# server and removes its folder, on success and on failure alike.
have_pg() { command -v initdb >/dev/null 2>&1 || compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; }
if ! have_pg; then
    as_root=""
    if [ "$(id -u)" != 0 ]; then as_root="sudo"; fi
    $as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $as_root apt-get install -y -qq postgresql >/dev/null
fi
SCREENER_CI_PG_DIR="$(mktemp -d /tmp/screener-ci-pg.XXXXXX)"
trap 'python3 tests/pg_server.py stop "$SCREENER_CI_PG_DIR"; rm -rf "$SCREENER_CI_PG_DIR"' EXIT
SCREENER_TEST_POSTGRES_URL="$(python3 tests/pg_server.py start "$SCREENER_CI_PG_DIR")"
export SCREENER_TEST_POSTGRES_URL
echo "ci: PostgreSQL for the store tests at $SCREENER_TEST_POSTGRES_URL"
