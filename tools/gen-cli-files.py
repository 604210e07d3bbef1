#!/usr/bin/env python3
"""Generates the man pages and shell completions of ecsplan from the built program itself, so
they come from the one command table (planner/cli/ecsplan.c) and each command's options:

    gen-cli-files.py ECSPLAN OUTDIR [NAME...]

`ecsplan --list=commands|examples|regions|aws-regions|instance-types` gives the commands and
the values, `ecsplan COMMAND --help` each command's options (GOption's help, itself made from the option
tables). Writes OUTDIR/ecsplan.1, OUTDIR/ecsplan-COMMAND.1 per command, and the completions
ecsplan (bash-completion), _ecsplan (zsh) and ecsplan.fish. With NAMEs, checks that the
commands are exactly those (meson lists the man pages it installs) and fails otherwise.
"""
import os
import re
import subprocess
import sys

ECSPLAN, OUTDIR = sys.argv[1], sys.argv[2]
EXPECTED = sys.argv[3:]
ENV = dict(os.environ, NO_COLOR="1", LC_ALL="C.UTF-8")

DOCS = {
    "validate": "docs/rules.md", "alloc": "docs/model.md", "prices": "docs/prices.md",
    "diagram": "docs/diagram.md", "cost": "docs/cost.md", "compare": "docs/compare.md",
    "diff": "docs/cost.md", "import": "docs/terraform.md", "simulate": "docs/simulation.md",
    "report": "docs/report.md", "schema": "docs/model.md",
}


def ecsplan(*args):
    return subprocess.run([ECSPLAN, *args], check=True, capture_output=True, env=ENV,
                          text=True).stdout


def listing(kind):
    return [line for line in ecsplan(f"--list={kind}").splitlines() if line]


def parse_help(text):
    """GOption's --help: the options (flags, argument, text), the examples and the exit line"""
    options = []
    examples = []
    exit_status = ""
    section = None
    for line in text.splitlines():
        if line.endswith("Options:"):
            section = "options"
            continue
        if line == "Example:":
            section = "example"
            continue
        if line.startswith("Exit status:"):
            exit_status = line[len("Exit status:"):].strip()
            section = None
            continue
        if section == "options":
            match = re.match(r"^  (-\S, )?(--[a-z-]+)(=\S+)?\s+(.*)$", line)
            if match:
                short = match.group(1)[:2] if match.group(1) else None
                options.append((short, match.group(2), (match.group(3) or "")[1:], match.group(4)))
        elif section == "example" and line.startswith("  "):
            examples.append(line.strip())
    return options, examples, exit_status


def roff(text):
    """escape for troff: backslashes, leading dots and quotes, hyphens in options"""
    text = text.replace("\\", "\\e")
    text = text.replace("-", "\\-")
    if text.startswith((".", "'")):
        text = "\\&" + text
    return text


commands = [line.split("\t") for line in listing("commands")]
names = [c[0] for c in commands]
if EXPECTED and sorted(EXPECTED) != sorted(names):
    sys.exit(f"meson lists the commands {sorted(EXPECTED)}, ecsplan has {sorted(names)}: "
             "update data/meson.build")
os.makedirs(OUTDIR, exist_ok=True)
version = ecsplan("--version").split()[-1]
help_by_command = {name: parse_help(ecsplan(name, "--help")) for name in names}

# ---- man pages ----
# commands with subcommands of their own (`ecsplan prices import FILE...`): their options come
# from their own --help; True when the subcommand reads files
SUBCOMMANDS = {"prices": {"import": True, "update": False}}
sub_help = {(name, sub): parse_help(ecsplan(name, sub, "--help"))
            for name, subs in SUBCOMMANDS.items() for sub in subs}


def sub_usage(name, sub):
    """(synopsis after the command words, summary) from a subcommand's --help"""
    lines = ecsplan(name, sub, "--help").splitlines()
    synopsis = lines[1].strip().split("] ", 1)[1] if "] " in lines[1] else ""
    return synopsis, lines[3].strip()


