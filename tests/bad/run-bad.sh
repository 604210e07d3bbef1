#!/bin/sh
# Runs the bad-input corpus: `run-bad.sh ECSPLAN SRCDIR`.
# For every tests/bad/NN-name.json, `ecsplan validate tests/bad/NN-name.json` (run from SRCDIR,
# so the file name in messages is stable) must exit 2, print nothing on stdout, and print
# exactly tests/bad/NN-name.err on stderr. With ECSPLAN_UPDATE_BAD=1 the .err files are
# rewritten from the current build instead; review the diff before committing.
set -u
ecsplan=$1
srcdir=$2
case $ecsplan in
/*) ;;
*) ecsplan="$(pwd)/$ecsplan" ;;
esac
cd "$srcdir" || exit 1
out=$(mktemp)
err=$(mktemp)
trap 'rm -f "$out" "$err"' EXIT
passed=0
failed=0
for model in tests/bad/*.json; do
	expected="${model%.json}.err"
	NO_COLOR=1 "$ecsplan" validate "$model" >"$out" 2>"$err"
	status=$?
	if [ "${ECSPLAN_UPDATE_BAD:-0}" = 1 ]; then
		cp "$err" "$expected"
	fi
	problem=""
	if [ "$status" != 2 ]; then
		problem="exit status $status, expected 2"
	elif [ -s "$out" ]; then
		problem="stdout is not empty"
	elif [ ! -f "$expected" ]; then
		problem="$expected is missing"
	elif ! cmp -s "$expected" "$err"; then
		problem="stderr differs from $expected"
	fi
	if [ -z "$problem" ]; then
		passed=$((passed + 1))
		echo "ok $model"
	else
		failed=$((failed + 1))
		echo "FAIL $model: $problem"
		# the first lines are enough to see what changed
		diff -u "$expected" "$err" 2>/dev/null | head -n 20
		head -c 2000 "$out"
	fi
done
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
