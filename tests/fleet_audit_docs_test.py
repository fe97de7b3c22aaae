#!/usr/bin/env python3
"""docs/fleet-audit.md stays usable: every fenced yaml/json block parses, and every
sagelint option the examples use exists in the built binary's --help (read from the
binary, so an option that is renamed or removed fails here).

  tests/fleet_audit_docs_test.py SOURCE_DIR BUILD_DIR     (exit 77 = skipped)
"""
import json
import re
import shlex
import subprocess
import sys

src, build = sys.argv[1], sys.argv[2]
try:
    import yaml
except ImportError:
    print("skipped: python3-yaml is not installed (scripts/setup.sh --test)")
    sys.exit(77)

doc_path = f"{src}/docs/fleet-audit.md"
text = open(doc_path, encoding="utf-8").read()
blocks = re.findall(r"^```([a-z]*)\n(.*?)^```", text, re.S | re.M)
fails = []


def check(what, ok, detail=""):
    print(("ok: " if ok else "FAIL: ") + what + (f" ({detail})" if detail and not ok else ""))
    if not ok:
        fails.append(what)


invocations = []  # (where, [tokens after "sagelint"])
COMMAND = re.compile(r"(?:^|[\s;&|(])sagelint\s+((?:lint|run|report\s+merge)\b[^;&|\n]*)")


def from_text(where, s):
    s = s.replace("\\\n", " ")
    for m in COMMAND.finditer(s):
        try:
            tokens = shlex.split(m.group(1), comments=True)
        except ValueError:
            tokens = m.group(1).split()
        invocations.append((where, tokens))


def walk(where, node):
    if isinstance(node, dict):
        args = node.get("ContainerArguments")
        if node.get("ContainerEntrypoint") == ["sagelint"] and isinstance(args, list):
            invocations.append((where + " ContainerArguments", [str(a) for a in args]))
        uses, with_ = node.get("uses", ""), node.get("with")
        if isinstance(uses, str) and "/sagelint@" in uses and isinstance(with_, dict):
            # The action passes `targets` (split on whitespace) to `sagelint lint`.
            invocations.append((where + " action targets", ["lint"] + str(with_.get("targets", "")).split()))
        for v in node.values():
            walk(where, v)
    elif isinstance(node, list):
        if node and isinstance(node[0], str) and node[0].split("/")[-1] == "sagelint":
            invocations.append((where, [str(a) for a in node[1:]]))
        for v in node:
            walk(where, v)
    elif isinstance(node, str):
        from_text(where, node)


for n, (lang, body) in enumerate(blocks, 1):
    where = f"block {n} ({lang or 'text'})"
    if lang == "yaml":
        try:
            docs = list(yaml.safe_load_all(body))
            check(f"{where} parses as YAML", True)
            walk(where, docs)
        except yaml.YAMLError as e:
            check(f"{where} parses as YAML", False, str(e).replace("\n", " "))
    elif lang == "json":
        try:
            walk(where, json.loads(body))
            check(f"{where} parses as JSON", True)
        except json.JSONDecodeError as e:
            check(f"{where} parses as JSON", False, str(e))
    else:
        from_text(where, body)
# Inline code in the prose that is a sagelint command line.
for span in re.findall(r"`([^`\n]+)`", re.sub(r"^```.*?^```", "", text, flags=re.S | re.M)):
    if span.startswith("sagelint "):
        from_text("prose", span)
    elif re.match(r"--[a-z][a-z-]*", span):  # an option named in the prose: `--all-tags`
        invocations.append(("prose", ["lint", span.split()[0]]))

check("the examples run sagelint", len(invocations) >= 8, f"{len(invocations)} found")

helps = {}


def help_of(command):
    if command not in helps:
        p = subprocess.run([f"{build}/sagelint", *command.split(), "--help"], capture_output=True, text=True)
        helps[command] = p.stdout + p.stderr if p.returncode == 0 else None
    return helps[command]


seen = set()
for where, tokens in invocations:
    command = "report merge" if tokens[:2] == ["report", "merge"] else tokens[0] if tokens else "lint"
    h = help_of(command)
    if h is None:
        check(f"{where}: `sagelint {command}` exists", False, f"`sagelint {command} --help` failed")
        continue
    for t in tokens:
        if not t.startswith("-") or t == "-" or t.startswith("-$"):
            continue
        name = t.split("=", 1)[0]
        if (where, command, name) in seen:
            continue
        seen.add((where, command, name))
        present = re.search(r"(^|[\s,])" + re.escape(name) + r"([\s,=\[]|$)", h, re.M)
        check(f"{where}: sagelint {command} {name}", bool(present), "not in --help")
sys.exit(1 if fails else 0)
