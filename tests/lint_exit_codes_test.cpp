// Exit codes per SPEC.md: 0 clean, 1 a finding at or above the threshold, 2 usage or
// config error, 3 a target that could not be read (which wins over 1).
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "tests/e2e_support.hpp"

using nlohmann::json;

TEST_CASE("0 for a clean Dockerfile, 1 for an error finding") {
  e2e::TempDir dir;
  dir.write("clean/Dockerfile", e2e::kCleanDockerfile);
  dir.write("bad/Dockerfile", e2e::kShellEntrypointDockerfile);
  auto clean = e2e::run(dir, {"lint", "clean/Dockerfile"});
  CHECK(clean.code == 0);
  CHECK(clean.out.empty());
  CHECK(clean.err.empty());
  CHECK(e2e::run(dir, {"lint", "bad/Dockerfile"}).code == 1);
  CHECK(e2e::run(dir, {"lint", "clean/Dockerfile", "bad/Dockerfile"}).code == 1);
}

TEST_CASE("--failure-threshold decides what fails") {
  e2e::TempDir dir;
  dir.write("warn/Dockerfile", e2e::kWarningOnlyDockerfile);
  dir.write("bad/Dockerfile", e2e::kShellEntrypointDockerfile);
  // An unused ignore is an info finding.
  dir.write("info/Dockerfile", std::string("# sagelint ignore=SMP010\n") + e2e::kCleanDockerfile);
  CHECK(e2e::run(dir, {"lint", "warn/Dockerfile"}).code == 1);  // default: warning
  CHECK(e2e::run(dir, {"lint", "-t", "error", "warn/Dockerfile"}).code == 0);
  CHECK(e2e::run(dir, {"lint", "--failure-threshold", "error", "bad/Dockerfile"}).code == 1);
  CHECK(e2e::run(dir, {"lint", "-t", "none", "bad/Dockerfile"}).code == 0);
  CHECK(e2e::run(dir, {"lint", "info/Dockerfile"}).code == 0);
  CHECK(e2e::run(dir, {"lint", "-t", "info", "info/Dockerfile"}).code == 1);
  CHECK(e2e::run(dir, {"lint", "-t", "style", "info/Dockerfile"}).code == 1);
  // Findings below the threshold are still reported.
  auto r = e2e::run(dir, {"lint", "-t", "none", "-f", "gnu", "bad/Dockerfile"});
  CHECK(r.out.find("SMP001") != std::string::npos);
}

TEST_CASE("3 for an unreadable target; the others are still linted and reported") {
  e2e::TempDir dir;
  dir.write("bad/Dockerfile", e2e::kShellEntrypointDockerfile);
  dir.write("clean/Dockerfile", e2e::kCleanDockerfile);
  auto r = e2e::run(
      dir, {"lint", "-f", "json", "bad/Dockerfile", "missing/Dockerfile", "clean/Dockerfile"});
  CHECK(r.code == 3);
  auto err = e2e::lines(r.err);
  REQUIRE(err.size() == 1);
  CHECK(err[0].rfind("sagelint: missing/Dockerfile: ", 0) == 0);
  auto doc = json::parse(r.out);
  REQUIRE(doc["targets"].size() == 3);
  CHECK(doc["targets"][0]["error"].is_null());
  CHECK(doc["targets"][1]["target"] == "missing/Dockerfile");
  CHECK(doc["targets"][1]["error"].is_string());
  CHECK(doc["targets"][2]["error"].is_null());
  REQUIRE(doc["findings"].size() == 1);
  CHECK(doc["findings"][0]["rule"] == "SMP001");
}

TEST_CASE("3 for a directory that is not an image, a binary file, a parse error, no FROM") {
  e2e::TempDir dir;
  dir.write("somedir/readme.txt", "not an image\n");
  dir.write("binary", std::string("FROM a\0\1\2", 9));
  // A JSON array with a non-string element is a hard parse error in BuildKit.
  dir.write("broken/Dockerfile", "FROM alpine\nCMD [\"sleep\", 10]\n");
  // Text without a FROM (here a JSON file that is not a request) is not a Dockerfile.
  dir.write("package.json", "{\"name\": \"app\"}\n");
  dir.write("empty", "");
  for (const char* target : {"somedir", "binary", "broken/Dockerfile", "package.json", "empty"}) {
    CAPTURE(target);
    auto r = e2e::run(dir, {"lint", target});
    CHECK(r.code == 3);
    auto err = e2e::lines(r.err);
    REQUIRE(err.size() == 1);
    CHECK(err[0].rfind(std::string("sagelint: ") + target + ": ", 0) == 0);
  }
}

TEST_CASE("3 wins over 1, and -t none does not hide an unreadable target") {
  e2e::TempDir dir;
  dir.write("bad/Dockerfile", e2e::kShellEntrypointDockerfile);
  CHECK(e2e::run(dir, {"lint", "bad/Dockerfile", "nope"}).code == 3);
  CHECK(e2e::run(dir, {"lint", "-t", "none", "nope"}).code == 3);
}

