#!/bin/sh
# ecsplan optimize in shards (issue 17 item 4, docs/optimize.md "Shards and merge"): GNU parallel
# runs 4 shards of seed 004's search, and their merge is byte for byte what one run prints, as
# text and as JSON, with the patch and the edited model; the array-job variables of Slurm, AWS
# Batch and Kubernetes give the same shard files as --shard K/N; shards that disagree, a shard
# missing, given twice or cut short are refused (exit 2) with the reason.
# Skips (exit 77) only when GNU parallel is absent and cannot be installed.
set -u
: "${ECSPLAN:?ECSPLAN must name the built ecsplan}"
: "${SRCDIR:?SRCDIR must name the source tree}"
cd "$SRCDIR" || exit 1
if ! command -v parallel >/dev/null 2>&1; then
	sh tools/install-deps.sh parallel >/dev/null 2>&1 || true
fi
if ! command -v parallel >/dev/null 2>&1 || ! parallel --version 2>/dev/null | grep -q "GNU parallel"; then
	echo "SKIP: GNU parallel (Debian package 'parallel') is absent and could not be installed"
	exit 77
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/ecsplan-shards-XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT
passed=0
failed=0

ok() {
	echo "ok $1"
	passed=$((passed + 1))
}

fail() {
	echo "FAIL $1"
	failed=$((failed + 1))
}

# same NAME FILE1 FILE2: the two files are the same bytes
same() {
	if [ -s "$2" ] && cmp -s "$2" "$3"; then
		ok "$1"
	else
		fail "$1: '$2' and '$3' differ"
		diff "$2" "$3" | head -10
	fi
}

# refused NAME STATUS WANT COMMAND...: exits STATUS and says WANT (stdout and stderr together)
refused() {
	name=$1
	expected=$2
	want=$3
	shift 3
	out=$("$@" 2>&1 </dev/null)
	status=$?
	if [ "$status" != "$expected" ]; then
		fail "$name: exit status $status, expected $expected"
		echo "$out" | head -5
	elif ! printf '%s' "$out" | grep -qF -- "$want"; then
		fail "$name: the output lacks '$want'"
		echo "$out" | head -5
	else
		ok "$name"
	fi
}

model=models/examples/seed004-cruddur-bootcamp.json
# the search: seed 004's services, two seeds of two days each (some 300 candidates)
set -- --slo 'unmet<=0.1%' --runs 2 --duration 2d

# one machine
"$ECSPLAN" optimize "$model" "$@" -q -o "$work/one.txt" --patch "$work/one.patch.json" \
	--output-model "$work/one.model.json"
"$ECSPLAN" optimize "$model" "$@" -q --format json -o "$work/one.json"

# 4 shards through GNU parallel, 2 at a time, then the merge (files given out of order)
mkdir -p "$work/shards"
parallel --will-cite -j 2 -q "$ECSPLAN" optimize "$model" "$@" -q --shard '{}/4' \
	-o "$work/shards/shard-{}.jsonl" ::: 1 2 3 4
status=$?
if [ "$status" = 0 ]; then ok parallel-4-shards; else fail "parallel-4-shards: exit $status"; fi
set -- "$@" --merge "$work/shards/shard-3.jsonl" "$work/shards/shard-1.jsonl" \
	"$work/shards/shard-4.jsonl" "$work/shards/shard-2.jsonl"
"$ECSPLAN" optimize "$model" "$@" -q -o "$work/merged.txt" --patch "$work/merged.patch.json" \
	--output-model "$work/merged.model.json"
"$ECSPLAN" optimize "$model" "$@" -q --format json -o "$work/merged.json"
same merge-text "$work/one.txt" "$work/merged.txt"
same merge-json "$work/one.json" "$work/merged.json"
same merge-patch "$work/one.patch.json" "$work/merged.patch.json"
same merge-model "$work/one.model.json" "$work/merged.model.json"
# the strided slice: shard 2 holds candidates 1, 5, 9, ...
if sed -n 2p "$work/shards/shard-2.jsonl" | grep -q '^{"candidate":1,' &&
	sed -n 3p "$work/shards/shard-2.jsonl" | grep -q '^{"candidate":5,'; then
	ok shard-strided
else
	fail "shard-strided: shard 2's first candidates are not 1 and 5"
fi
set -- --slo 'unmet<=0.1%' --runs 2 --duration 2d

# the array-job variables give the same files: Slurm's array 1-4 (task 3 is shard 3/4), AWS
# Batch's index 1 of 4 (shard 2/4), Kubernetes' completion index 3 of 4 (shard 4/4)
env SLURM_ARRAY_TASK_ID=3 SLURM_ARRAY_TASK_MIN=1 SLURM_ARRAY_TASK_MAX=4 \
	SLURM_ARRAY_TASK_COUNT=4 "$ECSPLAN" optimize "$model" "$@" -q --shard auto \
	-o "$work/slurm.jsonl"
