#pragma once
// The start command of a built image, from its config: Entrypoint + Cmd, and how
// the Dockerfile wrote them. BuildKit stores a shell-form ENTRYPOINT/CMD as the
// image's Shell (default ["/bin/sh", "-c"]) followed by exactly one string.
#include <string>
#include <string_view>
#include <vector>

namespace sagelint::image {
struct ImageConfig;
struct ImageView;
}  // namespace sagelint::image

namespace sagelint::knowledge {

// The shell that shell form wraps with: config Shell, else /bin/sh -c.
std::vector<std::string> image_shell(const image::ImageConfig& config);

// True when argv is what the shell form produces: the image's shell + one string.
bool is_shell_form(const std::vector<std::string>& argv, const image::ImageConfig& config);

// True when the start command is what the shell form produces: the Entrypoint,
// or without one the Cmd, is the shell + one string.
bool starts_in_shell_form(const image::ImageConfig& config);

// Entrypoint then Cmd, as the runtime executes them.
std::vector<std::string> image_argv(const image::ImageConfig& config);

// ["a", "b c"] as JSON, for messages.
std::string quote_argv(const std::vector<std::string>& argv);

// " (set by `ENTRYPOINT [...]`)" from the last history entry that mentions the
// instruction, or "" when the history does not say.
std::string history_origin(const image::ImageView& image, std::string_view instruction);

}  // namespace sagelint::knowledge
