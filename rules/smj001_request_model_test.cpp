#include "request/test_request.hpp"
#include "rules/request_rule_test_support.hpp"

namespace sagelint::rules {
const Rule& rule_SMJ001();
}

using namespace sagelint::rules::testing;
using namespace sagelint::request::testing;
using sagelint::rules::rule_SMJ001;

TEST_CASE("SMJ001 reports model violations at their pointers, and only those") {
  CHECK(lint_request(rule_SMJ001(), sdk_request().dump()).empty());
  auto doc =
      patched(sdk_request(), {{"/ProcessingResources/ClusterConfig/InstanceCount", 0},
                              {"/ProcessingJobName", "my_job"},
                              {"/Unknown", 1},
                              {"/ProcessingInputs/0/S3Input/LocalPath", "/opt/ml/input"},  // SMJ002
                              {"/ProcessingInputs/0/S3Input/S3InputMode", "FastFile"}});   // SMJ004
  auto findings = lint_request(rule_SMJ001(), doc.dump());
  CHECK(pointers(findings) ==
        "[/Unknown] [/ProcessingJobName] [/ProcessingResources/ClusterConfig/InstanceCount] ");
  CHECK(findings[2].message == "InstanceCount must be between 1 and 100, got 0");
  CHECK(findings[2].severity == sagelint::Severity::error);
}

TEST_CASE("SMJ001 metadata is complete") {
  const auto& info = rule_SMJ001().info();
  CHECK(info.id == "SMJ001");
  CHECK(info.inputs == "request");
  CHECK(!info.rationale.empty());
  CHECK(!info.bad.empty());
  CHECK(!info.good.empty());
  CHECK(!info.fix.empty());
}