for name, synopsis, summary in commands:
    options, examples, exit_status = help_by_command[name]
    lines = [f'.TH ECSPLAN\\-{name.upper()} 1 "" "ecsplan {version}" "ecsplan manual"',
             ".SH NAME", f"ecsplan\\-{roff(name)} \\- {roff(summary[0].lower() + summary[1:])}",
             ".SH SYNOPSIS", f".B ecsplan {roff(name)}", f"[\\fIOPTION\\fR...] {roff(synopsis)}".rstrip(),
             ".SH DESCRIPTION", roff(summary) + "."]
    if "[MODEL]" in synopsis:
        lines += [".PP", "MODEL is a model file, a Terraform plan or state as JSON "
                  "(\\fBterraform show \\-json\\fR), or \\fB\\-\\fR for standard input; "
                  "\\fB\\-\\-example\\fR \\fINAME\\fR uses a built\\-in example instead. "
                  "One of them is required."]
    lines.append(".SH OPTIONS")
    for short, long, arg, text in options:
        flag = (f"\\fB{roff(short)}\\fR, " if short else "") + f"\\fB{roff(long)}\\fR"
        if arg:
            flag += f"=\\fI{roff(arg)}\\fR"
        lines += [".TP", flag, roff(text)]
    lines.append(".SH EXAMPLES")
    for example in examples:
        lines += [".PP", ".nf", roff(example), ".fi"]
    lines += [".SH EXIT STATUS", roff(exit_status)]
    # `ecsplan prices import` and `update`: their options, examples and exit statuses here
    if name in SUBCOMMANDS:
        lines.append(".SH SUBCOMMANDS")
        for sub in SUBCOMMANDS[name]:
            sub_synopsis, sub_summary = sub_usage(name, sub)
            sub_options, sub_examples, sub_exit = sub_help[(name, sub)]
            heading = f".SS ecsplan {roff(name)} {roff(sub)} [OPTION...] {roff(sub_synopsis)}"
            lines += [heading.rstrip(), roff(sub_summary) + "."]
            for short, long, arg, text in sub_options:
                flag = (f"\\fB{roff(short)}\\fR, " if short else "") + f"\\fB{roff(long)}\\fR"
                if arg:
                    flag += f"=\\fI{roff(arg)}\\fR"
                lines += [".TP", flag, roff(text)]
            lines += [".PP", "Examples:"]
            for example in sub_examples:
                lines += [".PP", ".nf", roff(example), ".fi"]
            lines += [".PP", "Exit status: " + roff(sub_exit)]
    lines += [".SH SEE ALSO", f"\\fBecsplan\\fR(1); {roff(DOCS.get(name, 'README.md'))} in "
              "/usr/share/doc/ecsplan (or the source tree)"]
    with open(os.path.join(OUTDIR, f"ecsplan-{name}.1"), "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")

lines = [f'.TH ECSPLAN 1 "" "ecsplan {version}" "ecsplan manual"', ".SH NAME",
         "ecsplan \\- plan an AWS container environment (VPC, subnets, ECS) before building it",
         ".SH SYNOPSIS", ".B ecsplan", "\\fICOMMAND\\fR [\\fIOPTION\\fR...] [\\fIMODEL\\fR]",
         ".br", ".B ecsplan \\-\\-version", ".SH DESCRIPTION",
         "ecsplan checks a model of an AWS container environment against AWS's published "
         "rules, allocates subnet CIDRs, prices it offline from a dated price book, compares "
         "Fargate with EC2, simulates it under load and writes a report. MODEL is a model "
         "file, a Terraform plan or state as JSON, or \\fB\\-\\fR for standard input.",
         ".SH COMMANDS"]
for name, synopsis, summary in commands:
    lines += [".TP", f"\\fBecsplan {roff(name)}\\fR {roff(synopsis)}".rstrip(),
              roff(summary) + f". See \\fBecsplan\\-{roff(name)}\\fR(1)."]
