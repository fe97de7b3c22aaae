#!/usr/bin/env bash
# clang-tidy (Debian's clang-tidy-14) with the checks of .clang-tidy over the project's
# C++ sources; any finding fails (WarningsAsErrors). Needs BUILD_DIR/compile_commands.json,
# which every CMake configure of the project writes (configuring is enough: nothing is
# generated, so nothing needs building first).
#   scripts/tidy.sh [BUILD_DIR] [FILE...]        (default build/, every source)
#   scripts/tidy.sh BUILD_DIR --changed [BASE]   the sources changed since the merge base
#                                                with BASE (default main, else origin/main;
#                                                on main itself or without one: the last
#                                                commit), and every source that includes a
#                                                changed header: what CI runs (.ci/run)
#   cmake --build build --target tidy            every source
# A whole-tree run costs about 24 CPU-minutes (CONTRIBUTING.md, "Static checks"), so CI
# runs --changed and scripts/build-matrix.sh runs the whole tree.
# Sources outside the compile database (fuzz/*_fuzz.cpp unless BUILD_DIR was configured
# with -DSAGELINT_FUZZ=ON) are listed as not checked, never counted as clean.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
shift || true
runner=$(command -v run-clang-tidy-14 || command -v run-clang-tidy || true)
tidy=$(command -v clang-tidy-14 || command -v clang-tidy || true)
[ -n "$runner" ] && [ -n "$tidy" ] ||
  { echo "tidy: clang-tidy is not installed (scripts/setup.sh --test installs clang-tidy-14)" >&2; exit 2; }
[ -f "$build/compile_commands.json" ] || cmake -S . -B "$build" >/dev/null
log=${SAGELINT_TIDY_LOG:-$build/tidy.log}

if [ "${1:-}" = "--changed" ]; then
  base=${2:-}
  if [ -z "$base" ]; then
    for b in main origin/main; do git rev-parse -q --verify "$b^{commit}" >/dev/null && { base=$b; break; }; done
  fi
  since=$( [ -n "$base" ] && git merge-base HEAD "$base" 2>/dev/null || true)
  # A shallow CI clone may have no main: then the last commit's own changes.
  if [ -z "$since" ] || [ "$since" = "$(git rev-parse HEAD)" ] && [ -z "${2:-}" ]; then
    since=$(git rev-parse -q --verify 'HEAD~1^{commit}' || true)
    [ -n "$since" ] && echo "tidy: checking the sources changed by the last commit" >&2
  fi
  [ -n "$since" ] || { echo "tidy: no base to compare with; checking every source" >&2; set --; }
fi
if [ "${1:-}" = "--changed" ]; then
  mapfile -t changed < <(git diff --name-only --diff-filter=d "$since" -- '*.cpp' '*.hpp')
  files=()
  for f in "${changed[@]}"; do [[ $f == *.cpp ]] && files+=("$f"); done
  # A changed header is checked through every source that includes it.
  for h in "${changed[@]}"; do
    [[ $h == *.hpp ]] || continue
    mapfile -t -O "${#files[@]}" files < <(git grep -l -F "#include \"$h\"" -- '*.cpp' || true)
  done
  [ ${#files[@]} -gt 0 ] || { echo "tidy: no C++ source changed since $(git rev-parse --short "$since")"; exit 0; }
  mapfile -t files < <(printf '%s\n' "${files[@]}" | sort -u)
elif [ $# -gt 0 ]; then
  files=("$@")
else
  mapfile -t files < <(git ls-files '*.cpp')
fi

# Only what the compile database knows can be checked; say which sources it does not.
declare -A known=()
while IFS= read -r f; do known[$f]=1; done < <(python3 -c 'import json,os,sys
for e in json.load(open(sys.argv[1])): print(os.path.relpath(os.path.join(e["directory"], e["file"])))' \
  "$build/compile_commands.json")
checked=()
unchecked=()
for f in "${files[@]}"; do
  if [ -n "${known[$f]:-}" ]; then checked+=("$f"); else unchecked+=("$f"); fi
done
[ ${#unchecked[@]} -eq 0 ] ||
  echo "tidy: not in $build/compile_commands.json, not checked: ${unchecked[*]}" >&2
[ ${#checked[@]} -gt 0 ] || { echo "tidy: nothing to check"; exit 0; }

# run-clang-tidy takes regular expressions: anchor each file at the end of its path.
regexes=()
for f in "${checked[@]}"; do regexes+=("/$(printf '%s' "$f" | sed 's/[.+]/\\&/g')\$"); done
"$runner" -clang-tidy-binary "$tidy" -p "$build" -j "${SAGELINT_TIDY_JOBS:-$(nproc)}" -quiet \
  "${regexes[@]}" >"$log" 2>&1 || {
  # run-clang-tidy 14 always asks for colour; the summary is for a log, so strip it.
  sed 's/\x1b\[[0-9;]*m//g' "$log" | grep -E '(warning|error): ' | sort -u | head -n 50
  echo "tidy: findings above (full log: $log)" >&2
  exit 1
}
echo "tidy: ${#checked[@]} files clean"
