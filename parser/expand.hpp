#pragma once
// ARG/ENV expansion with BuildKit's word rules (frontend/dockerfile/shell/lex.go):
// $v, ${v}, ${v:-w}, ${v-w}, ${v:+w}, ${v+w}, ${v:?w}, ${v?w}, ${v#p}, ${v##p},
// ${v%p}, ${v%%p}, ${v/p/r}, ${v//p/r}, quotes and the escape token.
// A variable whose value is not known (an ARG without default and no --build-arg,
// or a base image's ENV) is "unknown", which is distinct from "empty".
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sagelint::parser {

// Copied once per instruction (each remembers the scope in force before it), so copies
// share one map and a change copies it first (copy on write).
class VarScope {
 public:
  using Vars = std::map<std::string, std::optional<std::string>>;
  void set(const std::string& name, std::string value) { own()[name] = std::move(value); }
  void set_unknown(const std::string& name) { own()[name] = std::nullopt; }
  void erase(const std::string& name) {
    if (vars_ && vars_->count(name)) own().erase(name);
  }
  // nullptr: not defined; a pointer to nullopt: defined, value unknown.
  const std::optional<std::string>* find(const std::string& name) const {
    if (!vars_) return nullptr;
    auto it = vars_->find(name);
    return it == vars_->end() ? nullptr : &it->second;
  }
  const Vars& all() const {
    static const Vars kNone;
    return vars_ ? *vars_ : kNone;
  }

 private:
  Vars& own() {
    if (!vars_)
      vars_ = std::make_shared<Vars>();
    else if (vars_.use_count() > 1)
      vars_ = std::make_shared<Vars>(*vars_);
    return *vars_;
  }
  std::shared_ptr<Vars> vars_;
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
