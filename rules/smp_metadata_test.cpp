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

#include <filesystem>
#include <fstream>
#include <sstream>

TEST_CASE("docs/rules/SMPxxx.md carries the same text as the metadata") {
  for (const auto* rule : all_rules()) {
    const auto& info = rule->info();
    if (info.id.substr(0, 3) != "SMP" || info.id == "SMP900") continue;
    std::string id(info.id);
    CAPTURE(id);
    std::filesystem::path doc =
        std::filesystem::path(SAGELINT_SOURCE_DIR) / "docs" / "rules" / (id + ".md");
    std::ifstream in(doc);
    REQUIRE_MESSAGE(in.good(), doc.string());
    std::stringstream text;
    text << in.rdbuf();
    const std::string page = text.str();
    CHECK(page.find("# " + id + ": " + std::string(info.title) + "\n") == 0);
    CHECK(page.find("Default severity: **" + std::string(sagelint::to_string(info.severity)) +
                    "**") != std::string::npos);
    CHECK(page.find(std::string(info.rationale)) != std::string::npos);
    CHECK(page.find(std::string(info.bad)) != std::string::npos);
    CHECK(page.find(std::string(info.good)) != std::string::npos);
    CHECK(page.find(std::string(info.fix)) != std::string::npos);
  }
}
