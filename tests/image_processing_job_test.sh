#!/usr/bin/env bash
# The container image of sagelint as a SageMaker Processing job (issue 11 point 3),
# run by `sagelint run` on runc the way SageMaker runs it: no ContainerEntrypoint
# override, the inputs under /opt/ml/processing/input/, and a root-owned
# /opt/ml/processing/output. The VERSION-processing tag lints the Dockerfile it is given
# and writes report.json, report.sarif and report.html to the output; the non-root VERSION tag stops
# at once with one line naming the directory and the tag to use. Then, with the same
# image, tests/fleet_processing_job.sh: a 3-host job auditing a loopback registry.
#   tests/image_processing_job_test.sh SOURCE_DIR BINARY_DIR
set -euo pipefail
source "$(dirname "$0")/support/skip.sh"
src=$1 bin=$2
[ "$(id -u)" = 0 ] || skip "sagelint run on runc needs root"
command -v runc >/dev/null || skip "runc is not installed (scripts/setup.sh --test)"
for tool in node docker-registry python3 curl; do
  command -v $tool >/dev/null || skip "$tool is not installed (scripts/setup.sh --test)"
done
work=$(mktemp -d /tmp/sagelint-image-job-XXXXXX)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

TMPDIR=$work "$src/packaging/build-image.sh" "$bin/sagelint" "$src" "$work/image" >"$work/build.log" 2>&1 ||
  { cat "$work/build.log"; fail "build-image.sh"; }
archive="$work/image/sagelint.oci.tar"
version=$("$bin/sagelint" --version | awk '{print $2}')

mkdir -p "$work/in/app"
cp "$src/examples/shell-entrypoint/Dockerfile" "$work/in/app/Dockerfile"
job() {  # job TAG OUT_DIR -> exit code of sagelint run; the report in OUT_DIR.run.json
  set +e
  timeout 300 "$bin/sagelint" run "oci-archive:$archive:$1" \
    --input "$work/in:/opt/ml/processing/input/targets" \
    --output "/opt/ml/processing/output:$2" --report "$2.run.json" 2>"$2.log"
  local code=$?
  set -e
  return $code
}

code=0
job "$version-processing" "$work/out" || code=$?
cat "$work/out.log"
[ "$code" = 1 ] || fail "the $version-processing job exited $code, expected 1 (a warning in the Dockerfile)"
node -e '
  const fs = require("fs"), dir = process.argv[1];
  const run = JSON.parse(fs.readFileSync(dir + ".run.json", "utf8"));
  const problems = [];
  if (run.ProcessingJobStatus !== "Failed") problems.push(`status ${run.ProcessingJobStatus}`);
  if (run.CommandSource === undefined || JSON.stringify(run.ResolvedCommand) !==
      JSON.stringify(["/usr/bin/sagelint", "processing-job"]))
    problems.push(`command ${JSON.stringify(run.ResolvedCommand)}`);
  if ((run.Hosts || []).map(h => h.ExitCode).join() !== "1") problems.push("host exit code");
  const report = JSON.parse(fs.readFileSync(dir + "/report.json", "utf8"));
  const rules = report.findings.filter(f => f.target === "targets/app/Dockerfile").map(f => f.rule);
  if (!rules.includes("SMP001")) problems.push(`report.json findings ${JSON.stringify(rules)}`);
  const sarif = JSON.parse(fs.readFileSync(dir + "/report.sarif", "utf8"));
  const uris = sarif.runs[0].results.map(r => r.locations[0].physicalLocation.artifactLocation.uri);
  if (!uris.includes("targets/app/Dockerfile")) problems.push(`report.sarif uris ${JSON.stringify(uris)}`);
  const html = fs.readFileSync(dir + "/report.html", "utf8");
  if (!html.startsWith("<!DOCTYPE html>") || !html.includes("targets/app/Dockerfile") || !html.includes("SMP001"))
    problems.push("report.html does not show targets/app/Dockerfile and SMP001");
  if (problems.length) { console.log(problems.join("; ")); process.exit(1); }
' "$work/out" || fail "the $version-processing job's reports"
grep -q '^algo-1 | .*1 target(s) under /opt/ml/processing/input' "$work/out.log" ||
  fail "the job log does not name its target"
echo "ok: $version-processing linted targets/app/Dockerfile into report.json, report.sarif and report.html"

code=0
job "$version" "$work/out-nonroot" || code=$?
[ "$code" = 1 ] || fail "the non-root $version job exited $code, expected 1 (the job fails)"
grep -q "algo-1 | sagelint: /opt/ml/processing/output: cannot write reports there as uid 65532 (Permission denied); SageMaker creates it root-owned: run the image's tag $version-processing" \
  "$work/out-nonroot.log" || { cat "$work/out-nonroot.log"; fail "the non-root job's message"; }
[ -z "$(ls -A "$work/out-nonroot")" ] || fail "the non-root job wrote something"
echo "ok: the non-root $version tag stops at once and names the $version-processing tag"

"$src/tests/fleet_processing_job.sh" "$src" "$bin" "$archive" "$version" "$work"
echo "PASS: the image runs as a Processing job from its $version-processing tag, also as a 3-host fleet audit"
