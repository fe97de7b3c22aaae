#!/usr/bin/env bash
# Builds every CMake build type with every supported compiler, warnings as errors, so
# that a user's `cmake -DCMAKE_BUILD_TYPE=...` never meets a warning the project's own
# builds did not see, then clang-tidy over every source. Not called by CI (it is 8 full
# builds and a whole-tree clang-tidy run); run it before a release or after a change to
# compile flags.
#   scripts/build-matrix.sh [TARGET...]   (default: the sagelint binary and the test binaries)
# Environment: MATRIX_DIR (default /tmp/sagelint-matrix), MATRIX_TYPES, MATRIX_COMPILERS
# (space-separated), JOBS (default 2), MATRIX_TIDY=0 (no clang-tidy run). Each cell builds in its own directory with ccache;
# a failed cell is reported and the others still run. Exit 1 when any cell failed.
set -uo pipefail
cd "$(dirname "$0")/.."
root=${MATRIX_DIR:-/tmp/sagelint-matrix}
types=${MATRIX_TYPES:-"Debug Release RelWithDebInfo MinSizeRel"}
compilers=${MATRIX_COMPILERS:-"g++-12 clang++-14"}
jobs=${JOBS:-2}
mkdir -p "$root"
wanted=("$@")
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
failed=()
table=()
for cxx in $compilers; do
  command -v "$cxx" >/dev/null || {
    echo "matrix: $cxx is not installed" >&2; failed+=("$cxx"); table+=("$cxx - FAILED (not installed)")
    continue; }
  for type in $types; do
    dir="$root/$cxx-$type"
    log="$dir.log"
    start=$(date +%s)
    targets=("${wanted[@]}")
    if cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE="$type" -DCMAKE_CXX_COMPILER="$cxx" \
         -DSAGELINT_WERROR=ON "${launcher[@]}" >"$log" 2>&1; then
      # Default: the binary and every doctest binary (`*_tests`) the configure defined.
      [ ${#targets[@]} -gt 0 ] || mapfile -t targets < <(
        echo sagelint
        cmake --build "$dir" --target help | sed -n 's/^\.\.\. \([a-z0-9_]*_tests\)$/\1/p')
    fi
    # Keep going after an error, so one run of a cell shows all of its warnings.
    keep_going=-k
    [ -f "$dir/build.ninja" ] && keep_going="-k 0"
    if [ ${#targets[@]} -gt 0 ] &&
       cmake --build "$dir" -j "$jobs" --target "${targets[@]}" -- $keep_going >>"$log" 2>&1; then
      result=ok
    else
      result=FAILED
      failed+=("$cxx $type")
    fi
    seconds=$(( $(date +%s) - start ))
    echo "matrix: $cxx $type: $result ($seconds s, log: $log)"
    [ "$result" = ok ] || grep -E 'error:|warning:' "$log" | sort -u | head -n 10
    table+=("$(printf '%-12s %-15s %-7s %5d s' "$cxx" "$type" "$result" "$seconds")")
  done
done
# Then clang-tidy over the whole tree (CI checks only the changed sources: scripts/tidy.sh),
# with the compile database of a clang fuzz configure (configured, not built), the one
# that also lists fuzz/*.cpp. MATRIX_TIDY=0 skips it.
if [ "${MATRIX_TIDY:-1}" != 0 ]; then
  dir="$root/tidy"
  start=$(date +%s)
  if cmake -S . -B "$dir" -DCMAKE_CXX_COMPILER=clang++-14 -DSAGELINT_FUZZ=ON >"$root/tidy.out" 2>&1 &&
     SAGELINT_TIDY_JOBS=$jobs scripts/tidy.sh "$dir" >>"$root/tidy.out" 2>&1; then
    result=ok
  else
    result=FAILED
    failed+=("clang-tidy")
    cat "$root/tidy.out"
  fi
  seconds=$(( $(date +%s) - start ))
  echo "matrix: clang-tidy (every source): $result ($seconds s, log: $dir/tidy.log)"
  table+=("$(printf '%-12s %-15s %-7s %5d s' clang-tidy-14 "every source" "$result" "$seconds")")
fi
echo "matrix: compiler     build type      result   time"
printf 'matrix: %s\n' "${table[@]}"
[ ${#failed[@]} -eq 0 ] || { echo "matrix: failed: ${failed[*]}" >&2; exit 1; }
echo "matrix: every cell built"
