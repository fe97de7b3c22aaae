#pragma once
// The script a start command runs: `["/entrypoint.sh"]`, `["bash", "/run.sh"]`,
// `["tini", "--", "/run.sh"]`, and where such a word can be found (PATH lookup for
// a bare name, WORKDIR for a relative one).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "knowledge/shell_command.hpp"

namespace sagelint::image {
struct ImageConfig;
}

namespace sagelint::knowledge {

inline constexpr const char* kDefaultPath =
    "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

// Index of the argv element naming the script (through exec-style wrappers and a
// shell given a script file); argv.size() when there is none (`sh -c` included).
std::size_t start_script_index(const std::vector<std::string>& argv);

// The words of the last simple command of a shell-form command text (`/start.sh`,
// `exec bash /run.sh "$@"`), as written: what the shell runs last. Empty when none.
std::vector<ShellWord> last_command_words(std::string_view text);

// True when argv[index] is the script operand of a shell (`bash run.sh`) rather
// than the program itself: a shell also looks for it in the working directory.
bool is_shell_operand(const std::vector<std::string>& argv, std::size_t index);

// Absolute paths the word can name: itself (relative to `workdir`) when it has a
// slash, else each directory of `path_env` (after `workdir` for a shell operand).
std::vector<std::string> script_candidates(const std::string& word,
                                           const std::optional<std::string>& workdir,
                                           const std::string& path_env, bool shell_operand);

// The same for an image: PATH from config Env, WorkingDir (default "/").
std::vector<std::string> image_script_candidates(const std::string& word,
                                                 const image::ImageConfig& config,
                                                 bool shell_operand);

// True when `path` may be the script the image's start command runs, so an image
// reader that keeps the start script's bytes keeps this file. Interpreters and
// other binaries are never wanted.
bool may_be_start_script(const std::string& path, const image::ImageConfig& config);

}  // namespace sagelint::knowledge
