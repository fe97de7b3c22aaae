#!/usr/bin/env bash
# Lists the tests of the last CTest run in BUILD_DIR that were skipped, each with the
# reason it printed ("skipped: ..."; tests/support/skip.hpp, tests/support/skip.sh).
#   scripts/skipped-tests.sh [BUILD_DIR]
set -euo pipefail
log=${1:-build}/Testing/Temporary/LastTest.log
[ -f "$log" ] || exit 0
awk '
  /^[0-9]+\/[0-9]+ Test: / { name = $3; reason = ""; next }
  /^skipped: / { if (reason == "") reason = substr($0, 10); next }
  /^Test (Skipped|Not Run|Failed|Passed)/ {
    if ($0 ~ /Skipped|Not Run/ && name != "")
      lines[++n] = sprintf("  %s: %s", name, reason == "" ? "(no reason printed)" : reason)
    name = ""
  }
  END {
    if (n == 0) exit
    printf "skipped tests (%d):\n", n
    for (i = 1; i <= n; i++) print lines[i]
  }' "$log"
