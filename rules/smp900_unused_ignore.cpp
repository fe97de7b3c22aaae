// SMP900: an ignore comment that suppresses nothing. The engine applies the comments
// to the other rules' findings (lint/ignores.cpp) and hands them over with what each
// one silenced; this rule judges what that leaves.
#include "rules/rule.hpp"

namespace sagelint::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "SMP900",
    .severity = Severity::info,
    .title = "Ignore comment that suppresses nothing",
    .inputs = "dockerfile",
    .rationale =
        "A `# sagelint ignore=` comment that silences no finding is noise at best and a "
        "trap at worst. Usually it is in the wrong place: it is not directly above an "
        "instruction (a blank line breaks the link), or it sits inside a continuation, "
        "where it has no effect. Or it names a rule that does not exist, or the problem "
        "it once silenced has been fixed and the waiver outlived it. On SageMaker "
        "Processing a stale waiver can hide the next real ENTRYPOINT or /opt/ml problem; "
        "reporting it keeps waivers honest.",
    .bad =
        "# sagelint ignore=SMP001 -- legacy launcher\n"
        "\n"
        "ENTRYPOINT [\"python\", \"/opt/program/run.py\"]",
    .good = "ENTRYPOINT [\"python\", \"/opt/program/run.py\"]",
    .fix =
        "Delete the comment, or move it to the line directly above the instruction it is "
        "meant for.",
    .details = R"md(## What is judged

- Each rule ID of an inline ignore (`# sagelint ignore=A,B -- reason`) that suppressed no
  finding of the instruction below its comment block. The finding points at the ID.
- Each rule ID of a global ignore (`# sagelint global ignore=A`) that suppressed no finding in
  the file.
- An inline ignore inside a continuation, or not followed by an instruction; a `sagelint ...
  ignore` comment that cannot be read; an unknown rule ID.
- Findings removed by `ignored` or `--ignore` still count as suppressed by the comment, so a
  config-wide ignore never makes an inline one look unused.
- With `--no-inline-ignores`, ignore comments are neither applied nor judged.
- The engine applies the ignore comments after every other rule ran on the file, and hands
  them to SMP900 with what each one silenced.
)md",
};

void check_ignores(const IgnoresContext& ctx, const Reporter& report) {
  for (const auto& comment : ctx.comments) {
    const std::string form = comment.global ? "global ignore" : "ignore";
    if (comment.rules.empty()) {
      report.at(comment.where, "sagelint " + form + " comment not understood: expected `sagelint " +
                                   form + "=RULE[,RULE...] [-- reason]`");
      continue;
    }
    if (!comment.global && comment.inside_continuation) {
      report.at(comment.where,
                "ignore comment inside a continuation has no effect: put it directly above the "
                "instruction");
      continue;
    }
    if (!comment.global && comment.first_line == 0) {
      report.at(comment.where,
                "ignore comment is not directly above an instruction (a blank line or the end of "
                "the file follows it), so it has no effect");
      continue;
    }
    for (std::size_t k = 0; k < comment.rules.size(); ++k) {
      if (comment.used[k]) continue;
      const std::string& id = comment.rules[k];
      if (find_rule(id) == nullptr) {
        report.at(comment.rule_where[k], "unknown rule '" + id + "' in " + form);
      } else {
        report.at(comment.rule_where[k], form + " of " + id + " suppresses nothing");
      }
    }
  }
}

}  // namespace

SAGELINT_RULE(SMP900, kInfo, .ignores = check_ignores);

}  // namespace sagelint::rules
