// SMP001: the ENTRYPOINT of the shipped image is in shell form.
#include "image/view.hpp"
#include "rules/image_command.hpp"
#include "rules/rule.hpp"
#include "rules/run_scripts.hpp"
#include "rules/start_command.hpp"

namespace sagelint::rules {
namespace {

constexpr RuleInfo kInfo{
    "SMP001",
    Severity::error,
    "ENTRYPOINT in shell form",
    "dockerfile, image",
    "SageMaker Processing starts the image ENTRYPOINT like `docker run` and appends "
    "ContainerArguments to it. A shell-form ENTRYPOINT is stored as `/bin/sh -c \"<text>\"`: "
    "the shell is PID 1, so SIGTERM/SIGINT from StopProcessingJob or MaxRuntimeInSeconds "
    "never reach the workload (it is killed after the grace period), and ContainerArguments "
    "become `$0 $1 ...` of the shell and are silently dropped. AWS requires the exec form "
    "for Processing containers.",
    "ENTRYPOINT python3 /opt/program/process.py",
    "ENTRYPOINT [\"python3\", \"/opt/program/process.py\"]",
    "Write the ENTRYPOINT as a JSON array of strings (exec form). If you need a shell to "
    "prepare the environment, use a script that ends with `exec \"$@\"`.",
};

class Smp001 final : public Rule {
 public:
  using Rule::check;
  const RuleInfo& info() const override { return kInfo; }

  void check(const DockerfileContext& ctx, const Reporter& report) const override {
    auto start = effective_start_command(ctx);
    if (!start.entrypoint) return;
    const auto& node = *start.entrypoint->node;
    // Text that only looks like JSON is SMP003's finding, with the reason.
    if (node.json || node.json_error || node.args.empty()) return;
    report.at(to_range(node.args.front().span),
              "ENTRYPOINT is in shell form: it runs as `" + join_shell(start.entrypoint->shell) +
                  " \"...\"`, so the shell is PID 1, stop signals never reach the workload and "
                  "ContainerArguments are dropped; use the exec form [\"program\", \"arg\", ...]");
  }

  void check(const ImageContext& ctx, const Reporter& report) const override {
    const auto& config = ctx.image.config;
    if (!config.entrypoint || !is_shell_form(*config.entrypoint, config)) return;
    report.general("config Entrypoint " + quote_argv(*config.entrypoint) +
                   history_origin(ctx.image, "ENTRYPOINT") +
                   " is the shell form: the shell is PID 1, stop signals never reach the "
                   "workload and ContainerArguments are dropped");
  }

 private:
  static std::string join_shell(const std::vector<std::string>& shell) {
    std::string out;
    for (const auto& w : shell) out += (out.empty() ? "" : " ") + w;
    return out;
  }
};

}  // namespace

const Rule& rule_SMP001() {
  static const Smp001 rule;
  return rule;
}

}  // namespace sagelint::rules
