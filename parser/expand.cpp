#include "parser/expand.hpp"

#include "parser/shell_lex.hpp"

namespace sagelint::parser {
namespace {

LexOptions options_for(const VarScope& scope, char escape) {
  LexOptions o;
  o.escape = escape;
  o.lookup = [&scope](const std::string& name) {
    LexLookup l;
    const std::optional<std::string>* v = scope.find(name);
    if (!v) return l;
    if (!v->has_value()) {
      l.kind = LexLookup::unknown;
      return l;
    }
    l.kind = LexLookup::value;
    l.text = **v;
    return l;
  };
  return o;
}

// True when the lexer would give `word` back byte for byte: nothing to expand, unquote or
// unescape, and only ASCII (the lexer reads runes, which would turn an invalid UTF-8 byte
// into U+FFFD). Most words of a Dockerfile are such, and lexing them is most of the cost.
bool is_plain(std::string_view word, char escape) {
  for (char c : word) {
    if (static_cast<unsigned char>(c) >= 0x80 || c == '$' || c == '\'' || c == '"' || c == '<' ||
        c == escape)
      return false;
  }
  return true;
}

}  // namespace

Expanded expand_word(std::string_view word, const VarScope& scope, char escape) {
  if (is_plain(word, escape)) return Expanded{std::string(word), false, std::nullopt};
  const LexResult r = shell_lex(word, options_for(scope, escape));
  Expanded e;
  e.unknown = r.used_unknown;
  if (r.error) {
    e.error = r.error;
    e.value = std::string(word);
    return e;
  }
  e.value = r.word;
  return e;
}

std::vector<Expanded> expand_words(std::string_view text, const VarScope& scope, char escape) {
  const LexResult r = shell_lex(text, options_for(scope, escape));
  std::vector<Expanded> out;
  if (r.error) {
    Expanded e;
    e.value = std::string(text);
    e.error = r.error;
    e.unknown = r.used_unknown;
    out.push_back(std::move(e));
    return out;
  }
  for (const LexWord& w : r.words) {
    Expanded e;
    e.value = w.value;
    e.unknown = w.unknown;
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace sagelint::parser
