#!/usr/bin/env bash
# Time from starting byline to its first frame on screen, in tmux, while the
# corpus is still loading: bash scripts/first-frame.sh CORPUS [RUNS]
# (BYLINE_BIN=prebuilt binary). Prints each run and the median in ms.
# BYLINE_DB=URL times `byline --db URL` instead (CORPUS is then ignored):
# the first frame that lists stories from the database.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1?usage: first-frame.sh CORPUS [RUNS]}
runs=${2:-5}
bin=${BYLINE_BIN:-}
if [ -z "$bin" ]; then
	bin=$(mktemp -d)/byline
	go build -o "$bin" ./cmd/byline
fi
sock=byline-ff-$$
trap 'tmux -L "$sock" kill-server 2>/dev/null || true' EXIT
times=()
for _ in $(seq "$runs"); do
	tmux -L "$sock" kill-server 2>/dev/null || true
	start=$(date +%s%N)
	if [ -n "${BYLINE_DB:-}" ]; then
		tmux -L "$sock" new-session -d -x 160 -y 45 "$bin --db '$BYLINE_DB'"
		ready="[1-9][0-9,]*/[0-9,]+ stories"
	else
		tmux -L "$sock" new-session -d -x 160 -y 45 "XDG_CACHE_HOME=$(mktemp -d) $bin $corpus"
		ready="1 Stories"
	fi
	while ! tmux -L "$sock" capture-pane -p 2>/dev/null | grep -Eq "$ready"; do
		sleep 0.005
		if [ $(( ($(date +%s%N) - start) / 1000000 )) -gt 10000 ]; then
			echo "FAIL first-frame: no frame within 10 s"; exit 1
		fi
	done
	ms=$(( ($(date +%s%N) - start) / 1000000 ))
	loading=$(tmux -L "$sock" capture-pane -p | grep -c -i "load" || true)
	echo "first frame after ${ms} ms (loading indicator lines on screen: $loading)"
	times+=("$ms")
	tmux -L "$sock" kill-server 2>/dev/null || true
done
printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print "median first frame: " a[int((NR+1)/2)] " ms over " NR " runs"}'
