#pragma once
// `diff -u` output for --diff: the old and the new text of one file.
#include <string>
#include <string_view>

namespace sagelint::fix {

// "" when the texts are equal. `name` is used for both headers (`--- name`,
// `+++ name`), so `patch -p0` applies it from the directory the path is relative to.
std::string unified_diff(std::string_view old_text, std::string_view new_text,
                         const std::string& name);

}  // namespace sagelint::fix
