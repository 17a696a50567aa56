#!/usr/bin/env bash
# Checks byline's go-dateparser fork: every file but the one it changes is
# upstream's, and upstream's own test suite passes with the change. The
# upstream module (with its tests and testdata) is fetched into a scratch
# folder, the fork's changed file is copied over it, and `go test` runs
# there. Needs the Go module proxy (without it, it says so and skips). See
# third_party/go-dateparser/BYLINE.md. byline's own date parsing does not use
# go-dateparser; the HTML loader's go-trafilatura does, through go-htmldate.
set -euo pipefail
cd "$(dirname "$0")/.."
version=v1.4.7
scratch=$(mktemp -d)
trap 'chmod -R u+w "$scratch" 2>/dev/null; rm -rf "$scratch"' EXIT
export GOFLAGS=-mod=mod GOTOOLCHAIN=local
# Without the module proxy the check cannot run: say so and skip (the fork
# only changes with a commit to third_party/, which a later run checks).
if ! out=$(cd "$scratch" && go mod download -json "github.com/markusmobius/go-dateparser@$version" 2>&1); then
	why=$(printf '%s\n' "$out" | sed -n 's/.*"Error": "\(.*\)".*/\1/p' | head -1)
	echo "SKIP check-dateparser-fork: could not download go-dateparser $version from the Go module proxy ($(go env GOPROXY)):"
	echo "  ${why:-$out}"
	echo "  This check compares third_party/go-dateparser with upstream and runs upstream's tests on it; it needs the proxy."
	exit 0
fi
src=$(printf '%s\n' "$out" | sed -n 's/.*"Dir": "\(.*\)",/\1/p')
[ -d "$src" ] || { echo "FAIL check-dateparser-fork: go mod download reported no folder for go-dateparser $version:"; echo "$out"; exit 1; }
cp -r "$src" "$scratch/upstream"
chmod -R u+w "$scratch/upstream"
# The fork must differ from upstream by one file (and its notes) only.
(cd third_party/go-dateparser && find . -type f ! -name BYLINE.md ! -path ./internal/regexp/regexp.go) | while read -r f; do
	cmp -s "third_party/go-dateparser/$f" "$scratch/upstream/$f" || { echo "FAIL: third_party/go-dateparser/$f differs from upstream $version"; exit 1; }
done
cp third_party/go-dateparser/internal/regexp/regexp.go "$scratch/upstream/internal/regexp/regexp.go"
(cd "$scratch/upstream" && go test . ./date/...)
echo "PASS check-dateparser-fork: upstream's tests pass with the fork's change"
