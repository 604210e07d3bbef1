#!/usr/bin/env python3
"""Benchmark `ecsplan validate` against the Python peer (bench/peer_check.py).

For each size it generates a model with bench/gen-model.py, runs
`ecsplan validate --format json --fail-on none MODEL > /dev/null` several times (and the same
with --format text, and bench/json-floor, the file parsed by cJSON alone, taking turns) and the
peer a few times, and prints the median wall and CPU time, the peak resident set size (from
bench/rusage, built next to ecsplan), the number of findings, the speed ratio and each format's ratio to the floor. It also checks that both tools count the same
findings for every code they share, on the generated models and on bench/agreement.json.

It prints figures and never fails on them: targets are reported as "met" or "MISSED", and issue
18's also go to the results file (--results, default BUILDDIR/bench/results.tsv; keys
validate-json-wall and the like; bench/summary.py prints them). The exit status is non-zero only
when a tool cannot run or the finding counts disagree.
"""

import argparse
import collections
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time

BENCH_DIR = os.path.dirname(os.path.abspath(__file__))
SOURCE_DIR = os.path.dirname(BENCH_DIR)

# the codes bench/peer_check.py implements; ecsplan's other rules have no counterpart there
SHARED_CODES = [
    "cidr-invalid", "cidr-host-bits", "vpc-cidr-size", "vpc-overlap", "subnet-size",
    "subnet-outside-vpc", "subnet-overlap", "az-unknown", "ip-exhaustion", "ip-headroom",
]

# issue 2: 100,000 subnets in 1,000 VPCs
TARGET_SECONDS = 0.5
TARGET_MB = 300
TARGET_RATIO = 20
# issue 18: validate --format json and text within 2x the cJSON floor (bench/json-floor.c on the
# same file, timed in the same run), peak memory within 2x the floor's
TARGET_FLOOR_RATIO = 2.0

SIZES = {
    # name: gen-model.py arguments
    "10k": ["--vpcs", "100", "--subnets-per-vpc", "100", "--services-per-vpc", "10",
            "--seed", "1", "--overlaps", "5"],
    "100k": ["--vpcs", "1000", "--subnets-per-vpc", "100", "--services-per-vpc", "10",
             "--seed", "1", "--overlaps", "50"],
}


def machine_lines():
    model = "unknown"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    memory = ""
    try:
        with open("/proc/meminfo", encoding="utf-8") as f:
            kb = int(f.readline().split()[1])
            memory = f", {kb / 1024 / 1024:.1f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return [
        f"machine: {usable} CPUs (nproc), {model}{memory}",
        f"system:  {platform.system()} {platform.release()}, {load_average()}",
    ]


def load_average():
    """other work on the machine skews every figure: print it"""
    try:
        with open("/proc/loadavg", encoding="utf-8") as f:
            return "load average " + " ".join(f.read().split()[:3])
    except OSError:
        return "load average unknown"


def default_python():
    """the distribution's interpreter: a version-manager shim (pyenv) or an interpreter run
    without cached bytecode adds a few hundred milliseconds of start-up that is not the
    peer's fault"""
    if os.access("/usr/bin/python3", os.X_OK):
        return "/usr/bin/python3"
    return sys.executable


def python_version(python):
    proc = subprocess.run([python, "-c", "import sys; print(sys.version.split()[0])"],
                          stdout=subprocess.PIPE, check=True)
    return "Python " + proc.stdout.decode().strip()


def build_type(builddir):
    """meson's buildtype and b_sanitize of the build being measured"""
    try:
        with open(os.path.join(builddir, "meson-info", "intro-buildoptions.json"),
                  encoding="utf-8") as f:
            options = {o["name"]: o["value"] for o in json.load(f)}
    except (OSError, ValueError, KeyError):
        return "unknown"
    return f"buildtype={options.get('buildtype')}, b_sanitize={options.get('b_sanitize')}"


def run_timed(argv, rusage, stdout_path=os.devnull):
    """runs argv under bench/rusage (wait4 in a small process of its own, so the peak is the
    command's; /usr/bin/time prints CPU times in hundredths, truncated: a step of 8 % of the
    floor's CPU time); returns (wall seconds, peak RSS in MB, CPU seconds)"""
    figures = os.path.join(os.path.dirname(os.path.abspath(stdout_path))
                           if stdout_path != os.devnull else tempfile.gettempdir(),
                           f"bench-validate-{os.getpid()}.rusage")
    with open(stdout_path, "wb") as out:
        proc = subprocess.run([rusage, figures] + argv, stdout=out, stderr=subprocess.PIPE,
                              check=False)
    stderr = proc.stderr.decode("utf-8", "replace")
    if proc.returncode != 0:
        sys.exit(f"bench-validate: '{' '.join(argv)}' exited {proc.returncode}:\n{stderr}")
    with open(figures, encoding="utf-8") as f:
        wall, user, system, peak = f.read().split()
    os.unlink(figures)
    return float(wall), int(peak) / 1024.0, float(user) + float(system)


