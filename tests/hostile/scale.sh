#!/bin/sh
# Hostile inputs of scale (issue 9 item 6): findings about N items stay O(N log N) and repeated
# findings are grouped, not multiplied. Inputs come from bench/gen-scale.py at sizes that ran
# for seconds to minutes on the old code; each case has a 10 s bound (timeout exits 124, which
# fails the exit-status check), in the sanitizer build too.
. "$(dirname "$0")/lib.sh"
hostile_begin
HOSTILE_TIMEOUT=${HOSTILE_SCALE_TIMEOUT:-10}
inputs="$HOSTILE_ROOT/inputs"
mkdir -p "$inputs"
gen() {
	out=$1
	shift
	python3 "$SRCDIR/bench/gen-scale.py" "$@" -o "$inputs/$out"
}
gen vpcs-1000.json same-cidr-vpcs 1000
gen subnets-4000.json same-subnets 4000
gen refs-65536.json tf-refs 65536
gen refs-over.json tf-refs 1000001 --subnets 1 --form local
gen vpcs-2000.json many-vpcs 4000 --vpcs 2000

# stdout must hold $2 (a fixed string)
expect_stdout() {
	if ! hostile_stdout | grep -qF -- "$2"; then
		hostile_fail "$1" "stdout lacks '$2'"
		hostile_stdout | head -c 2000
	fi
}

# 1,000 VPCs with one CIDR: 499,500 pairs were 22 s and 140 MB of warnings; now one warning
hostile_case vpcs-same-cidr 0 '' validate "$inputs/vpcs-1000.json"
expect_stdout vpcs-same-cidr "warning[vpc-overlap]: vpcs[1].cidr: 1000 vpcs share block 10.0.0.0/16 (1000 blocks in all): 'vpc-000000', 'vpc-000001', 'vpc-000002' and 997 more, so none of them can be peered with another or joined through a transit gateway; give each a block of its own, e.g. 10.1.0.0/16"
expect_stdout vpcs-same-cidr "0 errors, 1 warning (1000 VPCs, 1000 subnets, 0 services)"

# 4,000 identical subnets as json: 8 million findings took 12 GB, then cJSON_Print failed and
# an empty document came out; now one finding and a whole document
hostile_case subnets-identical-json 1 '' validate --format json "$inputs/subnets-4000.json"
hostile_stdout >"$HOSTILE_ROOT/subnets.json"
if ! python3 - "$HOSTILE_ROOT/subnets.json" <<'PY'; then
import json, sys
doc = json.load(open(sys.argv[1]))
assert doc["summary"] == {"errors": 1, "warnings": 0, "notes": 0}, doc["summary"]
assert len(doc["diagnostics"]) == 1 and len(doc["subnets"]) == 4000
message = doc["diagnostics"][0]["message"]
assert message == ("4000 subnets share 10.0.1.0/24: 's-000000', 's-000001', 's-000002' and "
                   "3997 more; give each a block of its own, e.g. the free block "
                   "10.0.0.0/24"), message
PY
	hostile_fail subnets-identical-json "the json document is not the expected one"
fi

# one expression of 65,536 references: 30 s of pairwise scans; now hash lookups. the service
# gets each of the 256 subnets once
hostile_case tf-64k-references 0 "refs-65536.json': 1 VPC, 256 subnets" \
	import terraform "$inputs/refs-65536.json" -o model.json
if ! python3 -c '
import json, sys
service = json.load(open(sys.argv[1]))["services"][0]
assert service["subnets"] == ["s-%d" % i for i in range(256)], service["subnets"][:5]
' "$WORK/model.json"; then
	hostile_fail tf-64k-references "the service does not have the 256 subnets in order"
fi

# past 1,000,000 references followed in one import: PLAN_ERROR_LIMIT (exit 2), nothing written
hostile_case tf-reference-budget 2 \
	"refs-over.json: the configuration's references are too many to follow: more than 1000000 in one import (the limit in docs/limits.md)" \
	import terraform "$inputs/refs-over.json" -o model.json
if [ -e "$WORK/model.json" ]; then
	hostile_fail tf-reference-budget "a model was written"
fi

# 2,000 VPCs with a public block and a repeated subnet each: 1,000 findings of each code are
# listed, then one finding counts the rest; the exit status still says there are errors
hostile_case findings-bounded 1 '' validate "$inputs/vpcs-2000.json"
expect_stdout findings-bounded "error[subnet-overlap]: and 1000 more subnet-overlap findings (1000 errors, 0 warnings, 0 notes) after the first 1000, which are listed"
expect_stdout findings-bounded "warning[vpc-cidr-range]: and 1000 more vpc-cidr-range findings (0 errors, 1000 warnings, 0 notes) after the first 1000, which are listed"
expect_stdout findings-bounded "1001 errors, 1001 warnings (2000 VPCs, 4000 subnets, 0 services)"
hostile_end
