#!/bin/sh
# Hostile family "output" (issue 9 items 1, 2, 3 and the output parts of 9): what -o, --chart,
# --timeseries, --charts and report -o DIR do with devices, FIFOs, symbolic links, sockets,
# folders that are not theirs, read-only folders, kills at every step of the folder swap, the
# file-size limit, and two services whose chart files would share a name. docs/limits.md,
# "Output files"; docs/report.md, "Writing the folder".
. "$(dirname "$0")/lib.sh"

hostile_begin
ROOT_USER=no
[ "$(id -u)" = 0 ] && ROOT_USER=yes

# runs the next hostile_case in the scratch folder as it was set up, not a fresh one
keep() { HOSTILE_KEEP_SCRATCH=1; }
unkeep() { unset HOSTILE_KEEP_SCRATCH; }

skip() { echo "skip $1: $2"; }

check() {
	# check NAME CONDITION-DESCRIPTION COMMAND...: an extra assertion on the last case
	name=$1
	what=$2
	shift 2
	if ! "$@"; then
		hostile_fail "$name" "$what"
		return 1
	fi
	return 0
}

# ---- item 1: -o FILE and what is at that path ---------------------------------------------

# a character device made with mknod in the outside folder stays a device (lib.sh makes it
# as root); as root `cost -o /dev/null` used to turn /dev/null into a regular file
hostile_scratch
if [ -c "$OUTSIDE/null" ]; then
	keep
	hostile_case cost-o-char-device 0 '' cost --example seed000-off-to-the-cloud -o "$OUTSIDE/null"
	unkeep
	check cost-o-char-device "the node is no longer a character device" test -c "$OUTSIDE/null"
else
	skip cost-o-char-device "mknod needs root"
fi

# the system's /dev/null: written through, never renamed over
hostile_case cost-o-dev-null 0 '' cost --example seed000-off-to-the-cloud -o /dev/null
check cost-o-dev-null "/dev/null is no longer a character device" test -c /dev/null

# /dev/stdout is the descriptor ecsplan holds: the document reaches stdout
hostile_case cost-o-dev-stdout 0 '' cost --example seed000-off-to-the-cloud -o /dev/stdout
check cost-o-dev-stdout "stdout lacks the document" grep -q "Monthly cost" "$HOSTILE_ROOT/stdout"

# a FIFO outside: written through to its reader, still a FIFO afterwards
hostile_scratch
cat "$OUTSIDE/fifo" >"$WORK/from-fifo" &
reader=$!
keep
hostile_case cost-o-fifo 0 '' cost --example seed000-off-to-the-cloud -o "$OUTSIDE/fifo"
unkeep
# the reader ends at the writer's end of file; a FIFO never opened (replaced by a file, as it
# used to be) would keep it waiting: give it 5 s
for _ in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25; do
	kill -0 "$reader" 2>/dev/null || break
	sleep 0.2
done
kill "$reader" 2>/dev/null
wait "$reader"
check cost-o-fifo "the reader got no document" grep -q "Monthly cost" "$WORK/from-fifo"
check cost-o-fifo "the FIFO is no longer a FIFO" test -p "$OUTSIDE/fifo"

# a symbolic link to a file: the file gets the document, the link stays a link
hostile_scratch
mkdir "$WORK/elsewhere"
printf 'old\n' >"$WORK/elsewhere/target.txt"
ln -s elsewhere/target.txt "$WORK/link.txt"
keep
hostile_case cost-o-symlink 0 '' cost --example seed000-off-to-the-cloud -o link.txt
unkeep
check cost-o-symlink "the link was replaced" test -L "$WORK/link.txt"
check cost-o-symlink "the target lacks the document" grep -q "Monthly cost" "$WORK/elsewhere/target.txt"

# a dangling link pointing outside: refused, nothing created at the far end
hostile_scratch
ln -s "$OUTSIDE/created-by-ecsplan.txt" "$WORK/dangling.txt"
keep
hostile_case cost-o-dangling-symlink 2 \
	"cannot write 'dangling.txt': it is a symbolic link to a file that does not exist; remove the link or give the file name itself" \
	cost --example seed000-off-to-the-cloud -o dangling.txt
unkeep

