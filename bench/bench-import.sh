#!/bin/sh
# Times `ecsplan import terraform` on a generated plan of 20,000 resources (issue 6: under 1 s).
# usage: sh bench/bench-import.sh BUILDDIR [RUNS]
# The plan: gen-tfplan.py, 416 environments (a for_each module calling a
# terraform-aws-modules/vpc-style module: 3 public and 3 private subnets, a NAT gateway per AZ,
# routes; an ALB with host rules; two Fargate services with autoscaling) plus S3 buckets up to
# 20,000 resource instances, 16 MB of JSON. Ids are unknown, as in a first apply, so every link
# goes through the configuration's references. Each run is the whole command: read, parse,
# import, write the model to /dev/null.
# Issue 18: within 2x the floor, bench/json-floor (the same plan parsed by cJSON alone), whose
# runs take turns with the import's; wall time and CPU time (user + system, the steadier figure
# on a loaded machine), both to the microsecond, and the peak RSS, from bench/rusage (wait4),
# each printed beside the 2x target; the verdicts go to BUILDDIR/bench/results.tsv (keys
# import-wall and import-cpu).
set -eu
if [ $# -lt 1 ]; then
	echo "usage: sh bench/bench-import.sh BUILDDIR [RUNS]" >&2
	exit 2
fi
build=$1
# 9 in turns with the floor: one slow stretch of this VM moved the median of 5 from 1.7x to 2.1x
runs=${2:-9}
bench_dir=$(cd "$(dirname "$0")" && pwd)
. "$bench_dir/results.sh"
ecsplan="$build/planner/cli/ecsplan"
if [ ! -x "$ecsplan" ]; then
	echo "bench: '$ecsplan' not found; build first" >&2
	exit 1
fi
floor="$build/bench/json-floor"
rusage="$build/bench/rusage"
for program in "$floor" "$rusage"; do
	if [ ! -x "$program" ]; then
		echo "bench: '$program' not found; build first" >&2
		exit 1
	fi
done
mkdir -p "$build/bench/models"
plan="$build/bench/models/tfplan-20k.json"
python3 "$bench_dir/gen-tfplan.py" --resources 20000 --seed 1 -o "$plan"
"$ecsplan" import terraform "$plan" -o "$build/bench/models/tfplan-20k.model.json" 2>/dev/null
size=$(wc -c <"$plan")
# measure COMMAND...: one run; sets $1 to $4: wall, user and system seconds to the
# microsecond, peak KiB (bench/rusage.c); stops the benchmark when the command fails
measured="$build/bench/models/import.rusage"
measure() {
	status=0
	"$rusage" "$measured" "$@" >/dev/null 2>"$measured.err" || status=$?
	if [ "$status" != 0 ]; then
		echo "bench: '$*' exited $status:" >&2
		cat "$measured.err" >&2
		exit 1
	fi
}
times=""
floors=""
cpus=""
floor_cpus=""
rss=0
i=0
while [ "$i" -lt "$runs" ]; do
	measure "$floor" "$plan"
	set -- $(cat "$measured")
	floors="$floors $(awk -v w="$1" 'BEGIN { printf "%d", w * 1e6 }')"
	floor_cpus="$floor_cpus $(awk -v u="$2" -v s="$3" 'BEGIN { printf "%.6f", u + s }')"
	measure "$ecsplan" import terraform "$plan"
	set -- $(cat "$measured")
	times="$times $(awk -v w="$1" 'BEGIN { printf "%d", w * 1e6 }')"
	cpus="$cpus $(awk -v u="$2" -v s="$3" 'BEGIN { printf "%.6f", u + s }')"
	[ "$4" -gt "$rss" ] && rss=$4
	i=$((i + 1))
done
rm -f "$measured" "$measured.err"
median() {
	printf '%s\n' "$@" | sort -n | awk '
		{ t[NR] = $1 }
		END { if (NR > 0) print (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2 }'
}
cpu_median=$(median $cpus)
floor_cpu_median=$(median $floor_cpus)
floor_median=$(printf '%s\n' $floors | sort -n | awk -v runs="$runs" '
	{ t[NR] = $1 }
	END { print (runs % 2) ? t[(runs + 1) / 2] : (t[runs / 2] + t[runs / 2 + 1]) / 2 }')
printf '%s\n' $times | sort -n | awk -v runs="$runs" -v size="$size" -v rss="$rss" \
	-v floor="$floor_median" -v cpu="$cpu_median" -v floor_cpu="$floor_cpu_median" \
	-v results="$bench_results" '
	{ t[NR] = $1 }
	END {
		median = (runs % 2) ? t[(runs + 1) / 2] : (t[runs / 2] + t[runs / 2 + 1]) / 2
		printf "ecsplan import terraform: 20000 resources, %.1f MB of plan JSON, %d runs\n",
			size / 1048576, runs
		printf "  median %.3f s, min %.3f s, max %.3f s%s (target: under 1 s: %s)\n",
			median / 1e6, t[1] / 1e6, t[runs] / 1e6,
			(rss > 0) ? sprintf(", peak RSS %.0f MB", rss / 1024) : "",
			median < 1000000 ? "met" : "MISSED"
		printf "  the floor, cJSON alone on the same plan: median %.3f s; import %.2fx it " \
			"(issue 18 target: within 2x: %s)\n", floor / 1e6, median / floor,
			median <= 2 * floor ? "met" : "MISSED"
		printf "import-wall\timport terraform, 20,000 resources: wall within 2x the floor\t" \
			"%.3f s: %.2fx\tcJSON floor %.3f s\t%s\n", median / 1e6, median / floor,
			floor / 1e6, median <= 2 * floor ? "met" : "MISSED" >>results
		if (cpu != "" && floor_cpu > 0) {
			printf "  CPU time (user + system), median: import %.3f s, the floor %.3f s; " \
				"import %.2fx it (issue 18 target: within 2x: %s)\n", cpu, floor_cpu,
				cpu / floor_cpu, cpu <= 2 * floor_cpu ? "met" : "MISSED"
			printf "import-cpu\timport terraform, 20,000 resources: CPU within 2x the floor\t" \
				"%.3f s: %.2fx\tcJSON floor %.3f s\t%s\n", cpu, cpu / floor_cpu, floor_cpu,
				cpu <= 2 * floor_cpu ? "met" : "MISSED" >>results
		} else
			printf "import-cpu\timport terraform, 20,000 resources: CPU within 2x the floor\t" \
				"-\t-\tnot measured: %s\n", "the floor took no measurable CPU time" >>results
	}'
