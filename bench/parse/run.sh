#!/usr/bin/env bash
# Parser benchmark: the whole corpus in one process, then one process per file.
#   bench/parse/run.sh [BUILD_DIR]   (default build/; builds the parse_bench target)
#   PARSE_BENCH=/path/to/parse_bench bench/parse/run.sh   (use an already built binary)
# Goals: whole corpus < 50 ms CPU in one process; one small file per process < 5 ms.
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build}
shared=${SAGELINT_SHARED:-../shared}
corpus="$shared/corpus/dockerfiles"
if [ ! -d "$corpus" ]; then
  echo "parse bench: $corpus not found (set SAGELINT_SHARED)"; exit 0
fi
bin=${PARSE_BENCH:-}
if [ -z "$bin" ]; then
  [ -f "$build/CMakeCache.txt" ] || cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
  cmake --build "$build" -j2 --target parse_bench >/dev/null
  bin=$(find "$build" -name parse_bench -type f -perm -u+x | head -1)
fi

echo "== one process, all files"
"$bin" "$corpus" 20

echo "== one process per file"
files=()
for f in "$corpus"/*; do case "$f" in *.tsv) ;; *) files+=("$f") ;; esac; done
bytes=$(cat "${files[@]}" | wc -c)
# Children's CPU (user+sys) from bash's `times`, run in this shell (not a subshell) before
# and after the loop; its second line reads "XmY.YYYs XmY.YYYs".
tfile=$(mktemp)
to_ms() { awk -v t="$1" 'BEGIN { split(t, a, "m"); sub("s", "", a[2]); printf "%.0f", (a[1]*60 + a[2]) * 1000 }'; }
snapshot() {  # sets snap_ms; must run in this shell, not in $(...)
  times >"$tfile"
  local cu cs
  read -r cu cs < <(tail -1 "$tfile")
  snap_ms=$(( $(to_ms "$cu") + $(to_ms "$cs") ))
}
snapshot
cpu0=$snap_ms
start=$(date +%s%N)
for f in "${files[@]}"; do "$bin" --one "$f" || true; done
end=$(date +%s%N)
snapshot
cpu=$(( snap_ms - cpu0 ))
rm -f "$tfile"
n=${#files[@]}
wall=$(( (end - start) / 1000000 ))
awk -v n="$n" -v wall="$wall" -v cpu="$cpu" -v bytes="$bytes" 'BEGIN {
  printf "files: %d, wall %d ms, CPU %d ms\n", n, wall, cpu
  printf "per process: %.2f ms wall, %.2f ms CPU\n", wall / n, cpu / n
  printf "files/s: %.0f\nMB/s: %.2f\n", n / (wall / 1000), bytes / 1e6 / (wall / 1000)
}'

# One small file per process, timed without a shell in between (hyperfine -N).
if command -v hyperfine >/dev/null; then
  small=$(ls -S "${files[@]}" | tail -1)
  echo "== one small file per process ($(wc -c <"$small") bytes), hyperfine"
  hyperfine -N --warmup 10 --runs 200 --style basic "$bin --one $small" 2>&1 | grep -E "Time|Range"
fi
