#!/usr/bin/env bash
# Entry of the `sagelint-build` pre-commit hook (.pre-commit-hooks.yaml): builds
# sagelint from the checkout pre-commit made of this repository (at the pinned rev,
# inside pre-commit's cache) the first time, then runs it with the hook's arguments.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
build="$repo/.pre-commit-build"
if [ ! -x "$build/sagelint" ]; then
  # pre-commit may start several hook processes at once: one builds, the others wait.
  exec 9>"$repo/.pre-commit-build.lock"
  flock 9
  if [ ! -x "$build/sagelint" ]; then
    log="$repo/.pre-commit-build.log"
    echo "sagelint: building from source (once per rev) ..." >&2
    # Warnings are not errors here (SAGELINT_WERROR is off unless a developer asks).
    if ! { cmake -S "$repo" -B "$build" -DSAGELINT_TESTS=OFF -DCMAKE_BUILD_TYPE=Release &&
           cmake --build "$build" --target sagelint -j "${SAGELINT_BUILD_JOBS:-2}"; } >"$log" 2>&1; then
      tail -n 30 "$log" >&2
      echo "sagelint: build failed; full log in $log" >&2
      exit 2
    fi
  fi
  exec 9>&-
fi
exec "$build/sagelint" "$@"
