#include "request/test_request.hpp"
#include "rules/request_rule_test_support.hpp"

namespace sagelint::rules {
const Rule& rule_SMJ002();
}

using namespace sagelint::rules::testing;
using namespace sagelint::request::testing;
using nlohmann::json;
using sagelint::rules::rule_SMJ002;

namespace {

const std::string kIn0 = "/ProcessingInputs/0/S3Input/LocalPath";
const std::string kIn1 = "/ProcessingInputs/1/S3Input/LocalPath";
const std::string kOut0 = "/ProcessingOutputConfig/Outputs/0/S3Output/LocalPath";

struct Case {
  const char* name;
  std::vector<Patch> patches;
  std::vector<std::string> expected;  // "RULE pointer", in rule order
};

std::vector<Case> cases() {
  return {
      {"SDK paths", {}, {}},
      {"trailing slash", {{kIn0, "/opt/ml/processing/input/data/"}}, {}},
      {"dot segments that stay inside", {{kIn0, "/opt/ml/processing/input/./x/../data2"}}, {}},
      {"outside the root", {{kIn0, "/opt/ml/test/"}}, {"SMJ002 " + kIn0}},
      {"/opt/ml/input/data (training)", {{kIn0, "/opt/ml/input/data/train"}}, {"SMJ002 " + kIn0}},
      {"the root itself",
       {{kIn0, "/opt/ml/processing"}},
       {"SMJ002 " + kIn0, "SMJ003 " + kIn1, "SMJ003 " + kOut0}},
      {"the root with a slash",
       {{kIn0, "/opt/ml/processing/"}},
       {"SMJ002 " + kIn0, "SMJ003 " + kIn1, "SMJ003 " + kOut0}},
      {"a sibling of the root", {{kIn0, "/opt/ml/processing-data"}}, {"SMJ002 " + kIn0}},
      {"relative", {{kIn0, "opt/ml/processing/input"}}, {"SMJ002 " + kIn0}},
      {"empty", {{kIn0, ""}}, {"SMJ002 " + kIn0}},
      {"escapes with ..", {{kIn0, "/opt/ml/processing/../../../etc"}}, {"SMJ002 " + kIn0}},
      {"the root by ..",
       {{kIn0, "/opt/ml/processing/input/.."}},
       {"SMJ002 " + kIn0, "SMJ003 " + kIn1, "SMJ003 " + kOut0}},
      {"not written under the prefix",
       {{kIn0, "/opt/ml//processing/input/data"}},
       {"SMJ002 " + kIn0}},
      {"not written under the prefix (dot)",
       {{kIn0, "/opt/./ml/processing/in"}},
       {"SMJ002 " + kIn0}},
      {"duplicate inputs", {{kIn1, "/opt/ml/processing/input/data"}}, {"SMJ003 " + kIn1}},
      {"duplicate up to a slash", {{kIn1, "/opt/ml/processing/input/data/"}}, {"SMJ003 " + kIn1}},
      {"nested input", {{kIn1, "/opt/ml/processing/input/data/code"}}, {"SMJ003 " + kIn1}},
      {"input containing another", {{kIn1, "/opt/ml/processing/input"}}, {"SMJ003 " + kIn1}},
      {"prefix but not nested", {{kIn1, "/opt/ml/processing/input/data2"}}, {}},
      {"output equal to an input", {{kOut0, "/opt/ml/processing/input/code"}}, {"SMJ003 " + kOut0}},
      {"output inside an input",
       {{kOut0, "/opt/ml/processing/input/data/out"}},
       {"SMJ003 " + kOut0}},
      {"output outside and duplicate",
       {{kIn0, "/data"}, {kOut0, "/data/"}},
       {"SMJ002 " + kIn0, "SMJ002 " + kOut0, "SMJ003 " + kOut0}},
      {"app managed input without a path",
       {{"/ProcessingInputs/0/AppManaged", true}, {kIn0, kRemove}},
       {}},
  };
}

}  // namespace

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

TEST_CASE("LocalPath placement (SMJ002) and overlaps (SMJ003), with every rule running") {
  const json base = sdk_request();
  for (const auto& c : cases()) {
    std::string name = c.name;
    CAPTURE(name);
    CHECK(joined(rules_and_pointers(lint_request_all(patched(base, c.patches).dump()))) ==
          joined(c.expected));
  }
}

TEST_CASE("LocalPath messages name both paths") {
  auto nested = lint_request_all(
      patched(sdk_request(), {{kOut0, "/opt/ml/processing/input/data/out"}}).dump());
  REQUIRE(nested.size() == 1);
  CHECK(nested[0].message ==
        "LocalPath \"/opt/ml/processing/input/data/out\" is inside "
        "\"/opt/ml/processing/input/data\" at /ProcessingInputs/0/S3Input/LocalPath; inputs "
        "and outputs must not be nested, use sibling directories");
  auto outside = lint_request_all(patched(sdk_request(), {{kIn0, "/opt/ml/test/"}}).dump());
  REQUIRE(outside.size() == 1);
  CHECK(outside[0].message ==
        "LocalPath must be under /opt/ml/processing/, got \"/opt/ml/test/\" (which is "
        "\"/opt/ml/test\")");
}

TEST_CASE("dataset definitions take part in SMJ003") {
  auto doc = sdk_request();
  doc["ProcessingInputs"].push_back({{"InputName", "athena"},
                                     {"DatasetDefinition",
                                      {{"AthenaDatasetDefinition",
                                        {{"Catalog", "c"},
                                         {"Database", "d"},
                                         {"QueryString", "q"},
                                         {"OutputS3Uri", "s3://b/a"},
                                         {"OutputFormat", "JSON"}}},
                                       {"LocalPath", "/opt/ml/processing/input/code"}}}});
  CHECK(joined(rules_and_pointers(lint_request_all(doc.dump()))) ==
        joined({"SMJ003 /ProcessingInputs/2/DatasetDefinition/LocalPath"}));
}