# a block device (root: mknod in the scratch folder) is refused and stays a block device
hostile_scratch
if [ "$ROOT_USER" = yes ] && mknod "$WORK/loop" b 7 0 2>/dev/null; then
	keep
	hostile_case cost-o-block-device 2 \
		"cannot write 'loop': it is a block device; give a regular file name, or '-' for standard output" \
		cost --example seed000-off-to-the-cloud -o loop
	unkeep
	check cost-o-block-device "the node is no longer a block device" test -b "$WORK/loop"
else
	skip cost-o-block-device "mknod needs root"
fi

# a socket is refused
hostile_scratch
if command -v python3 >/dev/null 2>&1 &&
	python3 -c 'import socket, sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])' "$WORK/sock"; then
	keep
	hostile_case cost-o-socket 2 "cannot write 'sock': it is a socket" cost --example seed000-off-to-the-cloud -o sock
	unkeep
	check cost-o-socket "the socket was replaced" test -S "$WORK/sock"
else
	skip cost-o-socket "python3 makes the socket"
fi

# a folder is refused, before any work
hostile_case cost-o-folder 2 "cannot write '.': it is a folder; give a file name in it" cost --example seed000-off-to-the-cloud -o .
hostile_case validate-o-outside-folder 2 "it is a folder; give a file name in it" validate --example seed000-off-to-the-cloud -o "$OUTSIDE"

# ---- issue 16 item 7: missing folders above an output are created, as `mkdir -p` does ------

# created when the file is written, with everything in it
hostile_scratch
keep
hostile_case cost-o-creates-folders 0 '' cost --example seed000-off-to-the-cloud -o reports/2026/cost.txt
unkeep
check cost-o-creates-folders "reports/2026/cost.txt lacks the cost" grep -q "Monthly cost" "$WORK/reports/2026/cost.txt"
hostile_scratch
keep
hostile_case simulate-timeseries-creates-folders 0 '' \
	simulate --example seed000-off-to-the-cloud --duration 2h --timeseries runs/a/steps.csv
unkeep
check simulate-timeseries-creates-folders "runs/a/steps.csv is missing" test -s "$WORK/runs/a/steps.csv"
hostile_scratch
keep
hostile_case report-o-creates-folders 0 '' report --example seed000-off-to-the-cloud -o reports/2026/api
unkeep
check report-o-creates-folders "reports/2026/api lacks report.md" test -f "$WORK/reports/2026/api/report.md"

# ...but never before the work is done: a model that cannot be read leaves no empty folder
for case in "cost-o-missing-folder cost -o no/cost.txt" "compare-chart-missing-folder compare --chart no/chart.svg" \
	"simulate-timeseries-missing-folder simulate --duration 30d --timeseries no/steps.csv" \
	"report-o-missing-folder report -o no/report"; do
	set -- $case
	name=$1
	shift
	hostile_scratch
	keep
	hostile_case "$name" 2 "cannot read the model 'no-such-model.json'" "$@" no-such-model.json
	unkeep
	check "$name" "the folder 'no' was created for a run that failed" test ! -e "$WORK/no"
done
hostile_scratch
keep
hostile_case import-o-missing-folder 2 "cannot read" import terraform no-such-plan.json -o no/model.json
unkeep
check import-o-missing-folder "the folder 'no' was created for a run that failed" test ! -e "$WORK/no"

# a file where a folder would have to be is refused before the model is read (exit 2)
hostile_scratch
printf 'mine\n' >"$WORK/notes.txt"
keep
hostile_case cost-o-below-file 2 "cannot write 'notes.txt/cost.txt': 'notes.txt' is a file, not a folder" \
	cost -o notes.txt/cost.txt no-such-model.json
hostile_case cost-o-deep-below-file 2 "cannot write 'notes.txt/a/b/cost.txt': 'notes.txt' is a file, not a folder" \
	cost -o notes.txt/a/b/cost.txt no-such-model.json
hostile_case simulate-timeseries-below-file 2 "'notes.txt' is a file, not a folder" \
	simulate --timeseries notes.txt/steps.csv no-such-model.json
hostile_case simulate-charts-below-file 2 "'notes.txt' is a file, not a folder" \
	simulate --charts notes.txt/charts no-such-model.json
hostile_case report-o-below-file 2 "cannot write 'notes.txt/report': 'notes.txt' is a file, not a folder" \
	report -o notes.txt/report no-such-model.json
