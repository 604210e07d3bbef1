#!/bin/sh
# Times `ecsplan compare` on 1,000 services against a baseline binary, in turns, and checks that
# both print the same bytes (issue 18: 3x faster than before, same bytes).
# usage: sh bench/bench-compare.sh BUILDDIR [RUNS]
# The baseline is $BENCH_BASELINE, else BUILDDIR/bench/ecsplan-baseline: copy the ecsplan of the
# commit to measure against there before changing anything (bench/README.md, "compare").
set -eu
if [ $# -lt 1 ]; then
	echo "usage: sh bench/bench-compare.sh BUILDDIR [RUNS]" >&2
	exit 2
fi
build=$1
runs=${2:-7}
bench_dir=$(cd "$(dirname "$0")" && pwd)
source_dir=$(dirname "$bench_dir")
ecsplan="$build/planner/cli/ecsplan"
baseline=${BENCH_BASELINE:-$build/bench/ecsplan-baseline}
work="$build/bench/compare"
if [ ! -x "$ecsplan" ]; then
	echo "bench: '$ecsplan' not found; build first" >&2
	exit 1
fi
if [ ! -x /usr/bin/time ]; then
	sh "$source_dir/tools/install-deps.sh" time
fi
mkdir -p "$work"
model="$work/services-1000.json"
# 100 VPCs of 70 subnets, 10 Fargate services each: 1,000 services, 1.5 MB
python3 "$bench_dir/gen-model.py" --vpcs 100 --subnets-per-vpc 70 --services-per-vpc 10 \
	--seed 1 --overlaps 0 -o "$model"

# one_run BINARY TAG: appends "wall_ms cpu_ms" to $work/TAG.times; the output to $work/TAG.out
one_run() {
	start=$(date +%s%N)
	/usr/bin/time -f '%U %S' -o "$work/$2.cpu" "$1" compare -q "$model" >"$work/$2.out"
	end=$(date +%s%N)
	awk -v wall=$(((end - start) / 1000000)) '{ printf "%d %d\n", wall, ($1 + $2) * 1000 }' \
		"$work/$2.cpu" >>"$work/$2.times"
}

# median COLUMN FILE
median() {
	awk -v c="$1" '{ print $c }' "$2" | sort -n | awk '{ t[NR] = $1 }
		END { print (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2 }'
}

rm -f "$work"/*.times
have_baseline=0
[ -x "$baseline" ] && have_baseline=1
i=0
while [ "$i" -lt "$runs" ]; do
	[ "$have_baseline" = 1 ] && one_run "$baseline" baseline
	one_run "$ecsplan" ecsplan
	i=$((i + 1))
done

echo "ecsplan compare, 1,000 services (bench/gen-model.py), $runs runs each in turns, $(getconf _NPROCESSORS_ONLN) CPUs, load $(cut -d' ' -f1 /proc/loadavg) (target: 3x the baseline, same bytes)"
new_wall=$(median 1 "$work/ecsplan.times")
new_cpu=$(median 2 "$work/ecsplan.times")
if [ "$have_baseline" = 0 ]; then
	printf '  this build: wall median %d ms, CPU %d ms (no baseline at %s: see bench/README.md)\n' \
		"$new_wall" "$new_cpu" "$baseline"
	exit 0
fi
old_wall=$(median 1 "$work/baseline.times")
old_cpu=$(median 2 "$work/baseline.times")
same="same bytes"
cmp -s "$work/baseline.out" "$work/ecsplan.out" || same="OUTPUT DIFFERS"
awk -v ow="$old_wall" -v oc="$old_cpu" -v nw="$new_wall" -v nc="$new_cpu" -v same="$same" 'BEGIN {
	printf "  baseline:   wall median %5d ms, CPU %5d ms\n", ow, oc
	printf "  this build: wall median %5d ms, CPU %5d ms\n", nw, nc
	rc = nc > 0 ? oc / nc : 0
	rw = nw > 0 ? ow / nw : 0
	printf "  %.2fx in CPU time, %.2fx in wall time (target 3x: %s), %s\n", rc, rw,
		(rc >= 3) ? "met" : "MISSED", same
}'
[ "$same" = "same bytes" ]
