#!/bin/sh
# Times `ecsplan report` on every seed example, charts included (issue 5: under 1 s), and on
# seed 003 with a 7-day simulation (--profile diurnal: three more charts and timeseries.csv).
# usage: sh bench/bench-report.sh BUILDDIR [RUNS]
# Each run is the whole command: load, validate, lay out the diagram, price, compare, draw the
# charts (gnuplot, in parallel), render report.md and report.html, write the folder.
set -eu
if [ $# -lt 1 ]; then
	echo "usage: sh bench/bench-report.sh BUILDDIR [RUNS]" >&2
	exit 2
fi
build=$1
runs=${2:-9}
bench_dir=$(cd "$(dirname "$0")" && pwd)
source_dir=$(dirname "$bench_dir")
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

# time_report LABEL ARGS...: the median, min and max of RUNS runs, in ms
time_report() {
	label=$1
	shift
	"$ecsplan" report -o "$out" "$@" >/dev/null
	charts=$(find "$out" -name '*.svg' ! -name diagram.svg | wc -l)
	times=""
	cpus=""
	i=0
	while [ "$i" -lt "$runs" ]; do
		start=$(date +%s%N)
		/usr/bin/time -f '%U %S' -o "$out.cpu" "$ecsplan" report -o "$out" "$@" >/dev/null
		end=$(date +%s%N)
		times="$times $(((end - start) / 1000))"
		# user + system time of ecsplan and every gnuplot it waited for, in ms
		cpus="$cpus $(awk '{ printf "%d", ($1 + $2) * 1000 }' "$out.cpu")"
		i=$((i + 1))
	done
	cpu=$(printf '%s\n' $cpus | sort -n | awk -v runs="$runs" '{ t[NR] = $1 }
		END { print (runs % 2) ? t[(runs + 1) / 2] : (t[runs / 2] + t[runs / 2 + 1]) / 2 }')
	printf '%s\n' $times | sort -n | awk -v runs="$runs" -v label="$label" -v charts="$charts" \
		-v cpu="$cpu" '
		{ t[NR] = $1 }
		END {
			median = (runs % 2) ? t[(runs + 1) / 2] : (t[runs / 2] + t[runs / 2 + 1]) / 2
			printf "  %-30s %d charts: wall median %4.0f ms (min %4.0f, max %4.0f), CPU %4.0f ms: %s\n",
				label, charts, median / 1000, t[1] / 1000, t[runs] / 1000, cpu,
				median < 1000000 ? "met" : "MISSED"
		}'
	rm -f "$out.cpu"
}

echo "ecsplan report, $runs runs each, $(getconf _NPROCESSORS_ONLN) CPUs, load $(cut -d' ' -f1 /proc/loadavg) (target: under 1 s)"
for model in "$source_dir"/models/examples/seed*.json; do
	time_report "$(basename "$model" .json)" "$model"
done
time_report "seed003 --profile diurnal" --profile diurnal \
	"$source_dir/models/examples/seed003-fargate-https-alb.json"
rm -rf "$out"