unkeep
check cost-o-below-file "notes.txt changed" grep -qx mine "$WORK/notes.txt"
# a dangling link where a folder would have to be, pointing outside: refused, no folder made
# at the far end (mkdir -p would have followed it)
hostile_scratch
ln -s "$OUTSIDE/made-by-ecsplan" "$WORK/linked"
keep
hostile_case cost-o-below-dangling-link 2 \
	"cannot write 'linked/sub/cost.txt': 'linked' is a symbolic link to nothing" \
	cost --example seed000-off-to-the-cloud -o linked/sub/cost.txt
unkeep
check cost-o-below-dangling-link "a folder was made outside" test ! -e "$OUTSIDE/made-by-ecsplan"

# ---- item 9: --timeseries into a folder or a file fails at once, exit 2 ----------------------

hostile_case simulate-timeseries-is-folder 2 "it is a folder" \
	simulate --timeseries . no-such-model.json
hostile_scratch
printf 'x\n' >"$WORK/charts"
keep
hostile_case simulate-charts-is-file 2 "cannot write into 'charts': it is not a folder" \
	simulate --charts charts no-such-model.json
unkeep

# ---- item 2: report -o DIR never deletes a file it did not write --------------------------

# logo.svg beside an ecsplan report: refused, the logo kept
hostile_scratch
(cd "$WORK" && "$ECSPLAN" report --example seed000-off-to-the-cloud -o out >/dev/null 2>&1)
printf '<svg xmlns="http://www.w3.org/2000/svg"/>\n' >"$WORK/out/logo.svg"
keep
hostile_case report-keeps-logo 2 \
	"'out' holds 'logo.svg', which ecsplan did not write; move it out or pick a new folder" \
	report --example seed000-off-to-the-cloud -o out
unkeep
check report-keeps-logo "logo.svg is gone" test -f "$WORK/out/logo.svg"
check report-keeps-logo "the report is gone" test -f "$WORK/out/report.html"

# a folder of report-like files with no manifest (an old ecsplan, or the user's): refused
hostile_scratch
mkdir "$WORK/out"
printf 'mine\n' >"$WORK/out/report.md"
printf '<svg/>\n' >"$WORK/out/chart.svg"
keep
hostile_case report-no-manifest 2 \
	"'out' exists and is not an ecsplan report (it has no .ecsplan-report); pick a new folder or remove it" \
	report --example seed000-off-to-the-cloud -o out
unkeep
check report-no-manifest "the user's report.md changed" grep -qx mine "$WORK/out/report.md"

# the outside folder itself, and a link to it
hostile_case report-o-outside 2 "is not an ecsplan report" report --example seed000-off-to-the-cloud -o "$OUTSIDE"
hostile_scratch
ln -s "$OUTSIDE" "$WORK/linked"
keep
hostile_case report-o-symlink-folder 2 "'linked' exists and is not a folder (a symbolic link is not replaced)" \
	report --example seed000-off-to-the-cloud -o linked
unkeep

# a manifest naming a path outside the folder is not trusted
hostile_scratch
(cd "$WORK" && "$ECSPLAN" report --example seed000-off-to-the-cloud -o out >/dev/null 2>&1)
printf '../../outside/precious.txt\n' >>"$WORK/out/.ecsplan-report"
keep
hostile_case report-manifest-escapes 2 "is not an ecsplan manifest" report --example seed000-off-to-the-cloud -o out
unkeep

# ---- item 3: a read-only folder ------------------------------------------------------------

hostile_scratch
(cd "$WORK" && "$ECSPLAN" report --example seed000-off-to-the-cloud -o out >/dev/null 2>&1)
if [ "$ROOT_USER" = no ]; then
	chmod a-w "$WORK/out"
	keep
	hostile_case report-read-only-dir 2 "cannot replace 'out': Permission denied; make it writable or pick a new folder" \
		report --example seed000-off-to-the-cloud -o out
	unkeep
	chmod u+w "$WORK/out"
	hostile_scratch
	mkdir "$WORK/ro"
	chmod a-w "$WORK/ro"
	keep
	hostile_case report-read-only-parent 2 "cannot write 'ro/out': the folder" report --example seed000-off-to-the-cloud -o ro/out
	unkeep
	chmod u+w "$WORK/ro"
else
	skip report-read-only-dir "root writes into read-only folders"
