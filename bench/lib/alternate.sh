# Sourced by bench/*/run.sh: times sagelint and the tool a user would pick instead in
# alternation, on fresh directories, and reports medians. On a shared machine a single
# ordered pair can differ by 5x from one run to the next (issue 14); alternating (A B,
# then B A, ...) spreads whatever else the machine does over both sides.
#
#   alternate RUNS PREP NAME_A CMD_A NAME_B CMD_B
# PREP runs (untimed, with a `sync` after it) before every timed command. Prints one
# line per side (median, min, max wall seconds) and sets ALT_RATIO to median(B) / median(A).

median() {  # median of the numbers given as arguments
  printf '%s\n' "$@" | sort -g | awk '{v[NR]=$1} END {if (NR%2) print v[(NR+1)/2]; else printf "%.4f\n", (v[NR/2]+v[NR/2+1])/2}'
}

alt_time() {  # alt_time CMD: wall seconds of one run (the command's output discarded)
  local start end
  start=$(date +%s.%N)
  bash -c "$1" >/dev/null 2>"${ALT_ERR:-/dev/null}" || { echo "bench: failed: $1" >&2; [ -z "${ALT_ERR:-}" ] || cat "$ALT_ERR" >&2; exit 1; }
  end=$(date +%s.%N)
  awk "BEGIN{printf \"%.4f\", $end - $start}"
}

alternate() {
  local runs=$1 prep=$2 name_a=$3 cmd_a=$4 name_b=$5 cmd_b=$6 i
  local -a ta=() tb=()
  for ((i = 0; i < runs; i++)); do
    if ((i % 2 == 0)); then
      bash -c "$prep"; sync; ta+=("$(alt_time "$cmd_a")")
      bash -c "$prep"; sync; tb+=("$(alt_time "$cmd_b")")
    else
      bash -c "$prep"; sync; tb+=("$(alt_time "$cmd_b")")
      bash -c "$prep"; sync; ta+=("$(alt_time "$cmd_a")")
    fi
  done
  bash -c "$prep"
  local ma mb
  ma=$(median "${ta[@]}")
  mb=$(median "${tb[@]}")
  printf '   %-44s median %7.3f s  (min %.3f, max %.3f, %d runs)\n' "$name_a" "$ma" \
    "$(printf '%s\n' "${ta[@]}" | sort -g | head -1)" "$(printf '%s\n' "${ta[@]}" | sort -g | tail -1)" "$runs"
  printf '   %-44s median %7.3f s  (min %.3f, max %.3f, %d runs)\n' "$name_b" "$mb" \
    "$(printf '%s\n' "${tb[@]}" | sort -g | head -1)" "$(printf '%s\n' "${tb[@]}" | sort -g | tail -1)" "$runs"
  ALT_RATIO=$(awk "BEGIN{printf \"%.2f\", $mb / ($ma > 0 ? $ma : 0.0001)}")
}
