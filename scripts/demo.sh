#!/usr/bin/env bash
# The first README command: set up, build, and run sagelint's main job on the bundled examples.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
echo
echo "== sagelint lint examples/ (Dockerfiles and CreateProcessingJob requests; findings are expected: these are examples of what goes wrong)"
set +e
build/sagelint lint examples/*/Dockerfile examples/request*/job.json
rc=$?
set -e
echo
echo "sagelint exited with $rc (0 = clean, 1 = findings at or above the threshold, 3 = unreadable target)"
[ $rc -le 1 ]
