// SMP005: the shipped image has neither ENTRYPOINT nor CMD.
#include "image/view.hpp"
#include "knowledge/shipped_stage.hpp"
#include "knowledge/start_command.hpp"
#include "rules/rule.hpp"

namespace sagelint::rules {
namespace {

using namespace knowledge;

constexpr RuleInfo kInfo{
    .id = "SMP005",
    .severity = Severity::warning,
    .title = "The image has neither ENTRYPOINT nor CMD",
    .inputs = "dockerfile, image",
    .rationale =
        "SageMaker Processing runs the image like `docker run IMAGE`. With neither ENTRYPOINT nor "
        "CMD there is nothing to run unless every job passes AppSpecification.ContainerEntrypoint; "
        "a job that forgets it fails at start with \"no command specified\".",
    .bad = "FROM scratch\nCOPY process /process",
    .good = "FROM scratch\nCOPY process /process\nENTRYPOINT [\"/process\"]",
    .fix = "Add an exec-form ENTRYPOINT that starts the processing program.",
    .details = R"md(## What is knowable from a Dockerfile

- An external base image (`FROM python:3.12`) may bring its own ENTRYPOINT or CMD, which this
  file cannot see: that is *unknown*, not *none*, and SMP005 stays silent.
- It fires only when the answer is known: the shipped stage's chain starts `FROM scratch` and
  nothing sets a command, or `ENTRYPOINT []` cleared the entrypoint and (with it) the inherited
  CMD and no CMD follows in the same stage. `CMD []` alone is not enough when the base is
  external: the base's ENTRYPOINT may remain.
- The finding points at the `ENTRYPOINT []`/`CMD []` that cleared the command, else at the
  shipped stage's FROM.
- **Image**: config `Entrypoint` and `Cmd` both absent or empty.
)md",
};

// Only what is knowable: a chain rooted in `scratch`, or an ENTRYPOINT [] that
// also dropped the inherited CMD. An external base image may bring a command.
void check_dockerfile(const DockerfileContext& ctx, const Reporter& report) {
  const auto& start = ctx.shipped.start_command();
  if (start.has_entrypoint() || start.has_cmd()) return;
  if (start.entrypoint_unknown || start.cmd_unknown) return;
  int target = ctx.shipped.target();
  if (target < 0) return;
  const parser::Instruction* at = start.cmd ? start.cmd->node
                                  : start.entrypoint
                                      ? start.entrypoint->node
                                      : ctx.stages.stages[static_cast<std::size_t>(target)].from;
  if (at == nullptr) return;
  std::string why = start.entrypoint ? "ENTRYPOINT [] also resets the inherited CMD"
                                     : "nothing in this file or its scratch base sets one";
  report.at(at->span, "the image has neither ENTRYPOINT nor CMD (" + why +
                          "): every job must pass ContainerEntrypoint");
}

void check_image(const ImageContext& ctx, const Reporter& report) {
  const auto& config = ctx.image.config;
  bool entrypoint = config.entrypoint && !config.entrypoint->empty();
  bool cmd = config.cmd && !config.cmd->empty();
  if (entrypoint || cmd) return;
  report.general(
      "the image config has neither Entrypoint nor Cmd: every job must pass "
      "ContainerEntrypoint");
}

}  // namespace

SAGELINT_RULE(SMP005, kInfo, .dockerfile = check_dockerfile, .image = check_image);

}  // namespace sagelint::rules
