#!/usr/bin/env python3
"""meson test `bench-summary`: the summary table of `make bench` on canned results (no timing).

Checks bench/summary.py: a row per issue-18 target in the issue's order, the last row of a key
winning, "not measured" with the reason for a target no benchmark wrote (failed, not run, no
result, not built), rows of unknown keys kept at the end, the count line, the columns aligned,
a malformed row refused with its file and line; and bench/results.sh's bench_result, which the
shell benchmarks write their rows with.
"""

import os
import subprocess
import sys
import tempfile

BENCH_DIR = os.path.dirname(os.path.abspath(__file__))
SUMMARY = os.path.join(BENCH_DIR, "summary.py")

# what a run in which bench-import.sh failed, bench-simulate was not built and bench-scale.sh
# ran without writing its row leaves behind; validate-json-wall is written twice (a benchmark
# run again on its own appends), and the second row must win
RESULTS = "\n".join("\t".join(row) for row in [
    ("validate-json-wall", "validate --format json, 100k subnets: wall within 2x the floor",
     "0.400 s: 2.61x", "cJSON floor 0.153 s (median of 5 runs in turns)", "MISSED"),
    ("validate-json-cpu", "validate --format json, 100k subnets: CPU within 2x the floor",
     "0.300 s: 1.50x", "cJSON floor 0.200 s (median of 5 runs in turns)", "met"),
    ("validate-json-memory", "validate --format json, 100k subnets: peak memory within 2x the floor",
     "187.0 MB: 1.58x", "cJSON floor 118.4 MB (highest of 5 runs in turns)", "met"),
    ("validate-text-wall", "validate --format text, 100k subnets: wall within 2x the floor",
     "0.290 s: 1.90x", "cJSON floor 0.153 s (median of 5 runs in turns)", "met"),
    ("validate-text-cpu", "validate --format text, 100k subnets: CPU within 2x the floor",
     "0.410 s: 2.05x", "cJSON floor 0.200 s (median of 5 runs in turns)", "MISSED"),
    ("validate-text-memory", "validate --format text, 100k subnets: peak memory within 2x the floor",
     "208.0 MB: 1.76x", "cJSON floor 118.4 MB (highest of 5 runs in turns)", "met"),
    ("report-3000", "report, 3,000 subnets and 200 services: wall under 0.5 s",
     "wall 480 ms (CPU 610 ms, 2 charts)", "target 500 ms; baseline x: wall 2132 ms", "met"),
    ("compare-speed", "compare, 1,000 services: 3x faster than the baseline (CPU)",
     "CPU 360 ms: 3.08x (wall 400 ms: 2.94x)", "baseline b (f27a562): CPU 1110 ms", "met"),
    ("compare-bytes", "compare, 1,000 services: the same bytes as the reference", "4 bytes",
     "-", "not measured: no reference binary at build/bench/ecsplan-reference"),
    ("diagram-300", "diagram, 300 subnets: under 100 ms", "27 ms", "target 100 ms", "met"),
    ("simulate-ns", "simulator: at most 12 ns CPU per service-step, one core",
     "8.2 ns (100 services x 365 days, median CPU of 5)", "target 12 ns (load 1.00)", "met"),
    ("validate-json-wall", "validate --format json, 100k subnets: wall within 2x the floor",
     "0.383 s: 2.51x", "cJSON floor 0.153 s (median of 5 runs in turns)", "MISSED"),
]) + "\n"

STATUS = "bench-validate.py\t0\nbench-import.sh\t1\nbench-scale.sh\t0\n" \
    "bench-simulate\twas not built (b/bench/bench-simulate)\nbench-compare.sh\t0\n"

FAILURES = []


def check(condition, what):
    if not condition:
        FAILURES.append(what)


def run_summary(*args):
    proc = subprocess.run([sys.executable, SUMMARY, *args], stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, check=False)
    return proc.returncode, proc.stdout.decode(), proc.stderr.decode()


def cells(line):
    return [c.strip() for c in line.strip().strip("|").split("|")]


