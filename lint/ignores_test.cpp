#include "lint/ignores.hpp"

#include "lint/engine.hpp"

#include <doctest/doctest.h>

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
  sagelint::lint::apply_ignores(findings, ignores);
  // SMP001 is gone; SMP011 stays; only the first comment silenced something.
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].rule == "SMP011");
  CHECK(ignores[0].used == std::vector<bool>{true});
  CHECK(ignores[1].used == std::vector<bool>{false});
  CHECK(ignores[2].used == std::vector<bool>{false});
}

TEST_CASE("the engine hands the applied comments to SMP900, after the other rules") {
  const std::string text =
      "FROM python:3.12\n"                        // 1
      "# sagelint ignore=SMP001,SMP010 -- why\n"  // 2
      "ENTRYPOINT python3 run.py\n"               // 3
      "# sagelint ignore=SMP011\n"                // 4
      "\n"                                        // 5
      "# sagelint global ignore=SMP020\n";        // 6
  sagelint::lint::DockerfileInput input;
  input.target = "Dockerfile";
  input.text = text;
  auto result = sagelint::lint::lint_dockerfile(input, {});
  REQUIRE_FALSE(result.error);
  std::vector<std::string> got;
  for (const auto& f : result.findings)
    got.push_back(f.rule + " " + std::to_string(f.range->line) + ":" +
                  std::to_string(f.range->column));
  // SMP001 on line 3 is silenced; SMP010 (2:26), the detached comment (4:1) and the
  // global ignore (6:26) silence nothing.
  CHECK(got == std::vector<std::string>{"SMP900 2:26", "SMP900 4:1", "SMP900 6:26"});

  sagelint::lint::LintSettings no_inline;
  no_inline.inline_ignores = false;
  auto plain = sagelint::lint::lint_dockerfile(input, no_inline);
  REQUIRE(plain.findings.size() == 1);
  CHECK(plain.findings[0].rule == "SMP001");
}