def ecsplan_counts(ecsplan, model, out_path):
    """one untimed run that keeps the JSON output: findings per code"""
    proc = subprocess.run([ecsplan, "validate", "--format", "json", "--fail-on", "none", model],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False)
    if proc.returncode != 0:
        sys.exit(f"bench-validate: ecsplan validate {model} exited {proc.returncode}:\n"
                 f"{proc.stderr.decode('utf-8', 'replace')}")
    with open(out_path, "wb") as f:
        f.write(proc.stdout)
    result = json.loads(proc.stdout)
    return collections.Counter(d["code"] for d in result["diagnostics"])


def peer_counts(python, model):
    proc = subprocess.run([python, os.path.join(BENCH_DIR, "peer_check.py"), "--json", model],
                          stdout=subprocess.PIPE, check=True)
    return collections.Counter(json.loads(proc.stdout))


def compare(label, ours, peer):
    """prints per-code counts; returns the shared codes whose counts differ"""
    codes = sorted(set(ours) | set(peer))
    differ = [c for c in SHARED_CODES if ours.get(c, 0) != peer.get(c, 0)]
    print(f"  findings on {label}:")
    print(f"    {'code':20} {'ecsplan':>8} {'peer':>8}")
    for code in codes:
        shared = code in SHARED_CODES
        mark = "  DIFFERENT" if code in differ else ("" if shared else "  (ecsplan only)")
        peer_text = str(peer.get(code, 0)) if shared else "-"
        print(f"    {code:20} {ours.get(code, 0):>8} {peer_text:>8}{mark}")
    if not codes:
        print("    (none)")
    shared_total = sum(ours.get(c, 0) for c in SHARED_CODES)
    verdict = "agree" if not differ else f"DISAGREE on {', '.join(differ)}"
    print(f"    shared codes: {shared_total} findings each, counts {verdict}")
    return differ


def check_agreement(ecsplan, python, workdir):
    models = [os.path.join(BENCH_DIR, "agreement.json")]
    examples = os.path.join(SOURCE_DIR, "models", "examples")
    if os.path.isdir(examples):
        models += sorted(os.path.join(examples, f) for f in os.listdir(examples)
                         if f.endswith(".json"))
    print("agreement (shared codes, ecsplan vs peer):")
    failures = []
    for model in models:
        ours = ecsplan_counts(ecsplan, model, os.path.join(workdir, "agreement-out.json"))
        peer = peer_counts(python, model)
        differ = [c for c in SHARED_CODES if ours.get(c, 0) != peer.get(c, 0)]
        name = os.path.relpath(model, SOURCE_DIR)
        shared = sum(ours.get(c, 0) for c in SHARED_CODES)
        if differ:
            failures.append(name)
            compare(name, ours, peer)
        else:
            print(f"  {name}: {shared} shared findings, counts agree")
    return failures


