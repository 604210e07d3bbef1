#!/usr/bin/env python3
"""Docs that stay true (issue 16): every `$ ecsplan ...` example in README.md and docs/*.md is
run and its output compared with the lines shown under it, up to the closing fence or the next
`$ ` line. A shown line "..." ends the comparison (the rest is elided on purpose); "--" lines
make the block an excerpt, as grep prints one: each part must appear whole, in order. The
examples in each command's --help run too, and must not be usage errors. The commands run in a scratch
folder that links models/ and tests/ from the source tree, so -o writes nothing into it.

    docs-examples.py            check (exit 1 on any difference, with a diff)
"""
import difflib
import glob
import os
import shlex
import shutil
import subprocess
import sys
import tempfile

ECSPLAN = os.environ["ECSPLAN"]
SRCDIR = os.environ["SRCDIR"]


def examples(path):
    """(line number, command, shown output lines) for each `$ ecsplan` line in a fenced block"""
    with open(path, encoding="utf-8") as handle:
        lines = handle.read().split("\n")
    in_block = False
    found = []
    current = None
    for number, line in enumerate(lines, 1):
        if line.startswith("```"):
            if in_block and current:
                found.append(current)
            current = None
            in_block = not in_block
            continue
        if not in_block:
            continue
        if line.startswith("$ ecsplan "):
            if current:
                found.append(current)
            current = (number, line[2:], [])
        elif line.startswith("$ "):
            if current:
                found.append(current)
            current = None
        elif current:
            current[2].append(line)
    return found


def run(command, scratch):
    # a trailing "# comment" is the docs' own note, not part of the command
    words = shlex.split(command, comments=True)
    words[0] = ECSPLAN
    process = subprocess.run(words, cwd=scratch, capture_output=True, text=True,
                             env=dict(os.environ, NO_COLOR="1", COLUMNS="100",
                                      XDG_CACHE_HOME=os.path.join(scratch, "cache")))
    # the docs show what a terminal shows: stdout, then the messages on stderr
    shown = (process.stdout + process.stderr).rstrip("\n")
    # a command that prints nothing (-o FILE, --quiet) shows no lines under it
    return shown.split("\n") if shown else []


def main():
    passed = failed = 0
    files = [os.path.join(SRCDIR, "README.md")] + sorted(glob.glob(os.path.join(SRCDIR, "docs", "*.md")))
    for path in files:
        name = os.path.relpath(path, SRCDIR)
        for number, command, shown in examples(path):
            scratch = tempfile.mkdtemp(prefix="ecsplan-docs.")
            try:
                for linked in ("models", "tests"):
                    os.symlink(os.path.join(SRCDIR, linked), os.path.join(scratch, linked))
                got = run(command, scratch)
            finally:
                shutil.rmtree(scratch)
            # editors strip trailing blanks; a table's last column is padded
            got = [line.rstrip() for line in got]
            expected = [line.rstrip() for line in shown]
            while expected and expected[-1] == "":
                expected.pop()
            if "--" in expected:
                # an excerpt, as grep prints one: each part between "--" lines appears whole
                # in the output, in order ("..." may end the last part)
                if expected[-1] == "...":
                    expected.pop()
                at = 0
                matched = True
                part = []
                for line in expected + ["--"]:
                    if line != "--":
                        part.append(line)
                        continue
                    while at + len(part) <= len(got) and got[at:at + len(part)] != part:
                        at += 1
                    if at + len(part) > len(got):
                        matched = False
                        break
                    at += len(part)
                    part = []
                if matched:
                    got = expected
            elif "..." in expected:
                cut = expected.index("...")
                expected, got = expected[:cut], got[:cut]
            if got == expected:
                passed += 1
                print(f"ok {name}:{number}: {command}")
            else:
                failed += 1
                print(f"FAIL {name}:{number}: {command}")
                sys.stdout.writelines(line + "\n" for line in difflib.unified_diff(
                    expected, got, f"{name}:{number} (shown)", "ecsplan (now)", lineterm=""))
    # each command's --help shows examples: they must run (exit 0 or 1, never a usage error)
    commands = subprocess.run([ECSPLAN, "--list=commands"], capture_output=True, text=True,
                              check=True).stdout.split("\n")
    names = [line.split("\t")[0] for line in commands if line]
    # the subcommands of prices have a --help and examples of their own
    for name in names + ["prices import", "prices update"]:
        shown = subprocess.run([ECSPLAN] + name.split() + ["--help"], capture_output=True,
                               text=True).stdout
        block = shown.split("Example:\n", 1)[1].split("\n\n", 1)[0] if "Example:\n" in shown else ""
        for line in block.split("\n"):
            line = line.strip()
            # a pipe needs a shell; "# online" needs the network, which tests never use
            if not line.startswith("ecsplan ") or "|" in line or "# online" in line:
                continue
            words = shlex.split(line, comments=True)
            if ">" in words:
                words = words[:words.index(">")]
            scratch = tempfile.mkdtemp(prefix="ecsplan-help.")
            try:
                for linked in ("models", "tests"):
                    os.symlink(os.path.join(SRCDIR, linked), os.path.join(scratch, linked))
                # a cache of its own: `prices update` writes one
                process = subprocess.run([ECSPLAN] + words[1:], cwd=scratch, capture_output=True,
                                         text=True, env=dict(os.environ, NO_COLOR="1",
                                                             XDG_CACHE_HOME=os.path.join(
                                                                 scratch, "cache")))
            finally:
                shutil.rmtree(scratch)
            if process.returncode in (0, 1):
                passed += 1
                print(f"ok help of {name}: {line}")
            else:
                failed += 1
                print(f"FAIL help of {name}: {line}: exit {process.returncode}: "
                      f"{process.stderr.strip()[:300]}")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
