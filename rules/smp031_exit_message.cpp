// SMP031: /opt/ml/output/message is too long or not UTF-8 (reported by `run`).
#include "rules/rule.hpp"
#include "runtime/observation.hpp"

namespace sagelint::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "SMP031",
    .severity = Severity::warning,
    .title = "Exit message longer than 1024 bytes or not UTF-8",
    .inputs = "run",
    .rationale =
        "A Processing container explains a failure by writing /opt/ml/output/message; SageMaker "
        "shows its first 1024 bytes as the job's ExitMessage. A longer message is truncated, and "
        "a message that is not valid UTF-8 makes the job Failed with a ClientError FailureReason "
        "instead of the explanation. `sagelint run` checks the file after the job ends.",
    .bad = "open('/opt/ml/output/message', 'wb').write(traceback_bytes)  # 5 KB, Latin-1",
    .good = "open('/opt/ml/output/message', 'w', encoding='utf-8').write(summary[:1000])",
    .fix =
        "Write a short UTF-8 summary (at most 1024 bytes) to /opt/ml/output/message and send the "
        "full details to the logs.",
    .example_syntax = "python",
};

// What DescribeProcessingJob shows of /opt/ml/output/message (research §2.6).
constexpr std::uint64_t kExitMessageShown = 1024;
constexpr const char* kMessagePath = "/opt/ml/output/message";

void check_run(const RunContext& ctx, const Reporter& report) {
  const auto& m = ctx.run.exit_message;
  if (!m.valid_utf8)
    report.at_container_path(
        kMessagePath,
        "/opt/ml/output/message is not valid UTF-8: SageMaker fails the job with a ClientError");
  else if (m.total_size > kExitMessageShown)
    report.at_container_path(kMessagePath, "/opt/ml/output/message is " +
                                               std::to_string(m.total_size) +
                                               " bytes: only the first 1024 become ExitMessage");
}

}  // namespace

SAGELINT_RULE(SMP031, kInfo, .run = check_run);

}  // namespace sagelint::rules
