#pragma once
// docs/rules/ID.md, generated from a rule's metadata: `sagelint rules --markdown DIR`
// writes every page (`cmake --build build --target rule_docs` runs it on docs/rules/),
// and lint/rule_docs_test.cpp checks that the committed pages are the generated ones.
#include <string>

#include "rules/rule.hpp"

namespace sagelint::lint {

// The page of one rule.
std::string rule_markdown(const rules::RuleInfo& info);

// docs/rules/README.md: the list of every rule, with links to the pages.
std::string rule_index_markdown();

}  // namespace sagelint::lint
