#pragma once
// The exec-form decision: does the text parse as a JSON array of strings, exactly as
// BuildKit's parseJSON (Go encoding/json Decoder into []interface{}) decides? When it
// does not, say why in words a Dockerfile author understands.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace sagelint::parser {

struct JsonElement {
  std::string value;      // unescaped
  std::size_t begin = 0;  // offset of the opening quote in the input
  std::size_t end = 0;    // one past the closing quote
};

struct JsonArrayResult {
  enum Status {
    not_array,    // does not start with '[' (after leading whitespace)
    invalid,      // starts with '[' but is not valid JSON: shell form
    not_strings,  // valid JSON array with a non-string element: BuildKit error
    ok,
  } status = not_array;
  std::vector<JsonElement> elements;
  std::string reason;        // for `invalid`: why it is not JSON
  std::size_t open = 0;      // offset of '['
  std::size_t error_at = 0;  // for `invalid`/`not_strings`: offset of the problem
};

// Go's Decoder reads one value and ignores what follows it, so `["a"] b` is ["a"].
JsonArrayResult parse_json_array(std::string_view text);

inline constexpr const char* kNotStringArrayError =
    "when using JSON array syntax, arrays must be comprised of strings only";

}  // namespace sagelint::parser
