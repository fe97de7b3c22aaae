#include "knowledge/start_command.hpp"

namespace sagelint::knowledge {

StartCommand effective_start_command(const parser::StageModel& stages, int target) {
  return effective_start_command(stages, target, shipped_instructions(stages, target));
}

StartCommand effective_start_command(const parser::StageModel& stages, int target,
                                     const std::vector<ShippedInstruction>& shipped) {
  StartCommand result;
  auto chain = shipped_stage_chain(stages, target);
  if (chain.empty()) return result;
  bool external = !chain_root(stages, chain).is_scratch;
  result.entrypoint_unknown = external;
  result.cmd_unknown = external;

  std::vector<std::string> shell = {"/bin/sh", "-c"};
  int current_stage = -1;
  bool cmd_set_in_stage = false;
  for (const auto& si : shipped) {
    if (si.stage != current_stage) {
      current_stage = si.stage;
      cmd_set_in_stage = false;
    }
    const auto& node = si.node();
    if (node.keyword == "shell" && node.json && !node.args.empty()) {
      shell.clear();
      for (const auto& t : node.args) shell.push_back(t.value);
    } else if (node.keyword == "entrypoint") {
      result.entrypoint = StartInstruction{&node, si.at, si.workdir, shell};
      result.entrypoint_unknown = false;
      if (!cmd_set_in_stage) {
        result.cmd.reset();
        result.cmd_unknown = false;
      }
    } else if (node.keyword == "cmd") {
      result.cmd = StartInstruction{&node, si.at, si.workdir, shell};
      result.cmd_unknown = false;
      cmd_set_in_stage = true;
    }
  }
  return result;
}

namespace {

void append(std::vector<ArgvElement>& out, const StartInstruction& si, bool is_entrypoint) {
  const auto& node = *si.node;
  if (node.json) {
    for (const auto& t : node.args) out.push_back({t.value, &node, &t, is_entrypoint});
    return;
  }
  if (node.args.empty()) return;
  for (const auto& word : si.shell) out.push_back({word, &node, nullptr, is_entrypoint});
  out.push_back({node.args.front().value, &node, &node.args.front(), is_entrypoint});
}

}  // namespace

std::vector<ArgvElement> StartCommand::argv() const {
  std::vector<ArgvElement> out;
  if (entrypoint) append(out, *entrypoint, true);
  if (cmd) append(out, *cmd, false);
  return out;
}

}  // namespace sagelint::knowledge
