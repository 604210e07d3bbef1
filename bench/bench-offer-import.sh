#!/bin/sh
# Times `ecsplan prices import` on a generated 450 MB AmazonEC2 offer file in AWS's format, and
# the Python peer on the same file: json.load for the JSON flavour, the streaming csv.reader for
# the CSV flavour (issue 11; figures in bench/README.md).
# usage: sh bench/bench-offer-import.sh BUILDDIR [MEGABYTES] [json|csv]
set -eu
build=$1
megabytes=${2:-450}
format=${3:-json}
bench_dir=$(cd "$(dirname "$0")" && pwd)
ecsplan="$build/planner/cli/ecsplan"
work="$build/bench/offer"
offer="$work/AmazonEC2.$format"
mkdir -p "$work"
if [ ! -s "$offer" ]; then
	python3 "$bench_dir/gen-offer.py" --megabytes "$megabytes" --format "$format" -o "$offer"
fi
bytes=$(wc -c <"$offer")
echo "offer file: $offer, $bytes bytes"
# once to warm the page cache, so both tools read from memory
cat "$offer" >/dev/null
for run in 1 2 3; do
	/usr/bin/time -f "ecsplan prices import: wall %e s, cpu %U+%S s, peak %M KiB" \
		"$ecsplan" prices import --region ap-south-1 "$offer" -o "$work/book-$format.json" 2>&1 |
		grep -v '^ecsplan: '
done
if [ "$format" = csv ]; then
	peer="$bench_dir/offer_peer_csv.py"
	what="csv.reader"
else
	peer="$bench_dir/offer_peer.py"
	what="json.load"
fi
/usr/bin/time -f "python3 $what peer: wall %e s, cpu %U+%S s, peak %M KiB" \
	python3 "$peer" "$offer" ap-south-1
