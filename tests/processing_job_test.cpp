// `sagelint processing-job`: the report names per host, from resourceconfig.json
// ($SAGELINT_RESOURCE_CONFIG stands for /opt/ml/config/resourceconfig.json). The job
// in a container is tests/image_processing_job_test.sh's.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "tests/e2e_support.hpp"

namespace fs = std::filesystem;

namespace {

struct JobRun {
  e2e::Result result;
  std::set<std::string> outputs;  // file names in the output directory
};

// processing-job over one Dockerfile, with `resource_config` (none when empty) as the
// host's resourceconfig.json.
JobRun processing_job(const e2e::TempDir& dir, const std::string& resource_config) {
  fs::create_directories(dir.path() / "in" / "app");
  std::ofstream(dir.path() / "in" / "app" / "Dockerfile") << "FROM scratch\nENTRYPOINT run.sh\n";
  const fs::path config = dir.path() / "resourceconfig.json";
  if (!resource_config.empty()) std::ofstream(config) << resource_config;
  JobRun run;
  e2e::RunOptions options;
  options.env["SAGELINT_RESOURCE_CONFIG"] = config.string();
  run.result = e2e::run(dir,
                        {"processing-job", "--input", (dir.path() / "in").string(), "--output",
                         (dir.path() / "out").string(), "-t", "none"},
                        options);
  for (const auto& e : fs::directory_iterator(dir.path() / "out"))
    run.outputs.insert(e.path().filename().string());
  return run;
}

const std::set<std::string> kPlain = {"report.html", "report.json", "report.sarif"};

}  // namespace

TEST_CASE("processing-job: report.json on one host, report-algo-N.json on a cluster") {
  SUBCASE("not on SageMaker: no resourceconfig.json") {
    e2e::TempDir dir;
    auto run = processing_job(dir, "");
    CHECK(run.result.code == 0);
    CHECK(run.outputs == kPlain);
  }
  SUBCASE("one instance") {
    e2e::TempDir dir;
    auto run = processing_job(dir, R"({"current_host": "algo-1", "hosts": ["algo-1"]})");
    CHECK(run.result.code == 0);
    CHECK(run.outputs == kPlain);
  }
  SUBCASE("three instances: the host's own names, the same report") {
    e2e::TempDir dir;
    auto run = processing_job(
        dir, R"({"current_host": "algo-2", "hosts": ["algo-1", "algo-2", "algo-3"]})");
    CAPTURE(run.result.err);
    CHECK(run.result.code == 0);
    CHECK(run.outputs ==
          std::set<std::string>{"report-algo-2.html", "report-algo-2.json", "report-algo-2.sarif"});
    CHECK(run.result.err.find("reports report-algo-2.json, .sarif and .html in ") !=
          std::string::npos);
    std::ifstream in(dir.path() / "out" / "report-algo-2.json");
    auto report = nlohmann::json::parse(in);
    REQUIRE(report["targets"].size() == 1);
    CHECK(report["targets"][0]["target"] == "app/Dockerfile");
  }
}

TEST_CASE("processing-job: a current_host that is no plain name never reaches a path") {
  for (const char* host : {"../evil", "a/b", ".hidden", "-x", "", "algo 1"}) {
    CAPTURE(host);
    e2e::TempDir dir;
    nlohmann::json config = {{"current_host", host}, {"hosts", {"algo-1", host}}};
    auto run = processing_job(dir, config.dump());
    CHECK(run.result.code == 0);
    CHECK(run.outputs == kPlain);
    CHECK(run.result.err.find("current_host is not a plain host name; the reports are named "
                              "report.* and may clash with other hosts'") != std::string::npos);
    CHECK_FALSE(fs::exists(dir.path() / "evil.json"));
    CHECK_FALSE(fs::exists(dir.path() / "report-..json"));
  }
  e2e::TempDir dir;
  auto run = processing_job(dir, R"({"hosts": ["algo-1", "algo-2"]})");
  CHECK(run.outputs == kPlain);
  CHECK(run.result.err.find("has no current_host") != std::string::npos);
}
