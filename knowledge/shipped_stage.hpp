#pragma once
// What ends up in the shipped image of a Dockerfile: the target stage and the
// chain of earlier stages it builds FROM (root first). A builder stage that is
// only copied from is not part of it; a `COPY --from=builder` into the shipped
// stage is (it is an instruction of the shipped stage).
#include <optional>
#include <string>
#include <vector>

#include "parser/stages.hpp"

namespace sagelint::knowledge {

// `target_stage` when it is a valid index, else the last stage; -1 when there is none.
int resolve_target_stage(const parser::StageModel& stages, int target_stage);

// The target and its base_stage chain, root first (cycles cut).
std::vector<int> shipped_stage_chain(const parser::StageModel& stages, int target);

// The image the chain starts from when it is not a stage of this file. "scratch" is
// known to be empty; anything else (or an unknown reference) may carry an
// ENTRYPOINT, CMD, SHELL, WORKDIR and ENV this file cannot see.
struct ChainRoot {
  std::string base;  // e.g. "python:3.12"; "" when unknown
  bool is_scratch = false;
};
ChainRoot chain_root(const parser::StageModel& stages, const std::vector<int>& chain);

struct ShippedInstruction {
  const parser::StageInstruction* at = nullptr;  // node and the ARG/ENV scope before it
  int stage = 0;
  // WORKDIR in force before the instruction; nullopt when it depends on what an
  // external base image set (a relative path then cannot be placed).
  std::optional<std::string> workdir;
  const parser::Instruction& node() const { return *at->node; }
};

// Every instruction of the shipped chain, in build order, with its WORKDIR.
std::vector<ShippedInstruction> shipped_instructions(const parser::StageModel& stages, int target,
                                                     char escape = '\\');

// Expands one instruction argument with the ARG/ENV values in force; nullopt when
// it depends on an unknown value or does not expand.
std::optional<std::string> expand_known(const std::string& word, const parser::VarScope& scope,
                                        char escape);

// Resolves `path` against the WORKDIR in force and normalises it; nullopt when
// the path is relative and the WORKDIR is unknown.
std::optional<std::string> resolve_in_workdir(const std::string& path,
                                              const std::optional<std::string>& workdir);

struct ShellWord;
// Expands a word of a RUN command (quotes as the shell reads them) with the
// ARG/ENV values in force; nullopt when unknown or when it needs the shell
// itself ($(...), backticks).
std::optional<std::string> expand_shell_word(const ShellWord& word, std::string_view text,
                                             const parser::VarScope& scope);
}  // namespace sagelint::knowledge
