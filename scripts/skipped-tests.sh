#!/usr/bin/env bash
# Lists the tests of the last CTest run in BUILD_DIR that were skipped, each with the
# reason it printed. A test prints "skipped: REASON" only when it skips (exit code 77,
# tests/support/skip.hpp, tests/support/skip.sh); CTest's log does not say "skipped".
#   scripts/skipped-tests.sh [BUILD_DIR]
set -euo pipefail
log=${1:-build}/Testing/Temporary/LastTest.log
[ -f "$log" ] || exit 0
awk '
  /^[0-9]+\/[0-9]+ Test: / { name = $3; next }
  /^skipped: / && name != "" { lines[++n] = sprintf("  %s: %s", name, substr($0, 10)); name = "" }
  END {
    if (n == 0) exit
    printf "skipped tests (%d), with the reason:\n", n
    for (i = 1; i <= n; i++) print lines[i]
  }' "$log"
