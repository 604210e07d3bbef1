#!/bin/sh
# Times `ecsplan diagram` on a generated 300-subnet model (issue 5: under 100 ms).
# usage: sh bench/bench-diagram.sh BUILDDIR [RUNS]
# The model: gen-model.py with 2 VPCs x 150 subnets in 6 AZs (public, private and isolated
# tiers, a NAT gateway per AZ, an ALB over six AZs, 10 services per VPC, 2 overlaps), so the
# diagram has 300 subnets, 12 NAT gateways, 128 routes and findings to mark. Each run is the whole
# command: load, validate, lay out, draw, write the SVG to /dev/null.
set -eu
if [ $# -lt 1 ]; then
	echo "usage: sh bench/bench-diagram.sh BUILDDIR [RUNS]" >&2
	exit 2
fi
build=$1
runs=${2:-15}
bench_dir=$(cd "$(dirname "$0")" && pwd)
ecsplan="$build/planner/cli/ecsplan"
if [ ! -x "$ecsplan" ]; then
	echo "bench: '$ecsplan' not found; build first" >&2
	exit 1
fi
mkdir -p "$build/bench/models"
model="$build/bench/models/diagram-300.json"
python3 "$bench_dir/gen-model.py" --vpcs 2 --subnets-per-vpc 150 --services-per-vpc 10 \
	--seed 1 --overlaps 2 -o "$model"
# the model has subnet-overlap errors by design: --fail-on none (exit 0, the diagram is drawn)
"$ecsplan" diagram -q --fail-on none "$model" -o "$build/bench/models/diagram-300.svg"
size=$(wc -c <"$build/bench/models/diagram-300.svg")
subnets=$(grep -c '<g class="subnet"' "$build/bench/models/diagram-300.svg")

times=""
i=0
while [ "$i" -lt "$runs" ]; do
	start=$(date +%s%N)
	"$ecsplan" diagram -q --fail-on none "$model" >/dev/null
	end=$(date +%s%N)
	times="$times $(((end - start) / 1000))"
	i=$((i + 1))
done
# median, min and max in ms with one decimal, from microseconds
printf '%s\n' $times | sort -n | awk -v runs="$runs" -v subnets="$subnets" -v size="$size" '
	{ t[NR] = $1 }
	END {
		median = (runs % 2) ? t[(runs + 1) / 2] : (t[runs / 2] + t[runs / 2 + 1]) / 2
		printf "ecsplan diagram: %d subnets, %.0f KB of SVG, %d runs\n", subnets, size / 1024, runs
		printf "  median %.1f ms, min %.1f ms, max %.1f ms (target: under 100 ms: %s)\n",
			median / 1000, t[1] / 1000, t[runs] / 1000, median < 100000 ? "met" : "MISSED"
	}'
