#!/bin/sh
# The browser test: `run-browser-test.sh ECSPLAN SRCDIR OUTDIR`.
# Writes a report (seed 002 with a simulation, so every kind of chart is in it when gnuplot is
# installed), opens report.html in headless Chromium and checks that
#  - Chromium loads it and prints no console message (the page has no script, so any message
#    is a problem: a blocked resource, a parse error reported by the engine);
#  - the DOM Chromium built holds one <g class="subnet"> per subnet of the diagram, and no script;
# and keeps OUTDIR/report/ (the folder), OUTDIR/dom.html, OUTDIR/console.log,
# OUTDIR/report.png (a 1280x2000 screenshot) and OUTDIR/report.pdf (the printed page) as
# artefacts. Exits 77 (skipped) when Chromium is not installed: Debian package chromium
# (`make deps` and CI install it).
set -eu
ecsplan=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
srcdir=$2
out=$3
model="$srcdir/models/examples/seed002-chronous-payments-ec2.json"

chromium=""
for candidate in chromium chromium-browser google-chrome; do
	if command -v "$candidate" >/dev/null 2>&1; then
		chromium=$(command -v "$candidate")
		break
	fi
done
if [ -z "$chromium" ]; then
	echo "SKIP: Chromium is not installed (Debian package 'chromium'; 'make deps' installs it)"
	exit 77
fi

mkdir -p "$out"
rm -rf "$out/report" "$out/dom.html" "$out/console.log" "$out/report.png" "$out/report.pdf"
# seed002's t2.nano has no us-east-2 price: the report is written and exits 1 (price-missing)
status=0
"$ecsplan" report --profile diurnal -o "$out/report" "$model" >/dev/null 2>&1 || status=$?
[ "$status" -le 1 ] || exit "$status"

profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
url="file://$out/report/report.html"
# as root Chromium needs --no-sandbox; no network, no first-run work, a throwaway profile.
# the host rules make any request for something outside the page fail instead of leaving
set -- --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
	--disable-component-update --disable-sync --disable-extensions --hide-scrollbars \
	--host-resolver-rules="MAP * ~NOTFOUND" --user-data-dir="$profile"

status=0
timeout 120 "$chromium" "$@" --enable-logging=stderr --v=0 --dump-dom "$url" \
	>"$out/dom.html" 2>"$out/console.log" || status=$?
if [ "$status" != 0 ]; then
	echo "FAIL: chromium exited with $status loading $url" >&2
	tail -20 "$out/console.log" >&2
	exit 1
fi

fail=0
# console messages are logged as "INFO:CONSOLE(line)] \"message\", source: ..."
if grep -E ':CONSOLE|net::ERR_' "$out/console.log" >&2; then
	echo "FAIL: the page logged console messages or failed requests (above)" >&2
	fail=1
fi
expected=$(grep -c '<g class="subnet"' "$out/report/diagram.svg" || true)
found=$(grep -c '<g class="subnet"' "$out/dom.html" || true)
if [ "$expected" -lt 1 ] || [ "$found" != "$expected" ]; then
	echo "FAIL: the DOM holds $found subnet groups, the diagram $expected" >&2
	fail=1
fi
if grep -qi '<script' "$out/dom.html"; then
	echo "FAIL: the DOM holds a script element" >&2
	fail=1
fi
if ! grep -q '<h2 id="findings">' "$out/dom.html"; then
	echo "FAIL: the DOM has no findings section" >&2
	fail=1
fi

# the artefacts a person looks at: the screen, and the page as printed
timeout 120 "$chromium" "$@" --screenshot="$out/report.png" --window-size=1280,2000 "$url" \
	>/dev/null 2>&1 || status=$?
timeout 120 "$chromium" "$@" --no-pdf-header-footer --print-to-pdf="$out/report.pdf" "$url" \
	>/dev/null 2>&1 || status=$?
for artefact in report.png report.pdf; do
	if [ ! -s "$out/$artefact" ]; then
		echo "FAIL: chromium wrote no $artefact (exit $status)" >&2
		fail=1
	fi
done
[ "$fail" = 0 ] || exit 1
echo "browser: ok, $found subnet groups; artefacts in $out (report.png, report.pdf, dom.html)"
