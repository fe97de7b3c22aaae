#!/usr/bin/env bash
# Lint benchmark: the 380-file Dockerfile corpus, linted
#   1. one process per file (what a pre-commit hook or an editor does), and
#   2. all files in one process,
# by sagelint and, in the same run on the same files, by dockerfile-utils and
# dockerfilelint (installed from npm into bench/lint/node_modules on first use).
# Prints times and ratios. Goals: per file >= 50x faster than the faster of the two
# Node tools (whole process each); the whole corpus in one process < 0.5 s. Then CPU
# time (issue 13, "lint as fast as parsing"): one `sagelint lint -f json --kind
# dockerfile` process over the corpus at most 2x parse_bench's in-process parse of the
# same files, and one small Dockerfile per process at most 1.5 ms (median of 20), with
# /bin/true beside it.
#
# The files are the ones parse_bench parses (`parse_bench --list`: every regular file of
# the corpus directory but its *.tsv index, including files BuildKit rejects).
#
# Environment: SAGELINT (binary, default build/sagelint), SAGELINT_SHARED (the shared
# data, default ../shared beside the checkout), RUNS (repetitions for sagelint, default 5),
# PARSE_BENCH and PROC_CPU_BENCH (default: built in the sagelint binary's build tree).
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

build_dir="$(cd "$(dirname "$bin")" && pwd)"
parse_bench="${PARSE_BENCH:-$build_dir/bench/parse_bench}"
proc_cpu="${PROC_CPU_BENCH:-$build_dir/bench/proc_cpu_bench}"
if [ ! -x "$parse_bench" ] || [ ! -x "$proc_cpu" ]; then
  echo "building parse_bench and proc_cpu_bench in $build_dir ..." >&2
  cmake --build "$build_dir" -j2 --target parse_bench proc_cpu_bench >/dev/null
fi

mapfile -t files < <("$parse_bench" --list "$corpus")
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
echo

echo "== CPU time (user + system; load now: $(cut -d' ' -f1-3 /proc/loadavg))"
cpu_runs=${CPU_RUNS:-11}
read -r lint_cpu lint_cpu_min < <("$proc_cpu" "$cpu_runs" "$bin" lint -f json --kind dockerfile "${files[@]}")
parse_cpu=$("$parse_bench" "$corpus" 20 | awk '/whole corpus:/ { print $(NF-5) }')
echo "sagelint lint, $n files, one process  $lint_cpu ms CPU (median of $cpu_runs, min $lint_cpu_min)"
echo "parse_bench, the same files parsed    $parse_cpu ms CPU (in process, best of 20 rounds)"
echo "ratio: lint costs $(awk -v a="$lint_cpu" -v b="$parse_cpu" 'BEGIN { printf "%.2f", a / b }')x parsing; goal <= 2x"
small=$(ls -S "${files[@]}" | tail -1)
read -r small_cpu _ < <("$proc_cpu" 20 "$bin" lint -f json --kind dockerfile "$small")
read -r true_cpu _ < <("$proc_cpu" 20 /bin/true)
echo "one small Dockerfile per process ($(wc -c <"$small") bytes): $small_cpu ms CPU (median of 20); goal <= 1.5 ms"
echo "/bin/true                                        $true_cpu ms CPU (median of 20)"
