// SMP003: ENTRYPOINT or CMD written like a JSON array but not valid JSON.
#include "rules/rule.hpp"
#include "rules/run_scripts.hpp"
#include "rules/start_command.hpp"

namespace sagelint::rules {
namespace {

constexpr RuleInfo kInfo{
    "SMP003",
    Severity::error,
    "ENTRYPOINT or CMD looks like a JSON array but is not JSON (shell form)",
    "dockerfile",
    "Docker decides between exec form and shell form by parsing the text as a JSON array "
    "of strings. Single quotes, a trailing comma, an unquoted `$VAR` or a bare word make it "
    "invalid JSON, and Docker then silently uses the shell form: the container runs "
    "`/bin/sh -c \"['python3', 'run.py']\"`, which fails or runs with a shell as PID 1, so "
    "stop signals from SageMaker never reach the workload and the job's ContainerArguments "
    "are dropped.",
    "ENTRYPOINT ['python3', '/opt/program/process.py']",
    "ENTRYPOINT [\"python3\", \"/opt/program/process.py\"]",
    "Write a valid JSON array: double quotes around every element, no trailing comma, no "
    "unquoted variables (exec form does not expand them anyway).",
};

class Smp003 final : public Rule {
 public:
  using Rule::check;
  const RuleInfo& info() const override { return kInfo; }

  // Judged on the ENTRYPOINT and CMD that the shipped image keeps; an earlier,
  // overridden one never runs.
  void check(const DockerfileContext& ctx, const Reporter& report) const override {
    auto start = effective_start_command(ctx);
    for (const auto* si :
         {start.entrypoint ? &*start.entrypoint : nullptr, start.cmd ? &*start.cmd : nullptr}) {
      if (si == nullptr || !si->node->json_error) continue;
      const auto& node = *si->node;
      parser::Span span = node.json_text_span ? *node.json_text_span
                          : node.args.empty() ? node.span
                                              : node.args.front().span;
      std::string keyword = node.keyword == "cmd" ? "CMD" : "ENTRYPOINT";
      report.at(to_range(span), keyword + " looks like a JSON array but is not valid JSON (" +
                                    *node.json_error +
                                    "), so Docker runs it in shell form with /bin/sh -c");
    }
  }
};

}  // namespace

const Rule& rule_SMP003() {
  static const Smp003 rule;
  return rule;
}

}  // namespace sagelint::rules
