// SMP001: the ENTRYPOINT of the shipped image is in shell form.
#include "image/view.hpp"
#include "knowledge/image_command.hpp"
#include "knowledge/start_command.hpp"
#include "rules/rule.hpp"

namespace sagelint::rules {
namespace {

using namespace knowledge;

constexpr RuleInfo kInfo{
    .id = "SMP001",
    .severity = Severity::error,
    .title = "ENTRYPOINT in shell form",
    .inputs = "dockerfile, image",
    .rationale =
        "SageMaker Processing starts the image ENTRYPOINT like `docker run` and appends "
        "ContainerArguments to it. A shell-form ENTRYPOINT is stored as `/bin/sh -c \"<text>\"`: "
        "the shell is PID 1, so SIGTERM/SIGINT from StopProcessingJob or MaxRuntimeInSeconds "
        "never reach the workload (it is killed after the grace period), and ContainerArguments "
        "become `$0 $1 ...` of the shell and are silently dropped. AWS requires the exec form "
        "for Processing containers.",
    .bad = "ENTRYPOINT python3 /opt/program/process.py",
    .good = "ENTRYPOINT [\"python3\", \"/opt/program/process.py\"]",
    .fix =
        "Write the ENTRYPOINT as a JSON array of strings (exec form). If you need a shell to "
        "prepare the environment, use a script that ends with `exec \"$@\"`.",
    .details = R"md(## What is judged

- **Dockerfile**: the ENTRYPOINT in force at the end of the shipped stage (`--target-stage`,
  default the last), following the stage's `FROM <earlier stage>` chain inside the file. Only
  the last ENTRYPOINT counts. A `SHELL` instruction changes the shell that wraps the text, not
  the verdict. The finding points at the command text.
- Text that starts with `[` but is not valid JSON is also shell form; it is reported once, as
  SMP003, with the reason.
- An ENTRYPOINT inherited from an external base image cannot be seen and is not judged.
- **Image**: config `Entrypoint` equal to the image's `Shell` (default `["/bin/sh", "-c"]`)
  followed by exactly one string is what the shell form produces. The finding names the history
  entry that set it when the history says.
)md",
};

std::string join_shell(const std::vector<std::string>& shell) {
  std::string out;
  for (const auto& w : shell) out += (out.empty() ? "" : " ") + w;
  return out;
}

void check_dockerfile(const DockerfileContext& ctx, const Reporter& report) {
  const auto& start = ctx.shipped.start_command();
  if (!start.entrypoint) return;
  const auto& node = *start.entrypoint->node;
  // Text that only looks like JSON is SMP003's finding, with the reason.
  if (node.json || node.json_error || node.args.empty()) return;
  report.at(node.args.front().span,
            "ENTRYPOINT is in shell form: it runs as `" + join_shell(start.entrypoint->shell) +
                " \"...\"`, so the shell is PID 1, stop signals never reach the workload and "
                "ContainerArguments are dropped; use the exec form [\"program\", \"arg\", ...]");
}

void check_image(const ImageContext& ctx, const Reporter& report) {
  const auto& config = ctx.image.config;
  if (!config.entrypoint || !is_shell_form(*config.entrypoint, config)) return;
  report.general("config Entrypoint " + quote_argv(*config.entrypoint) +
                 history_origin(ctx.image, "ENTRYPOINT") +
                 " is the shell form: the shell is PID 1, stop signals never reach the "
                 "workload and ContainerArguments are dropped");
}

}  // namespace

SAGELINT_RULE(SMP001, kInfo, .dockerfile = check_dockerfile, .image = check_image);

}  // namespace sagelint::rules
