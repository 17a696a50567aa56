#!/usr/bin/env bash
# Runs every fuzz target of every package for a given time each (default
# 10m), one after another, stopping at the first failure. A crash is saved
# by Go under the package's testdata/fuzz/<Target>/ — commit it as a
# regression seed once fixed.
#
#   bash scripts/fuzz-long.sh            # 10 minutes per target
#   bash scripts/fuzz-long.sh 1h         # an hour per target
#   bash scripts/fuzz-long.sh 30s tui    # only packages matching "tui"
#
# .ci/run runs the same targets for FUZZTIME (default 4s) each.
set -euo pipefail
cd "$(dirname "$0")/.."
time=${1:-10m}
only=${2:-}
for pkg in $(go list ./...); do
	[[ -z "$only" || "$pkg" == *"$only"* ]] || continue
	dir=$(go list -f '{{.Dir}}' "$pkg")
	for target in $(grep -ho '^func Fuzz[A-Za-z0-9_]*' "$dir"/*_test.go 2>/dev/null | sed 's/^func //' | sort -u); do
		printf '%s  fuzz %s %s for %s\n' "$(date +%T)" "$pkg" "$target" "$time"
		go test "$pkg" -run '^$' -fuzz "^${target}\$" -fuzztime "$time" 2>&1 | grep -v '^fuzz: elapsed' | tail -20
	done
done
