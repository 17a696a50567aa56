#!/usr/bin/env bash
# Load test of `byline serve`: N concurrent SSH sessions (default 50) over the
# seeds + BBC corpus, each opening an article and filtering; prints the
# server's memory (VmRSS) idle, with 1 session and with N.
#
#   bash scripts/ssh-load.sh [N]      (BYLINE_BIN=prebuilt byline to use)
#   BYLINE_LOAD_DB=URL bash scripts/ssh-load.sh [N]   (serve --db URL instead: a corpus in PostgreSQL)
#
# Loopback only; the server gets a fresh host key and authorized_keys in a
# temporary folder and is stopped on exit.
set -euo pipefail
cd "$(dirname "$0")/.."

n=${1:-50}
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
command -v ssh-keygen >/dev/null 2>&1 || { echo "FAIL ssh-load: ssh-keygen missing (openssh-client)"; exit 1; }

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
ssh-keygen -q -t ed25519 -N '' -C load -f "$tmp/key"
cp "$tmp/key.pub" "$tmp/authorized_keys"

"$bin" serve --listen 127.0.0.1:0 --host-key "$tmp/host_ed25519" \
	--authorized-keys "$tmp/authorized_keys" --max-sessions $((n + 10)) --rate 10000 \
	"${corpora[@]}" >"$tmp/server.log" 2>&1 &
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

"$tmp/byline-load" -addr "$addr" -key "$tmp/key" -pid "$server_pid" -n "$n"
echo "PASS ssh-load"
