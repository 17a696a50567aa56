#!/usr/bin/env bash
# End-to-end test of byline's TUI: the real binary in tmux at 160×45 on the
# seeds corpus, driven by keys, checked by polling capture-pane (no fixed
# sleeps).
#
#   bash scripts/e2e-tui.sh          (BYLINE_BIN=path to test a prebuilt binary)
#
# Checks: both seed stories are listed with their sources (The Independent,
# Agencies) and a 2022 date; a speaker's name is on screen; the status line
# shows the stories' keys; ? then q closes help without quitting; headline
# quotations are "(in the headline)"; a bad date is an error as it is typed
# and "on:january" reads; "/ryabkov enter" keeps the Independent story and
# drops the Agencies one; esc clears the filter; find in the article; q
# quits with status 0 and the terminal is restored (the alternate screen is
# left and the shell prompt is back). Prints PASS or FAIL; exit
# status 0 only on PASS. Skips (status 0) when ../shared is absent.
set -euo pipefail
cd "$(dirname "$0")/.."

seeds=../shared/corpus/seeds
if [ ! -d ../shared ] || [ ! -d "$seeds" ]; then
	echo "SKIP e2e-tui: $seeds not found"
	exit 0
fi
if ! command -v tmux >/dev/null 2>&1; then
	echo "FAIL e2e-tui: tmux is missing (.ci/run installs it)"
	exit 1
fi

NAME=e2e-tui
. scripts/lib-e2e.sh
e2e_setup
e2e_bin

# A plain shell in tmux, so we can see that the terminal comes back.
tmux -L "$sock" kill-server 2>/dev/null || true
tmux -L "$sock" -f /dev/null new-session -d -s e2e -x 160 -y 45 \
	"env -i HOME=$tmp HISTFILE=/dev/null PATH=$PATH TERM=xterm-256color PS1='e2e-shell\$ ' bash --norc --noprofile -i"
wait_for 'e2e-shell\$'
tmux -L "$sock" send-keys -t e2e "$bin --no-cache $seeds; echo byline-exit=\$?" Enter

# stories_column: the stories pane, left of the first column separator.
stories_column() { screen | awk -F'│' '{print $1}'; }

# The stories: both sources and a 2022 date, in the stories pane itself.
wait_for '2/2 stories'
col=$(stories_column)
echo "$col" | grep -q 'The Independent' || fail "The Independent is not in the stories list"
echo "$col" | grep -q 'Agencies' || fail "Agencies is not in the stories list"
echo "$col" | grep -q '2022' || fail "no 2022 date in the stories list"
echo "ok: both stories listed (The Independent, Agencies) with a 2022 date"

# A speaker's name (the speakers pane lists the corpus's speakers).
wait_for 'Blinken|Ryabkov'
echo "ok: a speaker name on screen"

# The status line shows the focused pane's keys (its short help).
screen | tail -1 | grep -q 'enter read' || fail "no short help in the status line"
echo "ok: the status line shows the stories' keys"

# Help, then q: q closes help and byline goes on.
tmux -L "$sock" send-keys -t e2e '?'
wait_for 'byline keys'
tmux -L "$sock" send-keys -t e2e q
wait_gone 'byline keys'
screen | grep -q '1 Stories' || fail "q in help quit byline"
echo "ok: ? then q closes help without quitting"

# Quotations from the headline are said to be from it.
tmux -L "$sock" send-keys -t e2e 3
wait_for '\(in the headline\)'
echo "ok: headline quotations are (in the headline)"

# A date the filter cannot read is said as it is typed; a month name reads.
tmux -L "$sock" send-keys -t e2e 1 /
wait_for 'stories /'
tmux -L "$sock" send-keys -t e2e -l on:garbage
wait_for 'on:garbage is not a date'
tmux -L "$sock" send-keys -t e2e Escape
wait_gone 'stories /'
tmux -L "$sock" send-keys -t e2e /
wait_for 'stories /'
tmux -L "$sock" send-keys -t e2e -l on:january
tmux -L "$sock" send-keys -t e2e Enter
wait_for '1/2 stories'
tmux -L "$sock" send-keys -t e2e Escape
wait_for '2/2 stories'
wait_gone 'stories /'
echo "ok: on:garbage is an error as it is typed; on:january keeps the January story"

# Filter the stories pane.
tmux -L "$sock" send-keys -t e2e 1
tmux -L "$sock" send-keys -t e2e /
wait_for 'stories /'
tmux -L "$sock" send-keys -t e2e -l ryabkov
tmux -L "$sock" send-keys -t e2e Enter
wait_for '1/2 stories'
stories=$(stories_column)
echo "$stories" | grep -q 'The Independent' || fail "/ryabkov removed the Independent story"
if echo "$stories" | grep -q 'Agencies'; then
	fail "/ryabkov kept the Agencies story"
fi
echo "ok: /ryabkov keeps The Independent story and removes the Agencies one"

tmux -L "$sock" send-keys -t e2e Escape
wait_for '2/2 stories'
echo "ok: esc clears the filter"

# Find in the open article: / in the article pane searches its text, and
# the pane's title counts the matching lines.
tmux -L "$sock" send-keys -t e2e Enter
wait_for '2 Article.*quote'
tmux -L "$sock" send-keys -t e2e /
wait_for 'article /'
tmux -L "$sock" send-keys -t e2e -l geneva
tmux -L "$sock" send-keys -t e2e Enter
wait_for 'line 1/[0-9]+ · /geneva'
screen | grep -q '▶' || fail "no mark on the matching line"
tmux -L "$sock" send-keys -t e2e Escape
wait_gone '/geneva'
echo "ok: / in the article finds a word in it and esc clears the find"

# Stories across outlets: the two seeds are one story; by story groups
# them, the article header names the other outlet, v compares the two.
tmux -L "$sock" send-keys -t e2e 1 s s s
wait_for 'by story'
wait_for '2 outlets · 2 articles'
tmux -L "$sock" send-keys -t e2e Enter
wait_for 'also in: '
tmux -L "$sock" send-keys -t e2e v
wait_for 'Compare · '
tmux -L "$sock" send-keys -t e2e Escape
wait_gone 'Compare · '
echo "ok: the seeds are one story: by story, also in, the compare view"

tmux -L "$sock" send-keys -t e2e q
wait_for 'byline-exit=[0-9]+'
screen | grep -q 'byline-exit=0' || fail "byline exited with $(screen | grep -o 'byline-exit=[0-9]*')"
wait_for 'e2e-shell\$ *$'
# The alternate screen was left: the browser's panes are gone and the
# command line that started it is visible again.
if screen | grep -q '1 Stories'; then
	fail "the TUI is still on screen after quitting"
fi
screen | grep -q -- "--no-cache $seeds" || fail "the shell's screen was not restored"
echo "ok: q exits with status 0 and restores the terminal"

echo "PASS e2e-tui"
