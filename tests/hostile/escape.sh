#!/bin/sh
# Hostile-input family "escape" (issue 9, item 8 and item 9's gnuplot '_'): every string from a
# user reaches each output through that format's escaper (reports/escape.c, docs/limits.md
# "Escaping"). The fixtures name things with escape sequences (window title, clear screen),
# a newline followed by a Markdown heading, spreadsheet formulas, table pipes and links.
# Each case checks the exit status, the message, that nothing outside its scratch folder
# changed, and what the output holds: no raw ESC byte, no heading or formula made by a name.
. "$(dirname "$0")/lib.sh"

MODEL="$SRCDIR/tests/hostile/escape-model.json"
PRICES="$SRCDIR/tests/hostile/escape-prices.json"
ESC=$(printf '\033')

hostile_begin

# ---- assertions on the last case's output ------------------------------------------------------

CURRENT=

# the file (default: the last stdout) holds no ESC byte at all
no_esc() {
	file=${1:-"$HOSTILE_ROOT/stdout"}
	if [ "$(tr -cd '\033' <"$file" | wc -c)" != 0 ]; then
		hostile_fail "$CURRENT" "a raw ESC byte in $(basename "$file")"
	fi
}

# stderr holds no ESC byte
no_esc_err() { no_esc "$HOSTILE_ROOT/stderr"; }

# with --color always: the only escape sequences left are ecsplan's own styles
only_own_styles() {
	n=$(sed 's/\x1b\[\(1;3[136]\|1\|0\)m//g' "$HOSTILE_ROOT/stdout" | tr -cd '\033' | wc -c)
	if [ "$n" != 0 ]; then
		hostile_fail "$CURRENT" "$n escape sequences that are not ecsplan's styles"
	fi
	if [ "$(tr -cd '\033' <"$HOSTILE_ROOT/stdout" | wc -c)" = 0 ]; then
		hostile_fail "$CURRENT" "--color always printed no colour at all"
	fi
}

# the file (default: the last stdout) holds this exact text
has() {
	file=${2:-"$HOSTILE_ROOT/stdout"}
	if ! grep -qF -- "$1" "$file"; then
		hostile_fail "$CURRENT" "$(basename "$file") lacks '$1'"
	fi
}

# no line of the file matches the pattern (grep basic regular expression)
no_line() {
	file=${2:-"$HOSTILE_ROOT/stdout"}
	if grep -q -- "$1" "$file"; then
		hostile_fail "$CURRENT" "$(basename "$file") has a line matching '$1': $(grep -m1 -- "$1" "$file")"
	fi
}

# the next case runs in the scratch folder made (and filled) just before it
keep_scratch() { HOSTILE_KEEP_SCRATCH=1; }
# hostile_case reads HOSTILE_KEEP_SCRATCH; it holds for one case only
esc_case() {
	CURRENT=$1
	hostile_case "$@"
	status_case=$?
	unset HOSTILE_KEEP_SCRATCH
	return $status_case
}

# ---- terminal text -----------------------------------------------------------------------------

esc_case validate-text 1 '' validate "$MODEL"
no_esc
has "+public\\e]0;t\\x07"
has "subnet 'app\\n# heading from a subnet'"
has "nat gateway 'nat_a\\x9b2J'"
# a name's newline or carriage return cannot start a line of its own
no_line '^# heading'
no_line '^# pwned'

esc_case validate-color 1 '' validate --color always "$MODEL"
only_own_styles

esc_case cost-text 0 '' cost "$MODEL"
no_esc
has 'Monthly cost of esc-model \e]0;pwned-title\x07 \e[2J\e[H in us-east-1'
has 'api\n# pwned heading\r\e[2K'

esc_case cost-color 0 '' cost --color always "$MODEL"
only_own_styles

esc_case compare-text 0 '' compare "$MODEL"
no_esc
has 'Service api\n# pwned heading\r\e[2K'

