// SMP005: the shipped image has neither ENTRYPOINT nor CMD.
#include "image/view.hpp"
#include "rules/rule.hpp"
#include "rules/run_scripts.hpp"
#include "rules/shipped_stage.hpp"
#include "rules/start_command.hpp"

namespace sagelint::rules {
namespace {

constexpr RuleInfo kInfo{
    "SMP005",
    Severity::warning,
    "The image has neither ENTRYPOINT nor CMD",
    "dockerfile, image",
    "SageMaker Processing runs the image like `docker run IMAGE`. With neither ENTRYPOINT nor "
    "CMD there is nothing to run unless every job passes AppSpecification.ContainerEntrypoint; "
    "a job that forgets it fails at start with \"no command specified\".",
    "FROM scratch\nCOPY process /process",
    "FROM scratch\nCOPY process /process\nENTRYPOINT [\"/process\"]",
    "Add an exec-form ENTRYPOINT that starts the processing program.",
};

class Smp005 final : public Rule {
 public:
  using Rule::check;
  const RuleInfo& info() const override { return kInfo; }

  // Only what is knowable: a chain rooted in `scratch`, or an ENTRYPOINT [] that
  // also dropped the inherited CMD. An external base image may bring a command.
  void check(const DockerfileContext& ctx, const Reporter& report) const override {
    auto start = effective_start_command(ctx);
    if (start.has_entrypoint() || start.has_cmd()) return;
    if (start.entrypoint_unknown || start.cmd_unknown) return;
    int target = resolve_target_stage(ctx.stages, ctx.target_stage);
    if (target < 0) return;
    const parser::Instruction* at = start.cmd ? start.cmd->node
                                    : start.entrypoint
                                        ? start.entrypoint->node
                                        : ctx.stages.stages[static_cast<std::size_t>(target)].from;
    if (at == nullptr) return;
    std::string why = start.entrypoint ? "ENTRYPOINT [] also resets the inherited CMD"
                                       : "nothing in this file or its scratch base sets one";
    report.at(to_range(at->span), "the image has neither ENTRYPOINT nor CMD (" + why +
                                      "): every job must pass ContainerEntrypoint");
  }

  void check(const ImageContext& ctx, const Reporter& report) const override {
    const auto& config = ctx.image.config;
    bool entrypoint = config.entrypoint && !config.entrypoint->empty();
    bool cmd = config.cmd && !config.cmd->empty();
    if (entrypoint || cmd) return;
    report.general(
        "the image config has neither Entrypoint nor Cmd: every job must pass "
        "ContainerEntrypoint");
  }
};

}  // namespace

const Rule& rule_SMP005() {
  static const Smp005 rule;
  return rule;
}

}  // namespace sagelint::rules
