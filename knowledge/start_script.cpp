#include "knowledge/start_script.hpp"

#include "image/view.hpp"
#include "knowledge/config_memo.hpp"
#include "knowledge/image_command.hpp"
#include "knowledge/paths.hpp"
#include "knowledge/shell_command.hpp"
#include "knowledge/shipped_stage.hpp"

namespace sagelint::knowledge {

std::size_t start_script_index(const std::vector<std::string>& argv) {
  ShellCommand command;
  for (const auto& a : argv) command.words.push_back(ShellWord{a, 0, 0, false});
  std::size_t p = program_index(command);
  if (p >= argv.size()) return argv.size();
  if (is_shell_name(base_name(argv[p]))) {
    // sh /entry.sh: the script is the first operand; sh -c runs a command string.
    std::size_t k = p + 1;
    while (k < argv.size() && argv[k].size() > 1 && argv[k][0] == '-') {
      if (argv[k][1] != '-' && argv[k].find('c') != std::string::npos) return argv.size();
      ++k;
    }
    return k;
  }
  return p;
}

std::vector<ShellWord> last_command_words(std::string_view text) {
  auto commands = split_shell_commands(text);
  while (!commands.empty() && commands.back().words.empty()) commands.pop_back();
  if (commands.empty()) return {};
  return commands.back().words;
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

namespace {

// What may_be_start_script needs of the start command, per image.
struct StartScriptFacts {
  bool possible = false;                // a script can be the start program at all
  std::vector<std::string> candidates;  // where the start word resolves to
  std::string program;                  // its base name
};

StartScriptFacts start_script_facts(const image::ImageConfig& config) {
  StartScriptFacts facts;
  auto argv = image_argv(config);
  if (config.entrypoint && is_shell_form(*config.entrypoint, config)) {
    // A shell-form Entrypoint: the script its command text runs last.
    argv.clear();
    for (const auto& w : last_command_words(config.entrypoint->back())) argv.push_back(w.value);
  }
  std::size_t index = start_script_index(argv);
  if (index >= argv.size()) return facts;
  facts.program = std::string(base_name(argv[index]));
  // Interpreters and other programs are binaries: never worth their bytes.
  for (std::string_view binary :
       {"python", "java", "node", "Rscript", "R", "ruby", "perl", "dotnet"}) {
    if (std::string_view(facts.program).substr(0, binary.size()) == binary &&
        facts.program.find(".sh") == std::string::npos) {
      return facts;
    }
  }
  facts.possible = true;
  facts.candidates = image_script_candidates(argv[index], config, is_shell_operand(argv, index));
  return facts;
}

}  // namespace

bool may_be_start_script(const std::string& path, const image::ImageConfig& config) {
  const auto& facts = per_start_command<StartScriptFacts>(config, start_script_facts);
  if (!facts.possible) return false;
  for (const auto& candidate : facts.candidates) {
    if (candidate == path) return true;
  }
  // The start command may name a symlink to a script; the link's target is not
  // known while reading, so keep other `*.sh` files of the same name too.
  const std::string& program = facts.program;
  return program.size() > 3 && program.compare(program.size() - 3, 3, ".sh") == 0 &&
         base_name(path) == program;
}

}  // namespace sagelint::knowledge
