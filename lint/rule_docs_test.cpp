// The committed docs/rules/ pages are the ones the rules' metadata generates.
#include "lint/rule_docs.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

namespace {

namespace fs = std::filesystem;

const fs::path kDocs = fs::path(SAGELINT_SOURCE_DIR) / "docs" / "rules";
const std::string kRegenerate =
    "docs/rules/ is generated from the rules' metadata: run `cmake --build build --target "
    "rule_docs` and commit the result";

std::string read(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

TEST_CASE("docs/rules/ holds exactly the generated pages") {
  using sagelint::lint::rule_markdown;
  std::set<std::string> expected = {"README.md"};
  for (const auto* rule : sagelint::rules::all_rules()) {
    std::string name = std::string(rule->info().id) + ".md";
    expected.insert(name);
    CAPTURE(name);
    REQUIRE_MESSAGE(fs::exists(kDocs / name), kRegenerate);
    CHECK_MESSAGE(read(kDocs / name) == rule_markdown(rule->info()), kRegenerate);
  }
  CHECK_MESSAGE(read(kDocs / "README.md") == sagelint::lint::rule_index_markdown(), kRegenerate);
  for (const auto& entry : fs::directory_iterator(kDocs)) {
    std::string name = entry.path().filename().string();
    CAPTURE(name);
    CHECK_MESSAGE(expected.count(name) == 1, std::string("a page for no registered rule"));
  }
}

TEST_CASE("a rule page has the metadata's sections in order") {
  sagelint::rules::RuleInfo info{.id = "SMP999",
                                 .severity = sagelint::Severity::warning,
                                 .title = "A title",
                                 .inputs = "run",
                                 .rationale = "Why it matters.",
                                 .bad = "bad line 1\nbad line 2",
                                 .good = "good",
                                 .fix = "Fix it.",
                                 .details = "\n## What is judged\n\n- this\n\n",
                                 .example_syntax = "sh"};
  CHECK(sagelint::lint::rule_markdown(info) ==
        "# SMP999: A title\n\n"
        "Default severity: **warning**. Input: run (a dynamic finding of `sagelint run`).\n\n"
        "## Why\n\nWhy it matters.\n\n"
        "## Bad\n\n```sh\nbad line 1\nbad line 2\n```\n\n"
        "## Good\n\n```sh\ngood\n```\n\n"
        "## Fix\n\nFix it.\n\n"
        "## What is judged\n\n- this\n");
  info.details = {};
  info.example_syntax = "";
  info.inputs = "request";
  auto page = sagelint::lint::rule_markdown(info);
  CHECK(page.find("Input: request.\n") != std::string::npos);
  CHECK(page.find("## Bad\n\n```\nbad line 1") != std::string::npos);
  CHECK(page.ends_with("\n## Fix\n\nFix it.\n"));
}
