#include "rules/image_needs.hpp"

#include "image/view.hpp"
#include "rules/image_command.hpp"
#include "rules/paths.hpp"
#include "rules/start_script.hpp"

namespace sagelint::rules {

bool image_rules_want_content(const std::string& path, const image::ImageConfig& config) {
  if (path == "/var/lib/dpkg/status" || path.rfind("/var/lib/dpkg/status.d/", 0) == 0 ||
      path == "/lib/apk/db/installed") {
    return true;
  }
  auto argv = image_argv(config);
  std::size_t index = start_script_index(argv);
  if (index >= argv.size()) return false;
  std::string_view program = base_name(argv[index]);
  // Interpreters and other programs are binaries: never worth their bytes.
  for (std::string_view binary :
       {"python", "java", "node", "Rscript", "R", "ruby", "perl", "dotnet"}) {
    if (program.substr(0, binary.size()) == binary &&
        program.find(".sh") == std::string_view::npos) {
      return false;
    }
  }
  for (const auto& candidate :
       image_script_candidates(argv[index], config, is_shell_operand(argv, index))) {
    if (candidate == path) return true;
  }
  // The start command may name a symlink to a script; the link's target is not
  // known while reading, so keep other `*.sh` files of the same name too.
  return program.size() > 3 && program.substr(program.size() - 3) == ".sh" &&
         base_name(path) == program;
}

}  // namespace sagelint::rules
