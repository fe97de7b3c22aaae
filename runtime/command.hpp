#pragma once
// The argv a Processing container runs: the four ContainerEntrypoint/ContainerArguments
// cases, which mirror `docker run --entrypoint` (research/sagemaker-processing.md §2.1).
#include <optional>
#include <string>
#include <string_view>

#include "image/view.hpp"
#include "runtime/job_spec.hpp"

namespace sagelint::runtime {

enum class CommandCase {
  image_default,            // neither set: image Entrypoint + image Cmd
  entrypoint_only,          // ContainerEntrypoint; image Entrypoint and Cmd ignored
  arguments_only,           // image Entrypoint + ContainerArguments; image Cmd replaced
  entrypoint_and_arguments  // ContainerEntrypoint + ContainerArguments
};

std::string_view to_string(CommandCase c);

struct ResolvedCommand {
  CommandCase which = CommandCase::image_default;
  Argv argv;  // empty: nothing to run (Docker's "no command specified")
};

ResolvedCommand resolve_command(const image::ImageConfig& image,
                                const std::optional<Argv>& entrypoint,
                                const std::optional<Argv>& arguments);

// The argv as one line a shell user can read back: words quoted only where needed.
std::string quote_argv(const Argv& argv);

}  // namespace sagelint::runtime
