#!/usr/bin/env python3
"""report --optimize (issue 17 item 2): the report folder of seed 004 has an Optimization
section in report.md and report.html, with the frontier chart drawn and inline, the patch as a
code block, and figures that add up: per service saving = the model's cost - the optimized
cost, and the model's cost worked out by hand from the book's prices."""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

from checks import check, finish

ECSPLAN = os.environ["ECSPLAN"]
SRCDIR = os.environ["SRCDIR"]
MODEL = os.path.join(SRCDIR, "models", "examples", "seed004-cruddur-bootcamp.json")


def run(args):
    return subprocess.run([ECSPLAN] + args, cwd=SRCDIR, capture_output=True, text=True,
                          timeout=120)


def cents(cell):
    return round(float(cell.replace("\\~", "").replace("~", "")) * 100)


def section_rows(markdown):
    """the summary table's rows of the Optimization section: name -> cells"""
    part = markdown.split("## Optimization", 1)[1].split("\n## ", 1)[0]
    rows = {}
    for line in part.splitlines():
        if not line.startswith("| ") or line.startswith("| Service") or line.startswith("| ---"):
            continue
        cells = [c.strip() for c in line.strip("|").split(" | ")]
        if len(cells) == 7:
            rows[cells[0]] = cells
    return rows


with tempfile.TemporaryDirectory() as tmp:
    out = os.path.join(tmp, "r")
    common = ["--optimize", "--runs", "1", "--duration", "1d", "--date", "2026-12-01"]
    p = run(["report", "-q", "-o", out] + common + [MODEL])
    check("report exits 0", p.returncode == 0, p.stderr)
    md = open(os.path.join(out, "report.md"), encoding="utf-8").read()
    html = open(os.path.join(out, "report.html"), encoding="utf-8").read()
    have_gnuplot = shutil.which("gnuplot") is not None
    check("md has the section", "\n## Optimization\n" in md)
    check("md contents link", "- [Optimization](#optimization)" in md)
    check("html has the section", '<h2 id="optimization">Optimization</h2>' in html)
    check("html has the patch", "<pre>[{" in html and "/services/0/architecture" in html)
    check("md has the patch", "```\n[{" in md)
    if have_gnuplot:
        check("chart file written", os.path.exists(os.path.join(out, "optimize-frontier.svg")))
        check("md links the chart", "](optimize-frontier.svg)" in md)
        section = html.split('<h2 id="optimization">', 1)[1].split("<h2", 1)[0]
        check("html has the chart inline", "<svg" in section and "unmet demand" in section,
              section[:300])
    rows = section_rows(md)
    check("five services", len(rows) == 6, str(list(rows)))
    for name, cells in rows.items():
        if name == "total":
            continue
        model, best, saving = cents(cells[2]), cents(cells[5]), cents(cells[6])
        # each figure is rounded to the cent on its own: the difference may be off by one
        check(f"{name}: saving = model - optimized", abs(model - best - saving) <= 1,
              f"{model} - {best} != {saving}")
    total = rows.get("total")
    if total is not None:
        services = [c for n, c in rows.items() if n != "total"]
        check("total model = sum", abs(cents(total[2]) - sum(cents(c[2]) for c in services)) <= 5)
        check("total saving = model - optimized",
              abs(cents(total[2]) - cents(total[5]) - cents(total[6])) <= 1)
    # by hand, us-east-1 [S2]: the model runs each service as 1 Fargate x86_64 task of
    # 0.25 vCPU / 0.5 GB on demand with a public IPv4 address [S20]:
    # (0.25 x 0.04048 + 0.5 x 0.004445 + 0.005) x 730 = 0.0173425 x 730 = 12.660025 -> 12.66
    check("backend-flask model cost by hand", rows["backend-flask"][2] == "12.66",
          rows["backend-flask"][2])
    # its answer, arm64 0.5 vCPU / 1 GB all on Fargate Spot [S3][S4]:
    # (0.5 x 0.03238 + 1 x 0.00356) x (1 - 0.687659) + 0.005 = 0.01975 x 0.312341 + 0.005
    # = 0.011168735 a task-hour; x 730 = 8.153 -> ~8.15 (Spot: an estimate), saving 4.51
    check("backend-flask optimized by hand", rows["backend-flask"][5] == "\\~8.15",
          rows["backend-flask"][5])
    check("backend-flask saving", rows["backend-flask"][6] == "\\~4.51", rows["backend-flask"][6])

    # a service name with markup stays text in both documents
    model = json.load(open(MODEL, encoding="utf-8"))
    model["services"][0]["name"] = "<b>x</b>|`y`"
    odd = os.path.join(tmp, "odd.json")
    json.dump(model, open(odd, "w", encoding="utf-8"))
    out2 = os.path.join(tmp, "r2")
    p = run(["report", "-q", "--fail-on", "none", "-o", out2] + common + [odd])
    check("odd name: report written", p.returncode == 0, p.stderr)
    if p.returncode == 0:
        html2 = open(os.path.join(out2, "report.html"), encoding="utf-8").read()
        md2 = open(os.path.join(out2, "report.md"), encoding="utf-8").read()
        check("odd name: no markup in html", "<b>x</b>" not in html2)
        check("odd name: escaped in md", "| <b>x" not in md2.split("## Optimization", 1)[1])

    # a bare --optimize takes no value: the model after it stays the model
    p = run(["report", "-f", "md", "--date", "2026-12-01", "--optimize", "--runs", "1",
             "--duration", "1d", MODEL])
    check("bare --optimize before MODEL", p.returncode == 0 and "## Optimization" in p.stdout
          and "service level unmet&lt;=0.1%" in p.stdout, p.stderr)

    # deterministic bytes, whatever the thread count of the search
    a = run(["report", "-f", "md"] + common + [MODEL]).stdout
    b = run(["report", "-f", "md"] + common + [MODEL]).stdout
    check("deterministic", a == b and "## Optimization" in a)

finish()
