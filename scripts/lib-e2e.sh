# Shell functions for the end-to-end scripts that drive the real binary in
# tmux (e2e-tui.sh, e2e-state.sh, e2e-db.sh), sourced after the script
# sets NAME (as in "FAIL $NAME"):
#
#   e2e_setup        makes $tmp and a tmux socket $sock of its own, and on
#                    exit prints the last screen when failing, stops tmux,
#                    runs e2e_cleanup_extra if the script defines it, and
#                    removes $tmp
#   fail MSG         the script fails, saying MSG
#   screen           the tmux pane's text now
#   wait_for PATTERN [SECONDS], wait_gone PATTERN [SECONDS]
#                    poll the screen until an extended regexp is there (or
#                    gone). The limit only turns a hang into a failure: it
#                    is far beyond what a busy machine needs.
#   e2e_bin          sets $bin: $BYLINE_BIN, or a build of ./cmd/byline

e2e_setup() {
	tmp=$(mktemp -d "${TMPDIR:-/tmp}/byline-$NAME.XXXXXX")
	sock="byline-$NAME-$$"
	trap e2e_cleanup EXIT
	trap 'exit 1' INT TERM
}

e2e_cleanup() {
	local status=$?
	if [ "$status" -ne 0 ]; then
		echo "--- last screen"
		tmux -L "$sock" capture-pane -p -t e2e 2>/dev/null || true
		echo "FAIL $NAME"
	fi
	tmux -L "$sock" kill-server 2>/dev/null || true
	if declare -F e2e_cleanup_extra >/dev/null; then
		e2e_cleanup_extra
	fi
	rm -rf "$tmp" 2>/dev/null || true
	exit "$status"
}

fail() {
	echo "$NAME: $*" >&2
	exit 1
}

screen() { tmux -L "$sock" capture-pane -p -t e2e; }

wait_for() {
	local pattern=$1 secs=${2:-120}
	local end=$((SECONDS + secs))
	while [ "$SECONDS" -lt "$end" ]; do
		if screen | grep -Eq -- "$pattern"; then
			return 0
		fi
		sleep 0.1
	done
	fail "timed out after ${secs}s waiting for /$pattern/"
}

wait_gone() {
	local pattern=$1 secs=${2:-120}
	local end=$((SECONDS + secs))
	while [ "$SECONDS" -lt "$end" ]; do
		if ! screen | grep -Eq -- "$pattern"; then
			return 0
		fi
		sleep 0.1
	done
	fail "timed out after ${secs}s waiting for /$pattern/ to go"
}

e2e_bin() {
	bin=${BYLINE_BIN:-}
	if [ -z "$bin" ]; then
		bin="$tmp/byline"
		go build -o "$bin" ./cmd/byline
	fi
}
