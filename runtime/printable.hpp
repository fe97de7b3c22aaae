#pragma once
// Text from an image, a container, a request or a file name, made safe for one line of
// a terminal or a log: control characters (newlines, carriage returns, escape sequences,
// C1 controls) and bytes that are not UTF-8 are written as visible escapes (\n, \r, \t
// kept as a tab only when allowed, \x1b, \u009b), so such text can neither start a line
// of its own nor steer the terminal. Everything else passes through unchanged.
#include <string>
#include <string_view>

namespace sagelint::runtime {

std::string printable(std::string_view text, bool keep_tabs = false);

}  // namespace sagelint::runtime
