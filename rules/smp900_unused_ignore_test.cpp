// SMP900 judges the ignore comments the engine applied (lint/ignores_test.cpp and
// tests/lint_ignores_test.cpp check the comments it finds in real Dockerfiles).
#include "rules/rule_test_support.hpp"

namespace sagelint::rules {
const Rule& rule_SMP900();
}

using sagelint::rules::IgnoreComment;
using sagelint::rules::rule_SMP900;

namespace {

// `# sagelint ignore=IDS` on `line`, each ID 7 columns after the previous one (the
// first at column 19), covering lines first..last (0: no instruction below it).
IgnoreComment comment(int line, std::vector<std::string> ids, std::vector<bool> used, int first = 0,
                      int last = 0) {
  IgnoreComment c;
  c.rules = std::move(ids);
  c.used = std::move(used);
  c.where = {line, 1, line, 40};
  for (std::size_t k = 0; k < c.rules.size(); ++k) {
    int column = 19 + 7 * static_cast<int>(k);
    c.rule_where.push_back({line, column, line, column + 6});
  }
  c.first_line = first;
  c.last_line = last;
  return c;
}

struct IgnoreCase {
  const char* name;
  std::vector<IgnoreComment> comments;
  std::vector<std::string> expected;  // "L:C-L:C message"
};

void run_ignore_cases(const std::vector<IgnoreCase>& cases) {
  using sagelint::rules::testing::range_text;
  for (const auto& c : cases) {
    CAPTURE(std::string(c.name));
    std::vector<sagelint::Finding> findings;
    sagelint::rules::Reporter reporter(rule_SMP900().info(), "Dockerfile",
                                       sagelint::TargetKind::dockerfile,
                                       [&](sagelint::Finding f) { findings.push_back(f); });
    rule_SMP900().check(sagelint::rules::IgnoresContext{c.comments}, reporter);
    std::vector<std::string> got;
    for (const auto& f : findings) {
      CHECK(f.rule == "SMP900");
      CHECK(f.severity == sagelint::Severity::info);
      got.push_back(range_text(f) + " " + f.message);
    }
    CHECK(got == c.expected);
  }
}

}  // namespace

TEST_CASE("SMP900 flags ignores that silence nothing, at the rule ID or the comment") {
  IgnoreComment global = comment(1, {"SMP020"}, {false});
  global.global = true;
  IgnoreComment continuation = comment(5, {"SMP010"}, {false});
  continuation.inside_continuation = true;
  IgnoreComment unreadable = comment(3, {}, {});
  run_ignore_cases({
      {"used inline ignore", {comment(2, {"SMP001"}, {true}, 3, 3)}, {}},
      {"one of two IDs unused",
       {comment(2, {"SMP001", "SMP010"}, {true, false}, 3, 4)},
       {"2:26-2:32 ignore of SMP010 suppresses nothing"}},
      {"unknown rule",
       {comment(2, {"SMP999"}, {false}, 3, 3)},
       {"2:19-2:25 unknown rule 'SMP999' in ignore"}},
      {"global ignore unused", {global}, {"1:19-1:25 global ignore of SMP020 suppresses nothing"}},
      {"not above an instruction",
       {comment(7, {"SMP011"}, {false})},
       {"7:1-7:40 ignore comment is not directly above an instruction (a blank line or the end "
        "of the file follows it), so it has no effect"}},
      {"inside a continuation",
       {continuation},
       {"5:1-5:40 ignore comment inside a continuation has no effect: put it directly above the "
        "instruction"}},
      {"not understood",
       {unreadable},
       {"3:1-3:40 sagelint ignore comment not understood: expected `sagelint "
        "ignore=RULE[,RULE...] [-- reason]`"}},
  });
}
