// The config file: discovery upward from each target, `-c`, every key, precedence
// (defaults < config < command line), and strict validation (exit 2 naming file and key).
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "tests/e2e_support.hpp"

using nlohmann::json;

TEST_CASE("discovered upward from the target's directory, .yml and .yaml") {
  e2e::TempDir dir;
  dir.write("proj/deep/er/Dockerfile", e2e::kShellEntrypointDockerfile);
  dir.write("other/Dockerfile", e2e::kShellEntrypointDockerfile);
  CHECK(e2e::run(dir, {"lint", "proj/deep/er/Dockerfile"}).code == 1);

  dir.write("proj/.sagelint.yml", "ignored: [SMP001]\n");
  CHECK(e2e::run(dir, {"lint", "proj/deep/er/Dockerfile"}).code == 0);
  // Each target finds its own config: other/ has none.
  CHECK(e2e::run(dir, {"lint", "proj/deep/er/Dockerfile", "other/Dockerfile"}).code == 1);
  // From another working directory, the config is still found from the target.
  e2e::RunOptions elsewhere;
  elsewhere.cwd = (dir / "other").string();
  CHECK(e2e::run(dir, {"lint", "../proj/deep/er/Dockerfile"}, elsewhere).code == 0);

  // The nearest config wins, and .yaml is read as well.
  dir.write("proj/deep/.sagelint.yaml", "failure-threshold: error\n");
  CHECK(e2e::run(dir, {"lint", "proj/deep/er/Dockerfile"}).code == 1);
}

TEST_CASE("standard input finds the config from the working directory") {
  e2e::TempDir dir;
  dir.write(".sagelint.yaml", "ignored:\n  - SMP001\n");
  e2e::RunOptions opts;
  opts.stdin_text = e2e::kShellEntrypointDockerfile;
  CHECK(e2e::run(dir, {"lint", "-"}, opts).code == 0);
}

TEST_CASE("-c replaces discovery") {
  e2e::TempDir dir;
  dir.write("proj/.sagelint.yaml", "ignored: [SMP001]\n");
  dir.write("proj/Dockerfile", e2e::kShellEntrypointDockerfile);
  dir.write("strict.yaml", "failure-threshold: warning\n");
  CHECK(e2e::run(dir, {"lint", "proj/Dockerfile"}).code == 0);
  CHECK(e2e::run(dir, {"lint", "-c", "strict.yaml", "proj/Dockerfile"}).code == 1);
  auto missing = e2e::run(dir, {"lint", "-c", "nope.yaml", "proj/Dockerfile"});
  CHECK(missing.code == 2);
  CHECK(missing.err.find("nope.yaml") != std::string::npos);
}

TEST_CASE("precedence: defaults < config < command line") {
  e2e::TempDir dir;
  dir.write("Dockerfile", e2e::kWarningOnlyDockerfile);
  CHECK(e2e::run(dir, {"lint", "Dockerfile"}).code == 1);  // default threshold: warning
  dir.write(".sagelint.yaml", "failure-threshold: error\n");
  CHECK(e2e::run(dir, {"lint", "Dockerfile"}).code == 0);                   // config
  CHECK(e2e::run(dir, {"lint", "-t", "warning", "Dockerfile"}).code == 1);  // command line
}

TEST_CASE("override changes a rule's severity; ignored and --ignore add up") {
  e2e::TempDir dir;
  dir.write("Dockerfile", std::string(e2e::kShellEntrypointDockerfile) + "WORKDIR /opt/ml\n");
  dir.write(".sagelint.yaml", "override:\n  info: [SMP001]\n");
  auto r = e2e::run(dir, {"lint", "-f", "json", "Dockerfile"});
  auto doc = json::parse(r.out);
  bool saw = false;
  for (const auto& f : doc["findings"])
    if (f["rule"] == "SMP001") {
      CHECK(f["severity"] == "info");
      saw = true;
    }
  CHECK(saw);
  CHECK(r.code == 1);  // SMP011 (warning) still fails
  CHECK(e2e::run(dir, {"lint", "--ignore", "SMP011", "Dockerfile"}).code == 0);
  dir.write(".sagelint.yaml", "ignored: [SMP011]\n");
  CHECK(e2e::run(dir, {"lint", "Dockerfile"}).code == 1);
  CHECK(e2e::run(dir, {"lint", "--ignore", "smp001", "Dockerfile"}).code == 0);
}

TEST_CASE("format and rule options from the config") {
  e2e::TempDir dir;
  dir.write("Dockerfile", e2e::kShellEntrypointDockerfile);
  dir.write(".sagelint.yaml",
            "format: json\n"
            "rules:\n  SMP010:\n    allow: [\"/opt/ml/processing/input/code/**\"]\n");
  auto r = e2e::run(dir, {"lint", "Dockerfile"});
  CHECK(r.code == 1);
  CHECK(json::parse(r.out)["findings"][0]["rule"] == "SMP001");
  // The command line's -f wins over the config's format.
  auto gnu = e2e::run(dir, {"lint", "-f", "gnu", "Dockerfile"});
  CHECK(gnu.out.rfind("Dockerfile:3:12: error: SMP001", 0) == 0);
}

TEST_CASE("a bad config is exit 2, naming the file and the key") {
  e2e::TempDir dir;
  dir.write("Dockerfile", e2e::kCleanDockerfile);
  const std::vector<std::pair<std::string, std::string>> cases{
      {"ignore: [SMP001]\n", "ignore"},                      // unknown key (typo)
      {"failure-threshold: loud\n", "failure-threshold"},    // bad value
      {"ignored: [SMP999]\n", "SMP999"},                     // unknown rule
      {"override:\n  fatal: [SMP001]\n", "override.fatal"},  // unknown severity
      {"override:\n  info: [NOPE]\n", "NOPE"},
      {"rules:\n  SMP010:\n    alow: [x]\n", "rules.SMP010.alow"},
      {"format: pdf\n", "format"},
      {"ignored: [SMP001\n", "invalid YAML"},
      {"- a\n- b\n", "top level"},
  };
  for (const auto& [yaml_text, key] : cases) {
    // CAPTURE is a lambda, and clang 14 cannot capture a structured binding.
    const std::string& yaml = yaml_text;
    CAPTURE(yaml);
    dir.write(".sagelint.yaml", yaml);
    auto r = e2e::run(dir, {"lint", "Dockerfile"});
    CHECK(r.code == 2);
    auto err = e2e::lines(r.err);
    REQUIRE(err.size() == 1);
    CHECK(err[0].find(".sagelint.yaml") != std::string::npos);
    CHECK(err[0].find(key) != std::string::npos);
    CHECK(r.out.empty());
  }
}
