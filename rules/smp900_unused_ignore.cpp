// SMP900: an ignore comment that suppresses nothing. The lint engine reports it
// (lint/ignores.cpp) because only the engine sees which findings an ignore removed;
// this file holds its metadata so `sagelint rules`, the docs and SARIF know it.
#include "rules/rule.hpp"

namespace sagelint::rules {
namespace {

class UnusedIgnore final : public Rule {
 public:
  const RuleInfo& info() const override {
    static constexpr RuleInfo kInfo{
        "SMP900",
        Severity::info,
        "Ignore comment that suppresses nothing",
        "dockerfile",
        "A `# sagelint ignore=` comment that silences no finding is noise at best and a "
        "trap at worst. Usually it is in the wrong place: it is not directly above an "
        "instruction (a blank line breaks the link), or it sits inside a continuation, "
        "where it has no effect. Or it names a rule that does not exist, or the problem "
        "it once silenced has been fixed and the waiver outlived it. On SageMaker "
        "Processing a stale waiver can hide the next real ENTRYPOINT or /opt/ml problem; "
        "reporting it keeps waivers honest.",
        "# sagelint ignore=SMP001 -- legacy launcher\n"
        "\n"
        "ENTRYPOINT [\"python\", \"/opt/program/run.py\"]",
        "ENTRYPOINT [\"python\", \"/opt/program/run.py\"]",
        "Delete the comment, or move it to the line directly above the instruction it is "
        "meant for.",
    };
    return kInfo;
  }
};

}  // namespace

const Rule& rule_SMP900() {
  static const UnusedIgnore rule;
  return rule;
}

}  // namespace sagelint::rules
