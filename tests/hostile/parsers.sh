#!/bin/sh
# Hostile inputs for the parsers and the simulator (issue 9 items 4, 5, 7 and 9): crashing
# schedules, CSV timestamps and spans, endless and oversized inputs, load.file outside the
# model's folder, a 50 MB cell, and flags read too leniently. Each case asserts the message,
# exit status 2 (0 where the input is fine) and that nothing outside the scratch folder changed.
. "$(dirname "$0")/lib.sh"
hostile_begin

# a model with one service "api" whose load and autoscaling are $1 and $2, into $WORK/$3
# (model.json by default); $4 the service's name (api)
model() {
	cat >"$WORK/${3:-model.json}" <<EOF
{
  "ecsplan": 1,
  "region": "us-east-1",
  "vpcs": [{
    "name": "main", "cidr": "10.0.0.0/16",
    "subnets": [{"name": "a", "cidr": "10.0.1.0/24", "az": "us-east-1a", "tier": "isolated"},
                {"name": "b", "cidr": "10.0.2.0/24", "az": "us-east-1b", "tier": "isolated"}]
  }],
  "services": [{
    "name": "${4:-api}", "vpc": "main", "cpu": 256, "memory": 512, "desired_count": 2,
    "subnets": ["a", "b"], "task_capacity_rps": 100,
    "load": $1,
    "autoscaling": $2
  }]
}
EOF
}
CONSTANT='{"profile": "constant", "rps": 100}'
SCALING='{"min": 1, "max": 10}'
scheduled() { printf '{"min": 1, "max": 10, "scheduled": [%s]}' "$1"; }
csv_load() { printf '{"profile": "csv", "file": "%s"}' "$1"; }
# the case's stderr must stay short: no file content beyond an excerpt
stderr_at_most() {
	size=$(hostile_stderr | wc -c)
	if [ "$size" -gt "$2" ]; then
		hostile_fail "$1" "stderr is $size bytes, more than $2"
	fi
}
stderr_lacks() {
	if hostile_stderr | grep -qF -- "$2"; then
		hostile_fail "$1" "stderr shows '$2'"
	fi
}
HOSTILE_KEEP_SCRATCH=1
export HOSTILE_KEEP_SCRATCH

# ---- item 4: crashes ----

hostile_scratch
model "$CONSTANT" "$(scheduled '{"schedule": "cron(1,,2 * * * ? *)", "min": 2}')"
hostile_case cron-empty-item-validate 2 "cannot read the minutes field '1,,2'" validate model.json
hostile_case cron-empty-item-simulate 2 "cannot read the minutes field '1,,2'" simulate model.json
hostile_case cron-empty-item-report 2 "cannot read the minutes field '1,,2'" \
	report model.json --profile constant -o report

hostile_scratch
model "$CONSTANT" "$(scheduled '{"schedule": "cron(/5 * * * ? *)", "min": 2}')"
hostile_case cron-slash-item-validate 2 "cannot read the minutes field '/5'" validate model.json
hostile_case cron-slash-item-simulate 2 "cannot read the minutes field '/5'" simulate model.json

# timestamps near 5.8e17 s (here in milliseconds) made the resampler read index -1
hostile_scratch
printf '580000000000000000000,1\n580000000000000060000,2\n' >"$WORK/load.csv"
model "$(csv_load load.csv)" "$SCALING"
hostile_case csv-huge-timestamp 2 \
	"load.csv:1: the timestamp '580000000000000000000' is outside 1970-01-01 to 9999-12-31" \
	simulate model.json
printf '580000000000000000,1\n580000000000000060,2\n' >"$WORK/load.csv"
hostile_case csv-huge-timestamp-seconds 2 \
	"load.csv:1: the timestamp '580000000000000000' is outside 1970-01-01 to 9999-12-31" \
	simulate model.json

# ---- item 5: memory and time ----

# two rows 3,000 years apart asked for 34 GB
hostile_scratch
printf '2000-01-01T00:00:00Z,1\n5000-01-01T00:00:00Z,2\n' >"$WORK/load.csv"
model "$(csv_load load.csv)" "$SCALING"
hostile_case csv-3000-years 2 "over the limit of 10000000 steps (docs/limits.md)" \
	simulate model.json

# 100 years at 1-second steps with a time series asked for 200 GB
hostile_scratch
model "$CONSTANT" "$SCALING"
hostile_case sim-100-years-1s 2 \
	"steps of 1 s are over the limit of 60000000 steps in a run (docs/limits.md)" \
	simulate model.json --duration 5200w --step 1s --timeseries ts.csv
hostile_case sim-100-years-series 2 "over the limit of 5000000 points (docs/limits.md)" \
	simulate model.json --duration 5200w --step 60s --timeseries ts.csv
[ -e "$WORK/ts.csv" ] && hostile_fail sim-100-years-series "wrote ts.csv"

# many schedules firing every minute for 100 years took 8.8 GB, then aborted
hostile_scratch
actions='{"schedule": "cron(* * * * ? *)", "min": 2}'
i=1
while [ $i -lt 50 ]; do
	actions="$actions, {\"schedule\": \"cron(* * * * ? *)\", \"max\": 9}"
	i=$((i + 1))
