"""what the CLI test scripts share: named checks counted as they run, and ecsplan run from the
source tree with colours off. A script calls check(name, condition, detail) for each case and
finish() at the end (exit 1 when any failed)."""
import os
import subprocess
import sys

ECSPLAN = os.environ.get("ECSPLAN", "")
SRCDIR = os.environ.get("SRCDIR", ".")

_passed = 0
_failures = []


def check(name, condition, detail=""):
    global _passed
    if condition:
        _passed += 1
        print(f"ok {name}")
    else:
        _failures.append(name)
        print(f"FAIL {name} {detail}")


def run(args, timeout=120, **kwargs):
    """ecsplan with @args in the source tree: (exit code, stdout, stderr) as text"""
    process = subprocess.run([ECSPLAN] + args, cwd=SRCDIR, capture_output=True, text=True,
                             timeout=timeout, env=dict(os.environ, NO_COLOR="1"), **kwargs)
    return process.returncode, process.stdout, process.stderr


def finish():
    print(f"{_passed} passed, {len(_failures)} failed")
    sys.exit(1 if _failures else 0)
