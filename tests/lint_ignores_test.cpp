// Inline and global ignore comments: placement, whitespace and reasons, comments
// inside continuations, ignores that suppress nothing (SMP900), --no-inline-ignores.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "tests/e2e_support.hpp"

using nlohmann::json;

namespace {

const char* kHead = "FROM python:3.11-slim\nCOPY run.py /opt/program/run.py\n";

json lint_json(const e2e::TempDir& dir, const std::string& dockerfile,
               std::vector<std::string> extra = {}) {
  dir.write("Dockerfile", dockerfile);
  std::vector<std::string> args{"lint", "-f", "json", "-t", "none"};
  args.insert(args.end(), extra.begin(), extra.end());
  args.push_back("Dockerfile");
  auto r = e2e::run(dir, args);
  REQUIRE(r.code == 0);
  return json::parse(r.out)["findings"];
}

std::vector<std::string> rules_of(const json& findings) {
  std::vector<std::string> out;
  for (const auto& f : findings) out.push_back(f["rule"]);
  return out;
}

}  // namespace

TEST_CASE("an inline ignore directly above the instruction, in its spellings") {
  e2e::TempDir dir;
  for (std::string comment : {
           "# sagelint ignore=SMP001",
           "#sagelint ignore=SMP001",
           "#   sagelint   ignore = SMP001   ",
           "# sagelint ignore=SMP001 -- the launcher forwards signals itself",
           "# sagelint ignore=SMP010,SMP001",
           "# sagelint ignore=SMP010 , SMP001 # reason after a hash",
           "# SageLint Ignore=smp001",
           "\t# sagelint ignore=SMP001\t",
       }) {
    CAPTURE(comment);
    auto findings = lint_json(dir, std::string(kHead) + comment + "\nENTRYPOINT python run.py\n");
    auto rules = rules_of(findings);
    CHECK(std::count(rules.begin(), rules.end(), "SMP001") == 0);
    // A second listed rule that matched nothing is reported as unused.
    bool lists_smp010 = comment.find("SMP010") != std::string::npos;
    CHECK(std::count(rules.begin(), rules.end(), "SMP900") == (lists_smp010 ? 1 : 0));
  }
}

TEST_CASE("a block of comment lines above the instruction counts") {
  e2e::TempDir dir;
  auto findings = lint_json(dir, std::string(kHead) +
                                     "# sagelint ignore=SMP001 -- see below\n"
                                     "# the launcher is replaced in JOB-123\n"
                                     "ENTRYPOINT python run.py\n");
  CHECK(findings.empty());
}

TEST_CASE("the ignore covers every line of a multi-line instruction") {
  e2e::TempDir dir;
  auto findings = lint_json(dir, std::string(kHead) +
                                     "# sagelint ignore=SMP010\n"
                                     "RUN mkdir -p /opt/ml/code \\\n"
                                     "    && cp run.py /opt/ml/code/run.py\n"
                                     "ENTRYPOINT [\"python\", \"/opt/program/run.py\"]\n");
  CHECK(findings.empty());
}

TEST_CASE("a blank line between comment and instruction breaks the link") {
  e2e::TempDir dir;
  auto findings =
      lint_json(dir, std::string(kHead) + "# sagelint ignore=SMP001\n\nENTRYPOINT python run.py\n");
  auto rules = rules_of(findings);
  REQUIRE(rules.size() == 2);
  CHECK(findings[0]["rule"] == "SMP900");  // line 3 sorts before line 5
  CHECK(findings[0]["severity"] == "info");
  CHECK(findings[0]["line"] == 3);
  CHECK(findings[1]["rule"] == "SMP001");
}

TEST_CASE("an ignore inside a continuation has no effect and says so") {
  e2e::TempDir dir;
  auto findings = lint_json(dir, std::string(kHead) +
                                     "ENTRYPOINT python \\\n"
                                     "# sagelint ignore=SMP001\n"
                                     "  run.py\n");
  auto rules = rules_of(findings);
  CHECK(std::count(rules.begin(), rules.end(), "SMP001") == 1);
  REQUIRE(std::count(rules.begin(), rules.end(), "SMP900") == 1);
  for (const auto& f : findings)
    if (f["rule"] == "SMP900") {
      CHECK(f["line"] == 4);
      CHECK(f["message"].get<std::string>().find("continuation") != std::string::npos);
    }
}

TEST_CASE("a global ignore works anywhere in the file") {
  e2e::TempDir dir;
  CHECK(lint_json(dir, std::string(kHead) + "ENTRYPOINT python run.py\n"
                                            "# sagelint global ignore=SMP001 -- legacy image\n")
            .empty());
  CHECK(lint_json(dir, std::string("# sagelint global ignore = SMP001\n") + kHead +
                           "RUN true\n\nENTRYPOINT python run.py\n")
            .empty());
}

TEST_CASE("ignores that suppress nothing are info findings at the rule ID") {
  e2e::TempDir dir;
  auto findings = lint_json(dir, std::string(kHead) +
                                     "# sagelint ignore=SMP010\n"
                                     "ENTRYPOINT python run.py\n"
                                     "# sagelint global ignore=SMP020\n"
                                     "# sagelint ignore=NOPE42\n"
                                     "CMD [\"x\"]\n");
  auto rules = rules_of(findings);
  CHECK(std::count(rules.begin(), rules.end(), "SMP001") == 1);
  REQUIRE(std::count(rules.begin(), rules.end(), "SMP900") == 3);
  for (const auto& f : findings) {
    if (f["rule"] != "SMP900") continue;
    CHECK(f["severity"] == "info");
    int line = f["line"];
    if (line == 3) {
      CHECK(f["column"] == 19);  // "# sagelint ignore=" is 18 bytes
      CHECK(f["endColumn"] == 25);
      CHECK(f["message"].get<std::string>().find("SMP010") != std::string::npos);
    } else if (line == 5) {
      CHECK(f["message"].get<std::string>().find("SMP020") != std::string::npos);
    } else {
      CHECK(line == 6);
      CHECK(f["message"].get<std::string>().find("NOPE42") != std::string::npos);
    }
  }
}

TEST_CASE("--no-inline-ignores turns both forms off") {
  e2e::TempDir dir;
  auto text = std::string("# sagelint global ignore=SMP010\n") + kHead +
              "# sagelint ignore=SMP001\nENTRYPOINT python run.py\n";
  // The global ignore of SMP010 has nothing to suppress.
  CHECK(rules_of(lint_json(dir, text)) == std::vector<std::string>{"SMP900"});
  auto findings = lint_json(dir, text, {"--no-inline-ignores"});
  auto rules = rules_of(findings);
  CHECK(rules == std::vector<std::string>{"SMP001"});
}

TEST_CASE("config ignores do not make an inline ignore look unused") {
  e2e::TempDir dir;
  dir.write(".sagelint.yaml", "ignored: [SMP001]\n");
  auto findings =
      lint_json(dir, std::string(kHead) + "# sagelint ignore=SMP001\nENTRYPOINT python run.py\n");
  CHECK(findings.empty());
}
