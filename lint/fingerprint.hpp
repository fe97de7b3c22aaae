#pragma once
// The identity of a finding across runs: the same problem in the same target keeps
// its fingerprint when lines are added or removed around it, so dashboards (GitLab
// Code Quality, GitHub code scanning) and baselines can tell new findings from old.
//
// It hashes what names the problem (rule, target, message, and for image and request
// findings the file path or JSON pointer) and never a line or column. Two findings
// that agree on all of that are told apart by their order in the target.
#include <string>
#include <vector>

#include "rules/finding.hpp"

namespace sagelint::lint {

// Hex SHA-256. `occurrence` is 0 for the first finding of a target with this
// identity, 1 for the second, and so on.
std::string finding_fingerprint(const Finding& finding, int occurrence);

// The fingerprints of one target's findings, in their order.
std::vector<std::string> finding_fingerprints(const std::vector<Finding>& findings);

}  // namespace sagelint::lint
