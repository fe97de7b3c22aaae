#!/usr/bin/env bash
# scripts/new-rule.sh in a scratch copy of the tree: for each kind of input it creates
# exactly the three files a rule needs (rules/<id>_<name>.cpp, its table test, and
# fixtures/corpus-truth/<ID>.txt), the two C++ files compile against the project's
# headers, the truth file still says TODO (which rules/corpus_truth_test.cpp refuses),
# and an ID or a malformed name is refused with exit 2 and nothing written.
#   tests/new_rule_test.sh SOURCE_DIR CXX
set -euo pipefail
src=$1 cxx=${2:-c++}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/scripts" "$scratch/rules" "$scratch/docs/rules" "$scratch/fixtures/corpus-truth"
cp "$src/scripts/new-rule.sh" "$scratch/scripts/"
fail=0
listing() { (cd "$scratch" && find rules fixtures docs -type f | sort); }
compile() { "$cxx" -std=c++20 -fsyntax-only -I"$src" -DSAGELINT_SOURCE_DIR="\"$src\"" "$1" 2>&1 | head -20 || true; }
for spec in "dockerfile SMP901 sample_dockerfile_rule" "image SMP902 sample_image_rule" \
  "request SMJ903 sample_request_rule"; do
  read -r input id name <<<"$spec"
  lower=$(tr '[:upper:]' '[:lower:]' <<<"$id")
  before=$(listing)
  bash "$scratch/scripts/new-rule.sh" --input "$input" "$id" "$name" >"$scratch/out.txt"
  added=$(comm -13 <(echo "$before") <(listing) | tr '\n' ' ')
  want="fixtures/corpus-truth/$id.txt rules/${lower}_${name}.cpp rules/${lower}_${name}_test.cpp "
  [ "$added" = "$want" ] || { echo "FAIL: --input $input created [$added], want [$want]"; fail=1; }
  for f in "rules/${lower}_${name}.cpp" "rules/${lower}_${name}_test.cpp"; do
    [ -f "$scratch/$f" ] || continue
    errors=$(compile "$scratch/$f")
    [ -z "$errors" ] || { echo "FAIL: the template $f does not compile:"; echo "$errors"; fail=1; }
  done
  grep -q TODO "$scratch/fixtures/corpus-truth/$id.txt" ||
    { echo "FAIL: $id.txt has no TODO, so an unwritten truth file would pass"; fail=1; }
  # The same ID again is refused, and nothing changes.
  before=$(listing)
  if bash "$scratch/scripts/new-rule.sh" --input "$input" "$id" other_name >/dev/null 2>"$scratch/err.txt"; then
    echo "FAIL: $id was accepted twice"; fail=1
  fi
  [ "$(listing)" = "$before" ] || { echo "FAIL: a refused $id still wrote files"; fail=1; }
  grep -q "exists already" "$scratch/err.txt" || { echo "FAIL: no reason given for reusing $id"; fail=1; }
done
for bad in "smp904 lower_id" "SMP905 Bad-Name" "SMX906 wrong_prefix"; do
  read -r id name <<<"$bad"
  before=$(listing)
  set +e
  bash "$scratch/scripts/new-rule.sh" "$id" "$name" >/dev/null 2>&1
  rc=$?
  set -e
  [ "$rc" = 2 ] || { echo "FAIL: new-rule.sh $id $name exited $rc, want 2"; fail=1; }
  [ "$(listing)" = "$before" ] || { echo "FAIL: new-rule.sh $id $name wrote files"; fail=1; }
done
[ "$fail" = 0 ] && echo "new-rule.sh: three files per rule, templates compile, reuse and bad names refused"
exit "$fail"
