#pragma once
// Which paths a simple shell command creates or writes: the destination of
// cp/mv/install/ln/rsync, touch and tee operands, wget -O, curl -o, tar -x -C,
// unzip -d, git clone, pip install --target, venvs, dd of=, `aws s3 cp`, and
// output redirections. Reading a path (cat, python script.py /opt/ml/x) is not
// writing it; `mkdir` alone creates only empty directories and is not listed.
#include <optional>
#include <string>
#include <vector>

#include "knowledge/shell_command.hpp"

namespace sagelint::knowledge {

struct WrittenPath {
  ShellWord word;  // the path as written (for `--target=DIR`, just the DIR part)
  // When set, the path is this name relative to the current directory instead of
  // the word (`tar -x` without -C: "" = the current directory itself; `git clone
  // URL`: the repository name). `word` is then what to point at.
  std::optional<std::string> in_cwd;
  bool is_link = false;  // ln: the link name
};

std::vector<WrittenPath> written_paths(const ShellCommand& command);

// `cd DIR`: the word naming DIR (nullptr for another command or a bare `cd`).
const ShellWord* cd_target(const ShellCommand& command);

// For `ln [-s] TARGET... LINK`: the target words (what the links point to).
std::vector<ShellWord> link_sources(const ShellCommand& command);

}  // namespace sagelint::knowledge
