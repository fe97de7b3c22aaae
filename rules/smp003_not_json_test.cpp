#include "rules/rule_test_support.hpp"

namespace sagelint::rules {
const Rule& rule_SMP003();
}

using sagelint::rules::rule_SMP003;
using sagelint::rules::testing::lint_text;
using sagelint::rules::testing::run_cases;

TEST_CASE("SMP003 flags ENTRYPOINT/CMD that look like JSON but are not") {
  run_cases(
      rule_SMP003(),
      {
          // research 1g rows 2, 3, 5; section 3 rows 1, 2
          {"single quotes",
           "FROM python:3.12\nENTRYPOINT ['python3', '/opt/p.py']\n",
           {"2:12-2:36"}},
          {"trailing comma",
           "FROM python:3.12\nENTRYPOINT [\"python3\", \"/opt/p.py\",]\n",
           {"2:12-2:37"}},
          {"unquoted variable", "FROM python:3.12\nCMD [\"echo\", $PORT]\n", {"2:5-2:20"}},
          {"bare word", "FROM python:3.12\nCMD [python3, run.py]\n", {"2:5-2:22"}},
          {"CMD after an ENTRYPOINT",
           "FROM python:3.12\nENTRYPOINT [\"python3\"]\nCMD ['run.py']\n",
           {"3:5-3:15"}},
          {"inherited", "FROM python:3.12 AS base\nENTRYPOINT ['x']\nFROM base\n", {"2:12-2:17"}},
      });
}

TEST_CASE("SMP003 leaves valid JSON, shell form and overridden instructions alone") {
  run_cases(rule_SMP003(),
            {
                {"valid JSON", "FROM python:3.12\nENTRYPOINT [\"python3\", \"/opt/p.py\"]\n", {}},
                // section 3 row 1: a quote inside a string is fine
                {"apostrophe inside a string", "FROM python:3.12\nCMD [\"it's\"]\n", {}},
                {"empty array", "FROM python:3.12\nENTRYPOINT []\n", {}},
                {"plain shell form", "FROM python:3.12\nCMD python3 run.py\n", {}},
                {"overridden", "FROM python:3.12\nENTRYPOINT ['x']\nENTRYPOINT [\"y\"]\n", {}},
                {"reset CMD of the base stage",
                 "FROM python:3.12 AS base\nCMD ['x']\nFROM base\nENTRYPOINT [\"y\"]\n",
                 {}},
                {"builder stage",
                 "FROM python:3.12 AS b\nCMD ['x']\nFROM python:3.12\nCMD [\"y\"]\n",
                 {}},
            });
}

TEST_CASE("SMP003 says why the text is not JSON") {
  auto findings = lint_text(rule_SMP003(), "FROM python:3.12\nENTRYPOINT ['python3']\n");
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].message.find("not valid JSON (") != std::string::npos);
  CHECK(findings[0].message.size() > 60);
}

TEST_CASE("a JSON array with a non-string element is a parse error, not SMP003") {
  // research 1g row 4 and section 3 row 3: BuildKit rejects the file (exit 3).
  for (const char* text :
       {"FROM python:3.12\nCMD [\"sleep\", 10]\n", "FROM python:3.12\nCMD [\"a\", null]\n"}) {
    CAPTURE(std::string(text));
    CHECK(sagelint::parser::parse(text).error.has_value());
  }
}
