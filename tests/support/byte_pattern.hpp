#pragma once
// Test support: bytes whose value depends on their offset (and not with a period that
// divides common buffer sizes), so a stream's order and completeness can be checked.
#include <cstddef>
#include <string>

namespace sagelint::testing {

inline std::string byte_pattern(std::size_t n) {
  std::string s(n, '\0');
  for (std::size_t i = 0; i < n; ++i) s[i] = static_cast<char>((i * 7 + i / 251) & 0xff);
  return s;
}

}  // namespace sagelint::testing
