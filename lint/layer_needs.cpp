#include "lint/layer_needs.hpp"

#include "rules/rule.hpp"

namespace sagelint::lint {

namespace {
// SPEC "Choosing rules": the rules that need only the manifest and config.
const std::set<std::string>& config_only_rules() {
  static const std::set<std::string> ids = {"SMP001", "SMP002", "SMP003", "SMP004", "SMP005",
                                            "SMP007", "SMP011", "SMJ010", "SMJ011"};
  return ids;
}
}  // namespace

bool image_rules_read_layers(const std::set<std::string>& selected,
                             const std::set<std::string>& ignored) {
  for (const rules::Rule* rule : rules::all_rules()) {
    std::string id(rule->info().id);
    if (!selected.empty() && !selected.count(id)) continue;
    if (ignored.count(id)) continue;
    bool image_rule = rule->info().inputs.find("image") != std::string_view::npos;
    if (image_rule && !config_only_rules().count(id)) return true;
  }
  return false;
}

}  // namespace sagelint::lint
