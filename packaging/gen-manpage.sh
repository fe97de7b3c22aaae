#!/usr/bin/env bash
# Writes sagelint(1) from the binary's own --help of each command, so the man page
# cannot drift from the CLI; the prose sections (description, exit status, files,
# examples) come from packaging/sagelint.1.in.
#   packaging/gen-manpage.sh SAGELINT_BINARY TEMPLATE OUTPUT
set -euo pipefail
bin=$1 template=$2 out=$3

# CLI11 help: section headers ("Options:"), then "  SPEC   description" lines, where
# description lines that wrap start with more spaces. Emitted as .TP items.
roff_of_help() {
  awk '
    function esc(s) { gsub(/\\/, "\\\\e", s); gsub(/-/, "\\-", s); sub(/^\./, "\\\\\\&.", s); sub(/^'\''/, "\\\\\\&'\''", s); return s }
    /^(Options|Positionals|Subcommands):$/ { section = $0; print ".PP\n\\fI" substr($0, 1, length($0) - 1) "\\fR"; next }
    section == "" { next }
    /^  [^ ]/ {
      # CLI11 pads the spec to column 30 and starts the description there; a longer
      # spec puts its description on the next line.
      line = substr($0, 3)
      if (length(line) > 28 && substr(line, 28, 1) == " ") {
        spec = substr(line, 1, 27); desc = substr(line, 29)
      } else { spec = line; desc = "" }
      sub(/ +$/, "", spec); sub(/^ +/, "", desc)
      print ".TP\n\\fB" esc(spec) "\\fR"
      if (desc != "") print esc(desc)
      next
    }
    /^      +[^ ]/ { d = $0; sub(/^ +/, "", d); print esc(d); next }
  '
}

subcommands_of() { "$bin" "$@" --help | awk '/^Subcommands:/{s=1; next} s && /^  [a-z]/{print $1}'; }
# Commands and their own subcommands ("report merge"), one per line.
subcommands=$(for c in $(subcommands_of); do
  echo "$c"
  [ "$c" = run ] || for s in $(subcommands_of "$c"); do echo "$c $s"; done
done)
commands=$(
  IFS=$'\n'
  for cmd in "" $subcommands; do
    IFS=$' \t\n'
    if [ -z "$cmd" ]; then
      echo ".SS \"sagelint\""
      "$bin" --help | roff_of_help
    else
      echo ".SS \"sagelint $cmd\""
      usage=$("$bin" $cmd --help | grep -m1 '^Usage:' | sed 's/^Usage: //; s/^[^ ]*sagelint/sagelint/')
      echo ".PP"
      echo "\\fB$(sed 's/-/\\-/g' <<<"$usage")\\fR"
      "$bin" $cmd --help | roff_of_help
    fi
  done
)
version=$("$bin" --version | awk '{print $2}')

while IFS= read -r line; do
  case "$line" in
    @COMMANDS@) printf '%s\n' "$commands" ;;
    *) printf '%s\n' "${line//@VERSION@/$version}" ;;
  esac
done <"$template" >"$out.tmp"
mv "$out.tmp" "$out"