done
model "$CONSTANT" "$(scheduled "$actions")"
hostile_case many-schedules 2 "fire more than 1000000 times in the run, the limit" \
	simulate model.json --duration 5200w

# models, price books and CSVs were read whole before any size check
hostile_scratch
hostile_case model-dev-zero 2 "cannot read the model '/dev/zero': it holds more than 256 MiB" \
	validate /dev/zero
hostile_case prices-dev-zero 2 "cannot read the price book '/dev/zero': it holds more than 64 MiB" \
	cost --example seed000-off-to-the-cloud --prices /dev/zero
HOSTILE_TIMEOUT=10 hostile_case model-fifo-no-writer 2 "it is a FIFO that no process writes to" \
	validate "$OUTSIDE/fifo"
truncate -s 257M "$WORK/big.json"
hostile_case model-over-256-mib 2 \
	"cannot read the model 'big.json': it is 257.0 MiB, over the limit of 256 MiB for a model" \
	validate big.json
truncate -s 65M "$WORK/prices.json"
hostile_case prices-over-64-mib 2 \
	"cannot read the price book 'prices.json': it is 65.0 MiB, over the limit of 64 MiB" \
	cost --example seed000-off-to-the-cloud --prices prices.json
hostile_scratch
truncate -s 65M "$WORK/load.csv"
model "$(csv_load load.csv)" "$SCALING"
hostile_case csv-over-64-mib 2 "it is 65.0 MiB, over the limit of 64 MiB for a load profile" \
	simulate model.json

# ---- item 7: load.file reads only from the model's folder ----

hostile_scratch
mkdir -p "$WORK/models"
model "$(csv_load ../../etc/passwd)" "$SCALING" models/model.json
hostile_case load-file-dotdot 2 "load.file '../../etc/passwd' leads outside the model's folder" \
	simulate models/model.json
stderr_lacks load-file-dotdot "root:"
model "$(csv_load /etc/passwd)" "$SCALING" models/model.json
hostile_case load-file-absolute 2 "load.file '/etc/passwd' is an absolute path" \
	simulate models/model.json
stderr_lacks load-file-absolute "root:"
ln -s "$OUTSIDE/precious.txt" "$WORK/models/load.csv"
model "$(csv_load load.csv)" "$SCALING" models/model.json
hostile_case load-file-symlink 2 "leads outside the model's folder (through '..' or a symbolic link)" \
	simulate models/model.json
stderr_lacks load-file-symlink "keep me"
# the user may allow it
printf '1704067200,50\n1704067260,60\n' >"$OUTSIDE/load.csv"
model "$(csv_load "$OUTSIDE/load.csv")" "$SCALING" models/model.json
hostile_case load-file-allowed 0 "" simulate models/model.json --allow-outside-files --duration 1h
rm -f "$OUTSIDE/load.csv"
# a CSV beside the model is fine
printf '1704067200,50\n1704067260,60\n' >"$WORK/models/inside.csv"
model "$(csv_load inside.csv)" "$SCALING" models/model.json
hostile_case load-file-inside 0 "" simulate models/model.json --duration 1h

# ---- item 9 ----

# a 50 MB CSV cell was echoed whole
hostile_scratch
{
	printf '1704067200,1\n1704067260,'
	head -c 50000000 /dev/zero | tr '\0' 'x'
	printf '\n'
} >"$WORK/load.csv"
model "$(csv_load load.csv)" "$SCALING"
hostile_case csv-50mb-cell 2 "load.csv:2: the value 'xxxxxxxxxx" simulate model.json
hostile_stderr | grep -qF "... (50000000 bytes)' is not a number" ||
	hostile_fail csv-50mb-cell "no excerpt mark"
stderr_at_most csv-50mb-cell 600

hostile_scratch
hostile_case step-half-second 2 "the duration '0.5s' is not a whole number of seconds" \
	simulate --step 0.5s
hostile_case duration-hex 2 "cannot read the duration '0x10h'" simulate --duration 0x10h
hostile_case hours-hex-cost 2 "--hours '0x10' is not a decimal number" cost --hours 0x10
hostile_case hours-hex-compare 2 "--hours '0x10' is not a decimal number" compare --hours 0x10
hostile_case hours-exponent 2 "--hours '1e3' is not a decimal number" cost --hours 1e3
hostile_case runs-hex 2 "--runs '0x10' is not a whole number from 1 to 100000" simulate --runs 0x10
hostile_case seed-negative 2 "--seed '-1' is not a whole number" simulate --seed=-1

# a long service name (300 characters) through the CSV profile and the simulator
hostile_scratch
long=$(head -c 300 /dev/zero | tr '\0' 'n')
printf '1704067200,50\n1704067260,60\n' >"$WORK/load.csv"
model "$(csv_load load.csv)" "$SCALING" model.json "$long"
hostile_case long-name-simulate 0 "" simulate model.json --duration 1h --timeseries ts.csv
hostile_stdout | grep -qF "$long" || hostile_fail long-name-simulate "the name is not in the output"

hostile_end
