// SMP002: no ENTRYPOINT, and the start command is a shell-form CMD.
#include "image/view.hpp"
#include "rules/image_command.hpp"
#include "rules/rule.hpp"
#include "rules/run_scripts.hpp"
#include "rules/start_command.hpp"

namespace sagelint::rules {
namespace {

constexpr RuleInfo kInfo{
    "SMP002",
    Severity::error,
    "No ENTRYPOINT and the start command is a shell-form CMD",
    "dockerfile, image",
    "Without an ENTRYPOINT, SageMaker Processing runs the CMD. A shell-form CMD is stored as "
    "`/bin/sh -c \"<text>\"`, so the shell is PID 1 and SIGTERM/SIGINT from "
    "StopProcessingJob never reach the workload; the job is killed when the grace period "
    "ends. ContainerArguments replace the CMD entirely, so arguments cannot be passed to "
    "the program the CMD starts either.",
    "CMD python3 /opt/program/process.py",
    "ENTRYPOINT [\"python3\", \"/opt/program/process.py\"]",
    "Start the workload from an exec-form ENTRYPOINT (a JSON array of strings); keep CMD for "
    "default arguments only.",
};

class Smp002 final : public Rule {
 public:
  using Rule::check;
  const RuleInfo& info() const override { return kInfo; }

  // A base image's ENTRYPOINT cannot be seen here. The finding is still made when
  // this file sets none: a shell-form CMD puts a shell between the entrypoint
  // (or the runtime) and the workload either way.
  void check(const DockerfileContext& ctx, const Reporter& report) const override {
    auto start = effective_start_command(ctx);
    if (start.has_entrypoint() || !start.cmd) return;
    const auto& node = *start.cmd->node;
    if (node.json || node.json_error || node.args.empty()) return;
    report.at(to_range(node.args.front().span),
              "no ENTRYPOINT, and CMD is in shell form: the job runs `/bin/sh -c \"...\"` with "
              "the shell as PID 1, so stop signals never reach the workload; use an exec-form "
              "ENTRYPOINT [\"program\", \"arg\", ...]");
  }

  void check(const ImageContext& ctx, const Reporter& report) const override {
    const auto& config = ctx.image.config;
    if ((config.entrypoint && !config.entrypoint->empty()) || !config.cmd) return;
    if (!is_shell_form(*config.cmd, config)) return;
    report.general("no Entrypoint, and config Cmd " + quote_argv(*config.cmd) +
                   history_origin(ctx.image, "CMD") +
                   " is the shell form: the shell is PID 1 and stop signals never reach the "
                   "workload");
  }
};

}  // namespace

const Rule& rule_SMP002() {
  static const Smp002 rule;
  return rule;
}

}  // namespace sagelint::rules
