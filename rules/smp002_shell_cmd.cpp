// SMP002: no ENTRYPOINT, and the start command is a shell-form CMD.
#include "image/view.hpp"
#include "knowledge/image_command.hpp"
#include "knowledge/shipped_stage.hpp"
#include "knowledge/start_command.hpp"
#include "rules/rule.hpp"

namespace sagelint::rules {
namespace {

using namespace knowledge;

constexpr RuleInfo kInfo{
    .id = "SMP002",
    .severity = Severity::error,
    .title = "No ENTRYPOINT and the start command is a shell-form CMD",
    .inputs = "dockerfile, image",
    .rationale =
        "Without an ENTRYPOINT, SageMaker Processing runs the CMD. A shell-form CMD is stored as "
        "`/bin/sh -c \"<text>\"`, so the shell is PID 1 and SIGTERM/SIGINT from "
        "StopProcessingJob never reach the workload; the job is killed when the grace period "
        "ends. ContainerArguments replace the CMD entirely, so arguments cannot be passed to "
        "the program the CMD starts either.",
    .bad = "CMD python3 /opt/program/process.py",
    .good = "ENTRYPOINT [\"python3\", \"/opt/program/process.py\"]",
    .fix =
        "Start the workload from an exec-form ENTRYPOINT (a JSON array of strings); keep CMD for "
        "default arguments only.",
    .details = R"md(## What is judged

- **Dockerfile**: the CMD in force at the end of the shipped stage, when the file sets no
  ENTRYPOINT (or sets `ENTRYPOINT []`). An ENTRYPOINT resets a CMD inherited from a base stage,
  as BuildKit does; a CMD written earlier in the same stage survives.
- **External base images**: an ENTRYPOINT the base image may define cannot be seen. The finding
  is made anyway when this file sets none: whether the base's entrypoint or the runtime starts
  it, a shell-form CMD puts `/bin/sh -c` between it and the workload. The message then says that
  it assumes the base (named) sets no ENTRYPOINT; linting the built image sees the truth.
- Text that only looks like JSON is SMP003.
- **Image**: no (or an empty) `Entrypoint`, and `Cmd` equal to `Shell` + one string.
)md",
};

// A base image's ENTRYPOINT cannot be seen here. The finding is still made when
// this file sets none: a shell-form CMD puts a shell between the entrypoint
// (or the runtime) and the workload either way.
void check_dockerfile(const DockerfileContext& ctx, const Reporter& report) {
  const auto& start = ctx.shipped.start_command();
  if (start.has_entrypoint() || !start.cmd) return;
  const auto& node = *start.cmd->node;
  if (node.json || node.json_error || node.args.empty()) return;
  std::string assumption;
  if (start.entrypoint_unknown) {
    auto root = chain_root(ctx.stages, shipped_stage_chain(ctx.stages, ctx.shipped.target()));
    std::string base = root.base.empty() ? "the base image" : "the base image " + root.base;
    assumption = " (this assumes " + base +
                 " sets no ENTRYPOINT of its own, which this file cannot show; linting the "
                 "built image sees the truth)";
  }
  report.at(node.args.front().span,
            "no ENTRYPOINT, and CMD is in shell form: the job runs `/bin/sh -c \"...\"` with "
            "the shell as PID 1, so stop signals never reach the workload" +
                assumption + "; use an exec-form ENTRYPOINT [\"program\", \"arg\", ...]");
}

void check_image(const ImageContext& ctx, const Reporter& report) {
  const auto& config = ctx.image.config;
  if ((config.entrypoint && !config.entrypoint->empty()) || !config.cmd) return;
  if (!is_shell_form(*config.cmd, config)) return;
  report.general("no Entrypoint, and config Cmd " + quote_argv(*config.cmd) +
                 history_origin(ctx.image, "CMD") +
                 " is the shell form: the shell is PID 1 and stop signals never reach the "
                 "workload");
}

}  // namespace

SAGELINT_RULE(SMP002, kInfo, .dockerfile = check_dockerfile, .image = check_image);

}  // namespace sagelint::rules