fi
# as anyone: the old copy cannot be removed (ECSPLAN_TEST_FAIL_AT, as a read-only folder would
# for a user): exit 1 naming what is left, never exit 0 with debris; the next run cleans up
hostile_scratch
(cd "$WORK" && "$ECSPLAN" report --example seed000-off-to-the-cloud --hours 100 -o out >/dev/null 2>&1)
ECSPLAN_TEST_FAIL_AT=remove-old
export ECSPLAN_TEST_FAIL_AT
keep
hostile_case report-old-copy-not-removed 1 "wrote 'out', but cannot remove the previous report" \
	report --example seed000-off-to-the-cloud -o out
unset ECSPLAN_TEST_FAIL_AT
check report-old-copy-not-removed "out lacks the new report" grep -q "730" "$WORK/out/report.md"
hostile_case report-old-copy-cleaned 0 '' report --example seed000-off-to-the-cloud -o out
unkeep
check report-old-copy-cleaned "leftovers remain" test "$(ls -a "$WORK" | grep -c '^\.out\.')" = 0

# ---- item 3: a kill at each step of the swap -------------------------------------------------

# the reports to compare against: the old one (--hours 100) and the new one (default hours)
REF="$HOSTILE_ROOT/ref"
rm -rf "$REF"
mkdir -p "$REF"
(cd "$REF" && "$ECSPLAN" report --example seed000-off-to-the-cloud --hours 100 -o old >/dev/null 2>&1 &&
	"$ECSPLAN" report --example seed000-off-to-the-cloud -o new >/dev/null 2>&1) || hostile_fail reference "cannot write the reference reports"

# kill_case NAME STEP EXPECT(old|new) [NO_EXCHANGE] [FIRST]: out/ holds the old report, a run
# is killed at STEP, a recovery run (one that fails on its model after recovering) follows,
# and out/ must then be the EXPECTed report, whole, with nothing left beside it
kill_case() {
	name=$1
	step=$2
	expect=$3
	no_exchange=${4:-}
	first=${5:-}
	hostile_scratch
	if [ -z "$first" ]; then
		(cd "$WORK" && "$ECSPLAN" report --example seed000-off-to-the-cloud --hours 100 -o out >/dev/null 2>&1)
	fi
	ECSPLAN_TEST_KILL_AT=$step
	export ECSPLAN_TEST_KILL_AT
	if [ -n "$no_exchange" ]; then
		ECSPLAN_TEST_NO_EXCHANGE=1
		export ECSPLAN_TEST_NO_EXCHANGE
	fi
	keep
	hostile_case "$name" 137 '' report --example seed000-off-to-the-cloud -o out
	unset ECSPLAN_TEST_KILL_AT ECSPLAN_TEST_NO_EXCHANGE
	hostile_case "$name-recovery" 2 "cannot read the model" report -o out no-such-model.json
	unkeep
	if [ "$expect" = none ]; then
		check "$name" "out/ exists after a kill before the first report" test ! -e "$WORK/out"
	else
		check "$name" "out/ is not the $expect report, whole" diff -rq "$REF/$expect" "$WORK/out"
	fi
	check "$name" "leftovers beside out/" test "$(ls -a "$WORK" | grep -c '^\.out\.')" = 0
}

kill_case kill-after-new-dir after-new-dir old
kill_case kill-after-manifest after-manifest old
kill_case kill-after-new-written after-new-written old
kill_case kill-after-exchange after-exchange new
kill_case kill-during-old-removal during-old-removal new
kill_case kill-fallback-after-new-written after-new-written old no-exchange
kill_case kill-fallback-after-first-rename after-first-rename old no-exchange
kill_case kill-fallback-after-second-rename after-second-rename new no-exchange
kill_case kill-fallback-during-old-removal during-old-removal new no-exchange
kill_case kill-first-after-new-written after-new-written none '' first
kill_case kill-first-after-rename after-rename new '' first

# ---- item 3: the file-size limit -------------------------------------------------------------

