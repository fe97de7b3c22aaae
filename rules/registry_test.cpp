// The registry: every rule file registered once, in ID order, with complete metadata
// that agrees with the checks it registers and with the rule tables of SPEC.md.
#include <doctest/doctest.h>

#include <cctype>
#include <map>
#include <set>
#include <sstream>
#include <string>

#include "parser/shared_data_test_support.hpp"
#include "rules/rule.hpp"

using sagelint::rules::all_rules;
using sagelint::rules::find_rule;

namespace {

bool looks_like_id(std::string_view id) {
  if (id.size() != 6 || (id.substr(0, 3) != "SMP" && id.substr(0, 3) != "SMJ")) return false;
  for (char c : id.substr(3))
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

bool mentions(std::string_view inputs, std::string_view kind) {
  return inputs.find(kind) != std::string_view::npos;
}

}  // namespace

TEST_CASE("every rule is registered once, in ID order, with complete metadata") {
  REQUIRE(!all_rules().empty());
  std::string previous;
  for (const auto* rule : all_rules()) {
    const auto& info = rule->info();
    std::string id(info.id);
    CAPTURE(id);
    CHECK(looks_like_id(id));
    CHECK(previous < id);
    previous = id;
    CHECK(find_rule(id) == rule);
    CHECK(info.title.size() > 10);
    CHECK(!info.inputs.empty());
    CHECK(info.rationale.find("SageMaker") != std::string_view::npos);
    CHECK(!info.bad.empty());
    CHECK(!info.good.empty());
    CHECK(info.bad != info.good);
    CHECK(!info.fix.empty());
    for (std::string_view text :
         {info.title, info.rationale, info.bad, info.good, info.fix, info.details})
      CHECK_MESSAGE(text.find("TODO") == std::string_view::npos, "unfinished metadata");
  }
  CHECK(find_rule("SMP999") == nullptr);
}

TEST_CASE("a rule judges the inputs its metadata names, and reads layers only for image files") {
  for (const auto* rule : all_rules()) {
    const auto& info = rule->info();
    const auto& checks = rule->checks();
    CAPTURE(std::string(info.id));
    const bool request = mentions(info.inputs, "request");
    CHECK(request == (checks.request != nullptr));
    // "request + image": the image is the request's, judged by the request check.
    CHECK((mentions(info.inputs, "image") && !request) == (checks.image != nullptr));
    CHECK(mentions(info.inputs, "dockerfile") ==
          (checks.dockerfile != nullptr || checks.ignores != nullptr));
    // Judged by `run` from what it observed (RunContext), and only there.
    CHECK((info.inputs == "run") == (checks.run != nullptr));
    if (info.inputs == "run") {
      CHECK((checks.dockerfile == nullptr));
      CHECK((checks.image == nullptr));
      CHECK((checks.request == nullptr));
    }
    if (info.reads_layers) CHECK((checks.image != nullptr));
    if (checks.image_contents != nullptr) CHECK(info.reads_layers);
    if (checks.image_head != nullptr) CHECK(info.reads_layers);
  }
}

// The rule tables of SPEC.md (up to its wave 2 section, whose rules come later): every
// ID there is registered, with the default severity and inputs the table gives.
TEST_SUITE_BEGIN("needs-shared");
TEST_CASE("every rule SPEC.md lists is registered as SPEC.md describes it") {
  SKIP_IF_MISSING("shared", sagelint::testing::missing_shared("SPEC.md"));
  std::string spec = sagelint::parser::testing::read_all(sagelint::testing::shared_path("SPEC.md"));
  spec = spec.substr(0, spec.find("\n## Wave 2 additions"));
  std::istringstream lines(spec);
  int listed = 0;
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("| SM", 0) != 0) continue;
    std::vector<std::string> cells;
    std::istringstream row(line.substr(1));
    for (std::string cell; std::getline(row, cell, '|');) {
      auto b = cell.find_first_not_of(' ');
      auto e = cell.find_last_not_of(' ');
      cells.push_back(b == std::string::npos ? "" : cell.substr(b, e - b + 1));
    }
    REQUIRE(cells.size() >= 3);
    CAPTURE(line);
    const auto* rule = find_rule(cells[0]);
    REQUIRE_MESSAGE(rule != nullptr, "SPEC.md names a rule that is not registered");
    CHECK(sagelint::to_string(rule->info().severity) == cells[1]);
    if (cells.size() >= 4) CHECK(rule->info().inputs == cells[2]);  // the static rules' table
    ++listed;
  }
  CHECK(listed >= 15);
}
TEST_SUITE_END();
