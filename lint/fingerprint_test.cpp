#include "lint/fingerprint.hpp"

#include <doctest/doctest.h>

namespace sagelint::lint {
namespace {

Finding dockerfile_finding(int line) {
  Finding f;
  f.rule = "SMP001";
  f.message = "ENTRYPOINT is in shell form";
  f.target = "app/Dockerfile";
  f.range = SourceRange{line, 1, line, 20};
  return f;
}

TEST_CASE("a finding keeps its fingerprint when its line moves") {
  auto before = finding_fingerprints({dockerfile_finding(3)});
  auto after = finding_fingerprints({dockerfile_finding(17)});
  REQUIRE(before.size() == 1);
  CHECK(before[0].size() == 64);
  CHECK(before == after);
}

TEST_CASE("rule, target, message, path and pointer each change the fingerprint") {
  Finding base = dockerfile_finding(3);
  std::string fp = finding_fingerprint(base, 0);
  Finding other = base;
  other.rule = "SMP002";
  CHECK(finding_fingerprint(other, 0) != fp);
  other = base;
  other.target = "other/Dockerfile";
  CHECK(finding_fingerprint(other, 0) != fp);
  other = base;
  other.message += "!";
  CHECK(finding_fingerprint(other, 0) != fp);
  other = base;
  other.path = "/usr/bin/x";
  CHECK(finding_fingerprint(other, 0) != fp);
  other = base;
  other.pointer = "/AppSpecification";
  CHECK(finding_fingerprint(other, 0) != fp);
}

TEST_CASE("fields cannot run into each other") {
  Finding a = dockerfile_finding(1), b = dockerfile_finding(1);
  a.rule = "SMP00";
  a.target = "1x";
  b.rule = "SMP001";
  b.target = "x";
  CHECK(finding_fingerprint(a, 0) != finding_fingerprint(b, 0));
}

TEST_CASE("identical findings in one target are told apart by their order") {
  auto fps = finding_fingerprints({dockerfile_finding(3), dockerfile_finding(9)});
  REQUIRE(fps.size() == 2);
  CHECK(fps[0] != fps[1]);
  CHECK(fps[0] == finding_fingerprint(dockerfile_finding(40), 0));
  CHECK(fps[1] == finding_fingerprint(dockerfile_finding(41), 1));
}

}  // namespace
}  // namespace sagelint::lint
