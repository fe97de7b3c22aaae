#pragma once
// BuildKit's shell word lexer (frontend/dockerfile/shell/lex.go): quotes, the escape
// token and $-expansion, producing either one word (ProcessWord) or a word list split
// on unquoted whitespace (ProcessWords). Used for heredoc markers and by expand.cpp.
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sagelint::parser {

// What a variable lookup found. `unknown` means "defined but value unknown"; the lexer
// then keeps the reference's literal text, as SkipUnsetEnv does for unset variables.
struct LexLookup {
  enum Kind { unset, value, unknown } kind = unset;
  std::string text;
};

struct LexOptions {
  char escape = '\\';
  bool raw_quotes = false;
  bool raw_escapes = false;
  bool skip_unset_env = false;
  std::function<LexLookup(const std::string&)> lookup;  // empty: every variable unset
};

struct LexWord {
  std::string value;
  std::size_t begin = 0;  // byte offset in the input of the word's first character
  std::size_t end = 0;    // one past its last character
  bool unknown = false;   // part of it came from an unknown variable
};

struct LexResult {
  std::string word;            // ProcessWord's result
  std::vector<LexWord> words;  // ProcessWords's result
  bool used_unknown = false;   // some reference was to an unknown variable
  std::optional<std::string> error;
};

LexResult shell_lex(std::string_view input, const LexOptions& options);

}  // namespace sagelint::parser