# `ulimit -f` (8 KiB): report.html is larger; used to die of SIGXFSZ leaving .out.new-*
hostile_scratch
(cd "$WORK" && "$ECSPLAN" report --example seed000-off-to-the-cloud --hours 100 -o out >/dev/null 2>&1)
printf '#!/bin/sh\nulimit -f 16\nexec "%s" "$@"\n' "$ECSPLAN" >"$WORK/limited"
chmod +x "$WORK/limited"
REAL_ECSPLAN=$ECSPLAN
ECSPLAN="$WORK/limited"
keep
# gnuplot's script file is the first to hit a limit of 512 bytes (the charts' scripts are
# 0.9 and 1.3 KB since the comparison curve keeps only the points its panel shows)
printf '#!/bin/sh\nulimit -f 1\nexec "%s" "$@"\n' "$REAL_ECSPLAN" >"$WORK/limited-1"
chmod +x "$WORK/limited-1"
ECSPLAN="$WORK/limited-1"
hostile_case report-file-size-limit-gnuplot 1 "cannot write the gnuplot script: File too large" \
	report --example seed000-off-to-the-cloud -o out
ECSPLAN="$WORK/limited"
# without gnuplot the report writer itself hits it, in report.html
ECSPLAN_GNUPLOT=/nonexistent/gnuplot
export ECSPLAN_GNUPLOT
hostile_case report-file-size-limit 1 "cannot write 'report.html' of 'out': File too large" \
	report --example seed000-off-to-the-cloud -o out
unset ECSPLAN_GNUPLOT
hostile_case cost-file-size-limit 1 "cannot write 'big.json': File too large" \
	cost --example seed000-off-to-the-cloud --format json -o big.json
unkeep
ECSPLAN=$REAL_ECSPLAN
check report-file-size-limit "out/ is not the old report, whole" diff -rq "$REF/old" "$WORK/out"
check report-file-size-limit "leftovers beside out/" test "$(ls -a "$WORK" | grep -c '^\.')" = 2
check cost-file-size-limit "a partial big.json is left" test ! -e "$WORK/big.json"

# ---- item 9: two services whose chart names clean up to the same name -----------------------

hostile_scratch
cat >"$WORK/twins.json" <<'EOF'
{"ecsplan": 1, "name": "twins", "region": "eu-west-1",
 "vpcs": [{"name": "v", "cidr": "10.0.0.0/16",
   "subnets": [{"name": "a", "cidr": "10.0.0.0/24", "az": "eu-west-1a", "tier": "private"},
               {"name": "b", "cidr": "10.0.1.0/24", "az": "eu-west-1b", "tier": "private"}]}],
 "services": [
  {"name": "Web API", "vpc": "v", "launch_type": "FARGATE", "cpu": 256, "memory": 512,
   "desired_count": 1, "subnets": ["a", "b"]},
  {"name": "web_api", "vpc": "v", "launch_type": "FARGATE", "cpu": 256, "memory": 512,
   "desired_count": 1, "subnets": ["a", "b"]}]}
EOF
keep
hostile_case report-chart-names-unique 0 '' report --fail-on none --format md --profile constant twins.json
check report-chart-names-unique "report.md lacks web-api-demand.svg" grep -q "(web-api-demand.svg)" "$HOSTILE_ROOT/stdout"
check report-chart-names-unique "report.md lacks web-api-2-demand.svg" grep -q "(web-api-2-demand.svg)" "$HOSTILE_ROOT/stdout"
if command -v gnuplot >/dev/null 2>&1; then
	hostile_case simulate-chart-names-unique 0 '' simulate --duration 2h --charts charts twins.json
	check simulate-chart-names-unique "not six distinct chart files" test "$(ls "$WORK/charts" | grep -c 'svg$')" = 6
	check simulate-chart-names-unique "no web-api-2 charts" test -f "$WORK/charts/web-api-2-tasks.svg"
else
	skip simulate-chart-names-unique "gnuplot is not installed"
fi
# a 253-character name: its chart files are cut to a 64-character stem (past NAME_MAX before)
long_name=Svc
for _ in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25; do
	long_name="${long_name}xxxxxxxxxx"
done
sed "s/\"Web API\"/\"$long_name\"/" "$WORK/twins.json" >"$WORK/long.json"
stem=svc
for _ in 1 2 3 4 5 6; do stem="${stem}xxxxxxxxxx"; done
stem="${stem}x"
hostile_case report-long-name-chart 0 '' report --fail-on none --profile constant -o out long.json
if command -v gnuplot >/dev/null 2>&1; then
	check report-long-name-chart "no 64-character chart stem" test -f "$WORK/out/$stem-demand.svg"
fi
unkeep

hostile_end
