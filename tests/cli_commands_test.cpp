// `sagelint rules`, `rules ID`, `dump`, `--version`, `--help`.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "rules/rule.hpp"
#include "tests/e2e_support.hpp"
#include "tests/support/skip.hpp"

using nlohmann::json;

TEST_CASE("rules lists every registered rule with severity, inputs and title") {
  e2e::TempDir dir;
  auto r = e2e::run(dir, {"rules"});
  CHECK(r.code == 0);
  auto lines = e2e::lines(r.out);
  REQUIRE(lines.size() == sagelint::rules::all_rules().size() + 1);  // + header
  for (const auto* rule : sagelint::rules::all_rules()) {
    const auto& info = rule->info();
    bool found = false;
    for (const auto& line : lines) {
      if (line.rfind(std::string(info.id) + " ", 0) != 0) continue;
      found = true;
      CHECK(line.find(std::string(sagelint::to_string(info.severity))) != std::string::npos);
      CHECK(line.find(std::string(info.title)) != std::string::npos);
    }
    CHECK_MESSAGE(found, info.id);
  }
  // (That the registry holds every rule SPEC.md names is rules/registry_test.cpp's.)
}

TEST_CASE("rules ID explains one rule; an unknown ID is a usage error") {
  e2e::TempDir dir;
  auto r = e2e::run(dir, {"rules", "SMP001"});
  CHECK(r.code == 0);
  CHECK(r.out.rfind("SMP001: ", 0) == 0);
  for (const char* part : {"Severity: error", "Why:", "Bad:", "Good:", "Fix:"})
    CHECK_MESSAGE(r.out.find(part) != std::string::npos, part);
  auto lower = e2e::run(dir, {"rules", "smp900"});
  CHECK(lower.code == 0);
  CHECK(lower.out.rfind("SMP900: ", 0) == 0);
  auto nope = e2e::run(dir, {"rules", "NOPE"});
  CHECK(nope.code == 2);
  CHECK(nope.out.empty());
  CHECK(e2e::lines(nope.err).size() == 1);
  CHECK(nope.err.find("NOPE") != std::string::npos);
}

TEST_CASE("dump prints BuildKit's Node.Dump() and the JSON AST") {
  e2e::TempDir dir;
  dir.write("Dockerfile",
            "# a comment\nFROM alpine AS build\nRUN echo hi \\\n  && echo there\n"
            "CMD [\"a\",\"b\"]\n");
  auto r = e2e::run(dir, {"dump", "Dockerfile"});
  CHECK(r.code == 0);
  CHECK(
      r.out ==
      "(from \"alpine\" \"AS\" \"build\")\n(run \"echo hi   && echo there\")\n(cmd \"a\" \"b\")\n");
  auto explicit_format = e2e::run(dir, {"dump", "--format", "buildkit", "Dockerfile"});
  CHECK(explicit_format.out == r.out);

  auto j = e2e::run(dir, {"dump", "--format", "json", "Dockerfile"});
  CHECK(j.code == 0);
  auto doc = json::parse(j.out);
  CHECK(doc.dump().find("\"cmd\"") != std::string::npos);
  CHECK(doc.dump().find("alpine") != std::string::npos);

  e2e::RunOptions opts;
  opts.stdin_text = "FROM scratch\n";
  auto from_stdin = e2e::run(dir, {"dump", "-"}, opts);
  CHECK(from_stdin.code == 0);
  CHECK(from_stdin.out == "(from \"scratch\")\n");

  auto missing = e2e::run(dir, {"dump", "nope"});
  CHECK(missing.code == 3);
  CHECK(e2e::lines(missing.err).size() == 1);
}

TEST_SUITE_BEGIN("needs-shared");

TEST_CASE("dump matches BuildKit's own parser test cases") {
  SKIP_IF_MISSING("shared", sagelint::testing::missing_shared("conformance/buildkit-parser"));
  const auto cases = sagelint::testing::shared_path("conformance/buildkit-parser");
  e2e::TempDir dir;
  int checked = 0;
  for (const char* name : {"ADD-COPY-with-JSON", "continueIndent", "args"}) {
    auto dockerfile = cases / name / "Dockerfile";
    auto result = cases / name / "result";
    if (!e2e::fs::exists(dockerfile) || !e2e::fs::exists(result)) continue;
    CAPTURE(name);
    auto r = e2e::run(dir, {"dump", dockerfile.string()});
    CHECK(r.code == 0);
    CHECK(r.out == e2e::read_text(result));
    ++checked;
  }
  CHECK(checked > 0);
}

TEST_SUITE_END();

TEST_CASE("--version and --help") {
  e2e::TempDir dir;
  auto v = e2e::run(dir, {"--version"});
  CHECK(v.code == 0);
  CHECK(v.out.rfind("sagelint ", 0) == 0);
  CHECK(e2e::lines(v.out).size() == 1);
  auto h = e2e::run(dir, {"--help"});
  CHECK(h.code == 0);
  for (const char* sub : {"lint", "rules", "dump"}) CHECK(h.out.find(sub) != std::string::npos);
  auto lh = e2e::run(dir, {"lint", "--help"});
  CHECK(lh.code == 0);
  for (const char* opt :
       {"--format", "--failure-threshold", "--ignore", "--config", "--no-inline-ignores",
        "--target-stage", "--build-arg", "--image", "--platform", "--image-for-request", "--kind",
        "--context", "--no-verify"})
    CHECK_MESSAGE(lh.out.find(opt) != std::string::npos, opt);
}
