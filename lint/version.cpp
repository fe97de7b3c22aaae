#include "lint/version.hpp"

namespace sagelint::lint {

std::string_view version() { return SAGELINT_VERSION; }

}  // namespace sagelint::lint
