#!/usr/bin/env bash
# The second README command: set up, build and run every test.
#   scripts/test.sh              normal build in build/
#   scripts/test.sh --sanitize   AddressSanitizer + UndefinedBehaviorSanitizer build in build-asan/
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test

build=build
if [ "${1:-}" = "--sanitize" ]; then
  build=build-asan
  cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Debug -DSAGELINT_SANITIZE=ON >/dev/null
  cmake --build "$build" -j "$(nproc)"
fi

# Services the end-to-end tests need: a private dockerd, stopped when we leave.
source scripts/services.sh
services_start
trap services_stop EXIT

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
ctest --test-dir "$build" --output-on-failure -j 1
