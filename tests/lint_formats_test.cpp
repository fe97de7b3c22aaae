// Every report format, checked by parsing it: the same two targets (one with SMP001,
// one clean) through each format, and several formats from one run.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <regex>

#include "tests/e2e_support.hpp"

using nlohmann::json;

namespace {

struct Project {
  e2e::TempDir dir;
  std::string bad = "bad/Dockerfile";
  std::string clean = "a&b <c>/Dockerfile";  // XML and URI escaping are exercised too
  Project() {
    dir.write(bad, e2e::kShellEntrypointDockerfile);
    dir.write(clean, e2e::kCleanDockerfile);
  }
  e2e::Result lint(std::vector<std::string> args) const {
    args.insert(args.begin(), "lint");
    args.push_back(bad);
    args.push_back(clean);
    return e2e::run(dir, args);
  }
};

}  // namespace

TEST_CASE("json: the SPEC shape with exact positions") {
  Project p;
  auto r = p.lint({"-f", "json"});
  CHECK(r.code == 1);
  auto doc = json::parse(r.out);
  CHECK(doc["version"] == 1);
  CHECK(doc["tool"]["name"] == "sagelint");
  CHECK(doc["tool"]["version"].is_string());
  REQUIRE(doc["targets"].size() == 2);
  CHECK(doc["targets"][0]["target"] == p.bad);
  CHECK(doc["targets"][0]["kind"] == "dockerfile");
  CHECK(doc["targets"][0]["error"].is_null());
  CHECK(doc["targets"][1]["target"] == p.clean);
  REQUIRE(doc["findings"].size() == 1);
  auto f = doc["findings"][0];
  CHECK(f["rule"] == "SMP001");
  CHECK(f["severity"] == "error");
  CHECK(f["message"].get<std::string>().size() > 0);
  CHECK(f["target"] == p.bad);
  CHECK(f["kind"] == "dockerfile");
  CHECK(f["line"] == 3);
  CHECK(f["column"] == 12);
  CHECK(f["endLine"] == 3);
  CHECK(f["endColumn"] == 25);
}

TEST_CASE("sarif: 2.1.0 with rule metadata and regions") {
  Project p;
  auto r = p.lint({"-f", "sarif"});
  CHECK(r.code == 1);
  auto doc = json::parse(r.out);
  CHECK(doc["version"] == "2.1.0");
  REQUIRE(doc["runs"].size() == 1);
  auto run = doc["runs"][0];
  CHECK(run["tool"]["driver"]["name"] == "sagelint");
  const auto& rules = run["tool"]["driver"]["rules"];
  json smp001;
  for (const auto& rule : rules) {
    CHECK(rule["shortDescription"]["text"].get<std::string>().size() > 0);
    CHECK(rule["fullDescription"]["text"].is_string());
    CHECK(rule["help"]["text"].is_string());
    CHECK(rule["defaultConfiguration"]["level"].is_string());
    if (rule["id"] == "SMP001") smp001 = rule;
  }
  REQUIRE(smp001.is_object());
  CHECK(smp001["defaultConfiguration"]["level"] == "error");
  REQUIRE(run["results"].size() == 1);
  auto res = run["results"][0];
  CHECK(res["ruleId"] == "SMP001");
  CHECK(res["level"] == "error");
  CHECK(rules[res["ruleIndex"].get<int>()]["id"] == "SMP001");
  auto loc = res["locations"][0]["physicalLocation"];
  CHECK(loc["artifactLocation"]["uri"] == "bad/Dockerfile");
  CHECK(loc["region"]["startLine"] == 3);
  CHECK(loc["region"]["startColumn"] == 12);
  CHECK(loc["region"]["endLine"] == 3);
  CHECK(loc["region"]["endColumn"] == 25);
  CHECK(run["invocations"][0]["executionSuccessful"] == true);
}

TEST_CASE("gnu: FILE:LINE:COLUMN: SEVERITY: RULE: MESSAGE") {
  Project p;
  auto r = p.lint({"-f", "gnu"});
  CHECK(r.code == 1);
  auto lines = e2e::lines(r.out);
  REQUIRE(lines.size() == 1);
  CHECK(lines[0].rfind("bad/Dockerfile:3:12: error: SMP001: ", 0) == 0);
  CHECK(lines[0].size() > std::string("bad/Dockerfile:3:12: error: SMP001: ").size());
}

TEST_CASE("github: workflow commands with the full range") {
  Project p;
  auto r = p.lint({"-f", "github"});
  CHECK(r.code == 1);
  auto lines = e2e::lines(r.out);
  REQUIRE(lines.size() == 1);
  CHECK(lines[0].rfind("::error file=bad/Dockerfile,line=3,col=12,endLine=3,endColumn=25,"
                       "title=SMP001::",
                       0) == 0);
}