lines += [".SH EXIT STATUS", "0 success, 1 findings or failure, 2 unreadable model or usage error.",
          ".SH ENVIRONMENT", ".TP", "\\fBNO_COLOR\\fR", "set and not empty: no colours.",
          ".TP", "\\fBTERM\\fR", "\\fBdumb\\fR: no colours and no progress line.",
          ".SH NOTES", "On a terminal, a run that takes over a second shows one line on standard "
          "error (a bar for \\fBcompare\\fR and \\fBsimulate\\fR, else the time so far), "
          "wiped before anything is printed; never in a pipe or with \\fB\\-\\-quiet\\fR. "
          "Missing folders above an output file (\\fB\\-o\\fR) are created when it is "
          "written.",
          ".SH FILES", ".TP", "/usr/share/ecsplan/ecsplan.schema.json",
          "the JSON Schema of a model (\\fBecsplan schema\\fR prints it).",
          ".SH SEE ALSO",
          ", ".join(f"\\fBecsplan\\-{roff(name)}\\fR(1)" for name in names)]
with open(os.path.join(OUTDIR, "ecsplan.1"), "w", encoding="utf-8") as handle:
    handle.write("\n".join(lines) + "\n")

# ---- completions ----
values = {
    "example": listing("examples"),
    "region": listing("regions"),
    "color": ["auto", "always", "never"],
    "fail-on": ["error", "warning", "note", "none"],
    "profile": ["constant", "diurnal", "weekly", "spike", "ramp"],
}
instance_types = listing("instance-types")
aws_regions = listing("aws-regions")
# the commands whose positional arguments are files (a MODEL, OLD NEW, a PLAN)
reads_files = {name for name, synopsis, _ in commands if synopsis.strip()}


def takes_file(arg):
    return arg in ("NAME|FILE", "DIR") or arg.startswith("FILE")


def option_values(name, long, arg, text):
    """the values an option takes, from the lists above or its help text"""
    key = long[2:]
    # an option that takes an instance type completes the built-in books' types
    if "instance-type" in key or arg == "INSTANCE_TYPE":
        return instance_types
    # the built-in books' regions for what reads a book; every commercial region where a
    # model, a plan or offer files name one
    if key == "region" and name in ("import", "prices import", "prices update"):
        return aws_regions
    if key == "format":
        match = re.search(r"Output format: (.*)$", text)
        if match:
            return [v.strip() for v in match.group(1).split(",")]
        if name == "report":
            return ["md"]
    # "svg (default), png or pdf", "default: AmazonEC2, AmazonECS, ...": the values the help
    # names, for options whose values are a closed list
    if key == "chart-format":
        return re.findall(r"\b(svg|png|pdf)\b", text)
    if key == "offer":
        match = re.search(r"default: ([A-Za-z0-9, ]+)\)", text)
        if match:
            return [v.strip() for v in match.group(1).split(",")]
    return values.get(key)


def bash_options(name, options, files, indent):
    """the body that completes @options' values and flags, then files when @files"""
    pad = " " * indent
    flags = " ".join(o[1] for o in options if o[1] != "--help") + " --help"
    out = [f"{pad}case \"$prev\" in"]
    for short, long, arg, text in options:
        choices = option_values(name, long, arg, text)
        pattern = "|".join(p for p in (long, short) if p)
        if choices:
            out.append(f"{pad}    {pattern}) COMPREPLY=($(compgen -W '{' '.join(choices)}' -- \"$cur\")); return ;;")
        elif arg == "DIR":
            out.append(f"{pad}    {pattern}) _filedir -d; return ;;")
        elif takes_file(arg):
            out.append(f"{pad}    {pattern}) _filedir; return ;;")
        elif arg:
            out.append(f"{pad}    {pattern}) return ;;")
    out.append(f"{pad}esac")
    files_action = "_filedir" if files else "return"
    out.append(f"{pad}if [[ \"$cur\" == -* ]]; then COMPREPLY=($(compgen -W '{flags}' -- \"$cur\")); else {files_action}; fi")
    return out


