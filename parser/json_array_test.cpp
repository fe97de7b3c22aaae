// The exec-form decision decodes JSON the way Go's encoding/json does.
#include <doctest/doctest.h>

#include "parser/json_array.hpp"

using namespace sagelint::parser;

namespace {

std::vector<std::string> values(const JsonArrayResult& r) {
  std::vector<std::string> out;
  for (const auto& e : r.elements) out.push_back(e.value);
  return out;
}

}  // namespace

TEST_CASE("json arrays: strings decoded like encoding/json") {
  struct Case {
    const char* text;
    std::vector<std::string> want;
  };
  const Case cases[] = {
      {"[\"\\u00e9\", \"\\/\", \"a\\nb\"]", {"\xC3\xA9", "/", "a\nb"}},
      {"[\"\\ud83d\\ude00\"]", {"\xF0\x9F\x98\x80"}},
      {"[\"\\ud83d\"]", {"\xEF\xBF\xBD"}},  // lone surrogate -> U+FFFD
      {"[\"\xff\"]", {"\xEF\xBF\xBD"}},     // invalid UTF-8 byte -> U+FFFD
      {" \t[\"a\"]", {"a"}},                // leading whitespace
      {"[ \"a\" ,\n\"b\" ]", {"a", "b"}},
      {"[\"a\"] trailing", {"a"}},  // the Decoder stops after one value
      {"[]", {}},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    const JsonArrayResult r = parse_json_array(c.text);
    REQUIRE(r.status == JsonArrayResult::ok);
    CHECK(values(r) == c.want);
  }
  const JsonArrayResult pos = parse_json_array("  [\"ab\", \"c\"]");
  CHECK(pos.open == 2);
  CHECK(pos.elements[1].begin == 9);
  CHECK(pos.elements[1].end == 12);
}

TEST_CASE("json arrays: not an array, invalid, or not all strings") {
  CHECK(parse_json_array("echo [x]").status == JsonArrayResult::not_array);
  CHECK(parse_json_array("").status == JsonArrayResult::not_array);
  for (const char* invalid : {"[\"a\tb\"]", "[01]", "[1.]", "[1e]", "[-]", "[-", "[tru]",
                              "[\"a\",]", "[", "[\"\\x\"]", "[{]"}) {
    CAPTURE(invalid);
    const JsonArrayResult r = parse_json_array(invalid);
    CHECK(r.status == JsonArrayResult::invalid);
    CHECK_FALSE(r.reason.empty());
  }
  for (const char* mixed :
       {"[1.5e3, \"a\"]", "[\"a\", true]", "[null]", "[[\"a\"]]", "[{\"k\": [1]}]"}) {
    CAPTURE(mixed);
    CHECK(parse_json_array(mixed).status == JsonArrayResult::not_strings);
  }
}
