#include "request/test_request.hpp"
#include "rules/request_rule_test_support.hpp"

namespace sagelint::rules {
const Rule& rule_SMJ004();
}

using namespace sagelint::rules::testing;
using namespace sagelint::request::testing;
using sagelint::rules::rule_SMJ004;

TEST_CASE("SMJ004 flags Gzip without Pipe and FastFile") {
  CHECK(lint_request(rule_SMJ004(), sdk_request().dump()).empty());
  CHECK(lint_request(
            rule_SMJ004(),
            patched(sdk_request(), {{"/ProcessingInputs/0/S3Input/S3CompressionType", "Gzip"},
                                    {"/ProcessingInputs/0/S3Input/S3InputMode", "Pipe"}})
                .dump())
            .empty());
  auto doc =
      patched(sdk_request(), {{"/ProcessingInputs/0/S3Input/S3CompressionType", "Gzip"},
                              {"/ProcessingInputs/1/S3Input/S3InputMode", "FastFile"},
                              {"/ProcessingInputs/0/S3Input/S3DataType", "Prefix"}});  // SMJ001
  auto findings = lint_request(rule_SMJ004(), doc.dump());
  CHECK(
      pointers(findings) ==
      "[/ProcessingInputs/0/S3Input/S3CompressionType] [/ProcessingInputs/1/S3Input/S3InputMode] ");
}
