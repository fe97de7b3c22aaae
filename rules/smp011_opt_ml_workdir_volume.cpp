// SMP011: /opt/ml used as the working directory or as a VOLUME.
#include "image/view.hpp"
#include "knowledge/image_command.hpp"
#include "knowledge/opt_ml.hpp"
#include "knowledge/paths.hpp"
#include "knowledge/shipped_stage.hpp"
#include "rules/rule.hpp"

namespace sagelint::rules {
namespace {

using namespace knowledge;

constexpr RuleInfo kInfo{
    .id = "SMP011",
    .severity = Severity::warning,
    .title = "/opt/ml used as WORKDIR or VOLUME",
    .inputs = "dockerfile, image",
    .rationale =
        "SageMaker mounts its own directories over /opt/ml at run time (config, output, every "
        "ProcessingInput and ProcessingOutput LocalPath). A working directory there depends on "
        "what the platform mounts and may not exist or be writable, relative paths then resolve "
        "into job inputs or outputs, and a VOLUME there makes the runtime create an anonymous "
        "volume that competes with SageMaker's mounts. /opt/ml/code, /opt/ml/model and "
        "/opt/ml/input are training and inference conventions that Processing does not mount, "
        "but they are still in the tree SageMaker reserves. Each finding says which case "
        "applies to its path.",
    .bad = "WORKDIR /opt/ml/processing",
    .good = "WORKDIR /opt/program",
    .fix =
        "Use a working directory outside /opt/ml and refer to inputs and outputs by their full "
        "/opt/ml/processing/... paths; drop the VOLUME.",
    .details = R"md(## What is judged

- **Dockerfile**: WORKDIR and VOLUME instructions of the shipped stage chain, expanded, relative
  WORKDIRs resolved against the previous one, normalised (`/opt//ml`, `/opt/./ml`, trailing
  slash). The finding points at the path.
- **Image**: config `WorkingDir` and the keys of `Volumes`.
)md",
};

// WORKDIR and VOLUME of the shipped image, one instruction at a time.
void judge(const ShippedInstruction& si, const DockerfileContext& ctx, const Reporter& report) {
  const auto& node = si.node();
  if (node.keyword != "workdir" && node.keyword != "volume") return;
  for (const auto& arg : node.args) {
    auto expanded = expand_known(arg.value, si.at->scope, ctx.file.escape_token);
    if (!expanded) continue;
    auto path = resolve_in_workdir(*expanded, si.workdir);
    if (!path || !is_at_or_under(*path, kOptMl)) continue;
    std::string what = node.keyword == "workdir" ? "WORKDIR " : "VOLUME ";
    report.at(arg.span, what + *path + " is inside /opt/ml: " +
                            opt_ml_directory_reason(*path, node.keyword == "volume"));
  }
}

void check_image(const ImageContext& ctx, const Reporter& report) {
  const auto& config = ctx.image.config;
  if (!config.working_dir.empty()) {
    auto path = normalize_path(config.working_dir);
    if (is_at_or_under(path, kOptMl)) {
      report.general("config WorkingDir " + path + history_origin(ctx.image, "WORKDIR") +
                     " is inside /opt/ml: " + opt_ml_directory_reason(path, false));
    }
  }
  for (const auto& volume : config.volumes) {
    auto path = normalize_path(volume);
    if (is_at_or_under(path, kOptMl)) {
      report.general("config Volumes has " + path + history_origin(ctx.image, "VOLUME") +
                     ", inside /opt/ml: " + opt_ml_directory_reason(path, true));
    }
  }
}

}  // namespace

SAGELINT_RULE(SMP011, kInfo, .dockerfile = each_shipped_instruction<judge>, .image = check_image);

}  // namespace sagelint::rules
