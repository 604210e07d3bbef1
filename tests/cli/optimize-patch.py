#!/usr/bin/env python3
"""optimize's model change (issue 17, done-when): on seed 004 and on a generated 20-service
model, `ecsplan optimize --patch P --output-model M` writes an RFC 6902 patch that, applied to
the model file as the user wrote it (by the small applier below, RFC 6902 section 4), gives a
model that simulates exactly as M does, and meets the service level the search was asked for:
every service's unmet demand within the bound (the search measured none, so none is allowed)."""
import json
import os
import subprocess
import sys
import tempfile

from checks import check, finish, run

ECSPLAN = os.environ["ECSPLAN"]
SRCDIR = os.environ["SRCDIR"]


def pointer(path):
    """a JSON pointer's tokens (RFC 6901): ~1 is '/', ~0 is '~'"""
    assert path.startswith("/"), path
    return [t.replace("~1", "/").replace("~0", "~") for t in path[1:].split("/")]


def apply_patch(document, operations):
    for op in operations:
        tokens = pointer(op["path"])
        parent = document
        for token in tokens[:-1]:
            parent = parent[int(token)] if isinstance(parent, list) else parent[token]
        last = tokens[-1]
        if op["op"] == "add":
            if isinstance(parent, list):
                parent.insert(len(parent) if last == "-" else int(last), op["value"])
            else:
                parent[last] = op["value"]
        elif op["op"] == "replace":
            if isinstance(parent, list):
                parent[int(last)] = op["value"]
            else:
                assert last in parent, op["path"]
                parent[last] = op["value"]
        elif op["op"] == "remove":
            if isinstance(parent, list):
                del parent[int(last)]
            else:
                del parent[last]
        else:
            raise ValueError(f"unexpected op {op['op']}")
    return document


SIM = ["--runs", "2", "--duration", "2d"]


def case(name, model_path, extra):
    with tempfile.TemporaryDirectory() as scratch:
        patch_file = os.path.join(scratch, "patch.json")
        edited_file = os.path.join(scratch, "edited.json")
        applied_file = os.path.join(scratch, "applied.json")
        status, out, err = run(["optimize", "--slo", "unmet<=0.1%", "--threads", "2"] + SIM +
                               extra + ["--format", "json", "--patch", patch_file,
                                        "--output-model", edited_file, model_path])
        check(f"{name}: optimize exits 0", status == 0, err[-400:])
        if status != 0:
            return
        answer = json.loads(out)
        check(f"{name}: every service has an answer",
              all(s["best"] is not None for s in answer["services"]))
        with open(os.path.join(SRCDIR, model_path), encoding="utf-8") as handle:
            original = json.load(handle)
        with open(patch_file, encoding="utf-8") as handle:
            operations = json.load(handle)
        check(f"{name}: the patch has operations", len(operations) > 0)
        applied = apply_patch(original, operations)
        with open(applied_file, "w", encoding="utf-8") as handle:
            json.dump(applied, handle, indent=2)
        sims = {}
        for label, path in (("applied", applied_file), ("edited", edited_file)):
            status, out, err = run(["simulate", "--format", "json"] + SIM + extra + [path])
            check(f"{name}: simulate the {label} model", status == 0, err[-400:])
            if status != 0:
                return
            sims[label] = json.loads(out)["services"]
        keys = ("task_hours", "unmet_requests", "spot_task_hours", "utilization", "peak_tasks")
        check(f"{name}: the patched file simulates as the edited model",
              [{k: s[k] for k in keys} for s in sims["applied"]] ==
              [{k: s[k] for k in keys} for s in sims["edited"]])
        for service, best in zip(sims["applied"], answer["services"]):
            measured = best["best"]["measures"]["unmet_pct"]
            check(f"{name}: {service['name']} meets unmet<=0.1% re-simulated",
                  measured == 0 and service["unmet_requests"] == 0,
                  f"measured {measured}%, re-simulated {service['unmet_requests']} requests")


case("seed004", "models/examples/seed004-cruddur-bootcamp.json", [])
with tempfile.TemporaryDirectory() as gen:
    generated = os.path.join(gen, "gen20.json")
    subprocess.run([sys.executable, os.path.join(SRCDIR, "bench/gen-model.py"), "--vpcs", "1",
                    "--subnets-per-vpc", "12", "--services-per-vpc", "20", "-o", generated],
                   check=True)
    case("generated 20 services", generated, ["--profile", "diurnal"])

finish()
