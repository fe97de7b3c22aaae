#include "knowledge/shipped_stage.hpp"

#include <algorithm>

#include "knowledge/paths.hpp"
#include "knowledge/shell_command.hpp"

namespace sagelint::knowledge {

int resolve_target_stage(const parser::StageModel& stages, int target_stage) {
  int count = static_cast<int>(stages.stages.size());
  if (count == 0) return -1;
  if (target_stage >= 0 && target_stage < count) return target_stage;
  return count - 1;
}

std::vector<int> shipped_stage_chain(const parser::StageModel& stages, int target) {
  std::vector<int> chain;
  int count = static_cast<int>(stages.stages.size());
  int current = target;
  while (current >= 0 && current < count &&
         std::find(chain.begin(), chain.end(), current) == chain.end()) {
    chain.push_back(current);
    const auto& base = stages.stages[static_cast<std::size_t>(current)].base_stage;
    current = base ? *base : -1;
  }
  std::reverse(chain.begin(), chain.end());
  return chain;
}

ChainRoot chain_root(const parser::StageModel& stages, const std::vector<int>& chain) {
  ChainRoot root;
  if (chain.empty()) return root;
  const auto& stage = stages.stages[static_cast<std::size_t>(chain.front())];
  if (stage.base_unknown) return root;
  root.base = stage.base;
  std::string lower = stage.base;
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  root.is_scratch = lower == "scratch";
  return root;
}

std::optional<std::string> expand_known(const std::string& word, const parser::VarScope& scope,
                                        char escape) {
  parser::Expanded e = parser::expand_word(word, scope, escape);
  if (e.unknown || e.error) return std::nullopt;
  return e.value;
}

std::optional<std::string> resolve_in_workdir(const std::string& path,
                                              const std::optional<std::string>& workdir) {
  if (!path.empty() && path.front() == '/') return normalize_path(path);
  if (!workdir) return std::nullopt;
  return normalize_path(path, *workdir);
}

std::vector<ShippedInstruction> shipped_instructions(const parser::StageModel& stages, int target,
                                                     char escape) {
  std::vector<ShippedInstruction> out;
  auto chain = shipped_stage_chain(stages, target);
  if (chain.empty()) return out;
  // Docker starts a scratch image in "/"; other bases may have set a WORKDIR.
  std::optional<std::string> workdir;
  // emplace, not `= "/"`: g++ 12 -O2 reports a false -Wrestrict on the assignment.
  if (chain_root(stages, chain).is_scratch) workdir.emplace(1, '/');
  for (int index : chain) {
    const auto& stage = stages.stages[static_cast<std::size_t>(index)];
    for (const auto& si : stage.instructions) {
      if (si.node == nullptr) continue;
      out.push_back({&si, index, workdir});
      if (si.node->keyword == "workdir" && !si.node->args.empty()) {
        auto expanded = expand_known(si.node->args.front().value, si.scope, escape);
        workdir = expanded ? resolve_in_workdir(*expanded, workdir) : std::nullopt;
      }
    }
  }
  return out;
}

std::optional<std::string> expand_shell_word(const ShellWord& word, std::string_view text,
                                             const parser::VarScope& scope) {
  std::string raw(word.raw(text));
  if (raw.find("$(") != std::string::npos || raw.find('`') != std::string::npos)
    return std::nullopt;
  if (!raw.empty() && raw.front() == '~') return std::nullopt;  // a home directory we cannot see
  if (raw.find('$') == std::string::npos) return word.value;
  return expand_known(raw, scope, '\\');
}

}  // namespace sagelint::knowledge
