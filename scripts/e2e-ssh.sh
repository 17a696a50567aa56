#!/usr/bin/env bash
# End-to-end test of `byline serve`: the real binary, a real OpenSSH client
# in tmux, fresh keys in a temporary HOME, the seeds corpus.
#
#   bash scripts/e2e-ssh.sh          (BYLINE_BIN=path to test a prebuilt binary)
#
# Checks: the host key is created 0600 and its fingerprint logged; an
# authorised key gets the story list with "The Independent"; q ends the
# session and the server stays up (a second connection works); without a
# terminal the client is told once that it needs one; a key not in authorized_keys is
# refused (BatchMode); SIGTERM tells an open session and the server exits.
# Prints PASS or FAIL; exit status 0 only on PASS.
set -euo pipefail
cd "$(dirname "$0")/.."

seeds=../shared/corpus/seeds
if [ ! -d "$seeds" ]; then
	echo "SKIP e2e-ssh: $seeds not found"
	exit 0
fi
for tool in tmux ssh ssh-keygen; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		echo "FAIL e2e-ssh: $tool is missing (install tmux and openssh-client)"
		exit 1
	fi
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/byline-e2e-ssh.XXXXXX")
sock="byline-e2e-ssh-$$"
server_pid=""
cleanup() {
	status=$?
	if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
		kill "$server_pid" 2>/dev/null || true
		sleep 0.5
		kill -9 "$server_pid" 2>/dev/null || true
	fi
	tmux -L "$sock" kill-server 2>/dev/null || true
	if [ "$status" -ne 0 ]; then
		echo "--- server log"
		cat "$tmp/server.log" 2>/dev/null || true
		echo "FAIL e2e-ssh"
	fi
	rm -rf "$tmp"
	exit "$status"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

fail() {
	echo "e2e-ssh: $*" >&2
	exit 1
}

# Poll a command's output for a pattern: wait_for SECONDS PATTERN CMD...
# The limits only turn a hang into a failure: they are far beyond what a busy
# machine needs, so that no run fails for being slow.
wait_for() {
	local secs=$1 pattern=$2
	shift 2
	local end=$((SECONDS + secs))
	while [ "$SECONDS" -lt "$end" ]; do
		if "$@" 2>/dev/null | grep -q -- "$pattern"; then
			return 0
		fi
		sleep 0.2
	done
	return 1
}

pane() { tmux -L "$sock" capture-pane -p -t "$1"; }

bin=${BYLINE_BIN:-}
if [ -z "$bin" ]; then
	echo "building byline"
	go build -o "$tmp/byline" ./cmd/byline
	bin=$tmp/byline
fi

# A temporary HOME: nothing of the user's ssh config, keys or agent is used.
export HOME=$tmp/home
mkdir -p "$HOME/.ssh"
chmod 700 "$HOME/.ssh"
unset SSH_AUTH_SOCK XDG_DATA_HOME
ssh-keygen -q -t ed25519 -N '' -C e2e-user -f "$tmp/user_key"
ssh-keygen -q -t ed25519 -N '' -C e2e-stranger -f "$tmp/stranger_key"
cp "$tmp/user_key.pub" "$tmp/authorized_keys"

# Port 0: the server picks a free loopback port and logs it.
"$bin" serve --listen 127.0.0.1:0 --host-key "$tmp/host/host_ed25519" \
	--authorized-keys "$tmp/authorized_keys" "$seeds" >"$tmp/server.log" 2>&1 &
server_pid=$!
wait_for 120 "listening" cat "$tmp/server.log" || fail "server did not start"
port=$(sed -n 's/.*listening addr=127\.0\.0\.1:\([0-9]*\).*/\1/p' "$tmp/server.log" | head -1)
[ -n "$port" ] || fail "no port in the server log"
grep -q "host-key=SHA256:" "$tmp/server.log" || fail "host-key fingerprint not logged"
mode=$(stat -c %a "$tmp/host/host_ed25519")
[ "$mode" = 600 ] || fail "host key mode $mode, want 600"
echo "server on 127.0.0.1:$port (pid $server_pid)"

sshopts=(-F /dev/null -p "$port" -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null
	-o IdentitiesOnly=yes -o LogLevel=ERROR -o ConnectTimeout=120)

# Run a real ssh -tt in tmux window $1 and wait for the story list.
connect() {
	local win=$1
	local cmd="ssh -tt ${sshopts[*]} -i $tmp/user_key 127.0.0.1; echo SSH-EXIT=\$?; sleep 60"
	if [ "$win" = first ]; then
		tmux -L "$sock" new-session -d -s e2e -n "$win" -x 120 -y 40 "$cmd"
	else
		tmux -L "$sock" new-window -d -t e2e -n "$win" "$cmd"
	fi
	wait_for 120 "The Independent" pane "e2e:$win" || {
		pane "e2e:$win" >&2
		fail "session $win never showed The Independent"
	}
}

connect first
echo "ok   authorised key gets the story list"
tmux -L "$sock" send-keys -t e2e:first q
wait_for 120 "SSH-EXIT=0" pane e2e:first || {
	pane e2e:first >&2
	fail "q did not end the session cleanly"
}
kill -0 "$server_pid" 2>/dev/null || fail "the server died after a session ended"
echo "ok   q ends the session; the server stays up"

connect second
echo "ok   a second connection works"

# No terminal.
out=$(ssh -T "${sshopts[@]}" -i "$tmp/user_key" -o BatchMode=yes 127.0.0.1 </dev/null 2>&1 || true)
[ "$(grep -c "Requires an active PTY" <<<"$out")" = 1 ] || fail "no-terminal message missing or repeated: $out"
echo "ok   no terminal: told once that a PTY is required"

# A key not in authorized_keys.
set +e
out=$(ssh -T "${sshopts[@]}" -i "$tmp/stranger_key" -o BatchMode=yes -o PreferredAuthentications=publickey 127.0.0.1 true </dev/null 2>&1)
code=$?
set -e
[ "$code" -ne 0 ] || fail "a stranger's key was let in"
grep -qi "permission denied" <<<"$out" || fail "stranger refused, but not with permission denied: $out"
grep -q "The Independent" <<<"$out" && fail "a stranger saw the corpus"
echo "ok   unknown key refused"

# SIGTERM with a session open: it is told, and the server exits.
kill -TERM "$server_pid"
begin=$SECONDS
wait_for 120 "shutting down" pane e2e:second || {
	pane e2e:second >&2
	fail "the open session was not told about the shutdown"
}
# By design it exits within about 4 s (3 s of grace for sessions, then every
# connection closed); the limit here is for a hang, not a measurement.
for _ in $(seq 1200); do
	kill -0 "$server_pid" 2>/dev/null || break
	sleep 0.1
done
if kill -0 "$server_pid" 2>/dev/null; then
	fail "server still running 120 s after SIGTERM"
fi
wait "$server_pid" || fail "server exited with status $? after SIGTERM"
server_pid=""
echo "ok   SIGTERM: session told, server exited in $((SECONDS - begin))s"

echo "PASS e2e-ssh"
