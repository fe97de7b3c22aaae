#!/usr/bin/env bash
# Pins fixtures/parser/<case>/result for new cases (a Dockerfile with neither `result`
# nor `error`) from `sagelint dump --format buildkit`, and only while the parser matches
# BuildKit byte for byte on ../shared (its conformance cases and the corpus oracle).
# Existing results are never rewritten: a changed dump is what the fixture test catches.
#   scripts/pin-parser-fixtures.sh [BUILD_DIR]     (default build/)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
cmake --build "$build" -j2 --target sagelint sagelint_parser_tests >/dev/null
set +e
"$build"/parser/sagelint_parser_tests --test-suite=needs-shared >"$build/pin-check.log" 2>&1
rc=$?
set -e
case $rc in
  0) ;;
  77) echo "pin: $(grep -m1 '^skipped: ' "$build/pin-check.log") (the results must come from a verified parser)" >&2; exit 2 ;;
  *) tail -n 30 "$build/pin-check.log" >&2; echo "pin: the parser does not match BuildKit on ../shared; fix that first" >&2; exit 1 ;;
esac
pinned=0
for d in fixtures/parser/*/; do
  [ -e "$d/result" ] || [ -e "$d/error" ] && continue
  if ! "$build"/sagelint dump --format buildkit "$d/Dockerfile" >"$d/result.new" 2>"$build/pin.err"; then
    rm -f "$d/result.new"
    echo "pin: $d does not parse ($(cat "$build/pin.err")); write the expected message to $d/error" >&2
    exit 1
  fi
  mv "$d/result.new" "$d/result"
  echo "pinned $d"
  pinned=$((pinned + 1))
done
echo "pin: $pinned new result(s)"
