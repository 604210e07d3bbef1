#!/usr/bin/env python3
"""Prints the table of issue 18's targets from the rows the benchmarks wrote (bench/README.md).

Each benchmark appends rows to BUILDDIR/bench/results.tsv, one per target, five fields
separated by tabs:

    key  target  figure  reference  verdict

`figure` is this build's measurement, `reference` the floor or baseline it is held against,
taken in the same run, and `verdict` starts with "met", "MISSED" or "not measured" (followed by
why). When a key appears more than once, the last row wins (a benchmark run again on its own
appends). Every target of issue 18 gets a line: one that no benchmark wrote says "not measured"
and why, from the exit statuses bench/run.sh records (`--status FILE`: script, tab, status).

usage: python3 bench/summary.py RESULTS [--status FILE] [--title TEXT]
exit status: 0, or 2 when RESULTS cannot be read or holds a malformed row.
"""

import argparse
import sys

# issue 18's targets in the order of its text: key, the target, the benchmark that measures it
TARGETS = [
    ("validate-json-wall", "validate --format json, 100k subnets: wall within 2x the floor",
     "bench-validate.py"),
    ("validate-json-cpu", "validate --format json, 100k subnets: CPU within 2x the floor",
     "bench-validate.py"),
    ("validate-json-memory", "validate --format json, 100k subnets: peak memory within 2x the floor",
     "bench-validate.py"),
    ("validate-text-wall", "validate --format text, 100k subnets: wall within 2x the floor",
     "bench-validate.py"),
    ("validate-text-cpu", "validate --format text, 100k subnets: CPU within 2x the floor",
     "bench-validate.py"),
    ("validate-text-memory", "validate --format text, 100k subnets: peak memory within 2x the floor",
     "bench-validate.py"),
    ("validate-1m-linear", "validate, 1M subnets: at most 11x the 100k CPU time", "bench-scale.sh"),
    ("import-wall", "import terraform, 20,000 resources: wall within 2x the floor",
     "bench-import.sh"),
    ("import-cpu", "import terraform, 20,000 resources: CPU within 2x the floor",
     "bench-import.sh"),
    ("report-3000", "report, 3,000 subnets and 200 services: wall under 0.5 s",
     "bench-report.sh"),
    ("compare-speed", "compare, 1,000 services: 3x faster than the baseline (CPU)",
     "bench-compare.sh"),
    ("compare-bytes", "compare, 1,000 services: the same bytes as the reference",
     "bench-compare.sh"),
    ("simulate-ns", "simulator: at most 12 ns CPU per service-step, one core", "bench-simulate"),
    ("simulate-runs", "simulator: --runs 4 on 2 threads at least 1.9x one thread",
     "bench-simulate"),
]

HEADER = ("target", "figure", "reference", "verdict")


def read_rows(path):
    """the rows of RESULTS by key, the last one of each key winning, and the keys in order"""
    rows = {}
    order = []
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip():
                continue
            fields = line.split("\t")
            if len(fields) != 5 or not fields[0]:
                raise ValueError(f"{path}:{number}: expected 5 tab-separated fields "
                                 f"(key, target, figure, reference, verdict), got {len(fields)}")
            if fields[0] not in rows:
                order.append(fields[0])
            rows[fields[0]] = fields[1:]
    return rows, order


def read_status(path):
    """script -> its exit status as bench/run.sh recorded it ("0", "1", "not built", ...)"""
    status = {}
    if path is None:
        return status
    try:
        with open(path, encoding="utf-8") as f:
            for line in f:
                fields = line.rstrip("\n").split("\t")
                if len(fields) == 2:
                    status[fields[0]] = fields[1]
    except FileNotFoundError:
        pass
    return status


def missing_verdict(script, status):
    """why a target has no row"""
    if script not in status:
        return f"not measured: {script} did not run"
    value = status[script]
    if value == "0":
        return f"not measured: {script} wrote no result"
    if value.isdigit():
        return f"not measured: {script} failed (exit {value}; its output is above)"
    return f"not measured: {script} {value}"


def table(rows, order, status):
    lines = []
    known = set()
    for key, target, script in TARGETS:
        known.add(key)
        if key in rows:
            lines.append(tuple(rows[key]))
        else:
            lines.append((target, "-", "-", missing_verdict(script, status)))
    # rows of targets this list does not know yet, in the order written
    lines += [tuple(rows[key]) for key in order if key not in known]
    return lines


def render(lines):
    widths = [max(len(line[i]) for line in [HEADER] + lines) for i in range(3)]
    out = []

    def row(cells):
        padded = [cells[i].ljust(widths[i]) for i in range(3)] + [cells[3]]
        out.append("| " + " | ".join(padded) + " |")

    row(HEADER)
    out.append("| " + " | ".join("-" * w for w in widths + [len(HEADER[3])]) + " |")
    for line in lines:
        row(line)
    return out


def counts(lines):
    met = sum(1 for line in lines if line[3].startswith("met"))
    missed = sum(1 for line in lines if line[3].startswith("MISSED"))
    return met, missed, len(lines) - met - missed


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("results", help="BUILDDIR/bench/results.tsv")
    parser.add_argument("--status", help="the exit status of each benchmark (bench/run.sh)")
    parser.add_argument("--title", default="issue 18 targets, figures of this run")
    args = parser.parse_args()
    try:
        rows, order = read_rows(args.results)
    except FileNotFoundError:
        rows, order = {}, []
    except (OSError, ValueError, UnicodeDecodeError) as error:
        print(f"summary: {error}", file=sys.stderr)
        return 2
    lines = table(rows, order, read_status(args.status))
    print(f"== {args.title}")
    for line in render(lines):
        print(line)
    met, missed, unmeasured = counts(lines)
    print(f"{len(lines)} targets: {met} met, {missed} MISSED, {unmeasured} not measured")
    return 0


if __name__ == "__main__":
    sys.exit(main())
