// Input that is not a request at all: one short line of error, never a crash.
#include <doctest/doctest.h>

#include <string>

#include "request/model.hpp"
#include "request/test_request.hpp"

namespace {

using sagelint::request::looks_like_request;
using sagelint::request::parse_request;

void check_one_line_error(const std::string& text, const std::string& expected_start) {
  auto result = parse_request(text);
  CHECK(!result.ok());
  CHECK(!result.request);
  CAPTURE(result.error);
  CHECK(result.error.rfind(expected_start, 0) == 0);
  CHECK(result.error.find('\n') == std::string::npos);
  CHECK(result.error.size() < 400);
}

}  // namespace

TEST_CASE("text that is not JSON is a one-line error") {
  check_one_line_error("", "not valid JSON: ");
  check_one_line_error("FROM ubuntu\n", "not valid JSON: ");
  check_one_line_error("{\"ProcessingJobName\": \"x\",}", "not valid JSON: ");
  check_one_line_error("{\"a\": 1} trailing", "not valid JSON: ");
  check_one_line_error("{'ProcessingJobName': 'x'}", "not valid JSON: ");
  check_one_line_error(std::string("{\"a\": \"\xFF\xFE\"}"), "not valid JSON: ");
  check_one_line_error(std::string("{\"a\":\0\"b\"}", 10), "not valid JSON: ");
  auto r = parse_request("{\"ProcessingJobName\": \"x\",}");
  CHECK(r.error.find("line 1") != std::string::npos);
}

TEST_CASE("JSON that is not an object is a one-line error naming the type") {
  check_one_line_error("[]", "not a CreateProcessingJob request: the JSON top level is an array");
  check_one_line_error("\"job\"",
                       "not a CreateProcessingJob request: the JSON top level is a string");
  check_one_line_error("42", "not a CreateProcessingJob request");
  check_one_line_error("null", "not a CreateProcessingJob request");
}

TEST_CASE("an empty object is read, with every required member missing") {
  auto result = parse_request("{}");
  REQUIRE(result.ok());
  using sagelint::request::testing::found;
  using sagelint::request::testing::joined;
  CHECK(joined(found(result)) ==
        joined({"/ProcessingJobName", "/ProcessingResources", "/AppSpecification", "/RoleArn"}));
}

TEST_CASE("a 100 MB string is reported, not copied into the message") {
  std::string huge(100u << 20, 'a');
  // Unterminated: the parser's message would quote the whole token.
  check_one_line_error("{\"ProcessingJobName\": \"" + huge, "not valid JSON: ");
  // Terminated: a valid document whose value is far too long.
  auto result = parse_request("{\"ProcessingJobName\": \"" + huge + "\"}");
  REQUIRE(result.ok());
  bool saw_name = false;
  for (const auto& v : sagelint::request::model_problems(*result.request)) {
    CHECK(v.message.size() < 400);
    if (v.pointer == "/ProcessingJobName") {
      saw_name = true;
      CHECK(v.message == "ProcessingJobName must be 1 to 63 characters long, got 104857600");
    }
  }
  CHECK(saw_name);
  // A huge unknown key: the pointer falls back to its parent.
  auto keyed = parse_request("{\"" + huge + "\": 1}");
  REQUIRE(keyed.ok());
  auto problems = sagelint::request::model_problems(*keyed.request);
  REQUIRE(!problems.empty());
  CHECK(problems[0].pointer == "");
  CHECK(problems[0].message.size() < 400);
}

TEST_CASE("deep nesting is read or rejected without exhausting the stack") {
  const std::size_t depth = 200000;
  std::string arrays = std::string(depth, '[') + std::string(depth, ']');
  check_one_line_error(arrays, "not a CreateProcessingJob request");
  auto nested = parse_request("{\"Tags\": " + arrays + ", \"Extra\": " + arrays + "}");
  REQUIRE(nested.ok());
  std::string unclosed(depth, '[');
  check_one_line_error("{\"a\": " + unclosed, "not valid JSON: ");
  std::string objects;
  for (std::size_t i = 0; i < depth; ++i) objects += "{\"AppSpecification\":";
  objects += "1" + std::string(depth, '}');
  auto deep = parse_request(objects);
  REQUIRE(deep.ok());
  CHECK(!sagelint::request::model_problems(*deep.request).empty());
}

TEST_CASE("looks_like_request sniffs requests only") {
  CHECK(looks_like_request(sagelint::request::testing::sdk_request().dump()));
  CHECK(looks_like_request("\xEF\xBB\xBF  {\"AppSpecification\": {}}"));
  CHECK(looks_like_request(
      "{\n  \"AppSpecification\": {\"ImageUri\": \"x\"},\n}"));  // broken, but meant as one
  CHECK(!looks_like_request("{\"Outer\": {\"AppSpecification\": {}}}"));
  CHECK(!looks_like_request("{\"schemaVersion\": 2, \"manifests\": []}"));
  CHECK(!looks_like_request("[{\"AppSpecification\": {}}]"));
  CHECK(!looks_like_request("FROM busybox\nCMD [\"AppSpecification\"]\n"));
  CHECK(!looks_like_request(""));
  CHECK(!looks_like_request(std::string("\x1F\x8B\x08\x00", 4)));
}
