#!/usr/bin/env bash
# Load test of `byline serve`: N concurrent SSH sessions (default 50) over the
# seeds + BBC corpus, each logged in with its own key, opening an article and
# filtering, then marking MARK stories read (default 20); prints the server's
# memory (VmRSS) idle, with 1 session and with N, each step's time and the
# marking keystrokes' latency, then stops the server and checks its state
# database: every session's marks, each under its own key's fingerprint.
#
#   bash scripts/ssh-load.sh [N] [MARK]   (BYLINE_BIN=prebuilt byline to use;
#                                          STATE=off serves with --no-state, to compare;
#                                          TIMEOUT=900s gives a busy machine longer than 300s)
#   BYLINE_LOAD_DB=URL bash scripts/ssh-load.sh [N] [MARK]   (serve --db URL instead: a corpus in PostgreSQL)
#
# Loopback only; the server gets a fresh host key and authorized_keys in a
# temporary folder and is stopped on exit.
set -euo pipefail
cd "$(dirname "$0")/.."

n=${1:-50}
mark=${2:-20}
corpora=(../shared/corpus/seeds ../shared/corpus/bbc)
if [ -n "${BYLINE_LOAD_DB:-}" ]; then
	corpora=(--db "$BYLINE_LOAD_DB")
fi
for c in "${corpora[@]}"; do
	[ -n "${BYLINE_LOAD_DB:-}" ] && break
	if [ ! -d "$c" ]; then
		echo "SKIP ssh-load: $c not found"
		exit 0
	fi
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/byline-ssh-load.XXXXXX")
server_pid=""
cleanup() {
	status=$?
	if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
		kill "$server_pid" 2>/dev/null || true
		for _ in $(seq 50); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
		kill -9 "$server_pid" 2>/dev/null || true
	fi
	if [ "$status" -ne 0 ]; then
		echo "--- server log (tail)"
		tail -n 30 "$tmp/server.log" 2>/dev/null || true
		echo "FAIL ssh-load"
	fi
	rm -rf "$tmp"
	exit "$status"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

bin=${BYLINE_BIN:-}
if [ -z "$bin" ]; then
	go build -o "$tmp/byline" ./cmd/byline
	bin=$tmp/byline
fi
go build -o "$tmp/byline-load" ./serve/cmd/byline-load

export HOME=$tmp/home
mkdir -p "$HOME"
unset SSH_AUTH_SOCK XDG_DATA_HOME
# A key per session.
"$tmp/byline-load" -genkeys "$tmp/keys" -n "$n"
statedb="$tmp/state.db"
stateflags=(--state-db "$statedb")
if [ "${STATE:-on}" = off ]; then
	stateflags=(--no-state)
fi

"$bin" serve --listen 127.0.0.1:0 --host-key "$tmp/host_ed25519" \
	--authorized-keys "$tmp/keys/authorized_keys" --max-sessions $((n + 10)) --rate 10000 \
	"${stateflags[@]}" "${corpora[@]}" >"$tmp/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 600); do
	grep -q "listening" "$tmp/server.log" && break
	kill -0 "$server_pid" 2>/dev/null || { echo "server exited"; exit 1; }
	sleep 0.1
done
addr=$(sed -n 's/.*listening addr=\(127\.0\.0\.1:[0-9]*\).*/\1/p' "$tmp/server.log" | head -1)
[ -n "$addr" ] || { echo "server did not start"; exit 1; }
grep -E "corpus loaded|database opened" "$tmp/server.log" | sed 's/^.*\(corpus loaded\|database opened\)/\1:/'
sleep 1 # let the load's garbage settle before the idle reading

"$tmp/byline-load" -addr "$addr" -keydir "$tmp/keys" -pid "$server_pid" -n "$n" -mark "$mark" -timeout "${TIMEOUT:-300s}"

# Stop the server (it writes what its sessions queued), then read its
# database.
kill -TERM "$server_pid"
for _ in $(seq 300); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$server_pid" 2>/dev/null; then
	echo "the server did not stop on SIGTERM"
	exit 1
fi
server_pid=""
if [ "${STATE:-on}" != off ] && [ "$mark" -gt 0 ]; then
	"$tmp/byline-load" -check-db "$statedb" -keydir "$tmp/keys" -n "$n" -mark "$mark"
fi
echo "PASS ssh-load"
