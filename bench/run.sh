#!/bin/sh
# Runs every benchmark against a built tree and prints the figures, then one table of issue 18's
# targets, each beside its floor or baseline from this run (bench/README.md, "The summary
# table").
# usage: sh bench/run.sh BUILDDIR   (`make bench` calls it with "build")
# A benchmark that fails does not stop the others: its targets show as "not measured" in the
# table, and the exit status is 1 after the table. MISSED targets do not change the exit status.
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
# every benchmark appends its verdicts here (bench/results.sh); this run starts it afresh
BENCH_RESULTS=${BENCH_RESULTS:-$build/bench/results.tsv}
export BENCH_RESULTS
status_file="$build/bench/status.tsv"
: >"$BENCH_RESULTS"
: >"$status_file"
started=$(date +%s)
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
failed=""
durations=""

# bench NAME COMMAND...: runs one benchmark, records its exit status for the table and how
# long it took
bench() {
	name=$1
	shift
	status=0
	bench_start=$(date +%s)
	"$@" || status=$?
	durations="$durations, $name $(($(date +%s) - bench_start))"
	printf '%s\t%s\n' "$name" "$status" >>"$status_file"
	if [ "$status" != 0 ]; then
		echo "bench: $name exited $status" >&2
		failed="$failed $name"
	fi
	echo
}

bench bench-validate.py python3 "$bench_dir/bench-validate.py" --ecsplan "$ecsplan" \
	--builddir "$build" --workdir "$build/bench/models" --results "$BENCH_RESULTS"
bench bench-diagram.sh sh "$bench_dir/bench-diagram.sh" "$build"
bench bench-report.sh sh "$bench_dir/bench-report.sh" "$build"
# compare on 1,000 services: timed against the baseline binary, bytes against the reference
bench bench-compare.sh sh "$bench_dir/bench-compare.sh" "$build"
bench bench-import.sh sh "$bench_dir/bench-import.sh" "$build"
# AWS offer files streamed into a price book (issue 11)
bench bench-offer-import.sh sh "$bench_dir/bench-offer-import.sh" "$build"
# findings about N items stay O(N log N), repeated findings grouped (issue 9 item 6); 1M
# subnets against 100k (issue 18)
bench bench-scale.sh sh "$bench_dir/bench-scale.sh" "$build"
# ecsplan optimize on 10,000 candidates of a week at 1-minute steps (issue 17)
bench bench-optimize.sh sh "$bench_dir/bench-optimize.sh" "$build"
# the simulator's step loop (issue 4): a C program built next to ecsplan
if [ -x "$build/bench/bench-simulate" ]; then
	bench bench-simulate "$build/bench/bench-simulate" --results "$BENCH_RESULTS"
else
	echo "bench: '$build/bench/bench-simulate' not found; build first" >&2
	printf '%s\t%s\n' bench-simulate "was not built ($build/bench/bench-simulate)" >>"$status_file"
	failed="$failed bench-simulate"
fi

finished=$(date +%s)
buildtype=$(python3 -c 'import json, sys
try:
    options = {o["name"]: o["value"] for o in json.load(open(sys.argv[1]))}
    print(options.get("buildtype", "unknown"))
except (OSError, ValueError, KeyError):
    print("unknown")' "$build/meson-info/intro-buildoptions.json")
python3 "$bench_dir/summary.py" "$BENCH_RESULTS" --status "$status_file" \
	--title "issue 18 targets, figures of this run ($build, buildtype=$buildtype)"
echo "load average before $load_before, after $(cut -d' ' -f1-3 /proc/loadavg);" \
	"$(getconf _NPROCESSORS_ONLN) CPUs; the whole run took $((finished - started)) s" \
	"(seconds each: ${durations#, })"
if [ "$buildtype" != release ]; then
	echo "(issue 18's figures are taken on a release build: make bench BUILD=build-rel" \
		"MESON_FLAGS=--buildtype=release)"
fi
if [ -n "$failed" ]; then
	echo "bench: failed:$failed" >&2
	exit 1
fi