esc_case simulate-text 0 '' simulate --duration 1d "$MODEL"
no_esc
has 'Simulation of esc-model \e]0;pwned-title\x07'
no_line '^# pwned'

esc_case simulate-color 0 '' simulate --duration 1d --color always "$MODEL"
only_own_styles

esc_case alloc-text 0 '' alloc --format text "$MODEL"
no_esc

esc_case prices-text 0 '' prices --prices "$PRICES"
no_esc
has 'quote \e]0;pwned-title\x07 from'
has '=1+2\n# heading from a note \e[2J'

esc_case diff-text 0 '' diff "$MODEL" "$MODEL"
no_esc

# ---- error messages that echo a flag or a file -------------------------------------------------

esc_case error-command 2 "ecsplan: 'x\\e[2J\\e]0;t\\x07' is not an ecsplan command" \
	"$(printf 'x\033[2J\033]0;t\007')"
no_esc_err

esc_case error-format 2 "ecsplan: unknown format '\\e]0;title\\x07'; use one of:" \
	cost --format "$(printf '\033]0;title\007')" "$MODEL"
no_esc_err

esc_case error-fail-az 2 "ecsplan: --fail-az: cannot read 'us\\e]0;x\\x07'" \
	simulate --fail-az "$(printf 'us\033]0;x\007')" "$MODEL"
no_esc_err

esc_case error-model-path 2 "ecsplan: cannot read the model" \
	validate "$(printf 'missing\033[2J.json')"
no_esc_err
has 'missing\e[2J.json' "$HOSTILE_ROOT/stderr"

# a region from the model, echoed in the error
hostile_scratch
printf '{"ecsplan": 1, "region": "us-\\u001b[2Jeast", "vpcs": [], "services": []}\n' \
	>"$WORK/region.json"
keep_scratch; esc_case error-model-region 1 "ecsplan: unknown region 'us-\\e[2Jeast'" \
	cost region.json
no_esc_err

# an unknown field's name, echoed in the finding, one line whatever it holds
hostile_scratch
printf '{"ecsplan": 1, "region": "us-east-1", "vpcs": [], "services": [], "x\\u001b]0;t\\u0007\\n# y": 1}\n' \
	>"$WORK/field.json"
keep_scratch; esc_case error-model-field 0 '' validate field.json
no_esc
has "unknown field 'x\\e]0;t\\x07\\n# y'"
no_line '^# y'

# ---- CSV ---------------------------------------------------------------------------------------

esc_case cost-csv 0 '' cost --format csv "$MODEL"
no_esc
has "\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x_y^z\"\")\""
# a record never starts with a formula character: the ' is inside the quotes
no_line '^[=+@-]'
# ecsplan's own figures are not prefixed
has ',88.6512,false,'

esc_case prices-csv 0 '' prices --prices "$PRICES" --format csv
no_esc
has ",Q1,2026-12,\"'=1+2"

hostile_scratch
keep_scratch; esc_case simulate-timeseries-csv 0 '' \
	simulate --duration 1d --timeseries ts.csv "$MODEL"
no_esc "$WORK/ts.csv"
has ",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x_y^z\"\")\"," "$WORK/ts.csv"
no_line '^[=+@-]' "$WORK/ts.csv"

# ---- Markdown ----------------------------------------------------------------------------------

esc_case cost-markdown 0 '' cost --format md "$MODEL"
no_esc
# a name's newline cannot start a heading; its '|' cannot add a cell; & and < are entities
no_line '^# '
has '## Monthly cost of esc-model \e\]0;pwned-title\x07 \e\[2J\e\[H in us-east-1'
has '| service/api \# pwned heading \e\[2K |'
has 'web \[link\](http://x) &lt;b\>&amp;amp;'

esc_case compare-markdown 0 '' compare --format md "$MODEL"
no_esc
no_line '^# '
has '### Service api \# pwned heading \e\[2K'
has '### Service \=HYPERLINK("http://evil.example","x_y^z")'