TEST_CASE("checkstyle: one <file> per target, escaped") {
  Project p;
  auto r = p.lint({"-f", "checkstyle"});
  CHECK(r.code == 1);
  CHECK(r.out.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", 0) == 0);
  CHECK(e2e::count(r.out, "<file name=") == 2);
  CHECK(e2e::count(r.out, "</file>") == 2);
  CHECK(r.out.find("<file name=\"a&amp;b &lt;c&gt;/Dockerfile\">") != std::string::npos);
  CHECK(r.out.find("<error line=\"3\" column=\"12\" severity=\"error\"") != std::string::npos);
  CHECK(r.out.find("source=\"SMP001\"") != std::string::npos);
  CHECK(r.out.find("</checkstyle>") != std::string::npos);
  // Nothing unescaped slipped through: every '&' starts an entity.
  CHECK(std::regex_search(r.out, std::regex("&(?!(amp|lt|gt|quot|apos|#[0-9]+);)")) == false);
}

TEST_CASE("gitlab: Code Quality issues with stable fingerprints") {
  Project p;
  auto r1 = p.lint({"-f", "gitlab"});
  auto r2 = p.lint({"-f", "gitlab"});
  CHECK(r1.code == 1);
  auto doc = json::parse(r1.out);
  REQUIRE(doc.is_array());
  REQUIRE(doc.size() == 1);
  auto issue = doc[0];
  CHECK(issue["check_name"] == "SMP001");
  CHECK(issue["description"].get<std::string>().find("SMP001") != std::string::npos);
  CHECK(issue["severity"] == "critical");
  CHECK(issue["location"]["path"] == "bad/Dockerfile");
  CHECK(issue["location"]["lines"]["begin"] == 3);
  auto fp = issue["fingerprint"].get<std::string>();
  CHECK(std::regex_match(fp, std::regex("[0-9a-f]{64}")));
  CHECK(json::parse(r2.out)[0]["fingerprint"] == fp);
}

TEST_CASE("junit: a testsuite per target, a passing testcase for a clean one") {
  Project p;
  auto r = p.lint({"-f", "junit"});
  CHECK(r.code == 1);
  CHECK(e2e::count(r.out, "<testsuite ") == 2);
  CHECK(e2e::count(r.out, "<failure ") == 1);
  CHECK(r.out.find("<testsuite name=\"bad/Dockerfile\" tests=\"1\" failures=\"1\"") !=
        std::string::npos);
  CHECK(r.out.find("<testsuite name=\"a&amp;b &lt;c&gt;/Dockerfile\" tests=\"1\" failures=\"0\"") !=
        std::string::npos);
  CHECK(r.out.find("</testsuites>") != std::string::npos);
}

TEST_CASE("tty: grouped per file, no colour when not a terminal") {
  Project p;
  auto r = p.lint({});
  CHECK(r.code == 1);
  CHECK(r.out.find("bad/Dockerfile:3:12 SMP001 error: ") != std::string::npos);
  CHECK(r.out.find('\033') == std::string::npos);
  CHECK(r.out.find("a&b") == std::string::npos);  // the clean target has nothing to say
}

TEST_CASE("tty: colour on a terminal, unless NO_COLOR is set or the report goes to a file") {
  Project p;
  auto coloured = e2e::run_on_terminal(p.dir, {"lint", p.bad});
  CHECK(coloured.code == 1);
  CHECK(coloured.out.find("\033[1;31merror\033[0m") != std::string::npos);
  auto plain = e2e::run_on_terminal(p.dir, {"lint", p.bad}, {{"NO_COLOR", "1"}});
  CHECK(plain.code == 1);
  CHECK(plain.out.find("SMP001 error: ") != std::string::npos);
  CHECK(plain.out.find('\033') == std::string::npos);
  auto to_file = e2e::run_on_terminal(p.dir, {"lint", "-f", "tty=report.txt", p.bad});
  CHECK(to_file.code == 1);
  CHECK(e2e::read_text(p.dir / "report.txt").find('\033') == std::string::npos);
}

TEST_CASE("several -f in one run write the same findings to each destination") {
  Project p;
  // A missing parent directory is not created: that report cannot be written, and
  // that is known before anything is linted.
  auto r = p.lint({"-f", "json=out/report.json", "-f", "gnu=report.txt", "-f", "sarif"});
  CHECK(r.code == 2);
  CHECK(r.err.find("out/report.json") != std::string::npos);

  auto ok = p.lint({"-f", "json=report.json", "--format=gnu=report.txt", "-f", "sarif"});
  CHECK(ok.code == 1);
  auto report = json::parse(e2e::read_text(p.dir / "report.json"));
  CHECK(report["findings"][0]["rule"] == "SMP001");
  CHECK(e2e::read_text(p.dir / "report.txt").rfind("bad/Dockerfile:3:12: error: SMP001", 0) == 0);
  CHECK(json::parse(ok.out)["runs"][0]["results"][0]["ruleId"] == "SMP001");
}

TEST_CASE("an unknown format is a usage error") {
  Project p;
  auto r = p.lint({"-f", "xml"});
  CHECK(r.code == 2);
  CHECK(e2e::lines(r.err).size() == 1);
  CHECK(r.out.empty());
}
