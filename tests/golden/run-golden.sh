#!/bin/sh
# Runs one golden case: `run-golden.sh ECSPLAN SRCDIR NAME`.
# The case's line in cases.txt is "NAME | EXIT | ARGS..."; stdout must equal
# tests/golden/NAME.out and the exit status must equal EXIT. Arguments are split on spaces
# (no shell evaluation); paths are relative to the source tree. With ECSPLAN_UPDATE_GOLDEN=1 the
# expected file is rewritten instead (tests/update-golden.sh does that for every case).
set -eu
ecsplan=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
srcdir=$2
name=$3
dir="$srcdir/tests/golden"
line=$(grep -E "^$name[[:space:]]*\|" "$dir/cases.txt" | head -n 1)
expected_status=$(printf '%s' "$line" | cut -d'|' -f2 | tr -d ' ')
args=$(printf '%s' "$line" | cut -d'|' -f3-)
cd "$srcdir"
actual=$(mktemp)
trap 'rm -f "$actual"' EXIT
set +e
# shellcheck disable=SC2086
NO_COLOR=1 "$ecsplan" $args >"$actual" 2>&1
status=$?
set -e
if [ "${ECSPLAN_UPDATE_GOLDEN:-0}" = 1 ]; then
	cp "$actual" "$dir/$name.out"
	echo "updated $dir/$name.out (exit $status)"
	exit 0
fi
if [ "$status" != "$expected_status" ]; then
	echo "golden $name: exit status $status, expected $expected_status" >&2
	cat "$actual" >&2
	exit 1
fi
if ! diff -u "$dir/$name.out" "$actual"; then
	echo "golden $name: output differs from $dir/$name.out (run 'make golden' to accept)" >&2
	exit 1
fi
echo "golden $name: ok"
