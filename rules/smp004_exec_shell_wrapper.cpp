// SMP004: exec form whose program is a shell running -c, without handing over.
#include "image/view.hpp"
#include "rules/exec_handover.hpp"
#include "rules/image_command.hpp"
#include "rules/rule.hpp"
#include "rules/run_scripts.hpp"
#include "rules/start_command.hpp"

namespace sagelint::rules {
namespace {

constexpr RuleInfo kInfo{
    "SMP004",
    Severity::warning,
    "Exec-form start command runs a shell with -c that does not exec the workload",
    "dockerfile, image",
    "`[\"/bin/sh\", \"-c\", \"python run.py\"]` is exec form on paper, but PID 1 is still the "
    "shell: it runs the workload as a child and, as PID 1, ignores SIGTERM, so SageMaker's "
    "StopProcessingJob and MaxRuntimeInSeconds end in SIGKILL after the grace period and "
    "the workload never gets to clean up. ContainerArguments land in `$0 $1 ...` of the "
    "shell. A script that ends with `exec ...` hands PID 1 over and is fine.",
    "ENTRYPOINT [\"/bin/sh\", \"-c\", \"python3 /opt/program/process.py\"]",
    "ENTRYPOINT [\"/bin/sh\", \"-c\", \"exec python3 /opt/program/process.py \\\"$@\\\"\", \"--\"]",
    "Run the program directly (`[\"python3\", \"/opt/program/process.py\"]`), or make the "
    "shell's last command `exec program ...`.",
};

class Smp004 final : public Rule {
 public:
  using Rule::check;
  const RuleInfo& info() const override { return kInfo; }

  void check(const DockerfileContext& ctx, const Reporter& report) const override {
    auto argv = effective_start_command(ctx).argv();
    // Shell form also yields sh -c, but that is SMP001/SMP002.
    if (argv.empty() || argv.front().token == nullptr) return;
    std::vector<std::string> values;
    for (const auto& a : argv) values.push_back(a.value);
    auto script = shell_script_index(values);
    if (!script) return;
    auto missing = missing_exec(values[*script]);
    if (!missing) return;
    report.at(to_range(argv.front().token->span),
              "the start command runs `" + values.front() + " -c` and its last command `" +
                  missing->command +
                  "` is not started with exec: the shell stays PID 1 and stop signals never "
                  "reach the workload");
  }

  void check(const ImageContext& ctx, const Reporter& report) const override {
    const auto& config = ctx.image.config;
    // Shell + one string is what the shell form produces: SMP001/SMP002.
    if (starts_in_shell_form(config)) return;
    auto argv = image_argv(config);
    auto script = shell_script_index(argv);
    if (!script) return;
    auto missing = missing_exec(argv[*script]);
    if (!missing) return;
    report.general("the start command " + quote_argv(argv) + " runs a shell whose last command `" +
                   missing->command + "` is not started with exec: the shell stays PID 1");
  }
};

}  // namespace

const Rule& rule_SMP004() {
  static const Smp004 rule;
  return rule;
}

}  // namespace sagelint::rules
