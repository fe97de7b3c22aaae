#pragma once
// --fix for Dockerfiles: rewrites the start-command instructions of the shipped stage
// that a finding points at (SMP001/SMP002 shell form, SMP003 pseudo-JSON, SMP004 an
// `sh -c` wrapper without exec), working on the parser's AST and the raw text. Every
// byte outside the rewritten arguments stays as it was (comments, continuations, CRLF,
// BOM, heredocs, trailing blanks), and no line is added or removed, so findings
// elsewhere keep their places.
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "parser/ast.hpp"
#include "parser/stages.hpp"
#include "rules/finding.hpp"

namespace sagelint::fix {

// What --fix did with one finding.
struct FindingFix {
  enum Status { not_fixable, fixed, refused } status = not_fixable;
  std::string reason;  // for `refused`: why the fix was not applied
};

struct FixOutcome {
  std::string text;                     // the fixed file; the input when nothing changed
  std::vector<FindingFix> per_finding;  // parallel to the findings given
  bool changed = false;
};

// The rules whose findings --fix can fix.
bool is_fixable_rule(std::string_view rule);

// `findings` are those of this file after ignores (an ignored finding is never fixed).
FixOutcome fix_dockerfile(std::string_view text, const parser::Dockerfile& file,
                          const parser::StageModel& stages, int target_stage,
                          const std::vector<Finding>& findings);

// Parses `text` and fixes it against `findings` in one call (target_stage "" = last).
// nullopt when the text does not parse or the stage is unknown.
std::optional<FixOutcome> fix_dockerfile_text(std::string_view text,
                                              const std::vector<Finding>& findings,
                                              const std::map<std::string, std::string>& build_args,
                                              const std::string& target_stage);

}  // namespace sagelint::fix
