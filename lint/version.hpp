#pragma once
#include <string_view>

namespace sagelint::lint {

// The release version, as set by the project() call in CMakeLists.txt.
std::string_view version();

}  // namespace sagelint::lint
