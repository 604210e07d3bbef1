# Sourced by the bench scripts: where they write their verdicts, and how (bench/README.md,
# "The summary table"). Needs $build (the build directory) set before it is sourced.
# The rows go to $BENCH_RESULTS, else BUILDDIR/bench/results.tsv; bench/summary.py prints them.
bench_results=${BENCH_RESULTS:-$build/bench/results.tsv}
mkdir -p "$(dirname "$bench_results")"

# bench_result KEY TARGET FIGURE REFERENCE VERDICT: appends one row (tabs and line breaks in a
# field become spaces, so that a row stays five fields on one line)
bench_result() {
	printf '%s\t%s\t%s\t%s\t%s\n' "$(bench_field "$1")" "$(bench_field "$2")" \
		"$(bench_field "$3")" "$(bench_field "$4")" "$(bench_field "$5")" >>"$bench_results"
}

bench_field() {
	printf '%s' "$1" | tr '\t\r\n' '   '
}

# bench_binary_name PATH: the path, with the commit it was built from when
# bench/make-baseline.sh left a PATH.commit beside it
bench_binary_name() {
	if [ -s "$1.commit" ]; then
		printf '%s (%s)' "$1" "$(cut -c1-12 "$1.commit")"
	else
		printf '%s' "$1"
	fi
}
