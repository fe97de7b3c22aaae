// report merge reads JSON reports back without losing anything the JSON report says.
#include "lint/report_merge.hpp"

#include <doctest/doctest.h>

#include <sstream>

using namespace sagelint;
using namespace sagelint::lint;

namespace {

LintResults sample() {
  LintResults results(4);
  results[0].target = "b/Dockerfile";
  Finding f;
  f.rule = "SMP001";
  f.severity = Severity::warning;
  f.message = "shell form \"quoted\" é";
  f.target = "b/Dockerfile";
  f.range = SourceRange{3, 1, 4, 7};
  results[0].findings.push_back(f);
  results[1].target = "docker://h:5000/a:1";
  results[1].kind = TargetKind::image;
  ImageSummary s;
  s.digest = "sha256:aa";
  s.config_digest = "sha256:cc";
  s.index_digest = "sha256:ii";
  s.layers = {{"sha256:l0", 10, true, "ADD rootfs.tar /"},
              {"sha256:l1", 20, false, "COPY x /opt/ml/"}};
  s.base_layers = 1;
  s.bytes_read = 1234;
  results[1].image = s;
  Finding g;
  g.rule = "SMP010";
  g.severity = Severity::error;
  g.message = "data";
  g.target = results[1].target;
  g.kind = TargetKind::image;
  g.path = "/opt/ml/x";
  g.layer = 1;
  g.created_by = "COPY x /opt/ml/";
  results[1].findings = {g, g};
  results[2].target = "docker://h:5000/gone:1";
  results[2].kind = TargetKind::image;
  results[2].error = "h:5000: manifest 1: not found";
  results[3].target = "job.json";
  results[3].kind = TargetKind::request;
  Finding r;
  r.rule = "SMJ002";
  r.severity = Severity::info;
  r.message = "m";
  r.target = "job.json";
  r.kind = TargetKind::request;
  r.pointer = "/ProcessingInputs/0";
  results[3].findings = {r};
  return results;
}

std::string json_of(const LintResults& results) {
  std::ostringstream out;
  write_json_report(results, out);
  return out.str();
}

}  // namespace

TEST_CASE("a JSON report read back writes the same JSON, byte for byte") {
  const std::string text = json_of(sample());
  auto read = read_json_report(text, Severity::warning);
  REQUIRE(std::holds_alternative<LintResults>(read));
  const auto& back = std::get<LintResults>(read);
  CHECK(json_of(back) == text);
  REQUIRE(back.size() == 4);
  CHECK(back[1].findings.size() == 2);
  CHECK(back[2].error == std::optional<std::string>("h:5000: manifest 1: not found"));
  CHECK_FALSE(back[2].image.has_value());
  CHECK(back[0].failure_threshold == Severity::warning);
  // What the html report shows of a layer survives the merge.
  REQUIRE(back[1].image.has_value());
  CHECK(back[1].image->base_layers == std::optional<std::size_t>(1));
  CHECK(back[1].image->layers.at(1).created_by == "COPY x /opt/ml/");
}

TEST_CASE("what is not a sagelint JSON report is refused with a reason") {
  for (
      const char* bad :
      {"", "[]", R"({"version": 2, "targets": [], "findings": []})",
       R"({"version": 1, "targets": {}})",
       R"({"version": 1, "targets": [{"kind": "image"}], "findings": []})",
       R"({"version": 1, "targets": [], "findings": [{"rule": "X", "severity": "error", "kind": "image", "target": "t"}]})"}) {
    auto read = read_json_report(bad, Severity::warning);
    CHECK(std::holds_alternative<std::string>(read));
  }
}
