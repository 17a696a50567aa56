# Shell functions for a throwaway PostgreSQL cluster, sourced by
# scripts/pg-test.sh and scripts/e2e-db.sh.
#
#   pg_find_bin [--install]   sets PG_BIN (installs Debian's postgresql with --install or CI=true)
#   pg_init DIR               initdb in DIR (as the postgres user when root: initdb refuses root)
#   pg_start DIR PORT         start on a Unix socket in DIR only; sets PG_URL
#   pg_stop DIR               stop (immediately)

pg_find_bin() {
	PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
	if [ -n "$PG_BIN" ] && [ -x "$PG_BIN/initdb" ]; then
		return 0
	fi
	if [ "${1:-}" != "--install" ] && [ -z "${CI:-}" ]; then
		return 1
	fi
	echo "installing postgresql" >&2
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq </dev/null >/dev/null
	apt-get install -y -qq postgresql </dev/null >/dev/null
	PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
	[ -n "$PG_BIN" ] && [ -x "$PG_BIN/initdb" ]
}

# pg_as runs a PostgreSQL binary as the cluster's owner.
pg_as() {
	if [ "$(id -u)" = 0 ]; then
		runuser -u postgres -- "$@" </dev/null
	else
		"$@" </dev/null
	fi
}

pg_init() {
	local dir=$1
	if [ "$(id -u)" = 0 ]; then
		id postgres >/dev/null 2>&1 || { echo "running as root and there is no postgres user to run initdb as" >&2; return 1; }
		chown postgres: "$dir"
	fi
	(cd "$dir" && pg_as "$PG_BIN/initdb" -D "$dir/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1) ||
		{ cat "$dir/initdb.log" >&2; return 1; }
}

pg_start() {
	local dir=$1 port=$2
	(cd "$dir" && pg_as "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/log" -w -t 120 \
		-o "-k $dir -p $port -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null) ||
		{ tail -20 "$dir/log" >&2; return 1; }
	PG_URL="postgres://postgres@/postgres?host=$dir&port=$port&sslmode=disable"
}

pg_stop() {
	local dir=$1
	(cd "$dir" && pg_as "$PG_BIN/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1) || true
}

# pg_db URL NAME: URL naming another database.
pg_db() { printf '%s\n' "$1" | sed "s#/postgres?#/$2?#"; }