def bench_size(name, args, ecsplan, workdir):
    model = os.path.join(workdir, f"model-{name}.json")
    start = time.perf_counter()
    subprocess.run([sys.executable, os.path.join(BENCH_DIR, "gen-model.py"), "-o", model]
                   + SIZES[name], check=True)
    generated = time.perf_counter() - start
    with open(model, encoding="utf-8") as f:
        data = json.load(f)
    n_vpcs = len(data["vpcs"])
    n_subnets = sum(len(v["subnets"]) for v in data["vpcs"])
    n_services = len(data["services"])
    del data
    size_mb = os.path.getsize(model) / 1e6
    print(f"\n== {name}: {n_subnets} subnets in {n_vpcs} VPCs, {n_services} services, "
          f"{size_mb:.1f} MB of JSON (generated in {generated:.1f} s)")
    print(f"   gen-model.py {' '.join(SIZES[name])}")

    ours = ecsplan_counts(ecsplan, model, os.path.join(workdir, f"ecsplan-{name}.json"))
    peer = peer_counts(args.python, model)

    argv = [ecsplan, "validate", "--format", "json", "--fail-on", "none", model]
    text_argv = [ecsplan, "validate", "--format", "text", "--fail-on", "none", model]
    floor_argv = [args.floor, model]
    # the floor and both formats take turns, so that they share the machine's moods
    floor_runs, ecsplan_runs, text_runs = [], [], []
    for _ in range(args.runs):
        floor_runs.append(run_timed(floor_argv, args.rusage))
        ecsplan_runs.append(run_timed(argv, args.rusage))
        text_runs.append(run_timed(text_argv, args.rusage))
    peer_argv = [args.python, os.path.join(BENCH_DIR, "peer_check.py"), model]
    peer_runs = [run_timed(peer_argv, args.rusage) for _ in range(args.peer_runs)]

    rows = []
    for tool, runs, counts in (("ecsplan", ecsplan_runs, ours), ("python peer", peer_runs, peer),
                               ("cJSON floor", floor_runs, None),
                               ("ecsplan text", text_runs, ours)):
        walls = [r[0] for r in runs]
        rows.append((tool, len(runs), statistics.median(walls), min(walls), max(walls),
                     max(r[1] for r in runs), statistics.median(r[2] for r in runs),
                     sum(counts.values()) if counts is not None else "-"))
    print(f"   {'tool':12} {'runs':>4} {'median s':>9} {'min s':>7} {'max s':>7} "
          f"{'peak MB':>8} {'cpu s':>6} {'findings':>9}")
    for tool, n, median, low, high, peak, cpu, findings in rows:
        print(f"   {tool:12} {n:>4} {median:>9.3f} {low:>7.3f} {high:>7.3f} {peak:>8.1f} "
              f"{cpu:>6.3f} {findings:>9}")
    ratio = rows[1][2] / rows[0][2]
    print(f"   speed ratio (peer median / ecsplan median): {ratio:.1f}x")
    print(f"   against the floor (ecsplan / cJSON alone, medians of this run): json "
          f"{rows[0][2] / rows[2][2]:.2f}x wall, {rows[0][6] / rows[2][6]:.2f}x cpu, "
          f"{rows[0][5] / rows[2][5]:.2f}x memory; text {rows[3][2] / rows[2][2]:.2f}x wall, "
          f"{rows[3][6] / rows[2][6]:.2f}x cpu, {rows[3][5] / rows[2][5]:.2f}x memory")
    differ = compare(f"the {name} model", ours, peer)
    return {"name": name, "ecsplan": rows[0], "peer": rows[1], "floor": rows[2],
            "text": rows[3], "ratio": ratio, "differ": differ}


# issue 18's rows of the results file: key part, what
FLOOR_TARGETS = (("wall", 2, "s", "wall"), ("cpu", 6, "s", "CPU"),
                 ("memory", 5, "MB", "peak memory"))


def result_row(results, key, target, figure, reference, verdict):
    """appends one row to the results file (bench/summary.py)"""
    if results is None:
        return
    fields = [key, target, figure, reference, verdict]
    with open(results, "a", encoding="utf-8") as f:
        f.write("\t".join(" ".join(str(x).split()) for x in fields) + "\n")


def floor_target(fmt, what):
    return f"validate --format {fmt}, 100k subnets: {what} within 2x the floor"


def write_unmeasured(results, why):
    for fmt in ("json", "text"):
        for key, _, _, what in FLOOR_TARGETS:
            result_row(results, f"validate-{fmt}-{key}", floor_target(fmt, what), "-", "-",
                       f"not measured: {why}")


