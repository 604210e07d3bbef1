#!/bin/sh
# Times `ecsplan report` on every seed example, charts included (issue 5: under 1 s), on
# seed 003 with a 7-day simulation (--profile diurnal: three more charts and timeseries.csv),
# and on a generated model of 3,000 subnets and 200 services (issue 18: under 0.5 s).
# usage: sh bench/bench-report.sh BUILDDIR [RUNS]
# Each run is the whole command: load, validate, lay out the diagram, price, compare, draw the
# charts (gnuplot, in parallel), render report.md and report.html, write the folder.
# The verdict of the large model goes to BUILDDIR/bench/results.tsv (key report-3000).
set -eu
if [ $# -lt 1 ]; then
	echo "usage: sh bench/bench-report.sh BUILDDIR [RUNS]" >&2
	exit 2
fi
build=$1
runs=${2:-9}
bench_dir=$(cd "$(dirname "$0")" && pwd)
source_dir=$(dirname "$bench_dir")
. "$bench_dir/results.sh"
ecsplan="$build/planner/cli/ecsplan"
if [ ! -x "$ecsplan" ]; then
	echo "bench: '$ecsplan' not found; build first" >&2
	exit 1
fi
out="$build/bench/report"
# /usr/bin/time gives the CPU time of ecsplan and the gnuplots it ran
if [ ! -x /usr/bin/time ]; then
	sh "$source_dir/tools/install-deps.sh" time
fi
if ! command -v gnuplot >/dev/null 2>&1; then
	echo "bench: gnuplot is not installed: timing reports without charts" >&2
fi

# median NUMBERS...: the median of the numbers
median() {
	printf '%s\n' "$@" | sort -n | awk '{ t[NR] = $1 }
		END { if (NR > 0) print (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2 }'
}

# time_report LABEL TARGET_MS ARGS...: the median, min and max of RUNS runs, in ms, against
# the target (wall median); leaves the medians in $wall_ms and $cpu_ms, the verdict in $verdict
time_report() {
	label=$1
	target=$2
	shift 2
	# exit 1 is a finding or a figure the book lacks (seed002): the report is written all the same
	"$ecsplan" report -q --fail-on none -o "$out" "$@" >/dev/null || :
	charts=$(find "$out" -name '*.svg' ! -name diagram.svg | wc -l)
	times=""
	cpus=""
	i=0
	while [ "$i" -lt "$runs" ]; do
		start=$(date +%s%N)
		/usr/bin/time -f '%U %S' -o "$out.cpu" "$ecsplan" report -q --fail-on none -o "$out" "$@" >/dev/null || :
		end=$(date +%s%N)
		times="$times $(((end - start) / 1000))"
		# user + system time of ecsplan and every gnuplot it waited for, in ms
		cpus="$cpus $(awk '{ printf "%d", ($1 + $2) * 1000 }' "$out.cpu")"
		i=$((i + 1))
	done
	cpu_ms=$(median $cpus | awk '{ printf "%.0f", $1 }')
	# the fastest and slowest run, in microseconds
	set -- $(printf '%s\n' $times | sort -n | awk 'NR == 1 { print } END { print }')
	wall_us=$(median $times)
	wall_ms=$(awk -v w="$wall_us" 'BEGIN { printf "%.0f", w / 1000 }')
	verdict=$(awk -v w="$wall_us" -v t="$target" 'BEGIN { print (w < t * 1000) ? "met" : "MISSED" }')
	printf '  %-30s %d charts: wall median %4d ms (min %4.0f, max %4.0f), CPU %4d ms (target %d ms: %s)\n' \
		"$label" "$charts" "$wall_ms" "$(awk -v t="$1" 'BEGIN { printf "%.0f", t / 1000 }')" \
		"$(awk -v t="$2" 'BEGIN { printf "%.0f", t / 1000 }')" "$cpu_ms" "$target" "$verdict"
	rm -f "$out.cpu"
}

echo "ecsplan report, $runs runs each, $(getconf _NPROCESSORS_ONLN) CPUs, load $(cut -d' ' -f1 /proc/loadavg) (CPU: ecsplan and its gnuplots, user + system)"
for model in "$source_dir"/models/examples/seed*.json; do
	time_report "$(basename "$model" .json)" 1000 "$model"
done
time_report "seed003 --profile diurnal" 1000 --profile diurnal \
	"$source_dir/models/examples/seed003-fargate-https-alb.json"
# issue 18: 20 VPCs of 150 subnets with 10 services each (bench/gen-model.py); it has
# ip-exhaustion errors by design (every run is --fail-on none: the seeds have errors too)
mkdir -p "$build/bench"
large="$build/bench/report-3000-subnets.json"
python3 "$bench_dir/gen-model.py" --vpcs 20 --subnets-per-vpc 150 --services-per-vpc 10 \
	--seed 1 --overlaps 0 -o "$large"
report_target="report, 3,000 subnets and 200 services: wall under 0.5 s"
time_report "3,000 subnets, 200 services" 500 "$large"
new_wall=$wall_ms new_cpu=$cpu_ms new_verdict=$verdict new_charts=$charts
# the same, in the same run, with the binary before issue 18 when there is one
# ($BENCH_BASELINE, else BUILDDIR/bench/ecsplan-baseline: bench/README.md, "Baseline and
# reference binaries")
baseline=${BENCH_BASELINE:-$build/bench/ecsplan-baseline}
reference="target 500 ms; no baseline binary at $baseline"
if [ -x "$baseline" ]; then
	current=$ecsplan
	ecsplan=$baseline
	time_report "the same, baseline binary" 500 "$large"
	ecsplan=$current
	reference="target 500 ms; baseline $(bench_binary_name "$baseline"): wall $wall_ms ms, CPU $cpu_ms ms"
fi
if [ "$new_charts" -eq 0 ]; then
	# without gnuplot the report has no charts, and its time says nothing of the target's
	bench_result report-3000 "$report_target" "wall $new_wall ms, CPU $new_cpu ms, no charts" \
		"$reference" "not measured: no charts drawn (gnuplot is not installed)"
else
	bench_result report-3000 "$report_target" "wall $new_wall ms (CPU $new_cpu ms, $new_charts charts)" \
		"$reference" "$new_verdict"
fi
rm -rf "$out"
