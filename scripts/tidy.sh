#!/usr/bin/env bash
# clang-tidy (Debian's clang-tidy-14) with the checks of .clang-tidy over the project's
# C++ sources; any finding fails (WarningsAsErrors). Needs BUILD_DIR/compile_commands.json,
# which every CMake configure of the project writes.
#   scripts/tidy.sh [BUILD_DIR] [FILE...]     (default build/, every source)
#   cmake --build build --target tidy
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
shift || true
runner=$(command -v run-clang-tidy-14 || command -v run-clang-tidy || true)
tidy=$(command -v clang-tidy-14 || command -v clang-tidy || true)
[ -n "$runner" ] && [ -n "$tidy" ] ||
  { echo "tidy: clang-tidy is not installed (scripts/setup.sh --test installs clang-tidy-14)" >&2; exit 2; }
[ -f "$build/compile_commands.json" ] || cmake -S . -B "$build" >/dev/null
if [ $# -gt 0 ]; then
  files=("$@")
else
  mapfile -t files < <(git ls-files '*.cpp')
fi
# run-clang-tidy takes regular expressions: anchor each file at the end of its path.
regexes=()
for f in "${files[@]}"; do regexes+=("$(printf '%s' "$f" | sed 's/[.+]/\\&/g')\$"); done
"$runner" -clang-tidy-binary "$tidy" -p "$build" -j "${SAGELINT_TIDY_JOBS:-$(nproc)}" -quiet \
  "${regexes[@]}" >"$build/tidy.log" 2>&1 || { grep -E 'warning:|error:' "$build/tidy.log" | sort -u | head -n 50; echo "tidy: findings above (full log: $build/tidy.log)" >&2; exit 1; }
echo "tidy: ${#files[@]} files clean"
