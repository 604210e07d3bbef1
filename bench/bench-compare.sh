#!/bin/sh
# Times `ecsplan compare` on 1,000 services against a baseline binary, in turns (issue 18: 3x
# faster than before), and checks that this build prints the same bytes as a reference binary.
# usage: sh bench/bench-compare.sh BUILDDIR [RUNS]
# Two other binaries, each optional (bench/README.md, "Baseline and reference binaries"):
#   $BENCH_BASELINE, else BUILDDIR/bench/ecsplan-baseline: the timing reference (issue 18's
#     "today", the binary before the speed work); its output may predate later changes to what
#     compare prints (issue 12's rows), so its bytes are compared only for information;
#   $BENCH_SAME_BYTES, else BUILDDIR/bench/ecsplan-reference: the bytes reference, a binary of
#     the same output version (main before the change being measured).
# bench/make-baseline.sh COMMIT BUILDDIR [baseline|reference] builds either from local git.
# Verdicts go to BUILDDIR/bench/results.tsv (keys compare-speed and compare-bytes); the exit
# status is 1 when the reference's bytes differ.
set -eu
if [ $# -lt 1 ]; then
	echo "usage: sh bench/bench-compare.sh BUILDDIR [RUNS]" >&2
	exit 2
fi
build=$1
runs=${2:-7}
bench_dir=$(cd "$(dirname "$0")" && pwd)
source_dir=$(dirname "$bench_dir")
. "$bench_dir/results.sh"
ecsplan="$build/planner/cli/ecsplan"
baseline=${BENCH_BASELINE:-$build/bench/ecsplan-baseline}
reference=${BENCH_SAME_BYTES:-$build/bench/ecsplan-reference}
work="$build/bench/compare"
speed_target="compare, 1,000 services: 3x faster than the baseline (CPU)"
bytes_target="compare, 1,000 services: the same bytes as the reference"
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

# one_run BINARY TAG: appends "wall_ms cpu_ms" to $work/TAG.times; the output to $work/TAG.out;
# returns the command's exit status
one_run() {
	start=$(date +%s%N)
	status=0
	/usr/bin/time -f '%U %S' -o "$work/$2.cpu" "$1" compare -q "$model" >"$work/$2.out" \
		2>"$work/$2.err" || status=$?
	end=$(date +%s%N)
	awk -v wall=$(((end - start) / 1000000)) '{ printf "%d %d\n", wall, ($1 + $2) * 1000 }' \
		"$work/$2.cpu" >>"$work/$2.times"
	return "$status"
}

# median COLUMN FILE
median() {
	awk -v c="$1" '{ print $c }' "$2" | sort -n | awk '{ t[NR] = $1 }
		END { print (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2 }'
}

# exited BINARY STATUS ERRFILE: why a binary could not be used, with the start of its stderr
exited() {
	printf 'the %s exited %s' "$1" "$2"
	[ -s "$3" ] && printf ': %s' "$(head -c 200 "$3" | tr '\t\n' '  ')"
	return 0
}

# bytes_of FILE: its size in bytes
bytes_of() {
	wc -c <"$1" | tr -d ' '
}

rm -f "$work"/*.times "$work"/*.out "$work"/*.err
have_baseline=0
baseline_why="no baseline binary at $baseline (bench/make-baseline.sh COMMIT $build baseline, or BENCH_BASELINE)"
if [ -x "$baseline" ]; then
	have_baseline=1
fi
i=0
while [ "$i" -lt "$runs" ]; do
	if [ "$have_baseline" = 1 ]; then
		one_run "$baseline" baseline || {
			have_baseline=0
			baseline_why=$(exited "baseline $baseline" "$status" "$work/baseline.err")
		}
	fi
	one_run "$ecsplan" ecsplan || {
		echo "bench: '$ecsplan compare -q $model' exited $status:" >&2
		cat "$work/ecsplan.err" >&2
		exit 1
	}
	i=$((i + 1))
done

echo "ecsplan compare, 1,000 services (bench/gen-model.py), $runs runs each in turns, $(getconf _NPROCESSORS_ONLN) CPUs, load $(cut -d' ' -f1 /proc/loadavg) (target: 3x the baseline, same bytes as the reference)"
new_wall=$(median 1 "$work/ecsplan.times")
new_cpu=$(median 2 "$work/ecsplan.times")
printf '  this build: wall median %5d ms, CPU %5d ms\n' "$new_wall" "$new_cpu"
if [ "$have_baseline" = 1 ]; then
	old_wall=$(median 1 "$work/baseline.times")
	old_cpu=$(median 2 "$work/baseline.times")
	set -- $(awk -v ow="$old_wall" -v oc="$old_cpu" -v nw="$new_wall" -v nc="$new_cpu" 'BEGIN {
		rc = nc > 0 ? oc / nc : 0
		rw = nw > 0 ? ow / nw : 0
		printf "%.2f %.2f %s\n", rc, rw, (rc >= 3) ? "met" : "MISSED"
	}')
	ratio_cpu=$1 ratio_wall=$2 verdict=$3
	baseline_bytes="its output differs ($(bytes_of "$work/baseline.out") bytes against $(bytes_of "$work/ecsplan.out"))"
	cmp -s "$work/baseline.out" "$work/ecsplan.out" && baseline_bytes="same bytes as this build"
	printf '  baseline:   wall median %5d ms, CPU %5d ms (%s; %s)\n' "$old_wall" "$old_cpu" \
		"$(bench_binary_name "$baseline")" "$baseline_bytes"
	printf '  %sx in CPU time, %sx in wall time (target 3x: %s)\n' "$ratio_cpu" "$ratio_wall" \
		"$verdict"
	bench_result compare-speed "$speed_target" \
		"CPU $new_cpu ms: ${ratio_cpu}x (wall $new_wall ms: ${ratio_wall}x)" \
		"baseline $(bench_binary_name "$baseline"): CPU $old_cpu ms, wall $old_wall ms" "$verdict"
else
	printf '  no timing against a baseline: %s\n' "$baseline_why"
	bench_result compare-speed "$speed_target" "CPU $new_cpu ms (wall $new_wall ms)" "-" \
		"not measured: $baseline_why"
fi

# the bytes: one untimed run of the reference
if [ ! -x "$reference" ]; then
	why="no reference binary at $reference (bench/make-baseline.sh COMMIT $build reference, or BENCH_SAME_BYTES)"
	printf '  no bytes compared: %s\n' "$why"
	bench_result compare-bytes "$bytes_target" "$(bytes_of "$work/ecsplan.out") bytes" "-" \
		"not measured: $why"
	exit 0
fi
status=0
"$reference" compare -q "$model" >"$work/reference.out" 2>"$work/reference.err" || status=$?
if [ "$status" != 0 ]; then
	why=$(exited "reference $reference" "$status" "$work/reference.err")
	printf '  no bytes compared: %s\n' "$why"
	bench_result compare-bytes "$bytes_target" "$(bytes_of "$work/ecsplan.out") bytes" "-" \
		"not measured: $why"
	exit 0
fi
if cmp -s "$work/reference.out" "$work/ecsplan.out"; then
	printf '  same bytes as the reference %s (%s bytes)\n' "$(bench_binary_name "$reference")" \
		"$(bytes_of "$work/ecsplan.out")"
	bench_result compare-bytes "$bytes_target" "$(bytes_of "$work/ecsplan.out") bytes, identical" \
		"reference $(bench_binary_name "$reference"): $(bytes_of "$work/reference.out") bytes" "met"
else
	first=$(cmp "$work/reference.out" "$work/ecsplan.out" 2>&1 | head -n 1 | sed 's/^[^:]*: //; s/^.*differ: //')
	printf '  OUTPUT DIFFERS from the reference %s: %s (%s bytes against %s; outputs in %s)\n' \
		"$(bench_binary_name "$reference")" "$first" "$(bytes_of "$work/ecsplan.out")" \
		"$(bytes_of "$work/reference.out")" "$work"
	bench_result compare-bytes "$bytes_target" \
		"$(bytes_of "$work/ecsplan.out") bytes, differs at $first" \
		"reference $(bench_binary_name "$reference"): $(bytes_of "$work/reference.out") bytes" \
		"MISSED"
	exit 1
fi
