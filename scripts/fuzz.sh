#!/usr/bin/env bash
# Builds the libFuzzer targets with clang-14 and runs each for N seconds (default 60).
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-60}
scripts/setup.sh --test >/dev/null
CXX=clang++-14 cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSAGELINT_FUZZ=ON \
  -DSAGELINT_TESTS=OFF >/dev/null
cmake --build build-fuzz -j "$(nproc)" --target $(cd fuzz && ls *_fuzz.cpp | sed 's/\.cpp$//')
for f in fuzz/*_fuzz.cpp; do
  n=$(basename "$f" .cpp)
  corpus=build-fuzz/corpus-$n
  mkdir -p "$corpus"
  seeds=fuzz/seeds/$n
  echo "== fuzzing $n for ${secs}s"
  build-fuzz/fuzz/"$n" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    "$corpus" $( [ -d "$seeds" ] && echo "$seeds" ) 2>&1 | tail -15
done
