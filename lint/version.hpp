#pragma once
#include <string_view>

namespace sagelint::lint {

// The release version, as set by the project() call in CMakeLists.txt.
std::string_view version();

// Where the rule pages of this version are published (SARIF helpUri, `--docs-url`
// overrides it): -DSAGELINT_DOCS_URL=... at configure time.
std::string_view default_docs_url();

}  // namespace sagelint::lint
