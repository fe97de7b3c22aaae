#include "knowledge/shell_variables.hpp"

#include <cctype>
#include <initializer_list>

#include "knowledge/shipped_stage.hpp"

namespace sagelint::knowledge {
namespace {

bool is_name(std::string_view s) {
  if (s.empty() || std::isdigit(static_cast<unsigned char>(s.front())) != 0) return false;
  for (char c : s) {
    if (std::isalnum(static_cast<unsigned char>(c)) == 0 && c != '_') return false;
  }
  return true;
}

// NAME=value in `word` (as written in `text`): sets NAME in `scope`.
void assign(const ShellWord& word, std::string_view text, parser::VarScope& scope) {
  auto eq = word.value.find('=');
  if (eq == std::string::npos) return;
  std::string name = word.value.substr(0, eq);
  if (!is_name(name)) return;
  std::string_view raw = word.raw(text);
  auto raw_eq = raw.find('=');
  if (raw_eq == std::string_view::npos) return;
  ShellWord value{word.value.substr(eq + 1), word.offset + raw_eq + 1, word.length - raw_eq - 1,
                  word.quoted};
  if (auto expanded = expand_shell_word(value, text, scope)) {
    scope.set(name, *expanded);
  } else {
    scope.set_unknown(name);
  }
}

}  // namespace

std::vector<parser::VarScope> scopes_before_commands(const RunScript& script,
                                                     const parser::VarScope& base) {
  std::vector<parser::VarScope> out;
  out.reserve(script.commands.size());
  parser::VarScope scope = base;
  for (const auto& command : script.commands) {
    out.push_back(scope);
    if (command.words.empty()) {
      for (const auto& a : command.assignments) assign(a, script.text, scope);
      continue;
    }
    const std::string& program = command.words.front().value;
    bool declares = false;
    for (std::string_view builtin : {"export", "readonly", "declare", "typeset", "local"}) {
      declares = declares || program == builtin;
    }
    if (!declares) continue;
    for (std::size_t k = 1; k < command.words.size(); ++k) {
      if (!command.words[k].value.empty() && command.words[k].value.front() != '-') {
        assign(command.words[k], script.text, scope);
      }
    }
  }
  return out;
}

}  // namespace sagelint::knowledge
