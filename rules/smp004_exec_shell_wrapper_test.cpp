#include "rules/rule_test_support.hpp"

namespace sagelint::rules {
const Rule& rule_SMP004();
}

using sagelint::rules::rule_SMP004;
using sagelint::rules::testing::run_cases;

TEST_CASE("SMP004 flags exec form that runs a shell -c without exec") {
  run_cases(rule_SMP004(),
            {
                {"sh -c",
                 "FROM python:3.12\nENTRYPOINT [\"/bin/sh\",\"-c\",\"python run.py\"]\n",
                 {"2:13-2:22"}},
                {"bash -ec, several commands",
                 "FROM python:3.12\nENTRYPOINT [\"bash\", \"-ec\", \"cd /app; python run.py\"]\n",
                 {"2:13-2:19"}},
                {"exec only in an earlier command",
                 "FROM python:3.12\nCMD [\"sh\", \"-c\", \"exec >log; python run.py\"]\n",
                 {"2:6-2:10"}},
                {"script from CMD",
                 "FROM python:3.12\nENTRYPOINT [\"/bin/sh\", \"-c\"]\nCMD [\"python run.py\"]\n",
                 {"2:13-2:22"}},
            });
}

TEST_CASE("SMP004 leaves hand-overs and other forms alone") {
  run_cases(
      rule_SMP004(),
      {
          // research 1g row 6
          {"exec hand-over",
           "FROM python:3.12\nENTRYPOINT [\"/bin/sh\",\"-c\",\"exec python3 p.py\"]\n",
           {}},
          {"setup then exec",
           "FROM python:3.12\nENTRYPOINT [\"bash\",\"-c\",\"source /env && exec python3 p.py "
           "\\\"$@\\\"\", \"--\"]\n",
           {}},
          {"shell form is SMP001", "FROM python:3.12\nENTRYPOINT python run.py\n", {}},
          {"shell script file, not -c",
           "FROM python:3.12\nENTRYPOINT [\"/bin/bash\", \"/entry.sh\"]\n",
           {}},
          {"not a shell", "FROM python:3.12\nENTRYPOINT [\"python3\", \"-c\", \"print(1)\"]\n", {}},
          {"CMD is arguments of a non-shell ENTRYPOINT",
           "FROM python:3.12\nENTRYPOINT [\"tini\", \"--\"]\nCMD [\"sh\", \"-c\", \"x\"]\n",
           {}},
      });
}

TEST_CASE("SMP004 in an image") {
  using namespace sagelint::rules::testing;
  using V = std::vector<std::string>;
  run_image_cases(
      rule_SMP004(),
      {
          {"bash -c", image_of(V{"bash", "-c", "python3 run.py"}, std::nullopt), {"config"}},
          {"sh -c with an extra argument",
           image_of(V{"/bin/sh", "-c", "python3 run.py", "--"}, std::nullopt),
           {"config"}},
          {"script in Cmd", image_of(V{"/bin/sh", "-c"}, V{"python3 run.py"}), {"config"}},
          {"shell form is SMP001",
           image_of(V{"/bin/sh", "-c", "python3 run.py"}, std::nullopt),
           {}},
          {"exec hand-over", image_of(V{"bash", "-c", "exec python3 run.py"}, std::nullopt), {}},
          {"plain program", image_of(V{"python3", "run.py"}, std::nullopt), {}},
      });
}
