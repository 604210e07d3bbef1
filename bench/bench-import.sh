#!/bin/sh
# Times `ecsplan import terraform` on a generated plan of 20,000 resources (issue 6: under 1 s).
# usage: sh bench/bench-import.sh BUILDDIR [RUNS]
# The plan: gen-tfplan.py, 416 environments (a for_each module calling a
# terraform-aws-modules/vpc-style module: 3 public and 3 private subnets, a NAT gateway per AZ,
# routes; an ALB with host rules; two Fargate services with autoscaling) plus S3 buckets up to
# 20,000 resource instances, 16 MB of JSON. Ids are unknown, as in a first apply, so every link
# goes through the configuration's references. Each run is the whole command: read, parse,
# import, write the model to /dev/null; the peak RSS comes from /usr/bin/time when present.
# Issue 18: within 2x the floor, bench/json-floor (the same plan parsed by cJSON alone), whose
# runs take turns with the import's; wall time and, with /usr/bin/time, CPU time (user + system,
# the steadier figure on a loaded machine), each printed beside the 2x target; the verdicts go
# to BUILDDIR/bench/results.tsv (keys import-wall and import-cpu).
set -eu
if [ $# -lt 1 ]; then
	echo "usage: sh bench/bench-import.sh BUILDDIR [RUNS]" >&2
	exit 2
fi
build=$1
runs=${2:-5}
bench_dir=$(cd "$(dirname "$0")" && pwd)
. "$bench_dir/results.sh"
ecsplan="$build/planner/cli/ecsplan"
if [ ! -x "$ecsplan" ]; then
	echo "bench: '$ecsplan' not found; build first" >&2
	exit 1
fi
floor="$build/bench/json-floor"
if [ ! -x "$floor" ]; then
	echo "bench: '$floor' not found; build first" >&2
	exit 1
fi
mkdir -p "$build/bench/models"
plan="$build/bench/models/tfplan-20k.json"
python3 "$bench_dir/gen-tfplan.py" --resources 20000 --seed 1 -o "$plan"
"$ecsplan" import terraform "$plan" -o "$build/bench/models/tfplan-20k.model.json" 2>/dev/null
size=$(wc -c <"$plan")
rss=""
if [ -x /usr/bin/time ]; then
	rss=$(/usr/bin/time -f '%M' "$ecsplan" import terraform "$plan" 2>&1 >/dev/null | tail -n 1)
fi

times=""
floors=""
cpus=""
floor_cpus=""
# user + system seconds of one command, from /usr/bin/time (empty without it)
cpu_of() {
	[ -x /usr/bin/time ] || return 0
	/usr/bin/time -f '%U %S' "$@" 2>&1 >/dev/null | tail -n 1 | awk '{ printf "%.2f", $1 + $2 }'
}
i=0
while [ "$i" -lt "$runs" ]; do
	start=$(date +%s%N)
	"$floor" "$plan"
	end=$(date +%s%N)
	floors="$floors $(((end - start) / 1000))"
	start=$(date +%s%N)
	"$ecsplan" import terraform "$plan" >/dev/null 2>&1
	end=$(date +%s%N)
	times="$times $(((end - start) / 1000))"
	floor_cpus="$floor_cpus $(cpu_of "$floor" "$plan")"
	cpus="$cpus $(cpu_of "$ecsplan" import terraform "$plan")"
	i=$((i + 1))
done
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
			rss != "" ? sprintf(", peak RSS %.0f MB", rss / 1024) : "",
			median < 1000000 ? "met" : "MISSED"
		printf "  the floor, cJSON alone on the same plan: median %.3f s; import %.2fx it " \
			"(issue 18 target: within 2x: %s)\n", floor / 1e6, median / floor,
			median <= 2 * floor ? "met" : "MISSED"
		printf "import-wall\timport terraform, 20,000 resources: wall within 2x the floor\t" \
			"%.3f s: %.2fx\tcJSON floor %.3f s\t%s\n", median / 1e6, median / floor,
			floor / 1e6, median <= 2 * floor ? "met" : "MISSED" >>results
		if (cpu != "" && floor_cpu > 0) {
			printf "  CPU time (user + system), median: import %.2f s, the floor %.2f s; " \
				"import %.2fx it (issue 18 target: within 2x: %s)\n", cpu, floor_cpu,
				cpu / floor_cpu, cpu <= 2 * floor_cpu ? "met" : "MISSED"
			printf "import-cpu\timport terraform, 20,000 resources: CPU within 2x the floor\t" \
				"%.2f s: %.2fx\tcJSON floor %.2f s\t%s\n", cpu, cpu / floor_cpu, floor_cpu,
				cpu <= 2 * floor_cpu ? "met" : "MISSED" >>results
		} else
			printf "import-cpu\timport terraform, 20,000 resources: CPU within 2x the floor\t" \
				"-\t-\tnot measured: %s\n", cpu == "" ? "no /usr/bin/time" \
				: "the floor took no measurable CPU time" >>results
	}'
