// docs/rules/SMJxxx.md carries the same text as the rule's metadata.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "rules/rule.hpp"

namespace sagelint::rules {
const Rule& rule_SMJ001();
const Rule& rule_SMJ002();
const Rule& rule_SMJ003();
const Rule& rule_SMJ004();
const Rule& rule_SMJ010();
const Rule& rule_SMJ011();
}  // namespace sagelint::rules

TEST_CASE("SMJ rule pages repeat the rule metadata") {
  using namespace sagelint::rules;
  for (const Rule* rule : {&rule_SMJ001(), &rule_SMJ002(), &rule_SMJ003(), &rule_SMJ004(),
                           &rule_SMJ010(), &rule_SMJ011()}) {
    const RuleInfo& info = rule->info();
    std::string id(info.id);
    CAPTURE(id);
    std::ifstream in(std::string(SAGELINT_SOURCE_DIR) + "/docs/rules/" + id + ".md");
    REQUIRE(in);
    std::stringstream page;
    page << in.rdbuf();
    const std::string text = page.str();
    CHECK(text.rfind("# " + id + ": " + std::string(info.title) + "\n", 0) == 0);
    CHECK(text.find("**" + std::string(sagelint::to_string(info.severity)) + "**") !=
          std::string::npos);
    for (std::string_view part : {info.rationale, info.bad, info.good, info.fix}) {
      CHECK(!part.empty());
      CHECK(text.find(std::string(part)) != std::string::npos);
    }
    CHECK(find_rule(info.id) == rule);
  }
}
