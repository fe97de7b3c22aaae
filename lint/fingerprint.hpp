#pragma once
// The identity of a finding across runs: the same problem in the same target keeps
// its fingerprint when lines are added or removed around it, so dashboards (GitLab
// Code Quality, GitHub code scanning) and baselines can tell new findings from old.
// One fingerprint serves all three: a finding has the same value in a baseline, in
// the gitlab report and in SARIF `partialFingerprints`.
//
// It hashes what names the problem and never a line, column or layer index:
//   Dockerfile findings: rule, target, message;
//   image findings: rule, target, file path (the message when the finding names no
//   file); a layer added below moves the layer index, not the fingerprint;
//   request findings: rule, target, JSON pointer (the message when it has none).
// What `--fix` appends to a message it could not fix is left out. Findings that agree
// on all of that are told apart by their order in the target.
#include <string>
#include <vector>

#include "rules/finding.hpp"

namespace sagelint::lint {

// Hex SHA-256. `target` stands for the finding's target (a baseline passes the path
// relative to its own directory). `occurrence` is 0 for the first finding of a target
// with this identity, 1 for the second, and so on.
std::string finding_fingerprint(const Finding& finding, const std::string& target, int occurrence);

// The fingerprints of one target's findings, in their order, with `target` standing
// for their target.
std::vector<std::string> finding_fingerprints(const std::vector<Finding>& findings,
                                              const std::string& target);

// The same, each finding under its own `target` field (the reports' view).
std::vector<std::string> finding_fingerprints(const std::vector<Finding>& findings);

}  // namespace sagelint::lint
