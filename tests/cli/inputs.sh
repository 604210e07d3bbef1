#!/bin/sh
# CLI inputs a golden case cannot express (issue 16, docs/model.md "Giving ecsplan a model"):
# '-' reads standard input wherever a model or plan is read, an empty MODEL argument is a
# usage error (a CI job with an empty variable must not pass), standard input is read once.
# Each case: NAME, expected exit status, a substring of stdout+stderr, then the command run by
# sh (so it may pipe).
set -u
: "${ECSPLAN:?ECSPLAN must name the built ecsplan}"
: "${SRCDIR:?SRCDIR must name the source tree}"
cd "$SRCDIR" || exit 1
passed=0
failed=0
seed000=models/examples/seed000-off-to-the-cloud.json
seed001=models/examples/seed001-vault-fargate.json

check() {
	name=$1
	expected=$2
	want=$3
	shift 3
	out=$(NO_COLOR=1 sh -c "$*" 2>&1 </dev/null)
	status=$?
	if [ "$status" != "$expected" ]; then
		echo "FAIL $name: exit status $status, expected $expected"
		echo "$out" | head -5
		failed=$((failed + 1))
	elif ! printf '%s' "$out" | grep -qF -- "$want"; then
		echo "FAIL $name: output lacks '$want'"
		echo "$out" | head -5
		failed=$((failed + 1))
	else
		echo "ok $name"
		passed=$((passed + 1))
	fi
}

E="\"$ECSPLAN\""
check validate-stdin 0 '<stdin>: 0 errors, 0 warnings (1 VPC, 2 subnets, 1 service)' \
	"$E validate - < $seed000"
check validate-stdin-pipe-json 1 '"<stdin>"' "cat $seed001 | $E validate --format json -"
check cost-stdin 0 'Monthly cost of off-to-the-cloud-part-2 in us-east-1 (USD, 730 hours; prices of 2024-02-01 to 2026-09 (2 lines undated), built-in): ~76.42' "$E cost - < $seed000"
check import-stdin 0 '"region":' "$E import terraform - < tests/terraform/seed000-plan.json"
check validate-plan-stdin 0 '0 errors' "$E validate - < tests/terraform/seed000-plan.json"
check diff-stdin-once 2 "standard input ('-') can be read only once in a command" \
	"$E diff - - < $seed000"
check diff-stdin-one-side 0 '' "$E diff - $seed000 < $seed000"
check validate-empty-variable 2 "missing MODEL; give a model file, '-' for standard input, or --example NAME" \
	"MODEL=; $E validate \$MODEL"
check validate-empty-argument 2 "the MODEL argument is empty" "$E validate ''"
check hcl-stdin 2 '<stdin>:1:1: this is Terraform configuration (HCL), not JSON' \
	"$E validate - < tests/models/terraform-config.tf"
check empty-stdin 2 '<stdin>' "$E validate - < /dev/null"
# standard input keeps the input limits of the bounded reader (docs/limits.md): 256 MiB
check stdin-over-limit 2 'cannot read the model from standard input: it holds more than 256 MiB, the limit for a model (docs/limits.md)' \
	"head -c 268435457 /dev/zero | $E validate -"

# report -o creates the folders above the report, as mkdir -p
scratch=$(mktemp -d "${TMPDIR:-/tmp}/ecsplan-cli.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
check report-o-parents 0 "wrote $scratch/a/b/c/" \
	"$E report --example seed000-off-to-the-cloud -o $scratch/a/b/c"
# no temporary file names in messages: TMPDIR that does not exist names the folder only
if command -v gnuplot >/dev/null 2>&1; then
	check gnuplot-tmpdir 1 "cannot create the gnuplot script in the temporary folder '/nonexistent/ecsplan' (TMPDIR): No such file or directory" \
		"TMPDIR=/nonexistent/ecsplan $E compare --chart $scratch/x.svg --example seed000-off-to-the-cloud"
fi
# options that do not apply are not offered, and refused as unknown
check prices-no-example 2 "unknown option '--example'; see 'ecsplan prices --help'" "$E prices --example seed000-off-to-the-cloud"
check diagram-no-color 2 "unknown option '--color'" "$E diagram --color never --example seed000-off-to-the-cloud"

# colour on a terminal, none for TERM=dumb (script(1) gives ecsplan a terminal)
if command -v script >/dev/null 2>&1; then
	colour() {
		TERM=$1 script -qc "\"$ECSPLAN\" validate --example seed002-chronous-payments-ec2" /dev/null |
			grep -c "$(printf '\033')\[" || true
	}
	n=$(colour xterm)
	if [ "$n" -gt 0 ]; then echo "ok colour-xterm"; passed=$((passed + 1)); else
		echo "FAIL colour-xterm: no colour on a terminal"; failed=$((failed + 1)); fi
	n=$(colour dumb)
	if [ "$n" = 0 ]; then echo "ok colour-dumb"; passed=$((passed + 1)); else
		echo "FAIL colour-dumb: $n coloured lines for TERM=dumb"; failed=$((failed + 1)); fi
fi

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
