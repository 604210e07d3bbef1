#!/bin/sh
# Times `ecsplan prices import` on a generated 450 MB AmazonEC2 offer file in AWS's format, and
# the Python json.load peer on the same file (issue 11; figures in bench/README.md).
# usage: sh bench/bench-offer-import.sh BUILDDIR [MEGABYTES]
set -eu
build=$1
megabytes=${2:-450}
bench_dir=$(cd "$(dirname "$0")" && pwd)
ecsplan="$build/planner/cli/ecsplan"
work="$build/bench/offer"
offer="$work/AmazonEC2.json"
mkdir -p "$work"
if [ ! -s "$offer" ]; then
	python3 "$bench_dir/gen-offer.py" --megabytes "$megabytes" -o "$offer"
fi
bytes=$(wc -c <"$offer")
echo "offer file: $offer, $bytes bytes"
# once to warm the page cache, so both tools read from memory
cat "$offer" >/dev/null
for run in 1 2 3; do
	/usr/bin/time -f "ecsplan prices import: wall %e s, cpu %U+%S s, peak %M KiB" \
		"$ecsplan" prices import --region ap-south-1 "$offer" -o "$work/book.json" 2>&1 |
		grep -v '^ecsplan: '
done
/usr/bin/time -f "python3 json.load peer: wall %e s, cpu %U+%S s, peak %M KiB" \
	python3 "$bench_dir/offer_peer.py" "$offer" ap-south-1
