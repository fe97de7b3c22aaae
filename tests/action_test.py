"""action.yml run as a GitHub runner runs a composite action: its steps parsed from
the YAML, ${{ inputs.* }} / ${{ github.* }} / ${{ steps.*.outputs.* }} expressions
substituted, each `run:` executed with `bash --noprofile --norc -eo pipefail` in
GITHUB_WORKSPACE with the GITHUB_* variables set, GITHUB_PATH and GITHUB_OUTPUT read
back between steps. The package input points at the .deb CPack builds here (the
release download needs the network). Checks the annotations and the SARIF file.

    /usr/bin/python3 tests/action_test.py SOURCE_DIR BINARY_DIR
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

try:
    import yaml
except ImportError:
    print("SKIP: python3-yaml is not installed (scripts/setup.sh --test installs it)")
    sys.exit(77)

SRC, BIN = sys.argv[1], sys.argv[2]
EXPR = re.compile(r"\$\{\{\s*([^}]*?)\s*\}\}")


def fail(message):
    print("FAIL: " + message)
    sys.exit(1)


def run_action(action, inputs, workspace, temp):
    values = {name: str(spec.get("default", "")) for name, spec in action["inputs"].items()}
    for name in inputs:
        if name not in values:
            fail(f"the test passes input {name}, which action.yml does not declare")
    values.update(inputs)
    steps_outputs = {}
    github = {"action_path": SRC, "workspace": workspace}

    def substitute(text):
        def one(match):
            expr = match.group(1)
            parts = expr.split(".")
            if parts[0] == "inputs" and len(parts) == 2:
                return values[parts[1]]
            if parts[0] == "github" and len(parts) == 2:
                return github[parts[1]]
            if parts[0] == "steps" and len(parts) == 4 and parts[2] == "outputs":
                return steps_outputs.get(parts[1], {}).get(parts[3], "")
            fail(f"expression the test runner does not know: {expr}")
        return EXPR.sub(one, str(text))

    path_file = os.path.join(temp, "github_path")
    open(path_file, "w").close()
    base_env = {
        "PATH": "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin",
        "HOME": temp,
        "CI": "true",
        "GITHUB_ACTIONS": "true",
        "GITHUB_WORKSPACE": workspace,
        "GITHUB_ACTION_PATH": SRC,
        "GITHUB_ACTION_REPOSITORY": "OWNER/sagelint",
        "GITHUB_SERVER_URL": "https://github.invalid",
        "GITHUB_PATH": path_file,
        "GITHUB_ENV": os.path.join(temp, "github_env"),
        "GITHUB_STEP_SUMMARY": os.path.join(temp, "summary"),
        "RUNNER_TEMP": temp,
        "RUNNER_OS": "Linux",
    }
    log = ""
    code = 0
    for index, step in enumerate(action["runs"]["steps"]):
        if "run" not in step:
            fail(f"step {index} is not a run: step")
        if step.get("shell") != "bash":
            fail(f"step {index} does not say shell: bash")
        env = dict(base_env)
        extra_path = [line.strip() for line in open(path_file) if line.strip()]
        env["PATH"] = ":".join(list(reversed(extra_path)) + [env["PATH"]])
        output_file = os.path.join(temp, f"output_{index}")
        open(output_file, "w").close()
        env["GITHUB_OUTPUT"] = output_file
        for key, value in (step.get("env") or {}).items():
            env[key] = substitute(value)
        script = os.path.join(temp, f"step_{index}.sh")
        with open(script, "w") as f:
            f.write(substitute(step["run"]))
        proc = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", script],
                              cwd=workspace, env=env, capture_output=True, text=True, timeout=120)
        log += proc.stdout + proc.stderr
        outputs = {}
        for line in open(output_file):
            if "=" in line:
                k, v = line.rstrip("\n").split("=", 1)
                outputs[k] = v
        if "id" in step:
            steps_outputs[step["id"]] = outputs
        code = proc.returncode
        if code != 0:
            break  # a runner stops at the first failing step
    action_outputs = {k: substitute(v["value"]) for k, v in (action.get("outputs") or {}).items()}
    return code, log, action_outputs


def main():
    with open(os.path.join(SRC, "action.yml")) as f:
        action = yaml.safe_load(f)
    for name in ("targets", "format", "failure-threshold", "sarif-file", "config"):
        if name not in action.get("inputs", {}):
            fail(f"action.yml lacks input {name}")
    if action["runs"].get("using") != "composite":
        fail("action.yml is not a composite action")

    work = tempfile.mkdtemp(prefix="sagelint-action-")
    try:
        pkg = os.path.join(work, "pkg")
        built = subprocess.run(["cpack", "--config", os.path.join(BIN, "CPackConfig.cmake"), "-B", pkg],
                               capture_output=True, text=True)
        if built.returncode != 0:
            fail("cpack: " + built.stdout + built.stderr)
        debs = [os.path.join(pkg, n) for n in os.listdir(pkg) if n.endswith("_amd64.deb")]
        if len(debs) != 1:
            fail(f"expected one .deb, found {debs}")

        workspace = os.path.join(work, "repo")
        os.makedirs(os.path.join(workspace, "svc"))
        shutil.copy(os.path.join(SRC, "examples/shell-entrypoint/Dockerfile"), workspace)
        with open(os.path.join(workspace, "svc", "Dockerfile"), "w") as f:
            f.write("FROM python:3.11-slim\nWORKDIR /opt/ml/code\nENTRYPOINT [\"python\", \"run.py\"]\n")
        with open(os.path.join(workspace, "lint.yaml"), "w") as f:
            f.write("ignored: [SMP011]\n")

        # 1. An error finding: annotations, a SARIF file, and a failing step.
        temp = os.path.join(work, "t1")
        os.makedirs(temp)
        code, log, outputs = run_action(
            action, {"targets": "Dockerfile\nsvc/Dockerfile", "package": debs[0], "config": "lint.yaml"},
            workspace, temp)
        print(log)
        if code != 1:
            fail(f"the lint step exited {code}, expected 1 (an error finding)")
        annotations = [l for l in log.splitlines() if l.startswith("::")]
        if not any(re.match(r"::error file=Dockerfile,line=\d+,col=\d+,.*title=SMP001::", l) for l in annotations):
            fail("no ::error annotation for SMP001 on Dockerfile")
        if any("SMP011" in l for l in annotations):
            fail("the config input was not applied (SMP011 is ignored there)")
        if outputs.get("sarif-file") != "sagelint.sarif":
            fail(f"output sarif-file is {outputs.get('sarif-file')!r}")
        with open(os.path.join(workspace, "sagelint.sarif")) as f:
            sarif = json.load(f)
        results = sarif["runs"][0]["results"]
        smp001 = [r for r in results if r["ruleId"] == "SMP001"]
        if not smp001:
            fail("the SARIF file has no SMP001 result")
        location = smp001[0]["locations"][0]["physicalLocation"]["artifactLocation"]
        if location != {"uri": "Dockerfile", "uriBaseId": "%SRCROOT%"}:
            fail(f"SARIF location {location} is not relative to the workspace")
        if not os.path.isfile(os.path.join(temp, "sagelint", "usr", "bin", "sagelint")):
            fail("the package was not unpacked into RUNNER_TEMP")

        # 2. failure-threshold none and no SARIF: the step passes, nothing is written.
        os.remove(os.path.join(workspace, "sagelint.sarif"))
        temp = os.path.join(work, "t2")
        os.makedirs(temp)
        code, log, outputs = run_action(
            action, {"targets": "Dockerfile", "package": debs[0], "failure-threshold": "none",
                     "sarif-file": "", "format": "gnu"}, workspace, temp)
        print(log)
        if code != 0:
            fail(f"with failure-threshold none the lint step exited {code}")
        if not re.search(r"^Dockerfile:\d+:\d+: error: SMP001: ", log, re.M):
            fail("format gnu was not applied")
        if os.path.exists(os.path.join(workspace, "sagelint.sarif")):
            fail("sarif-file \"\" still wrote a SARIF file")
        print("PASS: action.yml's steps install the package, annotate and write SARIF")
    finally:
        shutil.rmtree(work, ignore_errors=True)


main()
