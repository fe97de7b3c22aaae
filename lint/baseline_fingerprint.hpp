#pragma once
// The fingerprint a baseline entry is matched by. It names the problem, never its
// line or column, so it survives lines added or removed above the finding:
//   Dockerfile findings: rule, target, message;
//   image findings: rule, target, file path (not the layer index, which moves when
//   a layer is added below);
//   request findings: rule, target, JSON pointer.
// Findings that agree on all of that are told apart by their order in the target.
// (Kept in its own file so it can be folded with the gitlab/sarif fingerprint.)
#include <string>
#include <vector>

#include "rules/finding.hpp"

namespace sagelint::lint {

// Hex SHA-256 of each finding's identity, with `target` standing for the finding's
// target (the path relative to the baseline's directory).
std::vector<std::string> baseline_fingerprints(const std::vector<Finding>& findings,
                                               const std::string& target);

}  // namespace sagelint::lint
