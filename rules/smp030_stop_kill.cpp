// SMP030: the container needed SIGKILL after the stop signal (reported by `run`).
#include <cstdio>

#include "rules/rule.hpp"
#include "runtime/observation.hpp"

namespace sagelint::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "SMP030",
    .severity = Severity::error,
    .title = "The container did not exit after the stop signal and had to be killed",
    .inputs = "run",
    .rationale =
        "SageMaker's StopProcessingJob and MaxRuntimeInSeconds stop a job the way `docker stop` "
        "does: "
        "the stop "
        "signal (SIGTERM) to PID 1, a grace period, then SIGKILL. A process that ignores the "
        "signal (a shell as PID 1, a script without exec, a program without a SIGTERM handler: "
        "PID 1 ignores signals it does not handle) loses its chance to flush outputs and write "
        "/opt/ml/output/message, and the job ends only when the grace period is over. "
        "`sagelint run --stop-after N` reproduces this locally; the finding is made at run time.",
    .bad = "ENTRYPOINT python3 process.py        # shell is PID 1, SIGTERM is ignored",
    .good = "ENTRYPOINT [\"python3\", \"process.py\"]  # and handle SIGTERM in process.py",
    .fix =
        "Use an exec-form ENTRYPOINT (SMP001, SMP004, SMP006) and handle SIGTERM in the program, "
        "or run it under an init such as tini that forwards signals.",
};

std::string seconds_text(double s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", s);
  return buf;
}

// A host that was still running when the grace period after the stop signal ended.
void check_run(const RunContext& ctx, const Reporter& report) {
  for (const auto& h : ctx.run.hosts) {
    if (!h.needed_kill) continue;
    report.general(h.host + ": PID 1 did not exit within " +
                   seconds_text(ctx.run.stop_grace_seconds) + " s of " +
                   h.stop_signal.value_or("the stop signal") +
                   " and had to be killed with SIGKILL (a shell-form ENTRYPOINT or a PID 1 "
                   "without a signal handler does not stop)");
  }
}

}  // namespace

SAGELINT_RULE(SMP030, kInfo, .run = check_run);

}  // namespace sagelint::rules