def print_targets(result, results=None):
    _, _, median, _, _, peak, _, _ = result["ecsplan"]
    print("\ntargets (issue 2, 100,000 subnets in 1,000 VPCs):")
    checks = [
        (f"wall time under {TARGET_SECONDS} s", median < TARGET_SECONDS, f"{median:.3f} s"),
        (f"peak memory under {TARGET_MB} MB", peak < TARGET_MB, f"{peak:.1f} MB"),
        (f"at least {TARGET_RATIO}x faster than the peer", result["ratio"] >= TARGET_RATIO,
         f"{result['ratio']:.1f}x"),
    ]
    for label, met, figure in checks:
        print(f"  {label:40} {figure:>10}  {'met' if met else 'MISSED'}")
    floor = result["floor"]
    print(f"\ntargets (issue 18, same model; the floor: cJSON alone {floor[2]:.3f} s wall, "
          f"{floor[6]:.3f} s cpu, {floor[5]:.1f} MB):")
    for fmt, row in (("json", result["ecsplan"]), ("text", result["text"])):
        label = f"validate --format {fmt}"
        for key, index, unit, what in FLOOR_TARGETS:
            def amount(value):
                return f"{value:.3f} {unit}" if unit == "s" else f"{value:.1f} {unit}"
            if floor[index] <= 0:
                print(f"  {label + ' ' + what + ' within 2x the floor':52} {amount(row[index]):>10} "
                      f"not measured: the floor took no measurable {what}")
                result_row(results, f"validate-{fmt}-{key}", floor_target(fmt, what),
                           amount(row[index]), f"cJSON floor {amount(floor[index])}",
                           f"not measured: the floor took no measurable {what}")
                continue
            times = row[index] / floor[index]
            verdict = "met" if times <= TARGET_FLOOR_RATIO else "MISSED"
            print(f"  {label + ' ' + what + ' within 2x the floor':52} {amount(row[index]):>10} "
                  f"{times:5.2f}x  {verdict}")
            result_row(results, f"validate-{fmt}-{key}", floor_target(fmt, what),
                       f"{amount(row[index])}: {times:.2f}x",
                       f"cJSON floor {amount(floor[index])} "
                       f"({'highest' if key == 'memory' else 'median'} of {row[1]} runs in turns)",
                       verdict)


def base_dir(args):
    """the build directory: --builddir, else the one BUILDDIR/planner/cli/ecsplan sits in"""
    return args.builddir or os.path.dirname(os.path.dirname(os.path.dirname(
        os.path.abspath(args.ecsplan))))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ecsplan", required=True, help="path to the built ecsplan")
    parser.add_argument("--workdir", default="/tmp/ecsplan-bench",
                        help="where models and outputs go (default /tmp/ecsplan-bench)")
    parser.add_argument("--sizes", default="10k,100k",
                        help=f"comma-separated, from {', '.join(SIZES)}")
    parser.add_argument("--builddir", help="the meson build directory (for its build type)")
    parser.add_argument("--python", default=default_python(),
                        help="interpreter for the peer (default: Debian's /usr/bin/python3)")
    # 9, not 5: this VM's wall times drift 30% between runs of the same binary, and the
    # median of nine in turns with the floor keeps one slow stretch out of the ratio
    parser.add_argument("--runs", type=int, default=9, help="ecsplan runs per size")
    parser.add_argument("--peer-runs", type=int, default=3, help="peer runs per size")
    parser.add_argument("--floor", help="the json-floor program (default: bench/json-floor "
                        "in the build directory)")
    parser.add_argument("--results", help="where issue 18's verdicts are appended (default: "
                        "bench/results.tsv in the build directory; bench/summary.py)")
    args = parser.parse_args()
    if args.floor is None:
        args.floor = os.path.join(base_dir(args), "bench", "json-floor")
    if args.results is None:
        args.results = os.environ.get("BENCH_RESULTS") or os.path.join(base_dir(args),
                                                                         "bench", "results.tsv")
    os.makedirs(os.path.dirname(os.path.abspath(args.results)), exist_ok=True)
    args.rusage = os.path.join(base_dir(args), "bench", "rusage")
    for program in (args.floor, args.rusage):
        if not os.access(program, os.X_OK):
            sys.exit(f"bench-validate: '{program}' not found; build first (ninja -C BUILDDIR)")
    sizes = [s for s in args.sizes.split(",") if s]
    for size in sizes:
        if size not in SIZES:
            parser.error(f"unknown size '{size}'; use {', '.join(SIZES)}")
    os.makedirs(args.workdir, exist_ok=True)

    print("ecsplan validate benchmark (bench/bench-validate.py)")
    for line in machine_lines():
        print(line)
    print(f"ecsplan: {os.path.abspath(args.ecsplan)}; models in {args.workdir}")
    if args.builddir:
        print(f"build:   {build_type(args.builddir)}")
    print(f"peer:    {args.python} ({python_version(args.python)})")
    print()
    failures = check_agreement(args.ecsplan, args.python, args.workdir)

    results = [bench_size(size, args, args.ecsplan, args.workdir) for size in sizes]
    for result in results:
        if result["name"] == "100k":
            print_targets(result, args.results)
    if "100k" not in sizes:
        write_unmeasured(args.results, "bench-validate.py ran without the 100k size (--sizes)")
    print(f"\nafter the runs: {load_average()}")
    failures += [r["name"] for r in results if r["differ"]]
    if failures:
        print(f"\nfinding counts differ on: {', '.join(failures)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
