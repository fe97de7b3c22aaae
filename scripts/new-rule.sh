#!/usr/bin/env bash
# Creates a new rule: rules/<id>_<name>.cpp (metadata + check), its table test
# rules/<id>_<name>_test.cpp and its truth on real files fixtures/corpus-truth/<ID>.txt,
# as clang-tidy's add_new_check.py does. Nothing else is edited by hand: the build registers every rules/<id>_*.cpp, and docs/rules/ID.md is
# generated from the metadata (`cmake --build build --target rule_docs`).
#
#   scripts/new-rule.sh [--input dockerfile|image|request] ID NAME
#   scripts/new-rule.sh SMP042 crlf_entrypoint_script
#
# The new tests fail until the rule is written: its metadata and its truth file say TODO
# (which the registry and corpus-truth tests refuse), its check reports nothing, and its
# page is not generated yet.
set -euo pipefail
cd "$(dirname "$0")/.."

usage() { echo "usage: scripts/new-rule.sh [--input dockerfile|image|request] ID NAME" >&2; exit 2; }
input=dockerfile
if [ "${1:-}" = "--input" ]; then
  input=${2:-}
  shift 2 || usage
fi
[ $# -eq 2 ] || usage
id=$1 name=$2
case "$input" in dockerfile | image | request) ;; *) usage ;; esac
[[ "$id" =~ ^SM[PJ][0-9]{3}$ ]] || { echo "new-rule: ID must look like SMP042 or SMJ012, got '$id'" >&2; exit 2; }
[[ "$name" =~ ^[a-z][a-z0-9_]*$ ]] || { echo "new-rule: NAME must be lower_case_with_underscores, got '$name'" >&2; exit 2; }
lower=$(tr '[:upper:]' '[:lower:]' <<<"$id")
existing=$(find rules -maxdepth 1 -name "${lower}_*.cpp" ! -name '*_test.cpp' | head -1)
[ -z "$existing" ] || { echo "new-rule: $id exists already ($existing); IDs are never reused" >&2; exit 2; }
if [ -e "docs/rules/$id.md" ]; then
  echo "new-rule: docs/rules/ has $id already; IDs are never reused" >&2; exit 2
fi
rule="rules/${lower}_${name}.cpp"
test="rules/${lower}_${name}_test.cpp"
truth="fixtures/corpus-truth/$id.txt"
[ ! -e "$truth" ] || { echo "new-rule: $truth exists already; IDs are never reused" >&2; exit 2; }

case "$input" in
  dockerfile)
    includes='#include "parser/ast.hpp"'
    syntax=''
    check='// Judges one instruction of the shipped image (the target stage and the stages it
// builds FROM); ctx.shipped also has the start command and the scripts of a RUN.
void judge(const ShippedInstruction& si, const DockerfileContext& ctx, const Reporter& report) {
  const parser::Instruction& node = si.node();
  // TODO: report.at(node.args.front().span, "what is wrong, and what to do") when the
  // instruction is a problem on SageMaker Processing.
  (void)node;
  (void)ctx;
  (void)report;
}'
    register="SAGELINT_RULE($id, kInfo, .dockerfile = each_shipped_instruction<judge>);"
    ;;
  image)
    includes='#include "image/view.hpp"'
    syntax=''
    check='void check_image(const ImageContext& ctx, const Reporter& report) {
  const image::ImageConfig& config = ctx.image.config;
  // TODO: report.general("...") for a config problem, or report.at_path(path, layer,
  // ctx.image.files.created_by(layer), "...") for a file (and set .reads_layers).
  (void)config;
  (void)report;
}'
    register="SAGELINT_RULE($id, kInfo, .image = check_image);"
    ;;
  request)
    includes='#include "request/model.hpp"'
    syntax='
    .example_syntax = "",'
    check='void check_request(const RequestContext& ctx, const Reporter& report) {
  const request::AppSpecification& app = ctx.request.app_specification;
  // TODO: report.at_pointer(request::member_pointer(app.pointer, "Member"), "...") where
  // the request is a problem.
  (void)app;
  (void)report;
}'
    register="SAGELINT_RULE($id, kInfo, .request = check_request);"
    ;;