bash = ["# bash completion for ecsplan; generated by tools/gen-cli-files.py, do not edit",
        "_ecsplan()", "{",
        "    local cur prev words cword",
        "    _init_completion || return",
        f"    local commands='{' '.join(names)}'",
        "    if [ \"$cword\" -eq 1 ]; then",
        "        COMPREPLY=($(compgen -W \"$commands --help --version\" -- \"$cur\"))",
        "        return",
        "    fi",
        "    case \"${words[1]}\" in"]
for name in names:
    options, _, _ = help_by_command[name]
    bash.append(f"    {name})")
    if name in SUBCOMMANDS:
        subs = SUBCOMMANDS[name]
        bash.append("        case \"${words[2]}\" in")
        for sub, sub_files in subs.items():
            bash.append(f"        {sub})")
            bash += bash_options(f"{name} {sub}", sub_help[(name, sub)][0], sub_files, 12)
            bash.append("            return ;;")
        bash.append("        esac")
        bash.append(f"        if [ \"$cword\" -eq 2 ] && [[ \"$cur\" != -* ]]; then COMPREPLY=($(compgen -W '{' '.join(subs)}' -- \"$cur\")); return; fi")
    if name == "import":
        bash.append("        if [ \"$cword\" -eq 2 ]; then COMPREPLY=($(compgen -W 'terraform' -- \"$cur\")); return; fi")
    bash += bash_options(name, options, name in reads_files, 8)
    bash.append("        ;;")
bash += ["    esac", "}", "complete -F _ecsplan ecsplan", ""]
with open(os.path.join(OUTDIR, "ecsplan"), "w", encoding="utf-8") as handle:
    handle.write("\n".join(bash))


def zsh_quote(text):
    return text.replace("'", "'\\''").replace("[", "\\[").replace("]", "\\]").replace(":", "\\:")


zsh = ["#compdef ecsplan", "# zsh completion for ecsplan; generated by tools/gen-cli-files.py, do not edit",
       "", "_ecsplan() {", "  local -a commands", "  commands=("]
for name, synopsis, summary in commands:
    zsh.append(f"    '{name}:{zsh_quote(summary)}'")
zsh += ["  )", "  if (( CURRENT == 2 )); then",
        "    _describe -t commands 'ecsplan command' commands",
        "    _arguments '(- *)'{-V,--version}'[print the version]' '(- *)'{-h,--help}'[show help]'",
        "    return", "  fi", "  local command=${words[2]}", "  shift words", "  (( CURRENT-- ))",
        "  case $command in"]
def zsh_specs(name, options):
    """_arguments specs for @options"""
    specs = []
    for short, long, arg, text in options:
        choices = option_values(name, long, arg, text)
        action = ""
        if arg:
            if choices:
                action = f":{arg.lower()}:({' '.join(choices)})"
            elif takes_file(arg):
                action = f":{arg.lower()}:_files"
            else:
                action = f":{arg.lower()}: "
        names_spec = "{" + f"{short},{long}" + "}" if short else long
        eq = "=" if arg else ""
        specs.append(f"'{names_spec}{eq}[{zsh_quote(text)}]{action}'" if not short else
                     f"{names_spec}'{eq}[{zsh_quote(text)}]{action}'")
    return specs


def zsh_arguments(specs, indent):
    pad = " " * indent
    out = [f"{pad}_arguments -s \\"] + [f"{pad}  {spec} \\" for spec in specs]
    out[-1] = out[-1][:-2]
    return out


for name in names:
    options, _, _ = help_by_command[name]
    zsh.append(f"    {name})")
    specs = zsh_specs(name, options)
    if name == "import":
        specs.append("'1:format:(terraform)'")
        specs.append("'2:plan:_files'")
    elif name == "diff":
        specs += ["'1:old model:_files'", "'2:new model:_files'"]
    elif name in SUBCOMMANDS:
        specs.append(f"'1::subcommand:({' '.join(SUBCOMMANDS[name])})'")
    elif name in reads_files:
        specs.append("'1:model:_files'")
    # `ecsplan prices import ...`: the subcommand's own options once it is named
    for index, (sub, sub_files) in enumerate(SUBCOMMANDS.get(name, {}).items()):
        keyword = "if" if index == 0 else "elif"
        sub_specs = zsh_specs(f"{name} {sub}", sub_help[(name, sub)][0])
        if sub_files:
            sub_specs.append("'*:offer file:_files'")
        zsh.append(f"      {keyword} [[ ${{words[2]}} == {sub} ]]; then")
        zsh += ["        shift words", "        (( CURRENT-- ))"]
        zsh += zsh_arguments(sub_specs, 8)
    if name in SUBCOMMANDS:
        zsh.append("      else")
        zsh += zsh_arguments(specs, 8)
        zsh.append("      fi")
    else:
        zsh += zsh_arguments(specs, 6)
    zsh.append("      ;;")
