#include "rules/start_script.hpp"

#include "image/view.hpp"
#include "rules/paths.hpp"
#include "rules/shell_command.hpp"
#include "rules/shipped_stage.hpp"

namespace sagelint::rules {

std::size_t start_script_index(const std::vector<std::string>& argv) {
  ShellCommand command;
  for (const auto& a : argv) command.words.push_back(ShellWord{a, 0, 0, false});
  std::size_t p = program_index(command);
  if (p >= argv.size()) return argv.size();
  if (is_shell_name(base_name(argv[p]))) {
    // sh /entry.sh: the script is the first operand; sh -c is SMP004's business.
    std::size_t k = p + 1;
    while (k < argv.size() && argv[k].size() > 1 && argv[k][0] == '-') {
      if (argv[k][1] != '-' && argv[k].find('c') != std::string::npos) return argv.size();
      ++k;
    }
    return k;
  }
  return p;
}

bool is_shell_operand(const std::vector<std::string>& argv, std::size_t index) {
  ShellCommand command;
  for (const auto& a : argv) command.words.push_back(ShellWord{a, 0, 0, false});
  return index < argv.size() && index != program_index(command);
}

std::vector<std::string> script_candidates(const std::string& word,
                                           const std::optional<std::string>& workdir,
                                           const std::string& path_env, bool shell_operand) {
  std::vector<std::string> out;
  if (word.empty()) return out;
  if (word.find('/') != std::string::npos || shell_operand) {
    if (auto p = resolve_in_workdir(word, workdir)) out.push_back(*p);
    if (word.find('/') != std::string::npos) return out;
  }
  std::size_t i = 0;
  while (i <= path_env.size()) {
    std::size_t j = path_env.find(':', i);
    if (j == std::string::npos) j = path_env.size();
    std::string dir = path_env.substr(i, j - i);
    if (!dir.empty() && dir.front() == '/') out.push_back(normalize_path(word, dir));
    i = j + 1;
  }
  return out;
}

std::vector<std::string> image_script_candidates(const std::string& word,
                                                 const image::ImageConfig& config,
                                                 bool shell_operand) {
  std::string path_env = kDefaultPath;
  for (const auto& kv : config.env) {
    if (kv.rfind("PATH=", 0) == 0) path_env = kv.substr(5);
  }
  std::optional<std::string> workdir =
      config.working_dir.empty() ? std::string("/") : normalize_path(config.working_dir);
  return script_candidates(word, workdir, path_env, shell_operand);
}

}  // namespace sagelint::rules