esac

cat >"$rule" <<EOF
// $id: TODO one line saying what is flagged.
$includes
#include "rules/rule.hpp"

namespace sagelint::rules {
namespace {

using namespace knowledge;

constexpr RuleInfo kInfo{
    .id = "$id",
    .severity = Severity::warning,
    .title = "TODO one line saying what is flagged",
    .inputs = "$input",
    .rationale = "TODO why it matters on SageMaker Processing, with the source of the facts.",
    .bad = "TODO a flagged example",
    .good = "TODO the same example, fixed",
    .fix = "TODO how to fix it.",$syntax
};

$check

}  // namespace

$register

}  // namespace sagelint::rules
EOF

case "$input" in
  dockerfile)
    cases='TEST_CASE("'"$id"' flags TODO") {
  run_cases(rule_'"$id"'(),
            {
                // name, Dockerfile, where each finding points ("line:column-line:column")
                {"TODO a flagged case", "FROM python:3.12\nRUN echo TODO\n", {"2:5-2:14"}},
            });
}

TEST_CASE("'"$id"' leaves TODO alone") {
  run_cases(rule_'"$id"'(),
            {
                {"TODO a clean case", "FROM python:3.12\nCMD [\"python3\", \"run.py\"]\n", {}},
            });
}'
    ;;
  image)
    cases='TEST_CASE("'"$id"' in an image") {
  using namespace sagelint::rules::testing;
  run_image_cases(rule_'"$id"'(),
                  {
                      // name, image, where each finding points ("config" or the path)
                      {"TODO a flagged case",
                       image_of(std::vector<std::string>{"python3", "run.py"}, std::nullopt),
                       {"config"}},
                      {"TODO a clean case",
                       image_of(std::vector<std::string>{"python3", "run.py"}, std::nullopt),
                       {}},
                  });
}'
    ;;
  request)
    cases='TEST_CASE("'"$id"' flags TODO, and only that") {
  using namespace sagelint::request::testing;
  CHECK(lint_request(rule_'"$id"'(), sdk_request().dump()).empty());
  auto doc = patched(sdk_request(), {{"/AppSpecification/ContainerArguments", "TODO"}});
  CHECK(pointers(lint_request(rule_'"$id"'(), doc.dump())) == "[/AppSpecification/ContainerArguments] ");
}'
    ;;
esac
support='#include "rules/rule_test_support.hpp"'
[ "$input" = request ] && support='#include "request/test_request.hpp"
#include "rules/request_rule_test_support.hpp"'

cat >"$test" <<EOF
$support

namespace sagelint::rules {
const Rule& rule_$id();
}

using sagelint::rules::rule_$id;
using namespace sagelint::rules::testing;

$cases
EOF

if [ "$input" = dockerfile ]; then
  cat >"$truth" <<EOF
# $id on real files (../shared/corpus/dockerfiles). TODO: list the corpus files it must flag
# and those that look close but must stay clean, one per line (rules/corpus_truth_test.cpp):
# flagged <file in corpus/dockerfiles> <start line>[,<line>...]  # why
# clean   <file in corpus/dockerfiles>                            # why
EOF
else
  what="a CreateProcessingJob request"
  [ "$input" = image ] && what="a built image"
  cat >"$truth" <<EOF
# $id judges $what; the Dockerfile corpus (../shared/corpus/dockerfiles) holds none, so it has no case for this rule. TODO: name the table test and fixtures that hold its cases, then drop this TODO.
EOF
fi

if command -v clang-format-14 >/dev/null || command -v clang-format >/dev/null; then
  "$(command -v clang-format-14 || command -v clang-format)" -i "$rule" "$test"
fi
cat <<EOF
created $rule
created $test
created $truth
next:
  1. write the metadata and the check in $rule, the cases in $test
     (rows that must be flagged, with exact positions, and rows that must not),
     and its truth on real files in $truth (no TODO left);
  2. cmake --build build -j2 --target sagelint_rules_tests && build/rules/sagelint_rules_tests
  3. cmake --build build --target rule_docs   # writes docs/rules/$id.md from the metadata
EOF
