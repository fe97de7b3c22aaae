#include "rules/rule_test_support.hpp"

namespace sagelint::rules {
const Rule& rule_SMP007();
}

using sagelint::rules::rule_SMP007;
using sagelint::rules::testing::run_cases;

TEST_CASE("SMP007 flags exec-form elements that cannot work") {
  run_cases(
      rule_SMP007(),
      {
          // research section 3 row 5
          {"variable in program", "FROM python:3.12\nENTRYPOINT [\"$APP/run\"]\n", {"2:13-2:23"}},
          {"braced variable in an argument",
           "FROM python:3.12\nCMD [\"python3\", \"${HOME}/run.py\"]\n",
           {"2:17-2:33"}},
          // research 1g row 7
          {"program with a space",
           "FROM python:3.12\nENTRYPOINT [\"/run.sh --port 8080\"]\n",
           {"2:13-2:34"}},
          {"argument after the -c script is not expanded",
           "FROM python:3.12\nENTRYPOINT [\"sh\", \"-c\", \"echo $1\", \"$HOME\"]\n",
           {"2:36-2:43"}},
          {"CMD appended to ENTRYPOINT",
           "FROM python:3.12\nENTRYPOINT [\"python3\"]\nCMD [\"$SCRIPT\"]\n",
           {"3:6-3:15"}},
      });
}

TEST_CASE("SMP007 leaves shells, shell form and plain elements alone") {
  run_cases(
      rule_SMP007(),
      {
          {"script of sh -c",
           "FROM python:3.12\nENTRYPOINT [\"/bin/sh\", \"-c\", \"exec python3 $APP/run.py\"]\n",
           {}},
          {"shell form expands", "FROM python:3.12\nENTRYPOINT python3 $APP/run.py\n", {}},
          {"space in a later argument",
           "FROM python:3.12\nENTRYPOINT [\"python3\", \"my file.py\"]\n",
           {}},
          {"positional parameter", "FROM python:3.12\nENTRYPOINT [\"/e.sh\", \"$1\"]\n", {}},
          {"CMD first element with space after ENTRYPOINT",
           "FROM python:3.12\nENTRYPOINT [\"/e.sh\"]\nCMD [\"a b\"]\n",
           {}},
          {"overridden", "FROM python:3.12\nENTRYPOINT [\"$X\"]\nENTRYPOINT [\"python3\"]\n", {}},
      });
}

TEST_CASE("SMP007 in an image") {
  using namespace sagelint::rules::testing;
  using V = std::vector<std::string>;
  run_image_cases(
      rule_SMP007(),
      {
          {"variable", image_of(V{"$APP/run"}, std::nullopt), {"config"}},
          {"program with a space", image_of(V{"/run.sh --port 8080"}, std::nullopt), {"config"}},
          {"variable in Cmd", image_of(V{"python3"}, V{"${SCRIPT}"}), {"config"}},
          {"shell -c script",
           image_of(V{"bash", "-c", "exec python3 $APP/run.py"}, std::nullopt),
           {}},
          {"shell form", image_of(V{"/bin/sh", "-c", "python3 $APP/run.py"}, std::nullopt), {}},
      });
}
