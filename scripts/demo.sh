#!/usr/bin/env bash
# The first README command: set up, build the sagelint binary (nothing else: no tests,
# no benchmarks), and run sagelint's main job on the bundled examples.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
jobs=$(nproc 2>/dev/null || echo 2)
cmake -S . -B build >/dev/null
echo "== building build/sagelint (cmake --build build --target sagelint)"
cmake --build build -j "$jobs" --target sagelint >build/demo-build.log 2>&1 ||
  { tail -n 30 build/demo-build.log; echo "demo: build failed (full log: build/demo-build.log)"; exit 1; }
echo
echo "== sagelint lint examples/ (Dockerfiles and CreateProcessingJob requests; findings are expected: these are examples of what goes wrong)"
set +e
build/sagelint lint examples/*/Dockerfile examples/request*/job.json
rc=$?
set -e
echo
echo "sagelint exited with $rc (0 = clean, 1 = findings at or above the threshold, 3 = unreadable target)"
[ $rc -le 1 ]
