#include "request/text.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>

namespace sagelint::request {

std::size_t code_points(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) {
    if ((c & 0xC0) != 0x80) ++n;  // count every byte that does not continue a sequence
  }
  return n;
}

bool is_single_line(std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == '\n' || c == '\r') return false;
    if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x85) {
      return false;  // U+0085 NEXT LINE
    }
    if (c == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80) {
      unsigned char last = static_cast<unsigned char>(s[i + 2]);
      if (last == 0xA8 || last == 0xA9) return false;  // U+2028, U+2029
    }
  }
  return true;
}

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

std::string printable(std::string_view s, std::size_t limit) {
  std::string out;
  bool cut = s.size() > limit;
  if (cut) {
    s = s.substr(0, limit);
    // Do not leave half a UTF-8 sequence at the end.
    while (!s.empty() && (static_cast<unsigned char>(s.back()) & 0xC0) == 0x80) {
      s.remove_suffix(1);
    }
    if (!s.empty() && static_cast<unsigned char>(s.back()) >= 0xC0) s.remove_suffix(1);
  }
  for (char ch : s) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c < 0x20 || c == 0x7F) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02X", c);
      out += buf;
    } else {
      out += ch;
    }
  }
  if (cut) out += "...";
  return out;
}

std::string in_quotes(std::string_view s, std::size_t limit) {
  // Not `"\"" + printable(...)`: g++ 12 at -O3 gives a false -Wrestrict on inserting a
  // literal at the front of a string (GCC bug 105329).
  std::string out(1, '"');
  out += printable(s, limit);
  out += '"';
  return out;
}

}  // namespace sagelint::request
