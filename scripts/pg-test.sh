#!/usr/bin/env bash
# A throwaway PostgreSQL for byline's tests and scripts: creates a cluster
# in a temporary folder (initdb), starts it on a Unix socket only (pg_ctl),
# exports its URL as BYLINE_TEST_DB, runs the command given, and stops and
# removes the cluster at the end, whatever happens.
#
#   bash scripts/pg-test.sh go test ./browse/pgstore/ ./cmd/byline/
#   bash scripts/pg-test.sh bash scripts/e2e-db.sh
#   bash scripts/pg-test.sh            (no command: a shell with BYLINE_TEST_DB set)
#
# PostgreSQL's binaries come from /usr/lib/postgresql/*/bin (Debian's
# postgresql package); with --install, or under CI (CI=true), the package is
# installed when they are missing. As root (CI), initdb refuses to run: the
# cluster belongs to the package's "postgres" user (runuser), in a folder it
# owns. Nothing reads standard input.
set -euo pipefail

install=false
if [ "${1:-}" = "--install" ]; then
	install=true
	shift
fi
[ -n "${CI:-}" ] && install=true

bindir() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }
bin=$(bindir)
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
	if ! $install; then
		echo "pg-test: no PostgreSQL binaries in /usr/lib/postgresql/*/bin; install postgresql (or run with --install)" >&2
		exit 1
	fi
	echo "pg-test: installing postgresql" >&2
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq </dev/null >/dev/null
	apt-get install -y -qq postgresql </dev/null >/dev/null
	bin=$(bindir)
fi

dir=$(mktemp -d "${TMPDIR:-/tmp}/byline-pg.XXXXXX")
as=()
if [ "$(id -u)" = 0 ]; then
	id postgres >/dev/null 2>&1 || { echo "pg-test: running as root and there is no postgres user to run initdb as" >&2; exit 1; }
	chown postgres: "$dir"
	as=(runuser -u postgres --)
fi
port=$((20000 + RANDOM % 20000))
stop() {
	status=$?
	"${as[@]}" "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
	rm -rf "$dir"
	exit "$status"
}
trap stop EXIT
trap 'exit 1' INT TERM

(cd "$dir" && "${as[@]}" "$bin/initdb" -D "$dir/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1) ||
	{ cat "$dir/initdb.log" >&2; exit 1; }
(cd "$dir" && "${as[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w -t 120 \
	-o "-k $dir -p $port -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null) ||
	{ cat "$dir/log" >&2; exit 1; }
export BYLINE_TEST_DB="postgres://postgres@/postgres?host=$dir&port=$port&sslmode=disable"
echo "pg-test: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') at $BYLINE_TEST_DB" >&2
if [ $# -eq 0 ]; then
	"${SHELL:-bash}" -i
else
	"$@"
fi
