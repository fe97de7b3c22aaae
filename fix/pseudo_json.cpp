#include "fix/pseudo_json.hpp"

#include <cstdio>

#include "parser/json_array.hpp"

namespace sagelint::fix {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

}  // namespace

std::string json_escape(std::string_view value) {
  std::string out;
  for (const char ch : value) {
    const auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default:
        if (c < 0x20 || c == 0x7f) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += ch;
        }
    }
  }
  return out;
}

std::string json_quote(std::string_view value) {
  return std::string("\"").append(json_escape(value)).append("\"");
}

std::variant<std::vector<PseudoElement>, std::string> read_pseudo_json(std::string_view text) {
  std::vector<PseudoElement> out;
  std::size_t i = 0;
  auto skip_space = [&] {
    while (i < text.size() && is_space(text[i])) ++i;
  };
  skip_space();
  if (i >= text.size() || text[i] != '[') return std::string("it does not start with [");
  ++i;
  bool expect_element = true;  // after '[' or ','
  for (;;) {
    skip_space();
    if (i >= text.size()) return std::string("there is no closing ]");
    const char c = text[i];
    if (c == ']') {
      ++i;
      break;
    }
    if (c == ',') {
      if (expect_element) return std::string("an element is missing between commas");
      expect_element = true;
      ++i;
      continue;
    }
    if (!expect_element) return std::string("two elements are not separated by a comma");
    PseudoElement el;
    el.begin = i;
    if (c == '"') {
      // A JSON string: let the parser's decoder read it exactly as Docker would.
      std::size_t j = i + 1;
      while (j < text.size() && text[j] != '"') j += text[j] == '\\' ? 2 : 1;
      if (j >= text.size()) return std::string("a \" string is not closed");
      const std::string one = std::string("[").append(text.substr(i, j + 1 - i)).append("]");
      auto parsed = parser::parse_json_array(one);
      if (parsed.status != parser::JsonArrayResult::ok || parsed.elements.size() != 1)
        return std::string("a \" string is not valid JSON");
      el.value = parsed.elements.front().value;
      i = j + 1;
    } else if (c == '\'') {
      const std::size_t close = text.find('\'', i + 1);
      if (close == std::string_view::npos) return std::string("a ' string is not closed");
      el.value = std::string(text.substr(i + 1, close - i - 1));
      // Inside single quotes a backslash or a $ could mean an escape or a variable.
      if (el.value.find_first_of("\\$\"") != std::string::npos)
        return std::string("a ' string holds \\, $ or \", which JSON would read differently");
      i = close + 1;
    } else {
      std::size_t j = i;
      while (j < text.size() && !is_space(text[j]) && text[j] != ',' && text[j] != ']') ++j;
      el.value = std::string(text.substr(i, j - i));
      // `$PORT` meant a variable that the exec form never expands; quotes inside a
      // bare word are a typo whose meaning is unclear.
      if (el.value.find_first_of("$`'\"\\[{}") != std::string::npos)
        return std::string("the unquoted word `" + el.value +
                           "` holds $, quotes, brackets or \\, so its meaning is unclear");
      i = j;
    }
    out.push_back(std::move(el));
    expect_element = false;
  }
  skip_space();
  if (i != text.size()) return std::string("text follows the closing ]");
  if (out.empty()) return std::string("the array is empty");
  return out;
}

}  // namespace sagelint::fix
