#include "request/test_request.hpp"
#include "rules/request_rule_test_support.hpp"

namespace sagelint::rules {
const Rule& rule_SMJ003();
}

using namespace sagelint::rules::testing;
using namespace sagelint::request::testing;
using sagelint::rules::rule_SMJ003;

TEST_CASE("SMJ003 flags equal and nested LocalPaths across inputs and outputs") {
  CHECK(lint_request(rule_SMJ003(), sdk_request().dump()).empty());
  auto doc = patched(sdk_request(),
                     {{"/ProcessingInputs/1/S3Input/LocalPath", "/opt/ml/processing/input/data/"},
                      {"/ProcessingOutputConfig/Outputs/0/S3Output/LocalPath",
                       "/opt/ml/processing/input/data/results"}});
  auto findings = lint_request(rule_SMJ003(), doc.dump());
  CHECK(pointers(findings) ==
        "[/ProcessingInputs/1/S3Input/LocalPath] "
        "[/ProcessingOutputConfig/Outputs/0/S3Output/LocalPath] ");
  CHECK(findings[0].message.find("is the same directory as") != std::string::npos);
  CHECK(findings[1].message.find("is inside") != std::string::npos);
}
