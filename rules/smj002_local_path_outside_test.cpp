#include "request/test_request.hpp"
#include "rules/request_rule_test_support.hpp"

namespace sagelint::rules {
const Rule& rule_SMJ002();
}

using namespace sagelint::rules::testing;
using namespace sagelint::request::testing;
using sagelint::rules::rule_SMJ002;

TEST_CASE("SMJ002 flags LocalPaths outside /opt/ml/processing/") {
  CHECK(lint_request(rule_SMJ002(), sdk_request().dump()).empty());
  auto doc =
      patched(sdk_request(),
              {{"/ProcessingInputs/0/S3Input/LocalPath", "/opt/ml/input/data"},
               {"/ProcessingInputs/1/S3Input/LocalPath", "/opt/ml/processing/../code"},
               {"/ProcessingOutputConfig/Outputs/0/S3Output/LocalPath", "/opt/ml/processing/"},
               {"/ProcessingJobName", "bad_name"}});  // SMJ001, not reported here
  auto findings = lint_request(rule_SMJ002(), doc.dump());
  CHECK(pointers(findings) ==
        "[/ProcessingInputs/0/S3Input/LocalPath] [/ProcessingInputs/1/S3Input/LocalPath] "
        "[/ProcessingOutputConfig/Outputs/0/S3Output/LocalPath] ");
  CHECK(findings[0].message ==
        "LocalPath must be under /opt/ml/processing/, got \"/opt/ml/input/data\"");
  CHECK(rule_SMJ002().info().severity == sagelint::Severity::error);
}
