#pragma once
// Reading what an author meant by an ENTRYPOINT/CMD that looks like a JSON array but
// is not JSON (single quotes, a trailing comma, unquoted words), when only one
// reading is possible.
#include <cstddef>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace sagelint::fix {

struct PseudoElement {
  std::string value;
  std::size_t begin = 0;  // offset of the element's first byte in the text
};

// The elements, or why the intent is ambiguous. `text` starts at the '['.
std::variant<std::vector<PseudoElement>, std::string> read_pseudo_json(std::string_view text);

// `value` as a JSON string with its quotes; UTF-8 is kept, control bytes escaped.
std::string json_quote(std::string_view value);
// The same without the surrounding quotes.
std::string json_escape(std::string_view value);

}  // namespace sagelint::fix
