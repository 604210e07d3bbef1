#!/usr/bin/env python3
"""Finds file-level dependency cycles in the engine and the renderers (issue 10).

Reads the object files' defined and undefined symbols with nm: file A depends on file B when A
uses a symbol B defines. Prints each strongly connected component of more than one file, with
one symbol per edge as evidence, and exits 1 when there is any. The same check runs again on
the folders (meson names an object in planner/rules/ "rules_network.c.o"; a file at the top of
its library counts as its own folder): floors only look down. Usage:

    python3 tools/check-cycles.py OBJDIR...   (e.g. build/planner/libplanner.a.p)
"""
import os
import subprocess
import sys


def symbols(obj):
    out = subprocess.run(["nm", "-P", obj], capture_output=True, text=True, check=True).stdout
    defined, used = set(), set()
    for line in out.splitlines():
        parts = line.split()
        if len(parts) < 2:
            continue
        name, kind = parts[0], parts[1]
        if kind == "U":
            used.add(name)
        elif kind in "TDBRCVWtdbr" and kind.isupper():
            defined.add(name)
    return defined, used


def objects(dirs):
    for d in dirs:
        for root, _, files in os.walk(d):
            for f in sorted(files):
                if f.endswith(".o"):
                    yield os.path.join(root, f)


def name_of(obj):
    """'rules_network' for planner/rules/network.c; a file at the top of its library gets
    the library's name as its folder: 'planner_analyse', 'reports_render-cost'"""
    base = os.path.basename(obj)
    name = base[: -len(".c.o")] if base.endswith(".c.o") else base
    if "_" not in name:
        library = os.path.basename(os.path.dirname(obj))
        if library.startswith("lib") and library.endswith(".a.p"):
            name = library[3: -len(".a.p")] + "_" + name
    return name


def strongly_connected(nodes, edges):
    index, low, on_stack, stack, result = {}, {}, set(), [], []
    counter = [0]

    def visit(v):
        # iterative Tarjan: a stack of (node, iterator over its successors)
        work = [(v, iter(sorted(edges.get(v, ()))))]
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        while work:
            node, successors = work[-1]
            advanced = False
            for w in successors:
                if w not in index:
                    index[w] = low[w] = counter[0]
                    counter[0] += 1
                    stack.append(w)
                    on_stack.add(w)
                    work.append((w, iter(sorted(edges.get(w, ())))))
                    advanced = True
                    break
                if w in on_stack:
                    low[node] = min(low[node], index[w])
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    w = stack.pop()
                    on_stack.discard(w)
                    component.append(w)
                    if w == node:
                        break
                result.append(sorted(component))

    for v in sorted(nodes):
        if v not in index:
            visit(v)
    return result


def folder_of(name):
    return name.split("_", 1)[0] if "_" in name else name


def check(label, owner, uses):
    edges, evidence = {}, {}
    for name, used in uses.items():
        for sym in sorted(used):
            target = owner.get(sym)
            if target is not None and target != name:
                edges.setdefault(name, set()).add(target)
                evidence.setdefault((name, target), sym)
    cycles = [c for c in strongly_connected(uses.keys(), edges) if len(c) > 1]
    for c in cycles:
        print("cycle: " + " <-> ".join(c))
        members = set(c)
        for a in c:
            for b in sorted(edges.get(a, ())):
                if b in members:
                    print(f"  {a} -> {b} ({evidence[(a, b)]})")
    print(f"{len(uses)} {label}, {sum(len(e) for e in edges.values())} dependencies, "
          f"{len(cycles)} cycle{'s' if len(cycles) != 1 else ''}")
    return len(cycles)


def main(argv):
    if len(argv) < 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    owner, uses = {}, {}
    for obj in objects(argv[1:]):
        defined, used = symbols(obj)
        name = name_of(obj)
        uses[name] = used
        for sym in defined:
            owner[sym] = name
    file_cycles = check("files", owner, uses)
    folder_owner = {sym: folder_of(name) for sym, name in owner.items()}
    folder_uses = {}
    for name, used in uses.items():
        folder_uses.setdefault(folder_of(name), set()).update(used)
    folder_cycles = check("folders", folder_owner, folder_uses)
    return 1 if file_cycles or folder_cycles else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
