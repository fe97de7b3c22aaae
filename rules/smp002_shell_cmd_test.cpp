#include "rules/rule_test_support.hpp"

namespace sagelint::rules {
const Rule& rule_SMP002();
}

using sagelint::rules::rule_SMP002;
using sagelint::rules::testing::run_cases;

TEST_CASE("SMP002 flags a shell-form CMD when there is no ENTRYPOINT") {
  run_cases(rule_SMP002(),
            {
                {"shell-form CMD", "FROM python:3.12\nCMD python3 run.py\n", {"2:5-2:19"}},
                {"SHELL does not make it exec form",
                 "FROM python:3.12\nSHELL [\"/bin/bash\",\"-c\"]\nCMD python3 run.py\n",
                 {"3:5-3:19"}},
                {"ENTRYPOINT [] leaves CMD as the command",
                 "FROM python:3.12\nENTRYPOINT []\nCMD python3 run.py\n",
                 {"3:5-3:19"}},
                {"last CMD counts", "FROM python:3.12\nCMD [\"a\"]\nCMD b c\n", {"3:5-3:8"}},
                {"inherited CMD",
                 "FROM python:3.12 AS base\nCMD python3 run.py\nFROM base\n",
                 {"2:5-2:19"}},
            });
}

TEST_CASE("SMP002 leaves other start commands alone") {
  run_cases(rule_SMP002(),
            {
                {"exec CMD", "FROM python:3.12\nCMD [\"python3\", \"run.py\"]\n", {}},
                {"with an ENTRYPOINT, CMD is arguments",
                 "FROM python:3.12\nENTRYPOINT [\"python3\"]\nCMD run.py\n",
                 {}},
                // ENTRYPOINT resets an inherited CMD
                {"ENTRYPOINT resets inherited CMD",
                 "FROM python:3.12 AS base\nCMD python3 run.py\nFROM base\nENTRYPOINT []\n",
                 {}},
                // research 1g row 5: that is SMP003
                {"almost JSON is SMP003", "FROM python:3.12\nCMD [\"echo\", $PORT]\n", {}},
                {"no command at all", "FROM python:3.12\n", {}},
            });
}

TEST_CASE("SMP002 in an image: no Entrypoint and Cmd = Shell + one string") {
  using namespace sagelint::rules::testing;
  run_image_cases(
      rule_SMP002(),
      {
          {"shell-form Cmd",
           image_of(std::nullopt, std::vector<std::string>{"/bin/sh", "-c", "python3 run.py"}),
           {"config"}},
          {"empty Entrypoint",
           image_of(std::vector<std::string>{},
                    std::vector<std::string>{"/bin/sh", "-c", "python3 run.py"}),
           {"config"}},
          {"exec-form Cmd",
           image_of(std::nullopt, std::vector<std::string>{"python3", "run.py"}),
           {}},
          {"Entrypoint present",
           image_of(std::vector<std::string>{"python3"},
                    std::vector<std::string>{"/bin/sh", "-c", "x"}),
           {}},
      });
}

TEST_CASE("SMP002 says when it assumes an external base image sets no ENTRYPOINT") {
  using sagelint::rules::testing::lint_text;
  const std::string assumption = "this assumes the base image";
  struct Row {
    const char* name;
    const char* dockerfile;
    std::string expected;  // "" = the message makes no assumption
  };
  const std::vector<Row> rows = {
      {"external base", "FROM python:3.12\nCMD python3 run.py\n",
       "this assumes the base image python:3.12 sets no ENTRYPOINT of its own, which this file "
       "cannot show; linting the built image sees the truth"},
      {"external base behind a stage",
       "FROM nvidia/cuda:12.2.0-runtime-ubuntu22.04 AS base\nFROM base\nCMD python3 run.py\n",
       "this assumes the base image nvidia/cuda:12.2.0-runtime-ubuntu22.04 sets no ENTRYPOINT"},
      {"scratch has none", "FROM scratch\nCMD /run\n", ""},
      {"ENTRYPOINT [] clears it", "FROM python:3.12\nENTRYPOINT []\nCMD python3 run.py\n", ""},
  };
  for (const auto& row : rows) {
    std::string name = row.name;
    CAPTURE(name);
    auto findings = lint_text(rule_SMP002(), row.dockerfile);
    REQUIRE(findings.size() == 1);
    const std::string& message = findings[0].message;
    CAPTURE(message);
    if (row.expected.empty()) {
      CHECK(message.find(assumption) == std::string::npos);
    } else {
      CHECK(message.find(row.expected) != std::string::npos);
    }
    CHECK(message.find("use an exec-form ENTRYPOINT") != std::string::npos);
  }
}
