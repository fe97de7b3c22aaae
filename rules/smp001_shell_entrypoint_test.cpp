#include "rules/rule_test_support.hpp"

namespace sagelint::rules {
const Rule& rule_SMP001();
}

using sagelint::rules::rule_SMP001;
using sagelint::rules::testing::run_cases;

TEST_CASE("SMP001 flags a shell-form ENTRYPOINT of the shipped stage") {
  run_cases(
      rule_SMP001(),
      {
          // research 1g row 1
          {"shell form", "FROM python:3.12\nENTRYPOINT python3 /opt/program/p.py\n", {"2:12-2:37"}},
          // row 9: SHELL changes the shell, it is still shell form
          {"shell form via SHELL bash",
           "FROM python:3.12\nSHELL [\"/bin/bash\", \"-c\"]\nENTRYPOINT echo hi\n",
           {"3:12-3:19"}},
          {"lowercase keyword", "from python:3.12\nentrypoint python3 run.py\n", {"2:12-2:26"}},
          {"continuation lines",
           "FROM python:3.12\nENTRYPOINT python3 \\\n  run.py\n",
           {"2:12-3:9"}},
          // only the last ENTRYPOINT counts
          {"last of several is shell",
           "FROM python:3.12\nENTRYPOINT [\"a\"]\nENTRYPOINT b --x\n",
           {"3:12-3:17"}},
          {"inherited from an earlier stage",
           "FROM python:3.12 AS base\nENTRYPOINT python3 run.py\nFROM base\nRUN true\n",
           {"2:12-2:26"}},
      });
}

TEST_CASE("SMP001 leaves exec form, overridden and unshipped ENTRYPOINTs alone") {
  run_cases(
      rule_SMP001(),
      {
          {"exec form", "FROM python:3.12\nENTRYPOINT [\"python3\", \"/opt/p.py\"]\n", {}},
          // row 8: multi-line exec form
          {"multi-line exec form",
           "FROM python:3.12\nENTRYPOINT [ \\\n  \"python3\", \\\n  \"/opt/p.py\" \\\n  ]\n",
           {}},
          // row 10
          {"empty exec form", "FROM python:3.12\nENTRYPOINT []\n", {}},
          {"overridden by a later exec form",
           "FROM python:3.12\nENTRYPOINT python3 a.py\nENTRYPOINT [\"python3\"]\n",
           {}},
          {"builder stage only",
           "FROM python:3.12 AS build\nENTRYPOINT make\nFROM python:3.12\nENTRYPOINT "
           "[\"python3\"]\n",
           {}},
          // rows 2, 3, 5: not JSON, that is SMP003's finding
          {"single quotes are SMP003",
           "FROM python:3.12\nENTRYPOINT ['python3', '/opt/p.py']\n",
           {}},
          {"trailing comma is SMP003",
           "FROM python:3.12\nENTRYPOINT [\"python3\", \"/opt/p.py\",]\n",
           {}},
          {"no ENTRYPOINT", "FROM python:3.12\nCMD python3 run.py\n", {}},
          // row 4: commas and brackets inside JSON strings are still JSON
          {"brackets inside strings", "FROM python:3.12\nENTRYPOINT [\"echo\", \"a,b]\"]\n", {}},
      });
}

TEST_CASE("SMP001 judges the target stage when one is chosen") {
  const char* text =
      "FROM python:3.12 AS app\nENTRYPOINT python3 app.py\nFROM python:3.12 AS test\nENTRYPOINT "
      "[\"pytest\"]\n";
  sagelint::rules::testing::LintSetup setup;
  setup.target_stage = "app";
  run_cases(rule_SMP001(), {{"target app", text, {"2:12-2:26"}}}, setup);
  setup.target_stage = "test";
  run_cases(rule_SMP001(), {{"target test", text, {}}}, setup);
}

TEST_CASE("SMP001 in an image: Entrypoint = Shell + one string") {
  using namespace sagelint::rules::testing;
  auto bash_image =
      image_of(std::vector<std::string>{"/bin/bash", "-o", "pipefail", "-c", "python3 run.py"},
               std::nullopt);
  bash_image.config.shell = {"/bin/bash", "-o", "pipefail", "-c"};
  run_image_cases(
      rule_SMP001(),
      {
          {"default shell",
           image_of(std::vector<std::string>{"/bin/sh", "-c", "python3 run.py"}, std::nullopt),
           {"config"}},
          {"SHELL from the Dockerfile", bash_image, {"config"}},
          {"shell form even with exec",
           image_of(std::vector<std::string>{"/bin/sh", "-c", "exec python3 run.py"}, std::nullopt),
           {"config"}},
          {"exec form", image_of(std::vector<std::string>{"python3", "run.py"}, std::nullopt), {}},
          {"more than one string is exec form (SMP004)",
           image_of(std::vector<std::string>{"/bin/sh", "-c", "python3 run.py", "--"},
                    std::nullopt),
           {}},
          {"no Entrypoint",
           image_of(std::nullopt, std::vector<std::string>{"/bin/sh", "-c", "x"}),
           {}},
      });
}

TEST_CASE("SMP001 through the parser pitfalls") {
  run_cases(
      rule_SMP001(),
      {
          // research section 3 row 6
          {"backtick escape directive",
           "# escape=`\nFROM python:3.12\nENTRYPOINT python3 `\n  run.py\n",
           {"3:12-4:9"}},
          {"CRLF", "FROM python:3.12\r\nENTRYPOINT python3 run.py\r\n", {"2:12-2:26"}},
          // row 9: a comment line inside an exec-form continuation is dropped before JSON parsing
          {"comment inside exec form",
           "FROM python:3.12\nENTRYPOINT [\"python3\", \\\n# the script\n  \"run.py\"]\n",
           {}},
          // row 14: stage chain through an ARG-named base
          {"ARG-named base stage",
           "ARG B=base\nFROM python:3.12 AS base\nENTRYPOINT python3 run.py\nFROM ${B}\n",
           {"3:12-3:26"}},
      });
}
