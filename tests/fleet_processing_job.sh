#!/usr/bin/env bash
# The local rehearsal of docs/fleet-audit.md's SageMaker Processing example (issue 12
# point 7): the sagelint image's -processing tag as a 3-host job (`sagelint run
# --instance-count 3 --network host`) auditing a loopback docker-registry, the image
# list split into three *.targets files given as a ShardedByS3Key input, so each host
# lints its own share. Each host names its reports after itself (report-algo-N.*, as
# they would otherwise overwrite one another in S3), and `report merge` of the three
# report-algo-N.json equals a single-machine `sagelint lint` of the whole list (same
# targets, same findings; bytes read depend on the cache and are left out).
# Run by tests/image_processing_job_test.sh, which has built the image:
#   tests/fleet_processing_job.sh SOURCE_DIR BINARY_DIR OCI_ARCHIVE VERSION WORK_DIR
set -euo pipefail
src=$1 bin=$2 archive=$3 version=$4 work=$5/fleet
fail() { echo "FAIL: $*"; exit 1; }
mkdir -p "$work"
registry_pid=
cleanup() {
  if [ -n "$registry_pid" ]; then
    kill "$registry_pid" 2>/dev/null || true
    wait "$registry_pid" 2>/dev/null || true
  fi
}
trap cleanup EXIT
export HOME=$work/home XDG_CACHE_HOME=$work/cache  # the single-machine audit's cache
mkdir -p "$HOME"

# 6 repositories x 2 tags on 2 shared bases, written straight into the registry's storage.
python3 "$src/tests/fleet_registry.py" "$work/storage" 6 2 2 >/dev/null
source "$src/tests/plain_registry.sh"
start_plain_registry "$work/storage" "$work" || fail "the registry did not start"
port=$registry_port

# The commands of docs/fleet-audit.md "Rehearse it on one machine".
cd "$work"
for r in 0 1 2 3 4 5; do
  for t in 0 1; do echo "docker://127.0.0.1:$port/team$((r % 4))/app0$r:v$t"; done
done | sort >images.txt  # report merge lists targets sorted; so does lint of a sorted list
mkdir images
split -n l/3 -d --additional-suffix=.targets images.txt images/images-
cat >audit.json <<JSON
{
  "ProcessingJobName": "sagelint-fleet-audit-rehearsal",
  "RoleArn": "arn:aws:iam::123456789012:role/service-role/AmazonSageMaker-ExecutionRole-20240101T000000",
  "AppSpecification": {
    "ImageUri": "123456789012.dkr.ecr.us-east-1.amazonaws.com/sagelint:$version-processing",
    "ContainerArguments": ["processing-job", "--tls-verify=false", "--failure-threshold", "none"]
  },
  "ProcessingInputs": [
    {
      "InputName": "images",
      "S3Input": {
        "S3Uri": "s3://example-audit/images/",
        "LocalPath": "/opt/ml/processing/input/images",
        "S3DataType": "S3Prefix",
        "S3InputMode": "File",
        "S3DataDistributionType": "ShardedByS3Key"
      }
    }
  ],
  "ProcessingOutputConfig": {
    "Outputs": [
      {
        "OutputName": "reports",
        "S3Output": {
          "S3Uri": "s3://example-audit/reports/",
          "LocalPath": "/opt/ml/processing/output",
          "S3UploadMode": "EndOfJob"
        }
      }
    ]
  },
  "ProcessingResources": {
    "ClusterConfig": {"InstanceCount": 3, "InstanceType": "ml.m5.xlarge", "VolumeSizeInGB": 30}
  },
  "StoppingCondition": {"MaxRuntimeInSeconds": 3600}
}
JSON
code=0
timeout 300 "$bin/sagelint" run "oci-archive:$archive:$version-processing" --request audit.json \
  --network host --input images:/opt/ml/processing/input/images \
  --output /opt/ml/processing/output:reports --report run.json 2>run.log || code=$?
[ "$code" = 0 ] || { cat run.log; fail "the 3-host job exited $code"; }
for h in 1 2 3; do
  grep -q "^algo-$h | sagelint: 4 target(s) under /opt/ml/processing/input; reports report-algo-$h.json" run.log ||
    { cat run.log; fail "algo-$h did not lint its 4 targets"; }
done
"$bin/sagelint" report merge reports/report-algo-*.json -f json=merged.json -f html=audit.html -t none
"$bin/sagelint" lint --tls-verify=false --targets-from images.txt -f json=single.json -t none 2>/dev/null
node -e '
  const fs = require("fs");
  const problems = [];
  const run = JSON.parse(fs.readFileSync("run.json", "utf8"));
  if (run.ProcessingJobStatus !== "Completed") problems.push(`status ${run.ProcessingJobStatus}`);
  if ((run.Hosts || []).map(h => h.ExitCode).join() !== "0,0,0") problems.push("host exit codes");
  const files = fs.readdirSync("reports").sort().join(" ");
  const want = [1, 2, 3].map(h => ["html", "json", "sarif"].map(x => `report-algo-${h}.${x}`).join(" ")).join(" ");
  if (files !== want) problems.push(`reports/ holds ${files}`);
  // Each host audited a disjoint share; together they are the list.
  const listed = fs.readFileSync("images.txt", "utf8").trim().split("\n").sort();
  const seen = [1, 2, 3].flatMap(h =>
    JSON.parse(fs.readFileSync(`reports/report-algo-${h}.json`, "utf8")).targets.map(t => t.target));
  if (JSON.stringify(seen.sort()) !== JSON.stringify(listed)) problems.push(`hosts audited ${seen}`);
  // What the cache decides (bytes read) differs between the runs; nothing else may.
  const normal = file => {
    const r = JSON.parse(fs.readFileSync(file, "utf8"));
    for (const t of r.targets) delete t.bytesRead;
    return r;
  };
  const merged = normal("merged.json"), single = normal("single.json");
  if (merged.targets.length !== 12 || !merged.findings.length) problems.push("the audit found nothing");
  if (JSON.stringify(merged) !== JSON.stringify(single)) {
    fs.writeFileSync("merged.normal.json", JSON.stringify(merged, null, 1));
    fs.writeFileSync("single.normal.json", JSON.stringify(single, null, 1));
    problems.push("report merge of the three hosts differs from the single-machine audit");
  }
  if (problems.length) { console.log(problems.join("; ")); process.exit(1); }
  console.log(`${merged.targets.length} targets, ${merged.findings.length} findings`);
' >compare.log || { cat compare.log; diff merged.normal.json single.normal.json | head -20 || true; fail "the fleet rehearsal's reports"; }
echo "ok: 3 hosts audited their shards of the loopback registry; report merge = single-machine lint ($(cat compare.log))"
