#!/usr/bin/env python3
"""The scripts of docs/optimize.md, "Running the shards" (issue 17): docs/optimize/slurm.sh,
batch-job.json, batch-submit-job.json and k8s-indexed-job.yaml are well-formed (sh -n, JSON,
YAML when python3-yaml is there, else the keys by text), run the same search as the page (the
options it names, in 4 shards, --shard auto, the count where the platform does not give it),
and every option they pass to `ecsplan optimize` is one `ecsplan optimize --help` lists.

    optimize-scripts.py          check (exit 1 with the reasons)
"""
import json
import os
import re
import shlex
import subprocess
import sys

SRCDIR = os.environ["SRCDIR"]
ECSPLAN = os.environ.get("ECSPLAN")
DOCS = os.path.join(SRCDIR, "docs")
SCRIPTS = os.path.join(DOCS, "optimize")
SHARDS = 4
problems = []


def problem(text):
    problems.append(text)


def read(name):
    with open(os.path.join(SCRIPTS, name), encoding="utf-8") as handle:
        return handle.read()


with open(os.path.join(DOCS, "optimize.md"), encoding="utf-8") as handle:
    page = handle.read()

# the search every example runs, as the page names it
match = re.search(r"the options\s+`([^`]+)`, in (\d+) shards", page)
if match is None:
    print("optimize-scripts: docs/optimize.md no longer names the options the examples share")
    sys.exit(1)
OPTIONS = match.group(1)
if int(match.group(2)) != SHARDS:
    problem(f"docs/optimize.md runs {match.group(2)} shards; the scripts run {SHARDS}")


def ecsplan_commands(text):
    """each `ecsplan optimize ...` command line in a shell text, continuation lines joined"""
    joined = re.sub(r"\\\n\s*", " ", text)
    found = []
    for line in joined.split("\n"):
        at = line.find("ecsplan optimize")
        if at >= 0 and not line.lstrip().startswith("#"):
            found.append(line[at:])
    return found


def check_command(where, command, shard):
    if OPTIONS not in command:
        problem(f"{where}: the command does not run the page's search ({OPTIONS}): {command}")
    if shard and "--shard auto" not in command and "--shard {}/4" not in command:
        problem(f"{where}: the command does not take its shard: {command}")
    if not shard and "--merge" not in command:
        problem(f"{where}: expected a merge: {command}")


def options_of(command):
    words = shlex.split(command.split('"')[0] if command.count('"') % 2 else command)
    return sorted({w.split("=")[0] for w in words if w.startswith("--")})


used_options = set()

# Slurm: a shell script, the array of 4, and the same text on the page
slurm = read("slurm.sh")
result = subprocess.run(["sh", "-n", os.path.join(SCRIPTS, "slurm.sh")], capture_output=True,
                        text=True)
if result.returncode != 0:
    problem(f"slurm.sh: sh -n: {result.stderr.strip()}")
if f"#SBATCH --array=1-{SHARDS}" not in slurm:
    problem(f"slurm.sh: no '#SBATCH --array=1-{SHARDS}'")
if slurm not in page:
    problem("slurm.sh: the page does not show the script as it is")
commands = ecsplan_commands(slurm)
shard_commands = [c for c in commands if "--merge" not in c]
if len(shard_commands) != 1:
    problem(f"slurm.sh: {len(shard_commands)} shard commands, expected 1")
for command in shard_commands:
    check_command("slurm.sh", command, True)
    used_options.update(options_of(command))
for command in [c for c in commands if "--merge" in c]:
    check_command("slurm.sh (the merge in its comment)", command, False)

# AWS Batch: two requests of the AWS CLI's --cli-input-json
try:
    job = json.loads(read("batch-job.json"))
    submit = json.loads(read("batch-submit-job.json"))
except json.JSONDecodeError as error:
    problem(f"batch: not JSON: {error}")
    job, submit = {}, {}
