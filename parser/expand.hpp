#pragma once
// ARG/ENV expansion with BuildKit's word rules (frontend/dockerfile/shell/lex.go):
// $v, ${v}, ${v:-w}, ${v-w}, ${v:+w}, ${v+w}, ${v:?w}, ${v?w}, ${v#p}, ${v##p},
// ${v%p}, ${v%%p}, ${v/p/r}, ${v//p/r}, quotes and the escape token.
// A variable whose value is not known (an ARG without default and no --build-arg,
// or a base image's ENV) is "unknown", which is distinct from "empty".
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sagelint::parser {

class VarScope {
 public:
  void set(const std::string& name, std::string value) { vars_[name] = std::move(value); }
  void set_unknown(const std::string& name) { vars_[name] = std::nullopt; }
  void erase(const std::string& name) { vars_.erase(name); }
  // nullptr: not defined; a pointer to nullopt: defined, value unknown.
  const std::optional<std::string>* find(const std::string& name) const {
    auto it = vars_.find(name);
    return it == vars_.end() ? nullptr : &it->second;
  }
  const std::map<std::string, std::optional<std::string>>& all() const { return vars_; }

 private:
  std::map<std::string, std::optional<std::string>> vars_;
};

struct Expanded {
  std::string value;                 // with unknown parts replaced by their literal text
  bool unknown = false;              // some part of the value depends on an unknown variable
                                     // (per word for expand_words)
  std::optional<std::string> error;  // ${v:?msg} on an unset var, bad syntax, ...
};

// Expands one word (quotes removed, as ProcessWord does).
Expanded expand_word(std::string_view word, const VarScope& scope, char escape = '\\');
// Expands and splits into words (as ProcessWords does, for shell-like splitting).
std::vector<Expanded> expand_words(std::string_view text, const VarScope& scope,
                                   char escape = '\\');

}  // namespace sagelint::parser
