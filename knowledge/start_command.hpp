#pragma once
// The start command of the shipped stage: the ENTRYPOINT and CMD in force at the
// end of the target stage, following its base_stage chain inside the file.
//   - Only the last ENTRYPOINT counts; an ENTRYPOINT resets a CMD inherited from
//     a base (a CMD set earlier in the same stage survives, as in BuildKit).
//   - A chain rooted in an external image (anything but `scratch`) may inherit an
//     ENTRYPOINT and CMD this file cannot see: that is "unknown", not "none".
//   - Shell form is wrapped in the SHELL in force at that instruction.
#include <optional>
#include <string>
#include <vector>

#include "knowledge/shipped_stage.hpp"
#include "parser/ast.hpp"
#include "parser/stages.hpp"

namespace sagelint::knowledge {

struct StartInstruction {
  const parser::Instruction* node = nullptr;     // the ENTRYPOINT or CMD
  const parser::StageInstruction* at = nullptr;  // with the ARG/ENV scope before it
  std::optional<std::string> workdir;            // WORKDIR in force; nullopt = unknown
  std::vector<std::string> shell;                // SHELL in force (default /bin/sh -c)
  bool exec_form() const { return node->json; }
  // `ENTRYPOINT []` / `CMD []`: set, and empty.
  bool is_empty() const { return node->json && node->args.empty(); }
};

// One element of the argv the image config will hold (Entrypoint + Cmd).
struct ArgvElement {
  std::string value;
  const parser::Instruction* from = nullptr;
  const parser::Token* token =
      nullptr;  // the JSON element or the shell-form text; nullptr for the SHELL words
  bool is_entrypoint = false;
};

struct StartCommand {
  std::optional<StartInstruction> entrypoint;  // set in this file (possibly to [])
  std::optional<StartInstruction> cmd;
  bool entrypoint_unknown = false;  // not set here, and the base image may have one
  bool cmd_unknown = false;

  bool has_entrypoint() const { return entrypoint && !entrypoint->is_empty(); }
  bool has_cmd() const { return cmd && !cmd->is_empty(); }
  // Entrypoint then Cmd, as `docker run` (and SageMaker Processing) execute them;
  // shell form expanded to SHELL + text.
  std::vector<ArgvElement> argv() const;
};

StartCommand effective_start_command(const parser::StageModel& stages, int target);
// The same from the shipped instructions already listed (shipped_instructions of `target`).
StartCommand effective_start_command(const parser::StageModel& stages, int target,
                                     const std::vector<ShippedInstruction>& shipped);

}  // namespace sagelint::knowledge
