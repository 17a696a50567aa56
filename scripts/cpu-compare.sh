#!/usr/bin/env bash
# CPU time and peak memory of two builds of byline on one corpus, measured
# alternately (A, B, A, B, ...) so both see the same load on a shared
# machine. CPU time (user + sys) is much steadier than wall time there.
#
#   bash scripts/cpu-compare.sh A_BIN B_BIN DIR [ROUNDS]    (default 7 rounds)
#
# Each run is `BIN list --json --no-cache DIR` with its output discarded and
# its own cache and state directories. Prints every run, then per build the
# least, median and mean CPU seconds and the median peak RSS, and B's median
# CPU relative to A's. Extra arguments for byline: BYLINE_ARGS (default
# "list --json --no-cache").
set -euo pipefail

if [ $# -lt 3 ]; then
	echo "usage: $0 A_BIN B_BIN DIR [ROUNDS]" >&2
	exit 2
fi
a=$1 b=$2 dir=$3 rounds=${4:-7}
args=${BYLINE_ARGS:-list --json --no-cache}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export XDG_CACHE_HOME=$tmp/cache XDG_STATE_HOME=$tmp/state

run() { # run LABEL BIN: appends "cpu rss" to $tmp/LABEL
	local label=$1 bin=$2
	# shellcheck disable=SC2086
	/usr/bin/time -f '%U %S %M %e' -o "$tmp/t" "$bin" $args "$dir" >/dev/null 2>"$tmp/err" || true
	read -r user sys rss wall <"$tmp/t"
	cpu=$(echo "$user + $sys" | bc)
	printf '%s  cpu %5.2f s (user %s sys %s)  wall %5.2f s  rss %6d KB\n' "$label" "$cpu" "$user" "$sys" "$wall" "$rss"
	echo "$cpu $rss" >>"$tmp/$label"
}

# Warm the page cache once for both.
"$a" $args "$dir" >/dev/null 2>&1 || true
for i in $(seq "$rounds"); do
	if [ $((i % 2)) -eq 1 ]; then
		run A "$a"
		run B "$b"
	else
		run B "$b"
		run A "$a"
	fi
done

median() { # median FILE COLUMN
	sort -n -k"$2" "$1" | awk -v c="$2" '{v[NR] = $c} END {print v[int((NR + 1) / 2)]}'
}
summary() { # summary LABEL
	local f=$tmp/$1
	awk -v l="$1" -v med="$(median "$f" 1)" -v rss="$(median "$f" 2)" '
		NR == 1 || $1 < least { least = $1 }
		{ sum += $1 }
		END {
			printf "%s: cpu least %.2f  median %.2f  mean %.2f s   peak RSS median %.0f MB (%d runs)\n",
				l, least, med, sum / NR, rss / 1024, NR
		}' "$f"
}
echo
echo "A = $a"
echo "B = $b"
summary A
summary B
echo "B/A median CPU: $(echo "scale=3; $(median "$tmp/B" 1) / $(median "$tmp/A" 1)" | bc)"
