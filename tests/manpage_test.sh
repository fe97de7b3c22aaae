#!/usr/bin/env bash
# sagelint(1) against the CLI's own --help: every option and every command that
# --help lists is in the man page the package ships, at the binary's version. Fails
# when the two drift (a stale generated page, or a generator that drops lines).
#   tests/manpage_test.sh BINARY_DIR
set -euo pipefail
bin=$1
page="$bin/packaging/gz/sagelint.1.gz"
[ -f "$page" ] || { echo "FAIL: $page was not built"; exit 1; }
text=$(gzip -dc "$page")
fail=0
version=$("$bin/sagelint" --version | awk '{print $2}')
grep -q "^\.TH SAGELINT 1 \"\" \"sagelint $version\"" <<<"$text" || { echo "FAIL: the man page is not for sagelint $version"; fail=1; }
subcommands_of() { "$bin/sagelint" "$@" --help | awk '/^Subcommands:/{s=1; next} s && /^  [a-z]/{print $1}'; }
# Commands and their own subcommands ("report merge"), one per line.
commands=$(for c in $(subcommands_of); do
  echo "$c"
  [ "$c" = run ] || for s in $(subcommands_of "$c"); do echo "$c $s"; done
done)
[ -n "$commands" ] || { echo "FAIL: --help lists no commands"; exit 1; }
IFS=$'\n'
for cmd in "" $commands; do
  IFS=$' \t\n'
  if [ -n "$cmd" ]; then
    grep -qF ".SS \"sagelint $cmd\"" <<<"$text" || { echo "FAIL: no section for sagelint $cmd"; fail=1; }
  fi
  # Each option of this command's help, in the section of this command.
  section=$(awk -v want=".SS \"sagelint${cmd:+ $cmd}\"" '$0 == want {s=1; next} /^\.S[SH] /{s=0} s' <<<"$text")
  opts=$("$bin/sagelint" $cmd --help | awk '/^Options:/{s=1; next} /^[A-Z][a-z]*:$/{s=0} s' |
    grep -oE -- '(^|[ ,])--?[A-Za-z][A-Za-z-]*' | tr -d ' ,' | sort -u)
  [ -n "$opts" ] || { echo "FAIL: sagelint $cmd --help lists no options"; fail=1; }
  for opt in $opts; do
    grep -qF -- "${opt//-/\\-}" <<<"$section" ||
      { echo "FAIL: sagelint $cmd $opt is in --help but not in sagelint(1)"; fail=1; }
  done
done
if command -v man >/dev/null; then
  warnings=$(LC_ALL=C.UTF-8 MANROFFSEQ='' MANWIDTH=80 man --warnings -E UTF-8 -l -Tutf8 -Z "$page" 2>&1 >/dev/null) || true
  [ -z "$warnings" ] || { echo "FAIL: groff warns about sagelint(1):"; echo "$warnings"; fail=1; }
fi
[ "$fail" = 0 ] && echo "PASS: sagelint(1) lists every command and option of --help"
exit "$fail"
