#pragma once
// Stages of a Dockerfile: FROM ... AS name, global ARGs (before the first FROM),
// --build-arg values, and the ARG/ENV scope in force at each instruction.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "parser/ast.hpp"
#include "parser/expand.hpp"

namespace sagelint::parser {

struct StageInstruction {
  const Instruction* node = nullptr;  // points into Dockerfile::instructions
  VarScope scope;                     // ARG and ENV values in force *before* this instruction
};

struct Stage {
  int index = 0;
  std::string name;               // lowercased `AS` name; "" when unnamed
  std::string base;               // FROM image reference after expanding global ARGs
  bool base_unknown = false;      // base depends on an unknown ARG
  std::optional<int> base_stage;  // index of an earlier stage this one builds FROM
  const Instruction* from = nullptr;
  std::vector<StageInstruction> instructions;  // after FROM, in order (FROM itself excluded)
};

struct StageModel {
  std::vector<Stage> stages;
  VarScope global_args;  // ARGs before the first FROM, with build-arg values applied
  // Index of the stage named `name` (case-insensitive) or given as a number; nullopt if none.
  std::optional<int> find(const std::string& name) const;
};

StageModel build_stages(const Dockerfile& file,
                        const std::map<std::string, std::string>& build_args = {});

}  // namespace sagelint::parser
