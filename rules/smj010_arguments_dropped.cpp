// SMJ010: ContainerArguments given while the image's ENTRYPOINT is in shell form.
#include "image/view.hpp"
#include "knowledge/image_command.hpp"
#include "request/model.hpp"
#include "rules/rule.hpp"

namespace sagelint::rules {
namespace {

using namespace knowledge;

constexpr RuleInfo kInfo{
    .id = "SMJ010",
    .severity = Severity::warning,
    .title = "ContainerArguments dropped by a shell-form ENTRYPOINT",
    .inputs = "request + image",
    .rationale =
        "Without ContainerEntrypoint, SageMaker runs the image ENTRYPOINT followed by "
        "ContainerArguments, as `docker run IMAGE ARGS...` does. A shell-form ENTRYPOINT is "
        "stored as the image's shell plus one string (`/bin/sh -c \"python run.py\"`): the "
        "arguments become `$0`, `$1`, ... of that shell, which the command string does not use, "
        "so they are silently dropped and the job runs with its defaults.",
    .bad =
        "Dockerfile: ENTRYPOINT python3 /opt/program/process.py\n"
        "Request:    \"AppSpecification\": {\"ImageUri\": \"...\",\n"
        "              \"ContainerArguments\": [\"--split\", \"0.2\"]}",
    .good =
        "Dockerfile: ENTRYPOINT [\"python3\", \"/opt/program/process.py\"]\n"
        "Request:    \"AppSpecification\": {\"ImageUri\": \"...\",\n"
        "              \"ContainerArguments\": [\"--split\", \"0.2\"]}",
    .fix =
        "Rebuild the image with an exec-form ENTRYPOINT (a JSON array), or set "
        "ContainerEntrypoint in the request so the image ENTRYPOINT is not used.",
    .example_syntax = "",
};

void check_request(const RequestContext& ctx, const Reporter& report) {
  if (ctx.image == nullptr) return;
  const auto& app = ctx.request.app_specification;
  // ContainerEntrypoint replaces the image ENTRYPOINT; then the arguments are used.
  if (app.container_entrypoint || !app.container_arguments || app.container_arguments->empty()) {
    return;
  }
  const auto& config = ctx.image->config;
  if (!config.entrypoint || !is_shell_form(*config.entrypoint, config)) return;
  report.at_pointer(request::member_pointer(app.pointer, "ContainerArguments"),
                    "ContainerArguments " + quote_argv(*app.container_arguments) +
                        " are dropped: the image ENTRYPOINT " + quote_argv(*config.entrypoint) +
                        " is in shell form, so they become $0, $1, ... of the shell; use an "
                        "exec-form ENTRYPOINT or set ContainerEntrypoint");
}

}  // namespace

SAGELINT_RULE(SMJ010, kInfo, .request = check_request);

}  // namespace sagelint::rules
