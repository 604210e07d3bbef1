#!/usr/bin/env python3
"""The model's JSON Schema (issue 16): `ecsplan schema` is a valid draft 2020-12 schema, every
example and test model that ecsplan reads without a problem is valid against it, and the models
ecsplan refuses (tests/bad/) or warns about (unknown fields) are not. Skipped (exit 77) without
python3-jsonschema."""
import glob
import json
import os
import subprocess
import sys

try:
    import jsonschema
except ImportError:
    print("python3-jsonschema is missing: skipped")
    sys.exit(77)

ECSPLAN = os.environ["ECSPLAN"]
SRCDIR = os.environ["SRCDIR"]
schema = json.loads(subprocess.run([ECSPLAN, "schema"], check=True, capture_output=True).stdout)
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)
passed = 0
failed = 0


def loads_cleanly(path):
    """ecsplan reads @path with no problem and no field-unknown warning"""
    process = subprocess.run([ECSPLAN, "validate", "--format", "json", "--fail-on", "none", path],
                             cwd=SRCDIR, capture_output=True)
    if process.returncode != 0:
        return False
    findings = json.loads(process.stdout)["diagnostics"]
    return not any(f["code"] == "field-unknown" for f in findings)


def expect(name, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
        print(f"ok {name}")
    else:
        failed += 1
        print(f"FAIL {name} {detail}")


models = sorted(glob.glob(os.path.join(SRCDIR, "models/examples/*.json")) +
                glob.glob(os.path.join(SRCDIR, "tests/models/*.json")))
for path in models:
    name = os.path.relpath(path, SRCDIR)
    with open(path, encoding="utf-8") as handle:
        try:
            model = json.load(handle)
        except ValueError:
            continue
    if not isinstance(model, dict) or "ecsplan" not in model:
        continue  # a price book or another input, not a model
    errors = [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(model)]
    clean = loads_cleanly(name)
    # the schema and the loader agree: valid exactly when ecsplan reads it without a word
    expect(f"{name}: schema {'accepts' if clean else 'refuses'} it", (not errors) == clean,
           "; ".join(errors[:3]) or "the schema accepts what ecsplan warns about")

# the bad-input corpus that is JSON: a wrong type, an enum value, a version; all refused
for path in sorted(glob.glob(os.path.join(SRCDIR, "tests/bad/*.json"))):
    with open(path, encoding="utf-8", errors="replace") as handle:
        try:
            model = json.load(handle)
        except ValueError:
            continue
    name = os.path.relpath(path, SRCDIR)
    if isinstance(model, dict) and validator.is_valid(model):
        # only what a schema cannot say: duplicate keys, limits and checks of the loader
        expect(f"{name}: refused by ecsplan, beyond a schema", not loads_cleanly(name))
    else:
        expect(f"{name}: schema refuses it", True)

# "$schema" at the top is accepted by both
expect("$schema accepted", validator.is_valid({"$schema": "./ecsplan.schema.json", "ecsplan": 1,
                                               "region": "us-east-1", "vpcs": []}))
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
