// SMJ011: the job has no command at all.
//
// SageMaker resolves the command as `docker run` does (research §2.1):
//   no ContainerEntrypoint, no ContainerArguments: image Entrypoint + image Cmd
//   ContainerEntrypoint only:                      ContainerEntrypoint
//   ContainerArguments only:                       image Entrypoint + ContainerArguments
//                                                  (Cmd replaced; without an Entrypoint the
//                                                  first argument is the program)
//   both:                                          ContainerEntrypoint + ContainerArguments
// The job cannot start when the result is empty.
#include "image/view.hpp"
#include "request/model.hpp"
#include "rules/rule.hpp"

namespace sagelint::rules {
namespace {

using namespace knowledge;

constexpr RuleInfo kInfo{
    .id = "SMJ011",
    .severity = Severity::error,
    .title = "No command to run",
    .inputs = "request + image",
    .rationale =
        "SageMaker starts the container like `docker run`: ContainerEntrypoint replaces the image "
        "ENTRYPOINT, ContainerArguments replace the image CMD, and the image ENTRYPOINT followed "
        "by CMD runs when the request sets neither. When the request has no ContainerEntrypoint "
        "and no ContainerArguments and the image has neither ENTRYPOINT nor CMD (a base image "
        "without a command, or `ENTRYPOINT []`), nothing is left to execute: the container fails "
        "at start (Docker: \"no command specified\") and the job fails before any code runs. "
        "ContainerArguments alone are enough: with no image ENTRYPOINT, the first argument is "
        "run as the program.",
    .bad =
        "Dockerfile: FROM scratch\n"
        "            COPY process /opt/program/process   (no ENTRYPOINT, no CMD)\n"
        "Request:    \"AppSpecification\": {\"ImageUri\": \"...\"}",
    .good =
        "Request:    \"AppSpecification\": {\"ImageUri\": \"...\",\n"
        "              \"ContainerEntrypoint\": [\"python3\", \"/opt/program/process.py\"]}",
    .fix =
        "Set ContainerEntrypoint in the request, or give the image an exec-form ENTRYPOINT "
        "(or CMD).",
    .example_syntax = "",
};

void check_request(const RequestContext& ctx, const Reporter& report) {
  if (ctx.image == nullptr) return;
  const auto& app = ctx.request.app_specification;
  if (app.container_entrypoint) return;  // SMJ001 judges an empty one
  const auto& config = ctx.image->config;
  bool image_entrypoint = config.entrypoint && !config.entrypoint->empty();
  // An empty ContainerArguments is SMJ001's; like `docker run` without arguments it
  // leaves the image CMD in place.
  bool arguments = app.container_arguments && !app.container_arguments->empty();
  bool image_cmd = config.cmd && !config.cmd->empty();
  if (image_entrypoint || arguments || image_cmd) return;
  report.at_pointer(app.pointer,
                    "No command to run: the request sets neither ContainerEntrypoint nor "
                    "ContainerArguments, and the image has neither ENTRYPOINT nor CMD, so "
                    "the container cannot start; set ContainerEntrypoint or give the image "
                    "an exec-form ENTRYPOINT");
}

}  // namespace

SAGELINT_RULE(SMJ011, kInfo, .request = check_request);

}  // namespace sagelint::rules
