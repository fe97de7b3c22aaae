#include "lint/version.hpp"

namespace sagelint::lint {

std::string_view version() { return SAGELINT_VERSION; }

std::string_view default_docs_url() { return SAGELINT_DOCS_URL; }

}  // namespace sagelint::lint
