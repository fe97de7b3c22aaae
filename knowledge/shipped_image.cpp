#include "knowledge/shipped_image.hpp"

namespace sagelint::knowledge {

ShippedImage::ShippedImage(const parser::Dockerfile& file, const parser::StageModel& stages,
                           int target_stage)
    : file_(file), stages_(stages), target_(resolve_target_stage(stages, target_stage)) {}

const std::vector<ShippedInstruction>& ShippedImage::instructions() const {
  if (!instructions_) instructions_ = shipped_instructions(stages_, target_, file_.escape_token);
  return *instructions_;
}

const StartCommand& ShippedImage::start_command() const {
  if (!start_command_) start_command_ = effective_start_command(stages_, target_, instructions());
  return *start_command_;
}

const std::vector<RunScript>& ShippedImage::run_scripts(const parser::Instruction& run) const {
  auto it = scripts_.find(&run);
  if (it == scripts_.end()) it = scripts_.emplace(&run, knowledge::run_scripts(run)).first;
  return it->second;
}

const std::vector<ShellFileWrite>& ShippedImage::file_writes(const ShippedInstruction& run) const {
  const parser::Instruction& node = run.node();
  auto it = writes_.find(&node);
  if (it == writes_.end()) {
    it =
        writes_.emplace(&node, run_file_writes(run_scripts(node), node, run.workdir, run.at->scope))
            .first;
  }
  return it->second;
}

}  // namespace sagelint::knowledge
