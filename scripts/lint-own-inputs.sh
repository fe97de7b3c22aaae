#!/usr/bin/env bash
# sagelint over the project's own inputs: the examples and every Dockerfile and request
# under fixtures/. Findings are expected there (most inputs show what goes wrong), so
# the threshold is `none`: this fails when a target cannot be read or parsed (exit 3),
# on a usage error, or on a crash. The parser fixtures pinned to an `error` are left
# out (they are meant not to parse), and the clean example must stay clean.
#   scripts/lint-own-inputs.sh [BUILD_DIR]      (default build/; builds the binary if needed)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
if [ ! -x "$build/sagelint" ]; then
  [ -f "$build/CMakeCache.txt" ] || cmake -S . -B "$build" >/dev/null
  cmake --build "$build" -j 2 --target sagelint >/dev/null
fi
targets=(examples/*/Dockerfile examples/request*/job.json fixtures/requests/*.json
  fixtures/dockerfiles/*.Dockerfile fixtures/images/*/Dockerfile fixtures/rules/*/*/Dockerfile)
for d in fixtures/parser/*/; do
  [ -e "$d/error" ] || targets+=("$d/Dockerfile")
done
rc=0
"$build/sagelint" lint -t none -f gnu "${targets[@]}" >"$build/own-inputs.txt" || rc=$?
if [ $rc -ne 0 ]; then
  echo "lint-own-inputs: sagelint exited $rc over ${#targets[@]} targets (want 0 with -t none)" >&2
  exit 1
fi
if ! "$build/sagelint" lint examples/clean-processing/Dockerfile examples/request/job.json; then
  echo "lint-own-inputs: the clean examples have findings" >&2
  exit 1
fi
echo "lint-own-inputs: ${#targets[@]} targets read, $(wc -l <"$build/own-inputs.txt") findings"
