#!/usr/bin/env python3
"""Progress on a terminal (issue 16, item 7): compare, simulate, report and the other commands
draw a line on stderr when stderr is a terminal and the run lasts past the delay (1 s; the test
sets ECSPLAN_TEST_PROGRESS_DELAY_MS=0 to see it on a fast run), and never in a pipe, with
TERM=dumb or with --quiet. stderr is a pseudo-terminal here (os.openpty), stdout a pipe, so the
document is also checked to be the same bytes as without a terminal.

    progress.py        (ECSPLAN and SRCDIR in the environment)
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

from checks import check, finish

ECSPLAN = os.environ["ECSPLAN"]
SRCDIR = os.environ["SRCDIR"]


def run(args, tty, env=None, cwd=None):
    """(exit status, stdout bytes, stderr bytes) with stderr on a pseudo-terminal when @tty"""
    environment = dict(os.environ, NO_COLOR="1", TERM="xterm")
    environment.pop("ECSPLAN_TEST_PROGRESS_DELAY_MS", None)
    environment.update(env or {})
    if not tty:
        process = subprocess.run([ECSPLAN] + args, capture_output=True, env=environment,
                                 cwd=cwd or SRCDIR)
        return process.returncode, process.stdout, process.stderr
    master, slave = os.openpty()
    process = subprocess.Popen([ECSPLAN] + args, stdout=subprocess.PIPE, stderr=slave,
                               stdin=subprocess.DEVNULL, env=environment, cwd=cwd or SRCDIR)
    os.close(slave)
    chunks = []
    out = process.stdout.read()
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:  # EIO: the child closed its end
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    return process.wait(), out, b"".join(chunks)


def percentages(stderr, label):
    """the percentages drawn after @label, in order"""
    return [int(p) for p in re.findall(rb"\r" + label.encode() + rb" \[[#.]{30}\] +(\d+)%", stderr)]


FAST = {"ECSPLAN_TEST_PROGRESS_DELAY_MS": "0"}

# compare: a bar that ends at 100% and is wiped, the document unchanged
status, out, err = run(["compare", "--example", "seed000-off-to-the-cloud"], True, FAST)
_, plain_out, plain_err = run(["compare", "--example", "seed000-off-to-the-cloud"], False)
check("compare: exit 0", status == 0, f"exit {status}")
check("compare: a bar on the terminal, ending at 100%",
      percentages(err, "comparing")[-1:] == [100], repr(err[:300]))
check("compare: the line is wiped at the end", re.search(rb"\r +\r$", err) is not None,
      repr(err[-80:]))
check("compare: stdout is the same document", out == plain_out)
check("compare: nothing in a pipe", plain_err == b"", repr(plain_err[:200]))

# simulate --runs: the bar advances (more than one percentage before 100%)
args = ["simulate", "--runs", "60", "--threads", "1", "--duration", "30d",
        "tests/models/simulate-web.json"]
status, out, err = run(args, True, FAST)
seen = percentages(err, "simulating")
check("simulate --runs: exit 0", status == 0, f"exit {status}: {err[-300:]!r}")
check("simulate --runs: the bar advances and ends at 100%",
      len(set(seen)) >= 2 and seen[-1] == 100 and seen == sorted(seen), repr(seen))
_, plain_out, plain_err = run(args, False)
check("simulate --runs: stdout is the same document", out == plain_out)
check("simulate --runs: nothing in a pipe", b"\r" not in plain_err, repr(plain_err[:200]))

# optimize: the bar follows the candidates (simulated or pruned) and ends at 100%; 30 days of
# 10 seeds so the run outlasts a few 0.1 s ticks (1 day of 1 seed ended inside one tick once the
# simulator stepped in blocks)
args = ["optimize", "--runs", "10", "--duration", "30d", "--threads", "1",
        "models/examples/seed004-cruddur-bootcamp.json"]
status, out, err = run(args, True, FAST)
seen = percentages(err, "optimizing")
check("optimize: exit 0", status == 0, f"exit {status}: {err[-300:]!r}")
check("optimize: the bar advances and ends at 100%",
      len(set(seen)) >= 2 and seen[-1] == 100 and seen == sorted(seen), repr(seen))
_, plain_out, plain_err = run(args, False)
check("optimize: stdout is the same document", out == plain_out)
check("optimize: nothing but the search figures in a pipe",
      plain_err.startswith(b"ecsplan: optimize: ") and b"\r" not in plain_err,
      repr(plain_err[:200]))

# report: a line while it works; --quiet: nothing at all, not even the file list
scratch = tempfile.mkdtemp(prefix="ecsplan-progress.")
try:
    status, out, err = run(["report", "--example", "seed000-off-to-the-cloud", "-o",
                            os.path.join(scratch, "r")], True, FAST)
    check("report: exit 0", status == 0, f"exit {status}")
    check("report: a line on the terminal", b"\rwriting the report" in err, repr(err[:200]))
    check("report: the file list on stdout", out.startswith(b"wrote "), repr(out[:100]))
    status, out, err = run(["report", "--quiet", "--example", "seed000-off-to-the-cloud", "-o",
                            os.path.join(scratch, "q")], True, FAST)
    check("report --quiet: exit 0, nothing printed", status == 0 and out == b"" and err == b"",
          f"exit {status}, {out[:100]!r}, {err[:100]!r}")
    check("report --quiet: the report is written",
          os.path.isfile(os.path.join(scratch, "q", "report.html")))
finally:
    shutil.rmtree(scratch)

# no line for TERM=dumb, --quiet, or a run under the delay (the default 1 s)
status, out, err = run(["compare", "--example", "seed000-off-to-the-cloud"], True,
                       dict(FAST, TERM="dumb"))
check("TERM=dumb: no line", err == b"", repr(err[:200]))
status, out, err = run(["compare", "--quiet", "--example", "seed000-off-to-the-cloud"], True,
                       FAST)
check("compare --quiet: no line", err == b"", repr(err[:200]))
status, out, err = run(["cost", "--example", "seed000-off-to-the-cloud"], True)
check("cost under a second: no line", err == b"", repr(err[:200]))
# a command without engine progress shows the time instead of a bar
status, out, err = run(["validate", "--example", "seed000-off-to-the-cloud"], True, FAST)
check("validate: the time so far", re.search(rb"\rvalidating\.\.\. \d+ s", err) is not None,
      repr(err[:200]))

for label, args in (("importing", ["import", "terraform", "tests/terraform/seed000-plan.json",
                                    "-o", "/dev/null"]),
                    ("allocating", ["alloc", "tests/models/new-env.json", "-o", "/dev/null"]),
                    ("pricing", ["diff", "tests/models/diff-base.json",
                                 "tests/models/diff-private-tasks.json", "-o", "/dev/null"])):
    status, out, err = run(args, True, FAST)
    check(f"{args[0]}: the time so far, wiped before the messages",
          re.search(rb"\r" + label.encode() + rb"\.\.\. \d+ s", err) is not None and
          (b"ecsplan" not in err or err.index(b"\r ") < err.index(b"ecsplan")),
          repr(err[:300]))

finish()