TEST_CASE("an unknown --target-stage is a target error (3)") {
  e2e::TempDir dir;
  dir.write("Dockerfile",
            "FROM python:3.11 AS build\nRUN true\nFROM python:3.11-slim AS final\n"
            "ENTRYPOINT [\"python\"]\n");
  auto r = e2e::run(dir, {"lint", "--target-stage", "nosuch", "Dockerfile"});
  CHECK(r.code == 3);
  CHECK(r.err.find("nosuch") != std::string::npos);
  CHECK(e2e::run(dir, {"lint", "--target-stage", "build", "Dockerfile"}).code != 3);
  CHECK(e2e::run(dir, {"lint", "--target-stage", "FINAL", "Dockerfile"}).code == 0);
}

TEST_CASE("2 for usage errors, with a one-line message") {
  e2e::TempDir dir;
  dir.write("Dockerfile", e2e::kCleanDockerfile);
  const std::vector<std::vector<std::string>> cases{
      {},
      {"lint"},
      {"lint", "--no-such-option", "Dockerfile"},
      {"lint", "-t", "loud", "Dockerfile"},
      {"lint", "--kind", "zip", "Dockerfile"},
      {"lint", "--ignore", "NOPE001", "Dockerfile"},
      {"lint", "-f", "json=", "Dockerfile"},
      {"lint", "--build-arg", "=x", "Dockerfile"},
      {"frobnicate"},
      {"dump", "--format", "yaml", "Dockerfile"},
  };
  for (const auto& args : cases) {
    std::string joined;
    for (const auto& a : args) joined += a + " ";
    CAPTURE(joined);
    auto r = e2e::run(dir, args);
    CHECK(r.code == 2);
    CHECK(e2e::lines(r.err).size() == 1);
    CHECK(r.err.rfind("sagelint: ", 0) == 0);
    CHECK(r.out.empty());
  }
}

TEST_CASE("a Dockerfile on standard input") {
  e2e::TempDir dir;
  e2e::RunOptions stdin_bad;
  stdin_bad.stdin_text = e2e::kShellEntrypointDockerfile;
  auto r = e2e::run(dir, {"lint", "-f", "gnu", "-"}, stdin_bad);
  CHECK(r.code == 1);
  CHECK(r.out.rfind("-:3:12: error: SMP001: ", 0) == 0);
  e2e::RunOptions stdin_clean;
  stdin_clean.stdin_text = e2e::kCleanDockerfile;
  CHECK(e2e::run(dir, {"lint", "-"}, stdin_clean).code == 0);
}

TEST_CASE("--build-arg expands ARG references") {
  e2e::TempDir dir;
  dir.write("Dockerfile",
            "ARG DEST=/opt/program\nFROM python:3.11-slim\nARG DEST\nCOPY run.py ${DEST}/run.py\n"
            "ENTRYPOINT [\"python\", \"/opt/program/run.py\"]\n");
  CHECK(e2e::run(dir, {"lint", "Dockerfile"}).code == 0);
  auto r = e2e::run(dir, {"lint", "-f", "gnu", "--build-arg", "DEST=/opt/ml/code", "Dockerfile"});
  CHECK(r.code == 1);
  CHECK(r.out.find("SMP010") != std::string::npos);
}

TEST_CASE("linting writes nothing besides the reports asked for") {
  e2e::TempDir dir;
  dir.write("bad/Dockerfile", e2e::kShellEntrypointDockerfile);
  dir.write("clean/Dockerfile", e2e::kCleanDockerfile);
  auto before = dir.files();
  e2e::run(dir,
           {"lint", "-f", "json", "-f", "sarif", "-f", "junit", "-f", "gitlab", "-f", "checkstyle",
            "-f", "github", "-f", "gnu", "bad/Dockerfile", "clean/Dockerfile", "missing"});
  CHECK(dir.files() == before);
  CHECK(e2e::fs::is_empty(dir / ".io/tmp"));
  e2e::run(dir, {"lint", "-f", "json=r.json", "bad/Dockerfile"});
  auto after = dir.files();
  CHECK(after.size() == before.size() + 1);
  CHECK(after.count("r.json") == 1);
}

TEST_CASE(
    "--context is where entrypoint scripts are read from (default: the Dockerfile's directory)") {
  e2e::TempDir dir;
  const std::string dockerfile =
      "FROM python:3.11-slim\nCOPY entry.sh /usr/local/bin/entry.sh\n"
      "ENTRYPOINT [\"/usr/local/bin/entry.sh\"]\n";
  const std::string script = "#!/bin/sh\npython /opt/program/job.py \"$@\"\n";
  dir.write("docker/Dockerfile", dockerfile);
  dir.write("ctx/entry.sh", script);
  // docker/ has no entry.sh: nothing to judge.
  CHECK(e2e::run(dir, {"lint", "docker/Dockerfile"}).code == 0);
  auto r = e2e::run(dir, {"lint", "-f", "gnu", "--context", "ctx", "docker/Dockerfile"});
  CHECK(r.code == 1);
  CHECK(r.out.rfind("docker/Dockerfile:3:13: warning: SMP006: ", 0) == 0);
  // Beside the Dockerfile, it is found without --context.
  dir.write("docker/entry.sh", script);
  CHECK(e2e::run(dir, {"lint", "docker/Dockerfile"}).code == 1);
}
