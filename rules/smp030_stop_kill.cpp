// SMP030: the container needed SIGKILL after the stop signal (reported by `run`).
#include "rules/rule.hpp"

namespace sagelint::rules {
namespace {

constexpr RuleInfo kInfo{
    "SMP030",
    Severity::error,
    "The container did not exit after the stop signal and had to be killed",
    "run",
    "SageMaker's StopProcessingJob and MaxRuntimeInSeconds stop a job the way `docker stop` does: "
    "the stop "
    "signal (SIGTERM) to PID 1, a grace period, then SIGKILL. A process that ignores the "
    "signal (a shell as PID 1, a script without exec, a program without a SIGTERM handler: "
    "PID 1 ignores signals it does not handle) loses its chance to flush outputs and write "
    "/opt/ml/output/message, and the job ends only when the grace period is over. "
    "`sagelint run --stop-after N` reproduces this locally; the finding is made at run time.",
    "ENTRYPOINT python3 process.py        # shell is PID 1, SIGTERM is ignored",
    "ENTRYPOINT [\"python3\", \"process.py\"]  # and handle SIGTERM in process.py",
    "Use an exec-form ENTRYPOINT (SMP001, SMP004, SMP006) and handle SIGTERM in the program, "
    "or run it under an init such as tini that forwards signals.",
};

class Smp030 final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
};

}  // namespace

const Rule& rule_SMP030() {
  static const Smp030 rule;
  return rule;
}

}  // namespace sagelint::rules
