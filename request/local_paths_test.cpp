// Where LocalPaths point: normalisation and the list of every input and output path.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "request/local_paths.hpp"
#include "request/model.hpp"
#include "request/test_request.hpp"

using namespace sagelint::request;
using namespace sagelint::request::testing;

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

TEST_CASE("local_paths lists inputs then outputs, as written and normalised") {
  auto doc = patched(sdk_request(), {{"/ProcessingInputs/1/S3Input/LocalPath", "/opt/ml//x/../y/"},
                                     {"/ProcessingInputs/0/AppManaged", true},
                                     {"/ProcessingInputs/0/S3Input/LocalPath", kRemove}});
  auto result = parse_request(doc.dump());
  REQUIRE(result.ok());
  auto uses = local_paths(*result.request);
  REQUIRE(uses.size() == 2);
  CHECK(uses[0].pointer == "/ProcessingInputs/1/S3Input/LocalPath");
  CHECK(uses[0].written == "/opt/ml//x/../y/");
  CHECK(uses[0].normal == std::optional<std::string>("/opt/ml/y"));
  CHECK(uses[1].pointer == "/ProcessingOutputConfig/Outputs/0/S3Output/LocalPath");
  CHECK(uses[1].normal == std::optional<std::string>("/opt/ml/processing/output/train"));
}
