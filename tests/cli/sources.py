#!/usr/bin/env python3
"""Every source the code, the docs and the price books cite resolves (issue 16): each `[Sn]`
in a .c, .h or .md file and each key in a price book's "source" fields or "sources" object is a
row of docs/sources.md, with a source, a date and what it backs."""
import glob
import json
import os
import re
import sys

SRCDIR = os.environ["SRCDIR"]
with open(os.path.join(SRCDIR, "docs", "sources.md"), encoding="utf-8") as handle:
    rows = {}
    for line in handle:
        match = re.match(r"^\| (S\d+[a-z]?|N\d+) \| (.+?) \| (.+?) \| (.+?) \|$", line.rstrip("\n"))
        if match:
            rows[match.group(1)] = match.groups()[1:]

cited = {}
for pattern in ("**/*.c", "**/*.h", "**/*.md"):
    for path in glob.glob(os.path.join(SRCDIR, pattern), recursive=True):
        relative = os.path.relpath(path, SRCDIR)
        if relative.startswith(("build", "subprojects")) or relative == "docs/sources.md":
            continue
        with open(path, encoding="utf-8", errors="replace") as handle:
            for number, line in enumerate(handle, 1):
                for key in re.findall(r"\[(S\d+[a-z]?)\]", line):
                    cited.setdefault(key, f"{relative}:{number}")


def walk(node, path):
    if isinstance(node, dict):
        if isinstance(node.get("source"), str):
            for key in node["source"].split():
                cited.setdefault(key, path)
        for name, value in node.items():
            if name == "sources" and isinstance(value, dict):
                for key in value:
                    cited.setdefault(key, path + ": sources")
            else:
                walk(value, path)


for path in glob.glob(os.path.join(SRCDIR, "models", "prices", "*.json")):
    with open(path, encoding="utf-8") as handle:
        walk(json.load(handle), os.path.relpath(path, SRCDIR))

missing = sorted(key for key in cited if key not in rows)
empty = sorted(key for key, cells in rows.items() if any(not c.strip() for c in cells))
for key in missing:
    print(f"FAIL {key} (cited at {cited[key]}) is not in docs/sources.md")
for key in empty:
    print(f"FAIL {key}: a cell of its row in docs/sources.md is empty")
print(f"{len(cited) - len(missing)} passed, {len(missing) + len(empty)} failed")
sys.exit(1 if missing or empty else 0)
