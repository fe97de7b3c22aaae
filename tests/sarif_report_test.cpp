// `-f sarif` beyond the schema: what GitHub code scanning uses to link, map and track
// findings (helpUri at this version, %SRCROOT%-relative or file:// locations, tags,
// and partialFingerprints that survive line moves). tests/sarif_multitool_test.sh
// has Microsoft's validator judge the same output.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <regex>

#include "tests/e2e_support.hpp"

using nlohmann::json;

namespace {

json sarif_of(const e2e::TempDir& dir, std::vector<std::string> args) {
  args.insert(args.begin(), {"lint", "-f", "sarif"});
  auto r = e2e::run(dir, args);
  REQUIRE(r.code == 1);
  return json::parse(r.out);
}

const json& rule_named(const json& run, const std::string& id) {
  for (const auto& rule : run["tool"]["driver"]["rules"])
    if (rule["id"] == id) return rule;
  FAIL("no rule " << id);
  static json none;
  return none;
}

}  // namespace

TEST_CASE("sarif: every rule links its docs page at this version") {
  e2e::TempDir dir;
  dir.write("Dockerfile", e2e::kShellEntrypointDockerfile);
  auto run = sarif_of(dir, {"Dockerfile"})["runs"][0];
  std::string version = run["tool"]["driver"]["version"];
  REQUIRE(!run["tool"]["driver"]["rules"].empty());
  for (const auto& rule : run["tool"]["driver"]["rules"]) {
    std::string uri = rule["helpUri"];
    std::string id = rule["id"];
    CHECK(uri.find("/v" + version + "/") != std::string::npos);
    CHECK(uri.size() > id.size() + 4);
    CHECK(uri.substr(uri.size() - id.size() - 4) == "/" + id + ".md");
    CHECK(e2e::read_text(std::string(SAGELINT_SOURCE_DIR) + "/docs/rules/" + id + ".md").size() >
          0);
  }
}

TEST_CASE("sarif: --docs-url sets the base of helpUri, and must be a URL") {
  e2e::TempDir dir;
  dir.write("Dockerfile", e2e::kShellEntrypointDockerfile);
  auto run = sarif_of(
      dir, {"--docs-url", "https://docs.example.test/sagelint/2.0/", "Dockerfile"})["runs"][0];
  CHECK(rule_named(run, "SMP001")["helpUri"] == "https://docs.example.test/sagelint/2.0/SMP001.md");
  CHECK(run["tool"]["driver"]["informationUri"] == "https://docs.example.test/sagelint/2.0/");
  auto bad = e2e::run(dir, {"lint", "-f", "sarif", "--docs-url", "docs/rules", "Dockerfile"});
  CHECK(bad.code == 2);
  CHECK(bad.err.find("--docs-url") != std::string::npos);
}

TEST_CASE("sarif: rules carry tags from their inputs") {
  e2e::TempDir dir;
  dir.write("Dockerfile", e2e::kShellEntrypointDockerfile);
  auto run = sarif_of(dir, {"Dockerfile"})["runs"][0];
  auto tags = rule_named(run, "SMP001")["properties"]["tags"];
  CHECK(std::find(tags.begin(), tags.end(), "dockerfile") != tags.end());
  CHECK(std::find(tags.begin(), tags.end(), "sagemaker-processing") != tags.end());
  auto request_tags = rule_named(run, "SMJ002")["properties"]["tags"];
  CHECK(std::find(request_tags.begin(), request_tags.end(), "request") != request_tags.end());
  CHECK(std::find(request_tags.begin(), request_tags.end(), "dockerfile") == request_tags.end());
}

TEST_CASE("sarif: locations are relative to %SRCROOT% inside the working directory") {
  e2e::TempDir dir, elsewhere;
  dir.write("a&b <c>/Dockerfile", e2e::kShellEntrypointDockerfile);
  std::string outside = elsewhere.write("Dockerfile", e2e::kShellEntrypointDockerfile);
  auto run =
      sarif_of(dir, {"a&b <c>/Dockerfile", "./a&b <c>/../a&b <c>/Dockerfile", outside})["runs"][0];
  std::string root = e2e::fs::canonical(dir.path()).string();
  CHECK(run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == "file://" + root + "/");
  REQUIRE(run["results"].size() == 3);
  auto loc0 = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"];
  CHECK(loc0["uri"] == "a%26b%20%3Cc%3E/Dockerfile");
  CHECK(loc0["uriBaseId"] == "%SRCROOT%");
  auto loc1 = run["results"][1]["locations"][0]["physicalLocation"]["artifactLocation"];
  CHECK(loc1 == loc0);
  auto loc2 = run["results"][2]["locations"][0]["physicalLocation"]["artifactLocation"];
  CHECK(loc2["uri"] == "file://" + outside);
  CHECK(!loc2.contains("uriBaseId"));
}

TEST_CASE("sarif and gitlab: a finding keeps its fingerprint when its line moves") {
  e2e::TempDir dir;
  dir.write("Dockerfile", e2e::kShellEntrypointDockerfile);
  auto before = sarif_of(dir, {"Dockerfile"})["runs"][0]["results"][0];
  auto gitlab_before = json::parse(e2e::run(dir, {"lint", "-f", "gitlab", "Dockerfile"}).out);
  dir.write("Dockerfile", std::string("# moved down\n\n") + e2e::kShellEntrypointDockerfile);
  auto after = sarif_of(dir, {"Dockerfile"})["runs"][0]["results"][0];
  auto gitlab_after = json::parse(e2e::run(dir, {"lint", "-f", "gitlab", "Dockerfile"}).out);

  CHECK(before["locations"][0]["physicalLocation"]["region"]["startLine"] == 3);
  CHECK(after["locations"][0]["physicalLocation"]["region"]["startLine"] == 5);
  std::string fp = before["partialFingerprints"]["sagelintFindingHash/v2"];
  CHECK(std::regex_match(fp, std::regex("[0-9a-f]{64}")));
  CHECK(after["partialFingerprints"] == before["partialFingerprints"]);
  // One identity for every format (and for baselines).
  CHECK(gitlab_before[0]["fingerprint"] == fp);
  CHECK(gitlab_after[0]["fingerprint"] == fp);
}
