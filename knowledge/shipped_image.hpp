#pragma once
// What several rules ask of one Dockerfile, worked out once per file and kept: the
// instructions of the shipped stage chain (with their WORKDIR), the start command,
// and the shell scripts of each RUN and the files they write (a RUN line is split
// into commands only once, however many rules read it). Everything is computed on first use.
#include <memory>
#include <optional>
#include <unordered_map>
#include <vector>

#include "knowledge/run_scripts.hpp"
#include "knowledge/shipped_stage.hpp"
#include "knowledge/start_command.hpp"
#include "knowledge/written_files.hpp"
#include "parser/ast.hpp"
#include "parser/stages.hpp"

namespace sagelint::knowledge {

class ShippedImage {
 public:
  // `target_stage`: an index into stages, or -1 for the last stage. `file` and `stages`
  // must outlive this object.
  ShippedImage(const parser::Dockerfile& file, const parser::StageModel& stages,
               int target_stage = -1);

  // The shipped (target) stage; -1 when the file has no stage.
  int target() const { return target_; }
  const std::vector<ShippedInstruction>& instructions() const;
  const StartCommand& start_command() const;
  // run_scripts(run), kept per instruction.
  const std::vector<RunScript>& run_scripts(const parser::Instruction& run) const;
  // run_file_writes of a shipped RUN (with its WORKDIR and scope), kept per instruction:
  // every path a rule looks up reads the same writes.
  const std::vector<ShellFileWrite>& file_writes(const ShippedInstruction& run) const;

 private:
  const parser::Dockerfile& file_;
  const parser::StageModel& stages_;
  int target_;
  mutable std::optional<std::vector<ShippedInstruction>> instructions_;
  mutable std::optional<StartCommand> start_command_;
  mutable std::unordered_map<const parser::Instruction*, std::vector<RunScript>> scripts_;
  mutable std::unordered_map<const parser::Instruction*, std::vector<ShellFileWrite>> writes_;
};

}  // namespace sagelint::knowledge
