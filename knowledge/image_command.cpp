#include "knowledge/image_command.hpp"

#include <nlohmann/json.hpp>

#include "image/view.hpp"

namespace sagelint::knowledge {

std::vector<std::string> image_shell(const image::ImageConfig& config) {
  if (!config.shell.empty()) return config.shell;
  return {"/bin/sh", "-c"};
}

bool is_shell_form(const std::vector<std::string>& argv, const image::ImageConfig& config) {
  auto shell = image_shell(config);
  if (argv.size() != shell.size() + 1) return false;
  for (std::size_t k = 0; k < shell.size(); ++k) {
    if (argv[k] != shell[k]) return false;
  }
  return true;
}

bool starts_in_shell_form(const image::ImageConfig& config) {
  bool has_entrypoint = config.entrypoint && !config.entrypoint->empty();
  if (has_entrypoint) return is_shell_form(*config.entrypoint, config);
  return config.cmd && is_shell_form(*config.cmd, config);
}

std::vector<std::string> image_argv(const image::ImageConfig& config) {
  std::vector<std::string> argv;
  if (config.entrypoint) argv = *config.entrypoint;
  if (config.cmd) argv.insert(argv.end(), config.cmd->begin(), config.cmd->end());
  return argv;
}

std::string quote_argv(const std::vector<std::string>& argv) {
  return nlohmann::json(argv).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string history_origin(const image::ImageView& image, std::string_view instruction) {
  for (auto it = image.history.rbegin(); it != image.history.rend(); ++it) {
    const std::string& by = it->created_by;
    auto pos = by.find(instruction);
    // BuildKit writes "ENTRYPOINT [...]", the classic builder "/bin/sh -c #(nop)  ENTRYPOINT
    // [...]".
    if (pos == 0 || (pos != std::string::npos && by.find("#(nop)") != std::string::npos)) {
      return " (set by `" + by.substr(pos) + "`)";
    }
  }
  return "";
}

}  // namespace sagelint::knowledge
