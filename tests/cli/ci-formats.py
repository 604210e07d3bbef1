#!/usr/bin/env python3
"""validate --format sarif and --format junit (issue 16): every document is valid SARIF 2.1.0
(against tests/schemas/sarif-2.1.0-rtm.5.json) or well-formed JUnit XML, and holds the findings
the text output shows, at the places it shows them. Skipped (exit 77) without python3-jsonschema."""
import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ElementTree

from checks import check, finish

try:
    import jsonschema
except ImportError:
    print("python3-jsonschema is missing: skipped")
    sys.exit(77)

ECSPLAN = os.environ["ECSPLAN"]
SRCDIR = os.environ["SRCDIR"]


def run(args, stdin=None):
    with open(os.path.join(SRCDIR, stdin), "rb") if stdin else open(os.devnull, "rb") as source:
        process = subprocess.run([ECSPLAN] + args, cwd=SRCDIR, stdin=source,
                                 capture_output=True, env=dict(os.environ, NO_COLOR="1"))
    return process.returncode, process.stdout.decode(), process.stderr.decode()


with open(os.path.join(SRCDIR, "tests/schemas/sarif-2.1.0-rtm.5.json"), encoding="utf-8") as handle:
    schema = json.load(handle)
validator = jsonschema.Draft4Validator(schema)


def sarif(name, args, status, stdin=None):
    code, out, err = run(["validate", "--format", "sarif"] + args, stdin)
    check(f"{name}: exit {status}", code == status, f"got {code}: {err}")
    try:
        document = json.loads(out)
    except ValueError as error:
        check(f"{name}: JSON", False, str(error))
        return None
    errors = sorted(validator.iter_errors(document), key=lambda e: list(e.path))
    check(f"{name}: valid SARIF 2.1.0", not errors,
          "; ".join(f"{list(e.path)}: {e.message}" for e in errors[:3]))
    return document


# seed 002: 2 errors and 5 warnings (README.md shows them); the first is at 45:9 on the
# subnet imported from module.vpc.aws_subnet.public[0]
doc = sarif("seed002", ["models/examples/seed002-chronous-payments-ec2.json"], 1)
if doc:
    run0 = doc["runs"][0]
    results = run0["results"]
    # issue 11's price-missing (no us-east-2 price for t2.nano), issue 12's (no us-east-2
    # price for a Classic Load Balancer's hour: the book no longer borrows us-east-1's) and
    # five warnings (issue 13 re-modelled the load balancer as the classic one it is, and
    # added deployment-downtime)
    check("seed002: 7 results", len(results) == 7, str(len(results)))
    check("seed002: levels",
          sorted(r["level"] for r in results) == ["error"] * 2 + ["warning"] * 5)
    first = results[0]["locations"][0]
    check("seed002: first at 45:9",
          first["physicalLocation"]["region"] == {"startLine": 45, "startColumn": 9})
    check("seed002: Terraform address",
          first["logicalLocations"][0] == {"fullyQualifiedName": "module.vpc.aws_subnet.public[0]",
                                           "kind": "resource"})
    rules = run0["tool"]["driver"]["rules"]
    check("seed002: 5 rules, each used", [r["id"] for r in rules] ==
          ["tier-single-az", "nat-cross-az", "price-missing", "cluster-single-az",
           "deployment-downtime"])
    check("seed002: ruleIndex points at its rule",
          all(rules[r["ruleIndex"]]["id"] == r["ruleId"] for r in results))
    check("seed002: help from docs/rules.md",
          rules[2]["help"]["markdown"].startswith("**Fires when:** the price book lacks a figure"))
    check("seed002: run succeeded", run0["invocations"][0]["executionSuccessful"] is True)

# a clean model: no results, still a valid log
doc = sarif("seed000", ["--example", "seed000-off-to-the-cloud"], 0)
if doc:
    check("seed000: no results", doc["runs"][0]["results"] == [])

# standard input, and a Terraform plan read as a model: locations name its resources
doc = sarif("stdin", ["-"], 1, stdin="models/examples/seed001-vault-fargate.json")
if doc:
    location = doc["runs"][0]["results"][0]["locations"][0]
    check("stdin: uri", location["physicalLocation"]["artifactLocation"]["uri"] == "stdin")
doc = sarif("terraform-plan", ["tests/terraform/seed002-plan.json"], 1)
if doc:
    # each rule's finding (not the importer's summary notes) names its Terraform resource
    found = {}
    for r in doc["runs"][0]["results"]:
        if not r["ruleId"].startswith("import-"):
            found.setdefault(r["ruleId"], []).extend(
                loc["fullyQualifiedName"] for l in r["locations"]
                for loc in l.get("logicalLocations", []) if loc["kind"] == "resource")
    check("terraform-plan: rule findings at their addresses", found == {
        # t2.nano (the cluster), the Classic Load Balancer's hour and t2.micro (the bastion)
        # have no us-east-2 price
        "price-missing": ["aws_ecs_cluster.cluster", "module.elb.module.elb.aws_elb.this[0]",
                          "module.bastion.aws_instance.this[0]"],
        "cluster-single-az": ["aws_ecs_cluster.cluster"],
        "deployment-downtime": ["aws_ecs_service.payments_api_service"],
        "tier-single-az": ["module.vpc.aws_subnet.public[0]"],
        "nat-cross-az": ["module.vpc.aws_subnet.private[1]",
                         "module.vpc.aws_subnet.database[1]"]}, str(found))

# an unreadable model still gets a log: the run failed, each problem a result at its place
doc = sarif("unreadable", ["tests/bad/01-missing-comma.json"], 2)
if doc:
    run0 = doc["runs"][0]
    check("unreadable: run failed", run0["invocations"][0]["executionSuccessful"] is False)
    check("unreadable: one result at 5:3",
          [r["locations"][0]["physicalLocation"].get("region") for r in run0["results"]] ==
          [{"startLine": 5, "startColumn": 3}])
doc = sarif("missing-file", ["no/such/model.json"], 2)
if doc:
    check("missing-file: one result", len(doc["runs"][0]["results"]) == 1)

# JUnit: one test case per finding, errors and warnings failing
code, out, err = run(["validate", "--format", "junit",
                      "models/examples/seed002-chronous-payments-ec2.json"])
check("junit: exit 1", code == 1, err)
root = ElementTree.fromstring(out)
suite = root.find("testsuite")
check("junit: 7 tests, 7 failures", (suite.get("tests"), suite.get("failures")) == ("7", "7"))
cases = suite.findall("testcase")
check("junit: first case", cases[0].get("name") == "tier-single-az vpcs[0].subnets[0]" and
      cases[0].get("line") == "45")
code, out, err = run(["validate", "--format", "junit", "--example", "seed000-off-to-the-cloud"])
root = ElementTree.fromstring(out)
check("junit clean: one passing case", code == 0 and root.find("testsuite").get("failures") == "0"
      and len(root.iter("testcase").__next__().findall("failure")) == 0)

# JSON for an unreadable model: the same shape, readable false
code, out, err = run(["validate", "--format", "json", "tests/models/enum-aliases.json"])
document = json.loads(out)
check("json unreadable", code == 2 and document["readable"] is False and
      len(document["diagnostics"]) == 7 and document["diagnostics"][0]["path"] ==
      "vpcs[0].subnets[0].tier" and document["summary"]["errors"] == 7)

finish()
