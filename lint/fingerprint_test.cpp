#include "lint/fingerprint.hpp"

#include <doctest/doctest.h>

#include "lint/fix_targets.hpp"

namespace sagelint::lint {
namespace {

Finding dockerfile_finding(int line) {
  Finding f;
  f.rule = "SMP001";
  f.kind = TargetKind::dockerfile;
  f.message = "ENTRYPOINT is in shell form";
  f.target = "app/Dockerfile";
  f.range = SourceRange{line, 1, line, 20};
  return f;
}

Finding image_finding(int layer) {
  Finding f;
  f.rule = "SMP010";
  f.kind = TargetKind::image;
  f.target = "image.tar";
  f.path = "/opt/ml/processing/input/data.csv";
  f.message = "layer " + std::to_string(layer) + " puts a file under /opt/ml";
  return f;
}

std::string print(const Finding& f) { return finding_fingerprint(f, f.target, 0); }

TEST_CASE("a finding keeps its fingerprint when its line moves") {
  auto before = finding_fingerprints({dockerfile_finding(3)});
  auto after = finding_fingerprints({dockerfile_finding(17)});
  REQUIRE(before.size() == 1);
  CHECK(before[0].size() == 64);
  CHECK(before[0].find_first_not_of("0123456789abcdef") == std::string::npos);
  CHECK(before == after);
}

TEST_CASE("rule, target and message change a Dockerfile finding's fingerprint") {
  Finding base = dockerfile_finding(3);
  const std::string fp = print(base);
  Finding other = base;
  other.rule = "SMP002";
  CHECK(print(other) != fp);
  other = base;
  other.target = "other/Dockerfile";
  CHECK(print(other) != fp);
  other = base;
  other.message += "!";
  CHECK(print(other) != fp);
}

TEST_CASE("an image finding is named by its path, not by its layer") {
  const Finding base = image_finding(2);
  CHECK(print(image_finding(5)) == print(base));
  Finding other = base;
  other.path = "/opt/ml/code/x";
  CHECK(print(other) != print(base));
  other = base;
  other.path.reset();
  CHECK(print(other) != print(base));
}

TEST_CASE("a request finding is named by its JSON pointer") {
  Finding base;
  base.rule = "SMJ002";
  base.kind = TargetKind::request;
  base.target = "job.json";
  base.pointer = "/ProcessingInputs/0/S3Input/LocalPath";
  base.message = "first wording";
  Finding other = base;
  other.message = "second wording";
  CHECK(print(other) == print(base));
  other.pointer = "/ProcessingInputs/1/S3Input/LocalPath";
  CHECK(print(other) != print(base));
}

TEST_CASE("the note --fix appends does not change the fingerprint") {
  Finding f = dockerfile_finding(3);
  const std::string before = print(f);
  f.message += std::string(kNotFixedNote) + "a CMD would be appended)";
  CHECK(print(f) == before);
}

TEST_CASE("fields cannot run into each other") {
  Finding a = dockerfile_finding(1), b = dockerfile_finding(1);
  a.rule = "SMP00";
  a.target = "1x";
  b.rule = "SMP001";
  b.target = "x";
  CHECK(print(a) != print(b));
}

TEST_CASE("identical findings in one target are told apart by their order") {
  auto fps = finding_fingerprints({dockerfile_finding(3), dockerfile_finding(9)});
  REQUIRE(fps.size() == 2);
  CHECK(fps[0] != fps[1]);
  CHECK(fps[0] == finding_fingerprint(dockerfile_finding(40), "app/Dockerfile", 0));
  CHECK(fps[1] == finding_fingerprint(dockerfile_finding(41), "app/Dockerfile", 1));
}

TEST_CASE("baselines and reports share one fingerprint for the same target name") {
  const std::vector<Finding> findings = {dockerfile_finding(3), image_finding(1)};
  std::vector<Finding> same_target = findings;
  for (auto& f : same_target) f.target = "t";
  CHECK(finding_fingerprints(same_target) == finding_fingerprints(findings, "t"));
  CHECK(finding_fingerprints(findings, "t") != finding_fingerprints(findings, "u"));
}

}  // namespace
}  // namespace sagelint::lint
