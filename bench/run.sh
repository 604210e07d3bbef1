#!/bin/sh
# Runs every benchmark against a built tree and prints the figures (bench/README.md).
# usage: sh bench/run.sh BUILDDIR   (`make bench` calls it with "build")
set -eu
if [ $# -ne 1 ]; then
	echo "usage: sh bench/run.sh BUILDDIR" >&2
	exit 2
fi
build=$1
bench_dir=$(cd "$(dirname "$0")" && pwd)
source_dir=$(dirname "$bench_dir")
ecsplan="$build/planner/cli/ecsplan"
if [ ! -x "$ecsplan" ]; then
	echo "bench: '$ecsplan' not found; build first (make build)" >&2
	exit 1
fi
# /usr/bin/time -v gives the peak resident set size
if [ ! -x /usr/bin/time ]; then
	sh "$source_dir/tools/install-deps.sh" time
fi
mkdir -p "$build/bench/models"
python3 "$bench_dir/bench-validate.py" --ecsplan "$ecsplan" --builddir "$build" \
	--workdir "$build/bench/models"
sh "$bench_dir/bench-diagram.sh" "$build"
sh "$bench_dir/bench-report.sh" "$build"
# compare on 1,000 services against the baseline binary, same bytes (issue 18)
sh "$bench_dir/bench-compare.sh" "$build"
sh "$bench_dir/bench-import.sh" "$build"
# AWS offer files streamed into a price book (issue 11)
sh "$bench_dir/bench-offer-import.sh" "$build"
# findings about N items stay O(N log N), repeated findings grouped (issue 9 item 6)
sh "$bench_dir/bench-scale.sh" "$build"
# ecsplan optimize on 10,000 candidates of a week at 1-minute steps (issue 17)
sh "$bench_dir/bench-optimize.sh" "$build"
# the simulator's step loop (issue 4): a C program built next to ecsplan
if [ -x "$build/bench/bench-simulate" ]; then
	"$build/bench/bench-simulate"
else
	echo "bench: '$build/bench/bench-simulate' not found; build first" >&2
fi
