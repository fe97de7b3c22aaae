#pragma once
// Small text helpers for request checks and their messages.
#include <cstddef>
#include <string>
#include <string_view>

namespace sagelint::request {

// Length as the service counts it: Unicode code points (of valid UTF-8 input).
std::size_t code_points(std::string_view s);

// Java's `.` (the service's patterns are Java regexes) matches anything but a line
// terminator: \n, \r, U+0085, U+2028, U+2029. `.*` therefore means "one line".
bool is_single_line(std::string_view s);

// ASCII case-insensitive equality, for "did you mean" hints.
bool equals_ignoring_case(std::string_view a, std::string_view b);

// The value for a message: control characters escaped, cut after `limit` bytes.
std::string printable(std::string_view s, std::size_t limit = 80);

// printable() in double quotes.
std::string in_quotes(std::string_view s, std::size_t limit = 80);

}  // namespace sagelint::request
