#include "request/test_request.hpp"
#include "rules/request_rule_test_support.hpp"

namespace sagelint::rules {
const Rule& rule_SMJ004();
}

using namespace sagelint::rules::testing;
using namespace sagelint::request::testing;
using nlohmann::json;
using sagelint::rules::rule_SMJ004;

namespace {

const std::string kIn = "/ProcessingInputs/0";
const std::string kS3 = "/ProcessingInputs/0/S3Input";

json athena() {
  return json{{"Catalog", "AwsDataCatalog"},     {"Database", "db"},
              {"QueryString", "SELECT 1"},       {"WorkGroup", "primary"},
              {"OutputS3Uri", "s3://b/athena/"}, {"OutputFormat", "PARQUET"},
              {"OutputCompression", "GZIP"}};
}

struct Case {
  const char* name;
  std::vector<Patch> patches;
  std::vector<std::string> expected;  // "RULE pointer"
};

// With every rule running: FastFile, outside the model's enum, is SMJ004's alone.
std::vector<Case> cases() {
  return {
      {"Gzip with Pipe",
       {{kS3 + "/S3CompressionType", "Gzip"}, {kS3 + "/S3InputMode", "Pipe"}},
       {}},
      {"Gzip with File",
       {{kS3 + "/S3CompressionType", "Gzip"}},
       {"SMJ004 " + kS3 + "/S3CompressionType"}},
      {"Gzip with the default mode",
       {{kS3 + "/S3CompressionType", "Gzip"}, {kS3 + "/S3InputMode", kRemove}},
       {"SMJ004 " + kS3 + "/S3CompressionType"}},
      {"FastFile", {{kS3 + "/S3InputMode", "FastFile"}}, {"SMJ004 " + kS3 + "/S3InputMode"}},
      {"FastFile on a dataset",
       {{kIn,
         {{"InputName", "x"},
          {"DatasetDefinition",
           {{"AthenaDatasetDefinition", athena()},
            {"LocalPath", "/opt/ml/processing/x"},
            {"InputMode", "FastFile"}}}}}},
       {"SMJ004 " + kIn + "/DatasetDefinition/InputMode"}},
  };
}

}  // namespace

TEST_CASE("SMJ004 input modes, with every rule running") {
  for (const auto& c : cases()) {
    CAPTURE(std::string(c.name));
    CHECK(joined(rules_and_pointers(lint_request_all(patched(sdk_request(), c.patches).dump()))) ==
          joined(c.expected));
  }
}

TEST_CASE("SMJ004 messages say what the service accepts") {
  auto gzip = lint_request(rule_SMJ004(),
                           patched(sdk_request(), {{kS3 + "/S3CompressionType", "Gzip"}}).dump());
  REQUIRE(gzip.size() == 1);
  CHECK(gzip[0].message ==
        "S3CompressionType Gzip works only with S3InputMode Pipe, got \"File\"; set S3InputMode "
        "to Pipe or upload uncompressed data with S3CompressionType None");
  auto fast = lint_request(rule_SMJ004(),
                           patched(sdk_request(), {{kS3 + "/S3InputMode", "FastFile"}}).dump());
  REQUIRE(fast.size() == 1);
  CHECK(fast[0].message.find("FastFile is rejected by SageMaker Processing") != std::string::npos);
}

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
