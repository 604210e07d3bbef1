#!/bin/sh
# Times `ecsplan optimize` on some 10,000 candidates, each simulated for one week at 1-minute
# steps (issue 17: under 30 s on this machine's 2 cores), and says how much pruning saved
# against brute force in the same run.
# usage: sh bench/bench-optimize.sh BUILDDIR [CANDIDATES] [RUNS]
# The model: gen-model.py, one VPC and as many services as make CANDIDATES (default 10000),
# counted by one-hour searches. Each candidate is simulated
# with RUNS seeds (default 1; `optimize` defaults to 3). Prints the wall and CPU time
# (/usr/bin/time: user + system, and the peak RSS), and the candidates simulated and pruned
# against brute force (every candidate simulated), from the command's own stderr line.
set -eu
if [ $# -lt 1 ]; then
	echo "usage: sh bench/bench-optimize.sh BUILDDIR [CANDIDATES] [RUNS]" >&2
	exit 2
fi
build=$1
target=${2:-10000}
runs=${3:-1}
bench_dir=$(cd "$(dirname "$0")" && pwd)
ecsplan="$build/planner/cli/ecsplan"
if [ ! -x "$ecsplan" ]; then
	echo "bench: '$ecsplan' not found; build first" >&2
	exit 1
fi
if ! "$ecsplan" optimize --help >/dev/null 2>&1; then
	echo "bench: this ecsplan has no 'optimize' command" >&2
	exit 1
fi
work="$build/bench/optimize"
mkdir -p "$work"

# the candidates, total, simulated and pruned, from "ecsplan: optimize: N candidates, S
# simulated, P pruned by the lower bound (...)"
counts() {
	sed -n 's/^ecsplan: optimize: \([0-9]*\) candidates, \([0-9]*\) simulated, \([0-9]*\) pruned.*/\1 \2 \3/p' "$1"
}

# count a model's candidates with a one-hour search (the space does not depend on the duration)
count_candidates() {
	"$ecsplan" optimize "$1" --duration 1h --runs 1 --threads 2 >/dev/null 2>"$work/count.err" || {
		cat "$work/count.err" >&2
		exit 1
	}
	counts "$work/count.err" | cut -d' ' -f1
}

# gen-model's services differ in size, so their spaces differ (some 290 to 340 candidates):
# start from the first service's count and add services until the space holds CANDIDATES
services=1
model="$work/model.json"
while :; do
	python3 "$bench_dir/gen-model.py" --vpcs 1 --subnets-per-vpc 70 \
		--services-per-vpc "$services" --peerings 0 --seed 1 -o "$model"
	total=$(count_candidates "$model")
	if [ -z "$total" ] || [ "$total" -eq 0 ]; then
		echo "bench: cannot read the candidate count from:" >&2
		cat "$work/count.err" >&2
		exit 1
	fi
	[ "$total" -ge "$target" ] && break
	per_service=$((total / services))
	services=$((services + (target - total + per_service - 1) / per_service))
done
per_service=$((total / services))

echo "optimize: $services services, $total candidates (about $per_service each); one week at 60 s" \
	"steps, $runs seed(s) per candidate, 2 threads"
/usr/bin/time -f 'time %e %U %S %M' "$ecsplan" optimize "$model" --duration 7d --step 60s \
	--runs "$runs" --threads 2 -o "$work/answer.txt" 2>"$work/run.err" || {
	cat "$work/run.err" >&2
	exit 1
}
set -- $(counts "$work/run.err") $(sed -n 's/^time //p' "$work/run.err")
total=$1 simulated=$2 pruned=$3 wall=$4 user=$5 system=$6 rss=$7
awk -v total="$total" -v simulated="$simulated" -v pruned="$pruned" -v wall="$wall" \
	-v user="$user" -v sys="$system" -v rss="$rss" 'BEGIN {
	cpu = user + sys
	saved = 0
	if (total > 0)
		saved = 100 * pruned / total
	printf "  candidates %d: simulated %d, pruned %d (%.1f%% of brute force saved)\n",
		total, simulated, pruned, saved
	printf "  wall %.2f s, CPU %.2f s (user %.2f + system %.2f), peak RSS %.0f MB\n",
		wall, cpu, user, sys, rss / 1024
	if (simulated > 0)
		printf "  brute force (estimate: the CPU per simulated candidate of this run x %d): " \
			"CPU %.1f s\n", total, cpu / simulated * total
}'
