#pragma once
// Facts derived from an image's start command, worked out once per image instead of once
// per file: the image reader asks the rules' want predicates about every file of every
// layer (hundreds of thousands of calls for one image), always with the same config.
#include <optional>
#include <string>
#include <vector>

#include "image/view.hpp"

namespace sagelint::knowledge {

// make(config) -> Facts, called again only when one of the members it may read changed:
// Entrypoint, Cmd, Shell, Env and WorkingDir (make must read nothing else). One memo per
// thread and per call site (the layers of an image are read by several threads at once).
template <typename Facts, typename Make>
const Facts& per_start_command(const image::ImageConfig& config, Make make) {
  struct Memo {
    bool valid = false;
    std::optional<std::vector<std::string>> entrypoint, cmd;
    std::vector<std::string> shell, env;
    std::string working_dir;
    Facts facts;
  };
  thread_local Memo memo;
  if (!memo.valid || memo.entrypoint != config.entrypoint || memo.cmd != config.cmd ||
      memo.shell != config.shell || memo.env != config.env ||
      memo.working_dir != config.working_dir) {
    memo.facts = make(config);
    memo.entrypoint = config.entrypoint;
    memo.cmd = config.cmd;
    memo.shell = config.shell;
    memo.env = config.env;
    memo.working_dir = config.working_dir;
    memo.valid = true;
  }
  return memo.facts;
}

}  // namespace sagelint::knowledge