if job:
    container = job.get("containerProperties", {})
    command = container.get("command", [])
    if command[:2] != ["sh", "-c"] or len(command) != 3:
        problem(f"batch-job.json: the command is not ['sh', '-c', TEXT]: {command}")
    else:
        for line in ecsplan_commands(command[2]):
            check_command("batch-job.json", line, True)
            used_options.update(options_of(line))
        if "$AWS_BATCH_JOB_ARRAY_INDEX" not in command[2]:
            problem("batch-job.json: the shard file is not named by AWS_BATCH_JOB_ARRAY_INDEX")
    env = {e.get("name"): e.get("value") for e in container.get("environment", [])}
    if env.get("ECSPLAN_SHARDS") != str(SHARDS):
        problem(f"batch-job.json: ECSPLAN_SHARDS is {env.get('ECSPLAN_SHARDS')}, not {SHARDS}")
    if job.get("jobDefinitionName") != submit.get("jobDefinition"):
        problem("batch-submit-job.json does not submit the job definition of batch-job.json")
if submit:
    if submit.get("arrayProperties", {}).get("size") != SHARDS:
        problem(f"batch-submit-job.json: arrayProperties.size is not {SHARDS}")
    overrides = {e.get("name"): e.get("value")
                 for e in submit.get("containerOverrides", {}).get("environment", [])}
    if overrides.get("ECSPLAN_SHARDS", str(SHARDS)) != str(SHARDS):
        problem("batch-submit-job.json: ECSPLAN_SHARDS contradicts the array's size")

# Kubernetes: an Indexed Job of 4 completions
yaml_text = read("k8s-indexed-job.yaml")
try:
    import yaml
except ImportError:
    yaml = None
if yaml is not None:
    try:
        manifest = yaml.safe_load(yaml_text)
    except yaml.YAMLError as error:
        problem(f"k8s-indexed-job.yaml: not YAML: {error}")
        manifest = {}
    spec = manifest.get("spec", {})
    if manifest.get("kind") != "Job" or spec.get("completionMode") != "Indexed":
        problem("k8s-indexed-job.yaml: not a Job with completionMode: Indexed")
    if spec.get("completions") != SHARDS:
        problem(f"k8s-indexed-job.yaml: completions is not {SHARDS}")
    containers = spec.get("template", {}).get("spec", {}).get("containers", [])
    if len(containers) != 1:
        problem("k8s-indexed-job.yaml: expected one container")
    else:
        command = containers[0].get("command", [])
        text = command[2] if len(command) == 3 and command[:2] == ["sh", "-c"] else ""
        if not text:
            problem(f"k8s-indexed-job.yaml: the command is not [sh, -c, TEXT]: {command}")
        for line in ecsplan_commands(text):
            check_command("k8s-indexed-job.yaml", line, True)
            used_options.update(options_of(line))
        if "$JOB_COMPLETION_INDEX" not in text:
            problem("k8s-indexed-job.yaml: the shard file is not named by JOB_COMPLETION_INDEX")
        env = {e.get("name"): e.get("value") for e in containers[0].get("env", [])}
        if env.get("ECSPLAN_SHARDS") != str(SHARDS):
            problem(f"k8s-indexed-job.yaml: ECSPLAN_SHARDS is not \"{SHARDS}\"")
else:
    for key in ("kind: Job", "completionMode: Indexed", f"completions: {SHARDS}",
                "name: ECSPLAN_SHARDS", f'value: "{SHARDS}"', "$JOB_COMPLETION_INDEX"):
        if key not in yaml_text:
            problem(f"k8s-indexed-job.yaml: no '{key}'")
    for line in ecsplan_commands(yaml_text):
        check_command("k8s-indexed-job.yaml", line.rstrip('"'), True)

# the page's own shell blocks in "Running the shards"
section = page[page.index("## Running the shards"):]
for block in re.findall(r"```sh\n(.*?)```", section, re.S):
    for line in ecsplan_commands(block):
        check_command("docs/optimize.md", line, "--merge" not in line)
        used_options.update(options_of(line))

# every option is one the command has, once it exists
if ECSPLAN:
    result = subprocess.run([ECSPLAN, "optimize", "--help"], capture_output=True, text=True)
    if result.returncode == 0:
        for option in sorted(used_options):
            if not re.search(r"(^|\s)" + re.escape(option) + r"(=|\s|,|$)", result.stdout,
                             re.M):
                problem(f"the scripts pass {option}, which 'ecsplan optimize --help' does not "
                        "list")

if problems:
    for text in problems:
        print("optimize-scripts:", text)
    sys.exit(1)
print(f"optimize-scripts: 4 files and the page agree ({OPTIONS}; {SHARDS} shards)")
