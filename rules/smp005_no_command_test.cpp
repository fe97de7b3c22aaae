#include "rules/rule_test_support.hpp"

namespace sagelint::rules {
const Rule& rule_SMP005();
}

using sagelint::rules::rule_SMP005;
using sagelint::rules::testing::run_cases;

TEST_CASE("SMP005 flags images that are known to have no command") {
  run_cases(rule_SMP005(),
            {
                {"scratch without command", "FROM scratch\nCOPY app /app\n", {"1:1-1:13"}},
                {"scratch through a stage chain",
                 "FROM scratch AS base\nCOPY app /app\nFROM base\nLABEL a=b\n",
                 {"3:1-3:10"}},
                {"ENTRYPOINT [] drops the inherited command",
                 "FROM python:3.12\nENTRYPOINT []\n",
                 {"2:1-2:14"}},
                {"CMD [] on scratch", "FROM scratch\nCMD []\n", {"2:1-2:7"}},
            });
}

TEST_CASE("SMP005 does not guess about external base images") {
  run_cases(rule_SMP005(),
            {
                {"external base may have a command", "FROM python:3.12\nRUN pip install x\n", {}},
                {"unknown base", "ARG BASE\nFROM ${BASE}\n", {}},
                {"CMD []: base ENTRYPOINT may remain", "FROM python:3.12\nCMD []\n", {}},
                {"ENTRYPOINT set", "FROM scratch\nENTRYPOINT [\"/app\"]\n", {}},
                {"CMD set", "FROM scratch\nCMD [\"/app\"]\n", {}},
                {"command in an unshipped stage only",
                 "FROM scratch AS a\nCMD [\"/a\"]\nFROM scratch\nCOPY --from=a /a /a\n",
                 {"3:1-3:13"}},
            });
}

TEST_CASE("SMP005 in an image") {
  using namespace sagelint::rules::testing;
  using V = std::vector<std::string>;
  run_image_cases(rule_SMP005(), {
                                     {"neither", image_of(std::nullopt, std::nullopt), {"config"}},
                                     {"both empty", image_of(V{}, V{}), {"config"}},
                                     {"Cmd only", image_of(std::nullopt, V{"python3"}), {}},
                                     {"Entrypoint only", image_of(V{"/app"}, std::nullopt), {}},
                                 });
}
