#!/usr/bin/env bash
# Do two builds of byline print the same thing? Runs `list`, `show`,
# `quotes`, `speakers` and `report` with --json --no-cache under both
# binaries over the demo, the seeds, BBC and polnear-train's text, and
# compares the outputs byte for byte. For changes that must not change
# output (speed work, refactors).
#
#   bash scripts/same-output.sh OLD_BIN NEW_BIN     (exit 0: all identical)
#
# Build the two binaries yourself (e.g. `git stash; go build -o /tmp/me/old
# ./cmd/byline; git stash pop; go build -o /tmp/me/new ./cmd/byline`). Outputs
# are kept under $OUT (default /tmp/byline-same-output/<sha256 of binary>),
# so a binary's outputs are computed once however often you compare with it.
# Corpora under ../shared are skipped, with a note, when absent.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ $# -ne 2 ]; then
	echo "usage: $0 OLD_BIN NEW_BIN" >&2
	exit 2
fi
out_root=${OUT:-/tmp/byline-same-output}

corpora=(corpus/demo/data)
for dir in ../shared/corpus/seeds ../shared/corpus/bbc ../shared/eval/quotes/polnear-train/text; do
	if [ -d "$dir" ]; then
		corpora+=("$dir")
	else
		echo "skipping $dir: absent" >&2
	fi
done
commands=(list show quotes speakers report)

# outputs BIN prints the directory holding BIN's outputs, computing any missing.
outputs() {
	local bin=$1 sum dir corpus name cmd
	sum=$(sha256sum "$bin" | cut -c1-16)
	dir=$out_root/$sum
	mkdir -p "$dir"
	# Own cache and state, so the binary under test never reads another's.
	export XDG_CACHE_HOME=$dir/.cache XDG_STATE_HOME=$dir/.state
	for corpus in "${corpora[@]}"; do
		name=$(echo "$corpus" | tr '/.' '__')
		for cmd in "${commands[@]}"; do
			[ -s "$dir/$cmd.$name" ] && continue
			# Exit status 1 (a corpus with problems) still prints the output.
			"$bin" "$cmd" --json --no-cache "$corpus" >"$dir/$cmd.$name.tmp" 2>"$dir/$cmd.$name.err" || true
			mv "$dir/$cmd.$name.tmp" "$dir/$cmd.$name"
		done
	done
	echo "$dir"
}

old=$(outputs "$1")
new=$(outputs "$2")
status=0
n=0
for f in "$old"/*; do
	name=$(basename "$f")
	case $name in *.err | *.tmp) continue ;; esac
	n=$((n + 1))
	if cmp -s "$f" "$new/$name"; then
		printf 'same     %-60s %9d bytes\n' "$name" "$(wc -c <"$f")"
	else
		printf 'DIFFERS  %s\n' "$name"
		diff <(tr ',' '\n' <"$f") <(tr ',' '\n' <"$new/$name") | head -20 || true
		status=1
	fi
done
if [ $status -eq 0 ]; then
	echo "all $n outputs identical"
else
	echo "outputs differ"
fi
exit $status
