#!/usr/bin/env bash
# Lint benchmark: the 380-file Dockerfile corpus, linted
#   1. one process per file (what a pre-commit hook or an editor does), and
#   2. all files in one process,
# by sagelint and, in the same run on the same files, by dockerfile-utils and
# dockerfilelint (installed from npm into bench/lint/node_modules on first use).
# Prints times and ratios. Goals: per file >= 50x faster than the faster of the two
# Node tools (whole process each); the whole corpus in one process < 0.5 s.
#
# Environment: SAGELINT (binary, default build/sagelint), SAGELINT_SHARED (the shared
# data, default ../shared beside the checkout), RUNS (repetitions for sagelint, default 5).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
shared="${SAGELINT_SHARED:-$root/../shared}"
corpus="$shared/corpus/dockerfiles"
bin="${SAGELINT:-$root/build/sagelint}"
runs="${RUNS:-5}"

[ -x "$bin" ] || { echo "bench/lint: no sagelint at $bin (build it, or set SAGELINT)" >&2; exit 2; }
[ -d "$corpus" ] || { echo "bench/lint: no corpus at $corpus (set SAGELINT_SHARED)" >&2; exit 2; }

dfu="$here/node_modules/.bin/dockerfile-utils"
dfl="$here/node_modules/.bin/dockerfilelint"
if [ ! -x "$dfu" ] || [ ! -x "$dfl" ]; then
  echo "installing dockerfile-utils and dockerfilelint into bench/lint/node_modules ..." >&2
  npm install --no-audit --no-fund --prefix "$here" dockerfile-utils@0.16.3 dockerfilelint@1.8.0 >/dev/null
fi

mapfile -t files < <(find "$corpus" -maxdepth 1 -type f ! -name '*.tsv' | sort)
n=${#files[@]}
echo "corpus: $n Dockerfiles from $corpus"
echo "sagelint: $("$bin" --version) ($bin)"
echo

now_ns() { date +%s%N; }

# Seconds for one pass of `cmd FILE` over every file, one process each.
per_file_pass() {
  local start end f
  start=$(now_ns)
  for f in "${files[@]}"; do "$@" "$f" >/dev/null 2>&1 || true; done
  end=$(now_ns)
  echo $(( end - start ))
}

# The fastest of `runs` passes, in nanoseconds.
best_of() {
  local times=$1 best="" t i
  shift
  for ((i = 0; i < times; i++)); do
    t=$("$@")
    if [ -z "$best" ] || [ "$t" -lt "$best" ]; then best=$t; fi
  done
  echo "$best"
}

one_process_pass() {
  local start end
  start=$(now_ns)
  "$@" "${files[@]}" >/dev/null 2>&1 || true
  end=$(now_ns)
  echo $(( end - start ))
}

ms() { awk -v ns="$1" -v n="${2:-1}" 'BEGIN { printf "%.3f", ns / n / 1e6 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", a / b }'; }

echo "== one process per file (whole process: start-up, read, parse, lint, report)"
sl_pf=$(best_of "$runs" per_file_pass "$bin" lint -t none -f json)
echo "sagelint          $(ms "$sl_pf" "$n") ms/file  (best of $runs passes)"
dfu_pf=$(per_file_pass "$dfu" lint)
echo "dockerfile-utils  $(ms "$dfu_pf" "$n") ms/file"
dfl_pf=$(per_file_pass "$dfl")
echo "dockerfilelint    $(ms "$dfl_pf" "$n") ms/file"
faster=$dfu_pf
[ "$dfl_pf" -lt "$faster" ] && faster=$dfl_pf
echo "ratio: sagelint is $(ratio "$faster" "$sl_pf")x faster than the faster Node tool" \
     "($(ratio "$dfu_pf" "$sl_pf")x dockerfile-utils, $(ratio "$dfl_pf" "$sl_pf")x dockerfilelint); goal >= 50x"
echo

echo "== all $n files in one process"
sl_one=$(best_of "$runs" one_process_pass "$bin" lint -t none -f json)
echo "sagelint          $(ms "$sl_one") ms total (best of $runs; goal < 500 ms)"
dfl_one=$(one_process_pass "$dfl")
echo "dockerfilelint    $(ms "$dfl_one") ms total"
echo "dockerfile-utils  (lints one file per call; see the per-file figure)"
echo "ratio: sagelint is $(ratio "$dfl_one" "$sl_one")x faster than dockerfilelint in one process"
