#!/usr/bin/env bash
# A throwaway PostgreSQL for byline's tests and scripts: creates a cluster
# in a temporary folder (initdb), starts it on a Unix socket only (pg_ctl),
# exports its URL as BYLINE_TEST_DB, runs the command given, and stops and
# removes the cluster at the end, whatever happens.
#
#   bash scripts/pg-test.sh go test ./browse/pgstore/ ./cmd/byline/
#   bash scripts/pg-test.sh            (no command: a shell with BYLINE_TEST_DB set)
#   bash scripts/pg-test.sh --install ...   (install Debian's postgresql if missing)
#
# go test needs no script: without BYLINE_TEST_DB the tests start such a
# cluster themselves (internal/pgtest). PostgreSQL's binaries come from
# /usr/lib/postgresql/*/bin; under CI (CI=true) or with --install, the
# package is installed when they are missing. As root (CI), initdb refuses
# to run: the cluster belongs to the package's "postgres" user (runuser),
# in a folder it owns. Nothing reads standard input.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib-pg.sh

install=
if [ "${1:-}" = "--install" ]; then
	install=--install
	shift
fi
pg_find_bin $install || { echo "pg-test: no PostgreSQL binaries in /usr/lib/postgresql/*/bin; install postgresql (or run with --install)" >&2; exit 1; }

dir=$(mktemp -d "${TMPDIR:-/tmp}/byline-pg.XXXXXX")
stop() {
	status=$?
	pg_stop "$dir"
	rm -rf "$dir"
	exit "$status"
}
trap stop EXIT
trap 'exit 1' INT TERM

pg_init "$dir"
pg_start "$dir" $((20000 + RANDOM % 20000))
export BYLINE_TEST_DB=$PG_URL
echo "pg-test: PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') at $BYLINE_TEST_DB" >&2
if [ $# -eq 0 ]; then
	"${SHELL:-bash}" -i
else
	"$@"
fi