zsh += ["  esac", "}", "", "_ecsplan \"$@\"", ""]
with open(os.path.join(OUTDIR, "_ecsplan"), "w", encoding="utf-8") as handle:
    handle.write("\n".join(zsh))


def fish_quote(text):
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def fish_options(name, condition, options):
    out = []
    for short, long, arg, text in options:
        if long == "--help":
            continue
        parts = [f"complete -c ecsplan -n {condition}"]
        if short:
            parts.append(f"-s {short[1:]}")
        parts.append(f"-l {long[2:]}")
        choices = option_values(name, long, arg, text)
        if choices:
            parts.append(f"-x -a {fish_quote(' '.join(choices))}")
        elif takes_file(arg):
            parts.append("-r -F")
        elif arg:
            parts.append("-x")
        parts.append(f"-d {fish_quote(text)}")
        out.append(" ".join(parts))
    return out


# `__ecsplan_is CMD [SUB]`: the first word after ecsplan that is not an option is CMD and,
# with SUB, the second is SUB ("-": none of CMD's subcommands), so `ecsplan prices import`
# does not complete as `ecsplan import`
all_subs = " ".join(sorted({sub for subs in SUBCOMMANDS.values() for sub in subs}))
fish = ["# fish completion for ecsplan; generated by tools/gen-cli-files.py, do not edit",
        "function __ecsplan_is",
        "    set -l words (commandline -opc)",
        "    set -e words[1]",
        "    set -l plain",
        "    for word in $words",
        "        string match -q -- '-*' $word; or set -a plain $word",
        "    end",
        "    test \"$plain[1]\" = \"$argv[1]\"; or return 1",
        "    set -q argv[2]; or return 0",
        "    if test \"$argv[2]\" = -",
        f"        not contains -- \"$plain[2]\" {all_subs}",
        "    else",
        "        test \"$plain[2]\" = \"$argv[2]\"",
        "    end",
        "end",
        "complete -c ecsplan -f",
        f"complete -c ecsplan -n __fish_use_subcommand -s V -l version -d {fish_quote('Print the version')}"]
for name, synopsis, summary in commands:
    fish.append(f"complete -c ecsplan -n __fish_use_subcommand -a {name} -d {fish_quote(summary)}")
for name in names:
    options, _, _ = help_by_command[name]
    condition = f"'__ecsplan_is {name}{' -' if name in SUBCOMMANDS else ''}'"
    if name in reads_files:
        fish.append(f"complete -c ecsplan -n {condition} -F")
    fish += fish_options(name, condition, options)
    for sub, sub_files in SUBCOMMANDS.get(name, {}).items():
        sub_condition = f"'__ecsplan_is {name} {sub}'"
        sub_options, _, _ = sub_help[(name, sub)]
        fish.append(f"complete -c ecsplan -n {condition} -a {sub} -d "
                    f"{fish_quote(f'ecsplan {name} {sub}')}")
        if sub_files:
            fish.append(f"complete -c ecsplan -n {sub_condition} -F")
        fish += fish_options(f"{name} {sub}", sub_condition, sub_options)
fish.append(f"complete -c ecsplan -n '__ecsplan_is import' -a terraform -d {fish_quote('a Terraform plan or state as JSON')}")
with open(os.path.join(OUTDIR, "ecsplan.fish"), "w", encoding="utf-8") as handle:
    handle.write("\n".join(fish) + "\n")
