#include "lint/layer_needs.hpp"

#include "rules/rule.hpp"

namespace sagelint::lint {

// SPEC "Choosing rules": a rule that reads an image's files says so in its metadata
// (RuleInfo::reads_layers); the others need only the manifest and config.
bool image_rules_read_layers(const std::set<std::string>& selected,
                             const std::set<std::string>& ignored) {
  for (const rules::Rule* rule : rules::all_rules()) {
    std::string id(rule->info().id);
    if (!selected.empty() && !selected.count(id)) continue;
    if (ignored.count(id)) continue;
    if (rule->info().reads_layers) return true;
  }
  return false;
}

}  // namespace sagelint::lint
