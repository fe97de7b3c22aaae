#pragma once
// Whether the rules that will run need an image's file contents, or only its manifest
// and config (then no layer is read: for a registry image, no layer is fetched).
//
// The one place that knows which rules read layers. It follows SPEC "Choosing rules"
// until rule metadata says it (rules/ is being restructured to carry it); switch the
// body to that metadata then.
#include <set>
#include <string>

namespace sagelint::lint {

// selected: --select's rule IDs; empty = every rule.
bool image_rules_read_layers(const std::set<std::string>& selected,
                             const std::set<std::string>& ignored);

}  // namespace sagelint::lint
