// SMJ002 and SMJ003: LocalPaths of inputs and outputs, alone and together.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "request/local_paths.hpp"
#include "request/model.hpp"
#include "request/test_request.hpp"

namespace {

using nlohmann::json;
using namespace sagelint::request;
using namespace sagelint::request::testing;

const std::string kIn0 = "/ProcessingInputs/0/S3Input/LocalPath";
const std::string kIn1 = "/ProcessingInputs/1/S3Input/LocalPath";
const std::string kOut0 = "/ProcessingOutputConfig/Outputs/0/S3Output/LocalPath";

struct Case {
  const char* name;
  std::vector<Patch> patches;
  std::vector<std::string> expected;
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

TEST_CASE("LocalPath placement and overlaps") {
  const json base = sdk_request();
  for (const auto& c : cases()) {
    std::string name = c.name;
    CAPTURE(name);
    auto result = parse_request(patched(base, c.patches).dump());
    REQUIRE(result.ok());
    CHECK(joined(found(result)) == joined(c.expected));
  }
}

TEST_CASE("LocalPath messages name both paths") {
  auto result =
      parse_request(patched(sdk_request(), {{kOut0, "/opt/ml/processing/input/data/out"}}).dump());
  REQUIRE(result.violations.size() == 1);
  CHECK(result.violations[0].message ==
        "LocalPath \"/opt/ml/processing/input/data/out\" is inside "
        "\"/opt/ml/processing/input/data\" at /ProcessingInputs/0/S3Input/LocalPath; inputs "
        "and outputs must not be nested, use sibling directories");
  auto outside = parse_request(patched(sdk_request(), {{kIn0, "/opt/ml/test/"}}).dump());
  REQUIRE(outside.violations.size() == 1);
  CHECK(outside.violations[0].message ==
        "LocalPath must be under /opt/ml/processing/, got \"/opt/ml/test/\" (which is "
        "\"/opt/ml/test\")");
}

TEST_CASE("dataset definitions take part") {
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
  auto result = parse_request(doc.dump());
  CHECK(joined(found(result)) ==
        joined({"SMJ003 /ProcessingInputs/2/DatasetDefinition/LocalPath"}));
}

TEST_CASE("normalize_local_path") {
  CHECK(normalize_local_path("/opt/ml/processing/") ==
        std::optional<std::string>("/opt/ml/processing"));
  CHECK(normalize_local_path("//opt///ml/./x/") == std::optional<std::string>("/opt/ml/x"));
  CHECK(normalize_local_path("/../..") == std::optional<std::string>("/"));
  CHECK(normalize_local_path("/") == std::optional<std::string>("/"));
  CHECK(!normalize_local_path("x/y"));
  CHECK(!normalize_local_path(""));
  CHECK(is_same_or_inside("/a/b", "/a"));
  CHECK(is_same_or_inside("/a", "/a"));
  CHECK(!is_same_or_inside("/ab", "/a"));
  CHECK(is_same_or_inside("/a", "/"));
}
