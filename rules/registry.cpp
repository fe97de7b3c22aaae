#include <algorithm>

#include "rules/rule.hpp"

namespace sagelint::rules {

// Each rule file defines one `const Rule& rule_SMPxxx();`. Add new rules here, in ID order.
// One line per rule, `X(SMP001) \`.
#define SAGELINT_RULES(X) \
  X(SMJ001)               \
  X(SMJ002)               \
  X(SMJ003)               \
  X(SMJ004)               \
  X(SMJ010)               \
  X(SMJ011)               \
  X(SMP001)               \
  X(SMP002)               \
  X(SMP003)               \
  X(SMP004)               \
  X(SMP005)               \
  X(SMP006)               \
  X(SMP007)               \
  X(SMP010)               \
  X(SMP011)               \
  X(SMP020)               \
  X(SMP021)               \
  X(SMP030)               \
  X(SMP031)               \
  X(SMP032)               \
  X(SMP900)               \
  X(SMP901)               \
  /* end of list */

#define SAGELINT_DECLARE(id) const Rule& rule_##id();
SAGELINT_RULES(SAGELINT_DECLARE)
#undef SAGELINT_DECLARE

const std::vector<const Rule*>& all_rules() {
  static const std::vector<const Rule*> rules = [] {
    std::vector<const Rule*> v;
#define SAGELINT_ADD(id) v.push_back(&rule_##id());
    SAGELINT_RULES(SAGELINT_ADD)
#undef SAGELINT_ADD
    return v;
  }();
  return rules;
}

const Rule* find_rule(std::string_view id) {
  const auto& rules = all_rules();
  auto it =
      std::find_if(rules.begin(), rules.end(), [&](const Rule* r) { return r->info().id == id; });
  return it == rules.end() ? nullptr : *it;
}

}  // namespace sagelint::rules
