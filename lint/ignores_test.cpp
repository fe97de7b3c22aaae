#include "lint/ignores.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "parser/parser.hpp"
#include "rules/rule.hpp"

using sagelint::lint::parse_ignore_comment;

TEST_CASE("ignore comments: what is read, what is not") {
  struct Case {
    const char* text;  // comment text after '#'
    bool is_pragma;
    bool global;
    std::vector<std::string> rules;
    const char* reason;
  };
  const Case cases[] = {
      {" sagelint ignore=SMP001", true, false, {"SMP001"}, ""},
      {"sagelint ignore=SMP001,SMP010", true, false, {"SMP001", "SMP010"}, ""},
      {"  sagelint   ignore =  smp001 ,  SMP010  ", true, false, {"SMP001", "SMP010"}, ""},
      {" sagelint ignore=SMP001 -- the launcher forwards signals",
       true,
       false,
       {"SMP001"},
       "the launcher forwards signals"},
      {" sagelint ignore=SMP001 # why", true, false, {"SMP001"}, "why"},
      {" sagelint ignore=SMP001--why", true, false, {"SMP001"}, "why"},
      {" sagelint: ignore=SMP001", true, false, {"SMP001"}, ""},
      {" sagelint global ignore=SMP020", true, true, {"SMP020"}, ""},
      {" SAGELINT GLOBAL IGNORE = SMP020 -- vendor base image",
       true,
       true,
       {"SMP020"},
       "vendor base image"},
      {" sagelint ignore", true, false, {}, ""},          // not readable: reported
      {" sagelint ignroe=SMP001", false, false, {}, ""},  // no "ignore" at all: a plain comment
      {" sagelint is great", false, false, {}, ""},
      {" hadolint ignore=DL3008", false, false, {}, ""},
      {" sagelintx ignore=SMP001", false, false, {}, ""},
  };
  for (const auto& c : cases) {
    CAPTURE(c.text);
    auto d = parse_ignore_comment(c.text);
    REQUIRE(d.has_value() == c.is_pragma);
    if (!d) continue;
    CHECK(d->global == c.global);
    CHECK(d->rules == c.rules);
    CHECK(d->reason == c.reason);
  }
}

TEST_CASE("inline ignores cover the instruction below their comment block") {
  const std::string text =
      "FROM alpine\n"                      // 1
      "# sagelint ignore=SMP001 -- why\n"  // 2
      "# more words\n"                     // 3
      "RUN a \\\n"                         // 4
      "# sagelint ignore=SMP010\n"         // 5 (inside the continuation)
      "  b\n"                              // 6
      "# sagelint ignore=SMP011\n"         // 7
      "\n"                                 // 8
      "CMD [\"x\"]\n";                     // 9
  auto parsed = sagelint::parser::parse(text);
  REQUIRE_FALSE(parsed.error);
  auto ignores = sagelint::lint::find_ignores(parsed.file, text);
  REQUIRE(ignores.size() == 3);
  CHECK(ignores[0].first_line == 4);
  CHECK(ignores[0].last_line == 6);
  CHECK(ignores[0].rule_where[0].column == 19);
  CHECK(ignores[1].inside_continuation);
  CHECK(ignores[1].first_line == 0);
  CHECK(ignores[2].first_line == 0);  // the blank line breaks the link

  std::vector<sagelint::Finding> findings(2);
  findings[0].rule = "SMP001";
  findings[0].range = sagelint::SourceRange{6, 3, 6, 4};
  findings[1].rule = "SMP011";
  findings[1].range = sagelint::SourceRange{9, 1, 9, 4};
  sagelint::lint::apply_ignores(findings, ignores, "Dockerfile");
  // SMP001 is gone; SMP011 stays; the continuation and the detached comment are SMP900.
  std::vector<std::string> rules;
  for (const auto& f : findings) rules.push_back(f.rule);
  CHECK(rules == std::vector<std::string>{"SMP011", "SMP900", "SMP900"});
}

TEST_CASE("docs/rules/SMP900.md carries the metadata's text") {
  const auto& info = sagelint::rules::find_rule("SMP900")->info();
  std::ifstream in(std::string(SAGELINT_SOURCE_DIR) + "/docs/rules/SMP900.md");
  REQUIRE(in.good());
  std::stringstream page;
  page << in.rdbuf();
  const std::string text = page.str();
  CHECK(text.rfind("# SMP900: " + std::string(info.title) + "\n", 0) == 0);
  CHECK(text.find("Default severity: **info**") != std::string::npos);
  for (auto part : {info.rationale, info.bad, info.good, info.fix})
    CHECK(text.find(std::string(part)) != std::string::npos);
}
