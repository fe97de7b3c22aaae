#include "fix/dockerfile_fix.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "lint/engine.hpp"

namespace {

using sagelint::Finding;
using sagelint::fix::FindingFix;

std::vector<Finding> findings_of(const std::string& text) {
  sagelint::lint::DockerfileInput input;
  input.target = "Dockerfile";
  input.text = text;
  auto result = sagelint::lint::lint_dockerfile(input, {});
  REQUIRE_MESSAGE(!result.error, result.error.value_or(""));
  return result.findings;
}

struct Fixed {
  std::string text;
  std::vector<std::string> refused;  // "RULE: reason"
};

Fixed fix(const std::string& text) {
  auto findings = findings_of(text);
  auto outcome = sagelint::fix::fix_dockerfile_text(text, findings, {}, "");
  REQUIRE(outcome);
  Fixed out{outcome->text, {}};
  for (std::size_t i = 0; i < findings.size(); ++i)
    if (outcome->per_finding[i].status == FindingFix::refused)
      out.refused.push_back(findings[i].rule + ": " + outcome->per_finding[i].reason);
  return out;
}

bool has_rule(const std::vector<Finding>& fs, const std::string& rule) {
  for (const auto& f : fs)
    if (f.rule == rule) return true;
  return false;
}

struct Case {
  const char* name;
  std::string before;
  std::string after;  // == before: left alone
  const char* refused_rule = nullptr;
};

void run(const std::vector<Case>& cases) {
  for (const auto& c : cases) {
    CAPTURE(c.name);
    const Fixed once = fix(c.before);
    CHECK(once.text == c.after);
    if (c.refused_rule) {
      REQUIRE(once.refused.size() == 1);
      CHECK(once.refused.front().rfind(c.refused_rule, 0) == 0);
    } else {
      CHECK(once.refused.empty());
    }
    // A second run changes nothing.
    CHECK(fix(once.text).text == once.text);
    if (once.text != c.before) {
      auto after = findings_of(once.text);
      for (const char* rule : {"SMP001", "SMP002", "SMP003", "SMP004"}) {
        CAPTURE(rule);
        CHECK(has_rule(after, rule) == (c.refused_rule && std::string(c.refused_rule) == rule));
      }
    }
  }
}

const std::string kFrom = "FROM python:3.12\n";

}  // namespace

TEST_CASE("--fix: shell form without shell syntax becomes exec form") {
  run({
      {"ENTRYPOINT", kFrom + "ENTRYPOINT python3 /opt/p.py\n",
       kFrom + "ENTRYPOINT [\"python3\", \"/opt/p.py\"]\n"},
      {"CMD without ENTRYPOINT", kFrom + "CMD python3 run.py --n 3\n",
       kFrom + "CMD [\"python3\", \"run.py\", \"--n\", \"3\"]\n"},
      {"quotes and escapes resolved as sh does",
       kFrom + "ENTRYPOINT python3 \"my run.py\" 'a  b' c\\ d \"x\\\"y\\\\z\" 'q\\n'\n",
       kFrom + "ENTRYPOINT [\"python3\", \"my run.py\", \"a  b\", \"c d\", \"x\\\"y\\\\z\", "
               "\"q\\\\n\"]\n"},
      {"leading exec dropped", kFrom + "ENTRYPOINT exec python3 run.py\n",
       kFrom + "ENTRYPOINT [\"python3\", \"run.py\"]\n"},
      {"lowercase keyword and trailing blanks kept", kFrom + "entrypoint  python3 run.py  \n",
       kFrom + "entrypoint  [\"python3\", \"run.py\"]  \n"},
      {"continuation lines and a comment inside",
       kFrom + "ENTRYPOINT python3 \\\n# the script\n    run.py \\\n    --x 1\n",
       kFrom +
           "ENTRYPOINT [\"python3\", \\\n# the script\n    \"run.py\", \\\n    \"--x\", \"1\"]\n"},
      {"CRLF and BOM",
       "\xEF\xBB\xBF"
       "FROM python:3.12\r\nENTRYPOINT python3 run.py\r\n# end\r\n",
       "\xEF\xBB\xBF"
       "FROM python:3.12\r\nENTRYPOINT [\"python3\", \"run.py\"]\r\n# end\r\n"},
      {"backtick escape directive",
       "# escape=`\nFROM python:3.12\nENTRYPOINT python3 `\n  run.py\n",
       "# escape=`\nFROM python:3.12\nENTRYPOINT [\"python3\", `\n  \"run.py\"]\n"},
      {"heredoc elsewhere untouched",
       kFrom + "RUN <<EOF\necho  hi  \nEOF\nENTRYPOINT python3 run.py\n",
       kFrom + "RUN <<EOF\necho  hi  \nEOF\nENTRYPOINT [\"python3\", \"run.py\"]\n"},
      {"UTF-8 kept", kFrom + "CMD python3 r\xC3\xA9sum\xC3\xA9.py\n",
       kFrom + "CMD [\"python3\", \"r\xC3\xA9sum\xC3\xA9.py\"]\n"},
  });
}

