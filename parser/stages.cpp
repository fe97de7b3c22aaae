#include "parser/stages.hpp"

#include <set>

#include "parser/go_text.hpp"

namespace sagelint::parser {
namespace {

struct Assignment {
  std::string name;
  std::optional<std::string> default_value;  // nullopt: `ARG name` without '='
};

Assignment split_arg(const std::string& word) {
  const std::size_t eq = word.find('=');
  if (eq == std::string::npos) return {word, std::nullopt};
  return {word.substr(0, eq), word.substr(eq + 1)};
}

void set_expanded(VarScope& scope, const std::string& name, const std::string& raw,
                  const VarScope& with, char escape) {
  const Expanded e = expand_word(raw, with, escape);
  if (e.unknown || e.error)
    scope.set_unknown(name);
  else
    scope.set(name, e.value);
}

}  // namespace

std::optional<int> StageModel::find(const std::string& name) const {
  const std::string lower = go::to_lower(name);
  for (const Stage& s : stages)
    if (!s.name.empty() && s.name == lower) return s.index;
  if (!name.empty() && name.find_first_not_of("0123456789") == std::string::npos &&
      name.size() < 9) {
    const int i = std::stoi(name);
    if (i >= 0 && i < static_cast<int>(stages.size())) return i;
  }
  return std::nullopt;
}

StageModel build_stages(const Dockerfile& file,
                        const std::map<std::string, std::string>& build_args) {
  StageModel model;
  const char escape = file.escape_token;
  std::vector<VarScope> stage_env;  // the ENV each finished stage passes to its children
  VarScope scope;
  std::set<std::string> env_names;
  Stage* current = nullptr;

  // BuildKit defines the platform ARGs in the global scope; their values depend on the
  // build, so they are known to exist but unknown in value (unless given).
  static const char* const kPlatformArgs[] = {"BUILDPLATFORM", "BUILDOS",        "BUILDARCH",
                                              "BUILDVARIANT",  "TARGETPLATFORM", "TARGETOS",
                                              "TARGETARCH",    "TARGETVARIANT"};
  for (const char* name : kPlatformArgs) {
    if (auto it = build_args.find(name); it != build_args.end())
      model.global_args.set(name, it->second);
    else
      model.global_args.set_unknown(name);
  }

  for (const Instruction& inst : file.instructions) {
    if (inst.keyword == "from") {
      if (current) stage_env.push_back(scope);
      Stage stage;
      stage.index = static_cast<int>(model.stages.size());
      stage.from = &inst;
      if (!inst.args.empty()) {
        const Expanded base = expand_word(inst.args[0].value, model.global_args, escape);
        stage.base = base.value;
        stage.base_unknown = base.unknown || base.error.has_value();
      }
      if (inst.args.size() >= 3 && go::to_lower(inst.args[1].value) == "as")
        stage.name = go::to_lower(inst.args[2].value);
      scope = VarScope{};
      env_names.clear();
      const std::string base_lower = go::to_lower(stage.base);
      for (const Stage& earlier : model.stages) {
        if (!earlier.name.empty() && earlier.name == base_lower) {
          stage.base_stage = earlier.index;
          scope = stage_env[static_cast<std::size_t>(earlier.index)];
          for (const auto& [k, v] : scope.all()) env_names.insert(k);
        }
      }
      model.stages.push_back(std::move(stage));
      current = &model.stages.back();
      continue;
    }

    if (!current) {
      // Before the first FROM only ARG counts: these are the global (meta) args.
      if (inst.keyword != "arg") continue;
      for (const Token& t : inst.args) {
        const Assignment a = split_arg(t.value);
        if (auto it = build_args.find(a.name); it != build_args.end())
          model.global_args.set(a.name, it->second);
        else if (a.default_value)
          set_expanded(model.global_args, a.name, *a.default_value, model.global_args, escape);
        else
          model.global_args.set_unknown(a.name);
      }
      continue;
    }

    current->instructions.push_back(StageInstruction{&inst, scope});
    if (inst.keyword == "arg") {
      for (const Token& t : inst.args) {
        const Assignment a = split_arg(t.value);
        if (env_names.count(a.name)) continue;  // ENV wins over ARG of the same name
        if (auto it = build_args.find(a.name); it != build_args.end()) {
          scope.set(a.name, it->second);
        } else if (a.default_value) {
          set_expanded(scope, a.name, *a.default_value, scope, escape);
        } else if (const auto* g = model.global_args.find(a.name)) {
          if (g->has_value())
            scope.set(a.name, **g);
          else
            scope.set_unknown(a.name);
        } else {
          scope.set_unknown(a.name);
        }
      }
    } else if (inst.keyword == "env") {
      // Triples key, value, separator. All values see the scope before this ENV.
      const VarScope before = scope;
      for (std::size_t i = 0; i + 1 < inst.args.size(); i += 3) {
        set_expanded(scope, inst.args[i].value, inst.args[i + 1].value, before, escape);
        env_names.insert(inst.args[i].value);
      }
    }
  }
  return model;
}

}  // namespace sagelint::parser
