#!/usr/bin/env bash
# The tests on a busy machine: `go test -count=N ./...` (default 3) while
# BURNERS processes (default 3) each keep a core busy, as CI's shared 2-core
# machine may be. A test that waits on a clock instead of an event fails
# here; every test must pass.
#
#   bash scripts/loaded-box.sh [COUNT] [BURNERS]     (extra go test flags: GOTESTFLAGS)
#
# go test's -timeout (default 30m here, for all COUNT runs of a package) is
# the only clock: it turns a hang into a failure with every goroutine's
# stack. Prints the load while the tests ran, the wall time, and PASS or FAIL;
# exit status 0 only on PASS. The burners are this script's own children
# and are stopped on exit, however it exits.
set -euo pipefail
cd "$(dirname "$0")/.."

count=${1:-3}
burners=${2:-3}
timeout=${TEST_TIMEOUT:-30m}

pids=()
cleanup() {
	status=$?
	for pid in "${pids[@]}"; do
		kill "$pid" 2>/dev/null || true
	done
	wait 2>/dev/null || true
	exit "$status"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

# Build first, so that the burners compete with the tests, not the compiler.
go test -count=1 -run '^$' ./... >/dev/null

for _ in $(seq "$burners"); do
	( while :; do :; done ) &
	pids+=("$!")
done
echo "loaded-box: $burners CPU burners (pids ${pids[*]}) on $(nproc) cores; go test -count=$count -timeout $timeout ./... ${GOTESTFLAGS:-}"

log=$(mktemp "${TMPDIR:-/tmp}/byline-loaded-box.XXXXXX")
begin=$SECONDS
set +e
# shellcheck disable=SC2086 # GOTESTFLAGS is a list of flags
go test -count="$count" -timeout "$timeout" ${GOTESTFLAGS:-} ./... >"$log" 2>&1
status=$?
set -e
load=$(cut -d' ' -f1-3 /proc/loadavg)
grep -E '^(ok|FAIL|---|panic)' "$log" || true
echo "loaded-box: $((SECONDS - begin)) s; load average at the end $load"
if [ "$status" -ne 0 ]; then
	echo "--- failures"
	grep -E -B2 -A30 '^(--- FAIL|panic:)' "$log" | head -200 || true
	echo "FAIL loaded-box (the whole log: $log)"
	exit 1
fi
rm -f "$log"
echo "PASS loaded-box"
