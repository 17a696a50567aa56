#!/usr/bin/env bash
# End-to-end test of the reader's state: the real binary in tmux at 140×40
# on the embedded demo corpus, with its own state folder, driven by keys and
# checked by polling capture-pane (no fixed sleeps).
#
#   bash scripts/e2e-state.sh          (BYLINE_BIN=path to test a prebuilt binary)
#
# Checks: opening a story marks it read (the status line counts one unread
# fewer, the row shows ✓); after quitting and starting again the story is
# still read; /is:unread narrows the list to the unread; y on a quotation
# puts “text” — Speaker, role (Source, date) URL into tmux's paste buffer
# (OSC 52, with set-clipboard on; read back with show-buffer); the state
# database is where XDG_STATE_HOME says. Prints PASS or FAIL; exit status 0
# only on PASS. Needs no ../shared: the demo corpus is in the binary.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v tmux >/dev/null 2>&1; then
	echo "FAIL e2e-state: tmux is missing (.ci/run installs it)"
	exit 1
fi

NAME=e2e-state
. scripts/lib-e2e.sh
e2e_setup
e2e_bin

state="$tmp/state"
# A plain shell in tmux; applications may set tmux's clipboard (OSC 52).
tmux -L "$sock" kill-server 2>/dev/null || true
tmux -L "$sock" -f /dev/null new-session -d -s e2e -x 140 -y 40 \
	"env -i HOME=$tmp HISTFILE=/dev/null PATH=$PATH TERM=xterm-256color XDG_STATE_HOME=$state XDG_CACHE_HOME=$tmp/cache PS1='e2e-shell\$ ' bash --norc --noprofile -i" \; \
	set -g set-clipboard on
wait_for 'e2e-shell\$'

start() {
	tmux -L "$sock" send-keys -t e2e "clear; $bin; echo byline-exit=\$?" Enter
	wait_for '31/31 stories'
}
quit() {
	tmux -L "$sock" send-keys -t e2e q
	wait_for 'byline-exit=0'
}
# stories_column: the stories pane, left of the first column separator.
stories_column() { screen | awk -F'│' '{print $1}'; }

start
wait_for '31/31 stories \(31 unread\)'
# The second story, opened to be read.
tmux -L "$sock" send-keys -t e2e j Enter
wait_for '31/31 stories \(30 unread\)'
tmux -L "$sock" send-keys -t e2e 1
wait_for '›✓'
echo "ok: opening a story marks it read (✓, 30 unread)"
quit
[ -f "$state/byline/state.db" ] || fail "no state database in \$XDG_STATE_HOME/byline"
echo "ok: the state database is \$XDG_STATE_HOME/byline/state.db"

start
wait_for '31/31 stories \(30 unread\)'
[ "$(stories_column | grep -c '✓')" -eq 1 ] || fail "after a restart, $(stories_column | grep -c '✓') stories show as read, want 1"
echo "ok: after quitting and starting again the story shows as read"

tmux -L "$sock" send-keys -t e2e /
wait_for 'stories /'
tmux -L "$sock" send-keys -t e2e -l is:unread
tmux -L "$sock" send-keys -t e2e Enter
wait_for '30/31 stories \(30 unread\)'
if stories_column | grep -q '✓'; then
	fail "is:unread lists a read story"
fi
echo "ok: is:unread narrows the list to the 30 unread"

# y on a quotation: its citation in tmux's paste buffer.
tmux -L "$sock" send-keys -t e2e 3
wait_for '3 Quotes'
tmux -L "$sock" send-keys -t e2e y
wait_for 'copied “'
buf=""
end=$((SECONDS + 120))
while [ "$SECONDS" -lt "$end" ]; do
	buf=$(tmux -L "$sock" show-buffer 2>/dev/null || true)
	[ -n "$buf" ] && break
	sleep 0.1
done
echo "paste buffer: $buf"
echo "$buf" | grep -Eq '^“.+” — .+ \(.+, [0-9]{1,2} [A-Z][a-z]+ [0-9]{4}\)' || fail "the paste buffer holds no “text” — Speaker (Source, date) citation"
echo "ok: y put the quotation with its citation into tmux's paste buffer"
quit
echo "PASS e2e-state"
