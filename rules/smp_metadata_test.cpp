// Every SMP rule carries complete metadata for `sagelint rules ID` and the docs.
#include <doctest/doctest.h>

#include <string>

#include "rules/rule.hpp"

using sagelint::rules::all_rules;
using sagelint::rules::find_rule;

TEST_CASE("every SMP rule is registered once, in ID order, with complete metadata") {
  const char* ids[] = {"SMP001", "SMP002", "SMP003", "SMP004", "SMP005", "SMP006", "SMP007",
                       "SMP010", "SMP011", "SMP020", "SMP021", "SMP030", "SMP031", "SMP032"};
  for (const char* id : ids) {
    CAPTURE(std::string(id));
    const auto* rule = find_rule(id);
    REQUIRE(rule != nullptr);
    const auto& info = rule->info();
    CHECK(info.id == id);
    CHECK(info.title.size() > 10);
    CHECK(!info.inputs.empty());
    CHECK(info.rationale.find("SageMaker") != std::string_view::npos);
    CHECK(!info.bad.empty());
    CHECK(!info.good.empty());
    CHECK(info.bad != info.good);
    CHECK(!info.fix.empty());
  }
  std::string previous;
  for (const auto* rule : all_rules()) {
    std::string id(rule->info().id);
    CHECK(previous < id);
    previous = id;
  }
}