TEST_CASE("--fix: text that needs a shell gets SHELL + exec, when exec is safe") {
  run({
      {"expansion", kFrom + "ENTRYPOINT python3 $APP/run.py\n",
       kFrom + "ENTRYPOINT [\"/bin/sh\", \"-c\", \"exec python3 $APP/run.py\"]\n"},
      {"&& list: exec before the last command", kFrom + "CMD cd /app && python train.py\n",
       kFrom + "CMD [\"/bin/sh\", \"-c\", \"cd /app && exec python train.py\"]\n"},
      {"SHELL in force",
       kFrom + "SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nCMD python ${X}\n",
       kFrom + "SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nCMD [\"/bin/bash\", \"-o\", "
               "\"pipefail\", \"-c\", \"exec python ${X}\"]\n"},
      {"continued over lines, quotes escaped for JSON",
       kFrom + "CMD cd /app && \\\n  python \"$X\"\n",
       kFrom + "CMD [\"/bin/sh\", \"-c\", \"cd /app && \\\n  exec python \\\"$X\\\"\"]\n"},
      {"already exec", kFrom + "ENTRYPOINT exec python3 \"$SCRIPT\"\n",
       kFrom + "ENTRYPOINT [\"/bin/sh\", \"-c\", \"exec python3 \\\"$SCRIPT\\\"\"]\n"},
      {"redirection stays with the command", kFrom + "CMD python run.py >/tmp/log 2>&1\n",
       kFrom + "CMD [\"/bin/sh\", \"-c\", \"exec python run.py >/tmp/log 2>&1\"]\n"},
  });
}

TEST_CASE("--fix leaves a start command alone when the fix is not safe, and says why") {
  run({
      {"pipeline", kFrom + "CMD python run.py | tee /tmp/log\n",
       kFrom + "CMD python run.py | tee /tmp/log\n", "SMP002"},
      {"|| list", kFrom + "CMD python a.py || python b.py\n",
       kFrom + "CMD python a.py || python b.py\n", "SMP002"},
      {"compound command", kFrom + "CMD if true; then python a.py; fi\n",
       kFrom + "CMD if true; then python a.py; fi\n", "SMP002"},
      {"assignment prefix", kFrom + "CMD FOO=1 python a.py\n", kFrom + "CMD FOO=1 python a.py\n",
       "SMP002"},
      {"builtin last", kFrom + "CMD python a.py; exit 0\n", kFrom + "CMD python a.py; exit 0\n",
       "SMP002"},
      {"ENTRYPOINT with a CMD: argv would change",
       kFrom + "ENTRYPOINT python3 run.py\nCMD [\"--n\", \"3\"]\n",
       kFrom + "ENTRYPOINT python3 run.py\nCMD [\"--n\", \"3\"]\n", "SMP001"},
      {"not a POSIX SHELL", kFrom + "SHELL [\"pwsh\", \"-Command\"]\nCMD python a.py\n",
       kFrom + "SHELL [\"pwsh\", \"-Command\"]\nCMD python a.py\n", "SMP002"},
      {"pseudo-JSON with a variable", kFrom + "CMD [\"echo\", $PORT]\n",
       kFrom + "CMD [\"echo\", $PORT]\n", "SMP003"},
  });
}

TEST_CASE("--fix: pseudo-JSON becomes JSON when unambiguous") {
  run({
      {"single quotes", kFrom + "ENTRYPOINT ['python3', '/opt/p.py']\n",
       kFrom + "ENTRYPOINT [\"python3\", \"/opt/p.py\"]\n"},
      {"trailing comma", kFrom + "ENTRYPOINT [\"python3\", \"/opt/p.py\",]\n",
       kFrom + "ENTRYPOINT [\"python3\", \"/opt/p.py\"]\n"},
      {"bare words", kFrom + "CMD [python3, run.py]\n", kFrom + "CMD [\"python3\", \"run.py\"]\n"},
      {"over lines", kFrom + "ENTRYPOINT [ 'python3', \\\n  'run.py' ]\n",
       kFrom + "ENTRYPOINT [\"python3\", \\\n  \"run.py\"]\n"},
  });
}

TEST_CASE("--fix: exec inserted into an exec-form sh -c wrapper") {
  run({
      {"single command", kFrom + "ENTRYPOINT [\"/bin/sh\", \"-c\", \"python run.py\"]\n",
       kFrom + "ENTRYPOINT [\"/bin/sh\", \"-c\", \"exec python run.py\"]\n"},
      {"&& list",
       kFrom + "ENTRYPOINT [\"sh\", \"-ec\", \"cd /app && python run.py \\\"$@\\\"\", \"--\"]\n",
       kFrom +
           "ENTRYPOINT [\"sh\", \"-ec\", \"cd /app && exec python run.py \\\"$@\\\"\", \"--\"]\n"},
      {"script in CMD", kFrom + "ENTRYPOINT [\"/bin/bash\", \"-c\"]\nCMD [\"python run.py\"]\n",
       kFrom + "ENTRYPOINT [\"/bin/bash\", \"-c\"]\nCMD [\"exec python run.py\"]\n"},
      {"pipeline is left", kFrom + "ENTRYPOINT [\"/bin/sh\", \"-c\", \"python r.py | tee l\"]\n",
       kFrom + "ENTRYPOINT [\"/bin/sh\", \"-c\", \"python r.py | tee l\"]\n", "SMP004"},
  });
}

TEST_CASE("--fix touches only the shipped stage and never an ignored finding") {
  run({
      {"builder stage",
       "FROM python:3.12 AS build\nENTRYPOINT make\nFROM python:3.12\nENTRYPOINT [\"python3\"]\n",
       "FROM python:3.12 AS build\nENTRYPOINT make\nFROM python:3.12\nENTRYPOINT [\"python3\"]\n"},
      {"overridden ENTRYPOINT", kFrom + "ENTRYPOINT python3 a.py\nENTRYPOINT [\"python3\"]\n",
       kFrom + "ENTRYPOINT python3 a.py\nENTRYPOINT [\"python3\"]\n"},
      {"inline ignore", kFrom + "# sagelint ignore=SMP001\nENTRYPOINT python3 a.py\n",
       kFrom + "# sagelint ignore=SMP001\nENTRYPOINT python3 a.py\n"},
  });
}
