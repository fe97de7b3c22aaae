#pragma once
// Suppression comments in a Dockerfile:
//   # sagelint ignore=SMP001,SMP010 -- optional reason
//       in the block of comment lines directly above an instruction: silences those
//       rules on that instruction (all its lines, heredoc bodies included);
//   # sagelint global ignore=SMP020
//       anywhere: silences those rules in the whole file.
// An inline ignore inside a continuation (between the lines of one instruction) has
// no effect, because the comment is not above an instruction. The engine applies the
// comments, then hands them to the rules that judge them (SMP900: an ignore that
// suppresses nothing).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rules/finding.hpp"
#include "rules/rule.hpp"

namespace sagelint::parser {
struct Dockerfile;
}

namespace sagelint::lint {

// What one `sagelint ... ignore=...` comment says.
struct IgnoreDirective {
  bool global = false;
  std::vector<std::string> rules;  // upper-cased IDs as written
  std::string reason;              // trailing text after the list, "" if none
};

// Parses a comment's text (without the '#'). nullopt: not a sagelint comment at all.
// A comment that starts with `sagelint` and mentions `ignore` but cannot be read
// gives a directive with no rules, so it can be reported instead of silently ignored.
std::optional<IgnoreDirective> parse_ignore_comment(std::string_view text);

// Every sagelint ignore comment of the file, with the instruction each inline one
// covers (nothing used yet). `text` is the file's text (for the columns of the comments).
std::vector<rules::IgnoreComment> find_ignores(const parser::Dockerfile& file,
                                               std::string_view text);

// Removes the findings the comments suppress and marks in each comment which of its
// rules silenced at least one finding.
void apply_ignores(std::vector<Finding>& findings, std::vector<rules::IgnoreComment>& ignores);

}  // namespace sagelint::lint
