#!/bin/sh
# Regenerates every golden file from the current build: `sh tests/update-golden.sh BUILDDIR`.
# Review the diff before committing: a golden file is a promise about output.
set -eu
build=${1:-build}
src=$(cd "$(dirname "$0")/.." && pwd)
grep -vE '^[[:space:]]*(#|$)' "$src/tests/golden/cases.txt" | while IFS='|' read -r name _rest; do
	name=$(echo "$name" | tr -d ' ')
	ECSPLAN_UPDATE_GOLDEN=1 sh "$src/tests/golden/run-golden.sh" "$build/planner/cli/ecsplan" "$src" "$name"
done
