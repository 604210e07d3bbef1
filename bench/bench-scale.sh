#!/bin/sh
# Times the inputs of issue 9 item 6 (bench/gen-scale.py): findings about N items must stay
# O(N log N), repeated findings grouped. Prints one line per case: wall and CPU time, peak RSS,
# exit status and output size. The CPU time (user + system) is the figure to compare on a
# shared machine; the wall time depends on what else runs. A case over its time limit (default
# 120 s, BENCH_SCALE_TIMEOUT) or 4 GB of address space is stopped and shown as such, so an old
# build can be measured with the same script.
# usage: sh bench/bench-scale.sh BUILDDIR [SCALE]   (inputs go to $BENCH_SCALE_WORK, default
#   BUILDDIR/bench/scale)
#   SCALE: "full" (default: 1,000 same-CIDR VPCs, 4,000 identical subnets, 64k references,
#   1M subnets in 10k VPCs) or "small" (a tenth of each, for an old build)
# At full scale it also times 100k subnets in 1,000 VPCs and prints the 1M/100k ratio of CPU
# time against issue 18's target (at most 11x: linear); the verdict goes to
# BUILDDIR/bench/results.tsv (key validate-1m-linear).
set -eu
if [ $# -lt 1 ]; then
	echo "usage: sh bench/bench-scale.sh BUILDDIR [full|small]" >&2
	exit 2
fi
build=$1
scale=${2:-full}
limit=${BENCH_SCALE_TIMEOUT:-120}
bench_dir=$(cd "$(dirname "$0")" && pwd)
. "$bench_dir/results.sh"
ecsplan="$build/planner/cli/ecsplan"
if [ ! -x "$ecsplan" ]; then
	echo "bench: '$ecsplan' not found; build first" >&2
	exit 1
fi
work=${BENCH_SCALE_WORK:-$build/bench/scale}
mkdir -p "$work"
case $scale in
full) vpcs=1000 subnets=4000 refs=65536 big=1000000 big_vpcs=10000 ;;
small) vpcs=100 subnets=400 refs=6554 big=100000 big_vpcs=1000 ;;
*)
	echo "bench: scale must be 'full' or 'small', not '$scale'" >&2
	exit 2
	;;
esac

gen() {
	if [ ! -s "$work/$1" ]; then
		shift_name=$1
		shift
		python3 "$bench_dir/gen-scale.py" "$@" -o "$work/$shift_name"
	fi
}
gen "vpcs-$vpcs.json" same-cidr-vpcs "$vpcs"
gen "subnets-$subnets.json" same-subnets "$subnets"
gen "refs-$refs.json" tf-refs "$refs"
gen "big-$big.json" many-vpcs "$big" --vpcs "$big_vpcs"
# issue 18: the full case must take at most 11x the time of a tenth of it (linear)
if [ "$scale" = full ]; then
	gen "big-100000.json" many-vpcs 100000 --vpcs 1000
fi

# run NAME ARGS...: one timed run; peak RSS from /usr/bin/time when present, else getrusage
# of the children through python
run() {
	name=$1
	shift
	python3 - "$limit" "$work/out.txt" "$name" "$@" <<'EOF'
import os, resource, subprocess, sys, time
limit, out_path, name, argv = float(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4:]
gb4 = 4 << 30
def cap():
    resource.setrlimit(resource.RLIMIT_AS, (gb4, gb4))
start = time.monotonic()
with open(out_path, "wb") as out:
    try:
        proc = subprocess.run(argv, stdout=out, stderr=subprocess.DEVNULL, timeout=limit,
                              preexec_fn=cap)
        status = str(proc.returncode) if proc.returncode >= 0 else f"signal {-proc.returncode}"
    except subprocess.TimeoutExpired:
        status = f"stopped after {limit:.0f} s"
elapsed = time.monotonic() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
rss_mb = usage.ru_maxrss / 1024
cpu = usage.ru_utime + usage.ru_stime
size = os.path.getsize(out_path)
print(f"  {name:<48} {elapsed:7.2f} s wall {cpu:7.2f} s cpu {rss_mb:6.0f} MB"
      f"  exit {status}  output {size / 1024:.0f} KB")
if os.environ.get("BENCH_SCALE_CPU"):
    with open(os.environ["BENCH_SCALE_CPU"], "w") as f:
        f.write(f"{cpu}\t{elapsed}\t{status}\n")
EOF
}

echo "ecsplan scale cases (issue 9 item 6), $scale scale, limit $limit s and 4 GB each"
run "validate: $vpcs VPCs with the same CIDR" "$ecsplan" validate "$work/vpcs-$vpcs.json"
run "validate --format json: $subnets identical subnets" "$ecsplan" validate --format json \
	"$work/subnets-$subnets.json"
run "import terraform: one expression of $refs refs" "$ecsplan" import terraform \
	"$work/refs-$refs.json" -o "$work/refs.model.json"
BENCH_SCALE_CPU="$work/cpu-big.txt" run "validate: $big subnets in $big_vpcs VPCs" \
	"$ecsplan" validate "$work/big-$big.json"
if [ "$scale" = full ]; then
	BENCH_SCALE_CPU="$work/cpu-small.txt" run "validate: 100000 subnets in 1000 VPCs" \
		"$ecsplan" validate "$work/big-100000.json"
	python3 - "$work/cpu-big.txt" "$work/cpu-small.txt" "$bench_results" <<'EOF'
import sys
def case(path):
    cpu, wall, status = open(path).read().rstrip("\n").split("\t")
    return float(cpu), float(wall), status
(big, big_wall, big_status), (small, small_wall, small_status) = (
    case(path) for path in sys.argv[1:3])
target = "validate, 1M subnets: at most 11x the 100k CPU time"
reference = f"100k: {small:.2f} s CPU, wall {small_wall:.2f} s"
# exit 1 is findings (both models have them); anything else is a run that did not finish
if small_status not in ("0", "1"):
    figure = f"1M: {big:.2f} s CPU, exit {big_status}"
    verdict = f"not measured: the 100k run ended with {small_status}"
elif big_status not in ("0", "1"):
    figure = f"1M: {big:.2f} s CPU, exit {big_status}"
    verdict = f"MISSED: the 1M run ended with {big_status}"
else:
    times = big / small if small > 0 else float("inf")
    walls = big_wall / small_wall if small_wall > 0 else float("inf")
    verdict = "met" if times <= 11 else "MISSED"
    figure = f"1M: {big:.2f} s CPU: {times:.1f}x (wall {big_wall:.2f} s: {walls:.1f}x)"
print(f"  1M subnets against 100k (issue 18 target: at most 11x the cpu time): {figure}; "
      f"{reference}: {verdict}")
with open(sys.argv[3], "a", encoding="utf-8") as f:
    f.write(f"validate-1m-linear\t{target}\t{figure}\t{reference}\t{verdict}\n")
EOF
else
	bench_result validate-1m-linear "validate, 1M subnets: at most 11x the 100k CPU time" \
		"-" "-" "not measured: bench-scale.sh ran at $scale scale"
fi
rm -f "$work/out.txt" "$work/cpu-big.txt" "$work/cpu-small.txt"
