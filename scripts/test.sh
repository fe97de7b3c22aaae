#!/usr/bin/env bash
# The second README command: set up, build everything and run every test, with warnings
# as errors (SAGELINT_WERROR=ON; a user's plain build does not fail on warnings).
#   scripts/test.sh              RelWithDebInfo build in build/ (the default build type)
#   scripts/test.sh --sanitize   AddressSanitizer + UndefinedBehaviorSanitizer build in build-asan/
# Tests whose requirement is missing (../shared, runc, dockerd, ...) show as skipped;
# their reasons are listed after CTest's summary.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test

build=build
type=RelWithDebInfo
flags=()
if [ "${1:-}" = "--sanitize" ]; then
  build=build-asan
  type=Debug
  flags=(-DSAGELINT_SANITIZE=ON)
fi
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=$type -DSAGELINT_WERROR=ON "${flags[@]}" >/dev/null
cmake --build "$build" -j "$(nproc)"

# Services the end-to-end tests need: a private dockerd, stopped when we leave.
source scripts/services.sh
services_start
trap services_stop EXIT

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
set +e
ctest --test-dir "$build" --output-on-failure -j 1
rc=$?
set -e
scripts/skipped-tests.sh "$build"
exit $rc