def test_table(tmp):
    results = os.path.join(tmp, "results.tsv")
    status = os.path.join(tmp, "status.tsv")
    with open(results, "w", encoding="utf-8") as f:
        f.write(RESULTS)
    with open(status, "w", encoding="utf-8") as f:
        f.write(STATUS)
    code, out, err = run_summary(results, "--status", status, "--title", "canned")
    check(code == 0, f"exit {code}, stderr {err!r}")
    lines = out.splitlines()
    check(lines[0] == "== canned", f"title line {lines[0]!r}")
    table = [line for line in lines if line.startswith("|")]
    body = [cells(line) for line in table[2:]]
    # 14 targets of issue 18, then the one unknown key
    check(len(body) == 15, f"{len(body)} rows, expected 15")
    by_target = {row[0]: row for row in body}
    wall = by_target["validate --format json, 100k subnets: wall within 2x the floor"]
    check(wall[1] == "0.383 s: 2.51x", f"last row of a key does not win: {wall}")
    check(body[0][0].startswith("validate --format json") and "wall" in body[0][0],
          f"first row {body[0]}")
    expect = {
        "validate, 1M subnets: at most 11x the 100k CPU time":
            "not measured: bench-scale.sh wrote no result",
        "import terraform, 20,000 resources: wall within 2x the floor":
            "not measured: bench-import.sh failed (exit 1; its output is above)",
        "import terraform, 20,000 resources: CPU within 2x the floor":
            "not measured: bench-import.sh failed (exit 1; its output is above)",
        "simulator: --runs 4 on 2 threads at least 1.9x one thread":
            "not measured: bench-simulate was not built (b/bench/bench-simulate)",
        "compare, 1,000 services: the same bytes as the reference":
            "not measured: no reference binary at build/bench/ecsplan-reference",
        "simulator: at most 12 ns CPU per service-step, one core": "met",
    }
    for target, verdict in expect.items():
        row = by_target.get(target)
        check(row is not None and row[3] == verdict, f"{target}: {row}")
        if row is not None and verdict.startswith("not measured") and "bench-" in verdict:
            check(row[1] == "-" and row[2] == "-", f"figure of an unmeasured target: {row}")
    check(body[-1][0] == "diagram, 300 subnets: under 100 ms", f"unknown key not last: {body[-1]}")
    # the order of issue 18: validate (6), 1M, import (2), report, compare (2), simulator (2)
    order = [row[0].split(",")[0].split(":")[0] for row in body[:14]]
    check(order == ["validate --format json"] * 3 + ["validate --format text"] * 3
          + ["validate", "import terraform", "import terraform", "report", "compare", "compare",
             "simulator", "simulator"], f"order {order}")
    # 8 met (json cpu, json memory, text wall, text memory, report, compare speed, simulate ns,
    # diagram), 2 MISSED (json wall, text cpu), 5 not measured (1M, import x2, bytes, runs)
    check("15 targets: 8 met, 2 MISSED, 5 not measured" in lines,
          f"count line missing: {lines[-1]!r}")
    # the separators of the first three columns line up
    columns = {tuple(i for i, c in enumerate(line) if c == "|")[:4] for line in table}
    check(len(columns) == 1, f"columns not aligned: {columns}")


def test_empty_and_missing(tmp):
    # no results file at all (every benchmark failed before writing): every target unmeasured
    code, out, _ = run_summary(os.path.join(tmp, "absent.tsv"))
    check(code == 0, f"absent results: exit {code}")
    check("14 targets: 0 met, 0 MISSED, 14 not measured" in out, f"absent results: {out!r}")
    check("not measured: bench-validate.py did not run" in out, "no status: 'did not run'")


def test_malformed(tmp):
    results = os.path.join(tmp, "bad.tsv")
    with open(results, "w", encoding="utf-8") as f:
        f.write(RESULTS.splitlines()[0] + "\n" + "report-3000\tonly three\tfields\n")
    code, out, err = run_summary(results)
    check(code == 2, f"malformed row: exit {code}")
    check(f"{results}:2: expected 5 tab-separated fields" in err, f"malformed row: {err!r}")
    check(out == "", f"malformed row printed {out!r}")


def test_results_sh(tmp):
    # bench_result as the shell benchmarks call it: fields with a tab or a line break stay in
    # their column
    script = (f'build="{tmp}/b"; . "{BENCH_DIR}/results.sh"; '
              'bench_result k "a\ttarget" "two\nlines" ref met')
    subprocess.run(["sh", "-c", script], check=True)
    with open(os.path.join(tmp, "b", "bench", "results.tsv"), encoding="utf-8") as f:
        text = f.read()
    check(text == "k\ta target\ttwo lines\tref\tmet\n", f"bench_result wrote {text!r}")


def main():
    with tempfile.TemporaryDirectory() as tmp:
        test_table(tmp)
        test_empty_and_missing(tmp)
        test_malformed(tmp)
        test_results_sh(tmp)
    for failure in FAILURES:
        print(f"FAIL: {failure}")
    if FAILURES:
        return 1
    print("bench-summary: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
