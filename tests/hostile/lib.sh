#!/bin/sh
# Shared helpers for the hostile-input suite (tests/hostile/*.sh, issue 9).
#
# Each family script sources this file, then runs cases with `hostile_case`. A case runs
# ecsplan with its working directory in a fresh scratch folder ($WORK) beside a folder of
# sentinel files ($OUTSIDE, plus a FIFO and, as root, device nodes made with mknod); HOME and
# the XDG folders point into the scratch folder. After the case, $OUTSIDE must be unchanged
# (names, kinds, sizes, contents) and the exit status and stderr must be what the case says.
#
# Usage in a family script:
#   . "$(dirname "$0")/lib.sh"       (with ECSPLAN and SRCDIR set by meson, see meson.build)
#   hostile_begin
#   hostile_case NAME EXIT 'stderr substring' ecsplan-args...
#   hostile_end                       (exits 1 when any case failed)
set -u
: "${ECSPLAN:?ECSPLAN must name the built ecsplan}"
: "${SRCDIR:?SRCDIR must name the source tree}"
HOSTILE_PASSED=0
HOSTILE_FAILED=0

hostile_begin() {
	HOSTILE_ROOT=$(mktemp -d "${TMPDIR:-/tmp}/ecsplan-hostile.XXXXXX")
	trap 'rm -rf "$HOSTILE_ROOT"' EXIT
}

# fresh scratch folders for one case: $WORK (cwd of the case), $OUTSIDE (must not change)
hostile_scratch() {
	rm -rf "$HOSTILE_ROOT/case"
	mkdir -p "$HOSTILE_ROOT/case/work" "$HOSTILE_ROOT/case/outside" "$HOSTILE_ROOT/case/home"
	WORK="$HOSTILE_ROOT/case/work"
	OUTSIDE="$HOSTILE_ROOT/case/outside"
	printf 'keep me\n' >"$OUTSIDE/precious.txt"
	printf '<svg xmlns="http://www.w3.org/2000/svg"/>\n' >"$OUTSIDE/logo.svg"
	mkfifo "$OUTSIDE/fifo"
	if [ "$(id -u)" = 0 ]; then
		mknod "$OUTSIDE/null" c 1 3 2>/dev/null || true
	fi
}

# a listing of a tree that changes when any name, kind, size or content under it changes
hostile_snapshot() {
	(cd "$1" && find . -printf '%p %y %s\n' | LC_ALL=C sort &&
		find . -type f -exec cksum {} + | LC_ALL=C sort)
}

hostile_fail() {
	HOSTILE_FAILED=$((HOSTILE_FAILED + 1))
	echo "FAIL $1: $2"
}

# hostile_case NAME EXPECTED_EXIT STDERR_SUBSTRING ARGS...
# runs "$ECSPLAN ARGS..." in $WORK (call hostile_scratch first, or the case gets a fresh one
# when HOSTILE_KEEP_SCRATCH is unset); an empty STDERR_SUBSTRING checks nothing on stderr
hostile_case() {
	name=$1
	expected=$2
	needle=$3
	shift 3
	if [ -z "${HOSTILE_KEEP_SCRATCH:-}" ]; then
		hostile_scratch
	fi
	before=$(hostile_snapshot "$OUTSIDE")
	(cd "$WORK" && NO_COLOR=1 HOME="$HOSTILE_ROOT/case/home" \
		XDG_CACHE_HOME="$HOSTILE_ROOT/case/home/.cache" \
		XDG_CONFIG_HOME="$HOSTILE_ROOT/case/home/.config" \
		timeout "${HOSTILE_TIMEOUT:-60}" "$ECSPLAN" "$@" \
		>"$HOSTILE_ROOT/stdout" 2>"$HOSTILE_ROOT/stderr")
	status=$?
	after=$(hostile_snapshot "$OUTSIDE")
	if [ "$status" != "$expected" ]; then
		hostile_fail "$name" "exit status $status, expected $expected"
		head -c 2000 "$HOSTILE_ROOT/stderr"
		return 1
	fi
	if [ -n "$needle" ] && ! grep -qF -- "$needle" "$HOSTILE_ROOT/stderr"; then
		hostile_fail "$name" "stderr lacks '$needle'"
		head -c 2000 "$HOSTILE_ROOT/stderr"
		return 1
	fi
	if [ "$before" != "$after" ]; then
		hostile_fail "$name" "files outside the scratch folder changed"
		return 1
	fi
	HOSTILE_PASSED=$((HOSTILE_PASSED + 1))
	echo "ok $name"
	return 0
}

# the stdout / stderr of the last case, for extra assertions
hostile_stdout() { cat "$HOSTILE_ROOT/stdout"; }
hostile_stderr() { cat "$HOSTILE_ROOT/stderr"; }

hostile_end() {
	echo "$HOSTILE_PASSED passed, $HOSTILE_FAILED failed"
	[ "$HOSTILE_FAILED" = 0 ]
}