esc_case prices-markdown 0 '' prices --prices "$PRICES" --format md
no_esc
no_line '^# heading'
has '| =1+2 \# heading from a note \e\[2J |'

esc_case report-markdown 0 '' report --fail-on none --format md "$MODEL"
no_esc
# the title is the only level-1 heading
if [ "$(grep -c '^# ' "$HOSTILE_ROOT/stdout")" != 1 ]; then
	hostile_fail "$CURRENT" "more than one level-1 heading"
fi
has '# ecsplan report: esc-model \e\]0;pwned-title\x07 \e\[2J\e\[H'
has 'subnet '"'"'-app\|c'"'"

# diff names the files as code spans: a backtick in a file name cannot close one
hostile_scratch
cp "$MODEL" "$WORK/a\`b.json"
cp "$MODEL" "$WORK/new.json"
keep_scratch; esc_case diff-markdown 0 '' diff --format md "a\`b.json" new.json
no_esc
has '``a`b.json`` → `new.json`'

# ---- gnuplot -----------------------------------------------------------------------------------

# a stand-in gnuplot keeps every script it is given, and draws an empty picture
FAKE="$HOSTILE_ROOT/fake-gnuplot"
SCRIPTS="$HOSTILE_ROOT/scripts"
mkdir -p "$SCRIPTS"
cat >"$FAKE" <<EOF
#!/bin/sh
cat >"\$(mktemp "$SCRIPTS/script.XXXXXX")"
printf '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"></svg>\n'
EOF
chmod +x "$FAKE"

export ECSPLAN_GNUPLOT="$FAKE"
esc_case report-gnuplot-scripts 0 '' report --fail-on none --profile diurnal -o rep "$MODEL"
unset ECSPLAN_GNUPLOT
has 'wrote rep/: report.md, report.html'
cat "$SCRIPTS"/script.* >"$HOSTILE_ROOT/all-scripts"
no_esc "$HOSTILE_ROOT/all-scripts"
for f in "$WORK"/rep/*; do
	no_esc "$f"
done
# one script per chart: cost, compare, and three per service
if [ "$(ls "$SCRIPTS" | wc -l)" != 8 ]; then
	hostile_fail "$CURRENT" "expected 8 gnuplot scripts, got $(ls "$SCRIPTS" | wc -l)"
fi
# every terminal draws text as it is: '_' and '^' are not sub- and superscripts
if grep '^set terminal' "$HOSTILE_ROOT/all-scripts" | grep -qv noenhanced; then
	hostile_fail "$CURRENT" "a 'set terminal' without noenhanced"
fi
# the name stays inside one single-quoted string: its newline did not end the command
has "set title 'api # pwned heading \\e[2K: demand and the capacity" "$HOSTILE_ROOT/all-scripts"
has "set title '=HYPERLINK(\"http://evil.example\",\"x_y^z\"): tasks'" "$HOSTILE_ROOT/all-scripts"
no_line '^# pwned' "$HOSTILE_ROOT/all-scripts"
has "Fargate or EC2: esc-model \\e]0;pwned-title\\x07 \\e[2J\\e[H (us-east-1)" \
	"$HOSTILE_ROOT/all-scripts"

# with the real gnuplot, the name is drawn as it is written
if command -v gnuplot >/dev/null 2>&1; then
	esc_case simulate-charts-gnuplot 0 '' simulate --duration 1d --charts charts "$MODEL"
	for f in "$WORK"/charts/*.svg; do
		no_esc "$f"
		if command -v xmllint >/dev/null 2>&1 && ! xmllint --noout --nonet "$f" 2>/dev/null; then
			hostile_fail "$CURRENT" "$(basename "$f") is not well-formed XML"
		fi
	done
	has 'x_y^z' "$(ls "$WORK"/charts/_HYPERLINK*-demand.svg)"
else
	echo "skip simulate-charts-gnuplot: gnuplot is not installed"
fi

hostile_end
