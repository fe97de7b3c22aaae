# Sourced by bench/*/run.sh: times sagelint and the tool a user would pick instead in
# alternation, on fresh directories, and reports medians. On a shared machine a single
# ordered pair can differ by 5x from one run to the next (issue 14); alternating (A B,
# then B A, ...) spreads whatever else the machine does over both sides.
#
#   alternate RUNS PREP NAME_A CMD_A NAME_B CMD_B
# PREP runs (untimed, with a `sync` after it) before every timed command. Each timed
# command ends with a `sync` of its own (ALT_SYNC=0 turns that off): a tool that writes
# a gigabyte is charged for putting it on the disk, not only in the page cache, so the
# writeback of one run never lands in the next one's time. Prints one line per side:
# median, min and max wall seconds, and the median CPU seconds (user + system of the
# command and its children, which other load on the machine hardly changes). Sets
# ALT_RATIO to median wall(B) / median wall(A) and ALT_CPU_RATIO to the same for CPU.

median() {  # median of the numbers given as arguments
  printf '%s\n' "$@" | sort -g | awk '{v[NR]=$1} END {if (NR%2) print v[(NR+1)/2]; else printf "%.4f\n", (v[NR/2]+v[NR/2+1])/2}'
}

alt_time() {  # alt_time CMD: "WALL CPU" seconds of one run (the command's output discarded)
  local out tail=""
  out=$(mktemp)
  [ "${ALT_SYNC:-1}" = 0 ] || tail="; sync"
  if ! /usr/bin/time -f '%e %U %S' -o "$out" bash -c "( $1 ) >/dev/null 2>\"${ALT_ERR:-/dev/null}\" $tail"; then
    echo "bench: failed: $1" >&2
    [ -z "${ALT_ERR:-}" ] || cat "$ALT_ERR" >&2
    rm -f "$out"
    exit 1
  fi
  awk 'END {printf "%.4f %.4f", $1, $2 + $3}' "$out"
  rm -f "$out"
}

alternate() {
  local runs=$1 prep=$2 name_a=$3 cmd_a=$4 name_b=$5 cmd_b=$6 i t
  local -a ta=() tb=() ca=() cb=()
  command -v /usr/bin/time >/dev/null || { echo "bench: /usr/bin/time is missing (apt-get install time)" >&2; exit 2; }
  for ((i = 0; i < runs; i++)); do
    if ((i % 2 == 0)); then
      bash -c "$prep"; sync; t=$(alt_time "$cmd_a"); ta+=("${t% *}"); ca+=("${t#* }")
      bash -c "$prep"; sync; t=$(alt_time "$cmd_b"); tb+=("${t% *}"); cb+=("${t#* }")
    else
      bash -c "$prep"; sync; t=$(alt_time "$cmd_b"); tb+=("${t% *}"); cb+=("${t#* }")
      bash -c "$prep"; sync; t=$(alt_time "$cmd_a"); ta+=("${t% *}"); ca+=("${t#* }")
    fi
  done
  bash -c "$prep"
  local ma mb mca mcb
  ma=$(median "${ta[@]}")
  mb=$(median "${tb[@]}")
  mca=$(median "${ca[@]}")
  mcb=$(median "${cb[@]}")
  printf '   %-44s median %7.3f s  (min %.3f, max %.3f, %d runs)  CPU %.3f s\n' "$name_a" "$ma" \
    "$(printf '%s\n' "${ta[@]}" | sort -g | head -1)" "$(printf '%s\n' "${ta[@]}" | sort -g | tail -1)" "$runs" "$mca"
  printf '   %-44s median %7.3f s  (min %.3f, max %.3f, %d runs)  CPU %.3f s\n' "$name_b" "$mb" \
    "$(printf '%s\n' "${tb[@]}" | sort -g | head -1)" "$(printf '%s\n' "${tb[@]}" | sort -g | tail -1)" "$runs" "$mcb"
  ALT_RATIO=$(awk "BEGIN{printf \"%.2f\", $mb / ($ma > 0 ? $ma : 0.0001)}")
  ALT_CPU_RATIO=$(awk "BEGIN{printf \"%.2f\", $mcb / ($mca > 0 ? $mca : 0.0001)}")
}