same slurm-variables "$work/shards/shard-3.jsonl" "$work/slurm.jsonl"
env AWS_BATCH_JOB_ARRAY_INDEX=1 ECSPLAN_SHARDS=4 "$ECSPLAN" optimize "$model" "$@" -q \
	--shard auto -o "$work/batch.jsonl"
same batch-variables "$work/shards/shard-2.jsonl" "$work/batch.jsonl"
env JOB_COMPLETION_INDEX=3 "$ECSPLAN" optimize "$model" "$@" -q --shards 4 \
	-o "$work/k8s.jsonl"
same kubernetes-variables "$work/shards/shard-4.jsonl" "$work/k8s.jsonl"
# the thread count is no part of a shard
"$ECSPLAN" optimize "$model" "$@" -q --threads 1 --shard 2/4 -o "$work/threads1.jsonl"
same shard-threads "$work/shards/shard-2.jsonl" "$work/threads1.jsonl"

s1=$work/shards/shard-1.jsonl
s2=$work/shards/shard-2.jsonl
s3=$work/shards/shard-3.jsonl
s4=$work/shards/shard-4.jsonl
# a shard of another service level, and of another model
"$ECSPLAN" optimize "$model" --slo 'unmet<=1%' --runs 2 --duration 2d -q --shard 2/4 \
	-o "$work/other-slo.jsonl"
refused merge-other-slo 2 "have different service levels, 'unmet<=0.1%' and 'unmet<=1%'" \
	"$ECSPLAN" optimize "$model" "$@" --merge "$s1" "$work/other-slo.jsonl" "$s3" "$s4"
sed 's/"desired_count": 1,/"desired_count": 2,/' "$model" >"$work/other-model.json"
"$ECSPLAN" optimize "$work/other-model.json" "$@" -q --shard 2/4 -o "$work/other-model.jsonl"
refused merge-other-model 2 "are of different models (hash" \
	"$ECSPLAN" optimize "$model" "$@" --merge "$s1" "$work/other-model.jsonl" "$s3" "$s4"
# a shard priced by another book (m5.large at $0.097 an hour, not $0.096): a --prices file,
# or another machine's price cache
sed '0,/"value": 0.096,/s//"value": 0.097,/' models/prices/us-east-1.json >"$work/prices.json"
"$ECSPLAN" optimize "$model" "$@" -q --prices "$work/prices.json" --shard 2/4 \
	-o "$work/other-book.jsonl"
refused merge-other-book 2 "use different price books (hash" \
	"$ECSPLAN" optimize "$model" "$@" --merge "$s1" "$work/other-book.jsonl" "$s3" "$s4"
# the shards are right, but the merge is run with other options than theirs
refused merge-other-options 2 "the shard files and this merge use different options" \
	"$ECSPLAN" optimize "$model" --slo 'unmet<=0.1%' --runs 3 --duration 2d \
	--merge "$s1" "$s2" "$s3" "$s4"
refused merge-missing 2 "1 of the 4 shards is missing (3/4)" \
	"$ECSPLAN" optimize "$model" "$@" --merge "$s1" "$s2" "$s4"
refused merge-twice 2 "shard 2/4 is given twice" \
	"$ECSPLAN" optimize "$model" "$@" --merge "$s1" "$s2" "$s2" "$s3" "$s4"
head -c 700 "$s3" >"$work/cut.jsonl"
refused merge-cut-short 2 "$work/cut.jsonl':3: the last line is cut short" \
	"$ECSPLAN" optimize "$model" "$@" --merge "$s1" "$s2" "$work/cut.jsonl" "$s4"
refused merge-no-files 2 "--merge needs the shard files after the model" \
	"$ECSPLAN" optimize "$model" "$@" --merge
refused shard-bad 2 "cannot read the shard '0/4'" \
	"$ECSPLAN" optimize "$model" "$@" --shard 0/4
refused shard-and-merge 2 "--merge combines shard files and takes no --shard or --shards" \
	"$ECSPLAN" optimize "$model" "$@" --shard 1/4 --merge "$s1"
refused shard-no-variable 2 "--shard auto: no array-job index is set" \
	env -u SLURM_ARRAY_TASK_ID -u AWS_BATCH_JOB_ARRAY_INDEX -u JOB_COMPLETION_INDEX \
	"$ECSPLAN" optimize "$model" "$@" --shard auto
refused shard-with-patch 2 "a shard writes its shard file only" \
	"$ECSPLAN" optimize "$model" "$@" --shard 1/4 --patch "$work/p.json"
refused too-many-arguments 2 "too many arguments: '$s1'; shard files go with --merge" \
	"$ECSPLAN" optimize "$model" "$@" "$s1"

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
