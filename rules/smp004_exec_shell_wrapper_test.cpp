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

TEST_CASE("SMP004 names the script's last command as the compound command it is") {
  using sagelint::rules::testing::lint_text;
  struct Row {
    const char* script;  // JSON-escaped
    const char* expected;
  };
  const std::vector<Row> rows = {
      {"cd /app && python run.py", "its last command `python run.py` is not started with exec"},
      {"for f in /in/*.csv; do python p.py \\\"$f\\\"; done",
       "its last command is a for loop, `for f in /in/*.csv; do python p.py \"$f\"; done`: the "
       "shell runs the loop and starts `python p.py \"$f\"` as its child"},
      {"while true; do run; sleep 5; done", "its last command is a while loop"},
      {"if [ -n \\\"$X\\\" ]; then run a; else run b; fi",
       "its last command is an if statement, `if [ -n \"$X\" ]; then run a; else run b; fi`: the "
       "shell runs it and starts `run b` as its child (put exec before the last command of "
       "every branch)"},
      {"{ prepare; run; }", "its last command is a command group, `{ prepare; run; }`"},
      {"(cd /w; run)", "its last command is a subshell, `(cd /w; run)`: a subshell is a forked"},
      {"python run.py | tee /tmp/log",
       "its last command is a pipeline, `python run.py | tee /tmp/log`: every part of a "
       "pipeline runs as a child of the shell"},
      {"prepare; python run.py 2>&1 | tee log; exit 0", "its last command is a pipeline"},
  };
  for (const auto& row : rows) {
    std::string dockerfile =
        std::string("FROM python:3.12\nENTRYPOINT [\"sh\", \"-c\", \"") + row.script + "\"]\n";
    CAPTURE(dockerfile);
    auto findings = lint_text(rule_SMP004(), dockerfile);
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].message.find(row.expected) != std::string::npos);
    CHECK(findings[0].message.find("the shell stays PID 1") != std::string::npos);
  }
}
