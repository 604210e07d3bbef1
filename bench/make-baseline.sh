#!/bin/sh
# Builds the ecsplan of an earlier commit, for the benchmarks that measure against one
# (bench/README.md, "Baseline and reference binaries"). Local git only, no network: a detached
# `git worktree` of COMMIT in a temporary directory, a release build of the program alone, the
# binary copied to BUILDDIR/bench/ecsplan-NAME with the full commit id beside it in
# BUILDDIR/bench/ecsplan-NAME.commit; the worktree and its build are removed afterwards.
# usage: sh bench/make-baseline.sh COMMIT BUILDDIR [baseline|reference]
#   baseline (the default): the timing reference of bench-compare.sh and bench-report.sh
#   reference: the bytes reference of bench-compare.sh (same output version as this build)
# Environment: MAKE_BASELINE_JOBS, ninja's -j (default 2).
set -eu
if [ $# -lt 2 ] || [ $# -gt 3 ]; then
	echo "usage: sh bench/make-baseline.sh COMMIT BUILDDIR [baseline|reference]" >&2
	exit 2
fi
commit=$1
build=$2
name=${3:-baseline}
case $name in
baseline | reference) ;;
*)
	echo "make-baseline: the name must be 'baseline' or 'reference', not '$name'" >&2
	exit 2
	;;
esac
bench_dir=$(cd "$(dirname "$0")" && pwd)
source_dir=$(dirname "$bench_dir")
if ! rev=$(git -C "$source_dir" rev-parse --verify --quiet "$commit^{commit}"); then
	echo "make-baseline: '$commit' is not a commit of $source_dir" >&2
	exit 2
fi
mkdir -p "$build/bench"
target="$(cd "$build/bench" && pwd)/ecsplan-$name"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/ecsplan-$name.XXXXXX")
cleanup() {
	git -C "$source_dir" worktree remove --force "$tmp/src" 2>/dev/null || :
	rm -rf "$tmp"
	git -C "$source_dir" worktree prune
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "make-baseline: $rev into $target"
git -C "$source_dir" worktree add --quiet --detach "$tmp/src" "$rev"
# without the tests where the commit has that option: only the program is built
options=""
if git -C "$source_dir" show "$rev:meson_options.txt" 2>/dev/null | grep -q "option('tests'"; then
	options=-Dtests=false
fi
meson setup "$tmp/build" "$tmp/src" --buildtype=release $options >"$tmp/setup.log" 2>&1 || {
	cat "$tmp/setup.log" >&2
	exit 1
}
ninja -C "$tmp/build" -j "${MAKE_BASELINE_JOBS:-2}" planner/cli/ecsplan
cp "$tmp/build/planner/cli/ecsplan" "$target.tmp"
mv "$target.tmp" "$target"
printf '%s\n' "$rev" >"$target.commit"
echo "make-baseline: $target ($("$target" --version 2>/dev/null | head -n 1 || echo "no --version"))"
