// SMP011: /opt/ml used as the working directory or as a VOLUME.
#include "image/view.hpp"
#include "rules/image_command.hpp"
#include "rules/paths.hpp"
#include "rules/rule.hpp"
#include "rules/run_scripts.hpp"
#include "rules/shipped_stage.hpp"

namespace sagelint::rules {
namespace {

constexpr RuleInfo kInfo{
    "SMP011",
    Severity::warning,
    "/opt/ml used as WORKDIR or VOLUME",
    "dockerfile, image",
    "SageMaker mounts its own directories over /opt/ml at run time (config, output, every "
    "ProcessingInput and ProcessingOutput LocalPath). A working directory there depends on "
    "what the platform mounts and may not exist or be writable, relative paths then resolve "
    "into job inputs or outputs, and a VOLUME there makes the runtime create an anonymous "
    "volume that competes with SageMaker's mounts.",
    "WORKDIR /opt/ml/processing",
    "WORKDIR /opt/program",
    "Use a working directory outside /opt/ml and refer to inputs and outputs by their full "
    "/opt/ml/processing/... paths; drop the VOLUME.",
};

class Smp011 final : public Rule {
 public:
  using Rule::check;
  const RuleInfo& info() const override { return kInfo; }

  void check(const DockerfileContext& ctx, const Reporter& report) const override {
    for (const auto& si : shipped_instructions(ctx)) {
      const auto& node = si.node();
      if (node.keyword != "workdir" && node.keyword != "volume") continue;
      for (const auto& arg : node.args) {
        auto expanded = expand_known(arg.value, si.at->scope, ctx.file.escape_token);
        if (!expanded) continue;
        auto path = resolve_in_workdir(*expanded, si.workdir);
        if (!path || !is_at_or_under(*path, kOptMl)) continue;
        std::string what = node.keyword == "workdir" ? "WORKDIR " : "VOLUME ";
        report.at(to_range(arg.span),
                  what + *path + " is inside /opt/ml, which SageMaker mounts over at run time");
      }
    }
  }

  void check(const ImageContext& ctx, const Reporter& report) const override {
    const auto& config = ctx.image.config;
    if (!config.working_dir.empty()) {
      auto path = normalize_path(config.working_dir);
      if (is_at_or_under(path, kOptMl)) {
        report.general("config WorkingDir " + path + history_origin(ctx.image, "WORKDIR") +
                       " is inside /opt/ml, which SageMaker mounts over at run time");
      }
    }
    for (const auto& volume : config.volumes) {
      auto path = normalize_path(volume);
      if (is_at_or_under(path, kOptMl)) {
        report.general("config Volumes has " + path + history_origin(ctx.image, "VOLUME") +
                       ", inside /opt/ml, which SageMaker mounts over at run time");
      }
    }
  }
};

}  // namespace

const Rule& rule_SMP011() {
  static const Smp011 rule;
  return rule;
}

}  // namespace sagelint::rules
