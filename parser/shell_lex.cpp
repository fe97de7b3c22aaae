#include "parser/shell_lex.hpp"

#include <algorithm>
#include <vector>

#include "parser/go_text.hpp"

namespace sagelint::parser {
namespace {

constexpr long kEof = -1;

// Go's text/scanner as lex.go uses it: runes, invalid UTF-8 read as U+FFFD, a BOM at
// the very start skipped.
class RuneScanner {
 public:
  explicit RuneScanner(std::string_view s) : s_(s) {
    if (s_.size() >= 3 && s_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;
  }
  long peek() const {
    if (pos_ >= s_.size()) return kEof;
    return static_cast<long>(go::decode_rune(s_, pos_).value);
  }
  long next() {
    if (pos_ >= s_.size()) return kEof;
    const go::Rune r = go::decode_rune(s_, pos_);
    pos_ += r.width;
    return static_cast<long>(r.value);
  }
  std::size_t pos() const { return pos_; }

 private:
  std::string_view s_;
  std::size_t pos_ = 0;
};

struct Words {
  std::vector<LexWord> words;
  LexWord word;
  bool in_word = false;
  bool from_unknown = false;  // what is being added came from an unknown variable

  void add_char(long ch, std::size_t begin, std::size_t end) {
    const bool space = go::is_space(static_cast<char32_t>(ch));
    if (space && in_word) {
      if (!word.value.empty()) {
        words.push_back(std::move(word));
        word = LexWord{};
        in_word = false;
      }
    } else if (!space) {
      add_raw_char(ch, begin, end);
    }
  }
  void start(std::size_t begin) {
    if (!in_word && word.value.empty()) word.begin = begin;
    in_word = true;
    if (from_unknown) word.unknown = true;
  }
  void add_raw_char(long ch, std::size_t begin, std::size_t end) {
    start(begin);
    go::append_rune(word.value, static_cast<char32_t>(ch));
    word.end = end;
  }
  void add_string(const std::string& s, std::size_t begin, std::size_t end) {
    for (std::size_t i = 0; i < s.size();) {
      const go::Rune r = go::decode_rune(s, i);
      add_char(static_cast<long>(r.value), begin, end);
      i += r.width;
    }
  }
  void add_raw_string(const std::string& s, std::size_t begin, std::size_t end) {
    start(begin);
    word.value += s;
    word.end = end;
  }
  std::vector<LexWord> take() {
    if (!word.value.empty()) {
      words.push_back(std::move(word));
      word = LexWord{};
      in_word = false;
    }
    return std::move(words);
  }
};

// A shell pattern (`*`, `?`, escaped literals) compiled for matching runes, the way
// convertShellPatternToRegex turns it into a Go regexp ('.' never matches '\n').
struct PatternItem {
  enum Kind { star, any, literal } kind;
  char32_t rune = 0;
};

std::optional<std::string> compile_pattern(std::string_view pattern,
                                           std::vector<PatternItem>& out) {
  RuneScanner s(pattern);
  for (long tok = s.next(); tok != kEof; tok = s.next()) {
    if (tok == '*') {
      out.push_back({PatternItem::star});
      continue;
    }
    if (tok == '?') {
      out.push_back({PatternItem::any});
      continue;
    }
    if (tok == '\\') {
      if (s.peek() == '}' || s.peek() == '/') continue;
      tok = s.next();
      if (tok != '*' && tok != '?' && tok != '\\') {
        std::string msg = "invalid escape '\\";
        if (tok != kEof) go::append_rune(msg, static_cast<char32_t>(tok));
        return msg + "'";
      }
    }
    out.push_back({PatternItem::literal, static_cast<char32_t>(tok)});
  }
  return std::nullopt;
}

// Leftmost-first (Perl) semantics of the compiled pattern anchored at `start` of
// `runes`: returns the end of the first match found in priority order. Greedy stars
// try the longest extension first. Failed states are memoised to stay polynomial.
class Matcher {
 public:
  Matcher(const std::vector<PatternItem>& p, const std::vector<char32_t>& v, bool greedy)
      : p_(p), v_(v), greedy_(greedy), failed_((p.size() + 1) * (v.size() + 1), false) {}

  std::optional<std::size_t> match(std::size_t pi, std::size_t vi) {
    if (pi == p_.size()) return vi;
    const std::size_t key = pi * (v_.size() + 1) + vi;
    if (failed_[key]) return std::nullopt;
    std::optional<std::size_t> result;
    const PatternItem& item = p_[pi];
    if (item.kind == PatternItem::star) {
      std::size_t limit = vi;
      while (limit < v_.size() && v_[limit] != '\n') ++limit;
      if (greedy_) {
        for (std::size_t e = limit + 1; e-- > vi && !result;) result = match(pi + 1, e);
      } else {
        for (std::size_t e = vi; e <= limit && !result; ++e) result = match(pi + 1, e);
      }
    } else if (vi < v_.size() &&
               (item.kind == PatternItem::any ? v_[vi] != '\n' : v_[vi] == item.rune)) {
      result = match(pi + 1, vi + 1);
    }
    if (!result) failed_[key] = true;
    return result;
  }

 private:
  const std::vector<PatternItem>& p_;
  const std::vector<char32_t>& v_;
  bool greedy_;
  std::vector<bool> failed_;
};

struct RuneString {
  std::vector<char32_t> runes;
  std::vector<std::size_t> offsets;  // byte offset of each rune, plus the total size
};

RuneString to_runes(std::string_view s) {
  RuneString r;
  for (std::size_t i = 0; i < s.size();) {
    const go::Rune g = go::decode_rune(s, i);
    r.runes.push_back(g.value);
    r.offsets.push_back(i);
    i += g.width;
  }
  r.offsets.push_back(s.size());
  return r;
}

std::string from_runes(const std::vector<char32_t>& runes) {
  std::string out;
  for (char32_t r : runes) go::append_rune(out, r);
  return out;
}

// reversePattern: reverse the runes but keep each escape before the rune it escapes.
std::string reverse_pattern(std::string_view pattern) {
  const RuneString rs = to_runes(pattern);
  std::vector<char32_t> out;
  const auto& p = rs.runes;
  for (std::size_t i = p.size(); i-- > 0;) {
    if (i > 0 && p[i - 1] == '\\') {
      out.push_back('\\');
      out.push_back(p[i]);
      --i;
    } else {
      out.push_back(p[i]);
    }
  }
  return from_runes(out);
}

std::optional<std::string> trim_prefix(std::string_view pattern, const std::string& value,
                                       bool greedy, std::string& out) {
  std::vector<PatternItem> items;
  if (auto err = compile_pattern(pattern, items))
    return "invalid pattern (" + std::string(pattern) + ") in substitution: " + *err;
  const RuneString v = to_runes(value);
  Matcher m(items, v.runes, greedy);
  if (auto end = m.match(0, 0)) {
    out = value.substr(v.offsets[*end]);
  } else {
    out = value;
  }
  return std::nullopt;
}

std::optional<std::string> trim_suffix(std::string_view pattern, const std::string& value,
                                       bool greedy, std::string& out) {
  RuneString v = to_runes(value);
  std::reverse(v.runes.begin(), v.runes.end());
  std::string reversed;
  const std::string rpat = reverse_pattern(pattern);
  std::string tmp;
  if (auto err = trim_prefix(rpat, from_runes(v.runes), greedy, tmp))
    return "invalid pattern (" + std::string(pattern) +
           ") in substitution: " + err->substr(err->find(": ") + 2);
  RuneString t = to_runes(tmp);
  std::reverse(t.runes.begin(), t.runes.end());
  out = from_runes(t.runes);
  return std::nullopt;
}

// Go's Regexp.ReplaceAllString template: $$ -> $, $0/${0} -> the match, other $names
// -> "" (the pattern has no groups).
std::string expand_template(const std::string& repl, std::string_view match) {
  std::string out;
  for (std::size_t i = 0; i < repl.size(); ++i) {
    if (repl[i] != '$' || i + 1 >= repl.size()) {
      out.push_back(repl[i]);
      continue;
    }
    if (repl[i + 1] == '$') {
      out.push_back('$');
      ++i;
      continue;
    }
    std::size_t j = i + 1;
    std::string name;
    if (repl[j] == '{') {
      const std::size_t close = repl.find('}', j);
      if (close == std::string::npos) {
        out.push_back('$');
        continue;
      }
      name = repl.substr(j + 1, close - j - 1);
      j = close + 1;
    } else {
      while (j < repl.size() &&
             (std::isalnum(static_cast<unsigned char>(repl[j])) || repl[j] == '_'))
        ++j;
      name = repl.substr(i + 1, j - i - 1);
    }
    if (name.empty()) {
      out.push_back('$');
      continue;
    }
    if (name.find_first_not_of('0') == std::string::npos) out.append(match);
    i = j - 1;
  }
  return out;
}

std::optional<std::string> replace(std::string_view pattern, const std::string& value,
                                   const std::string& replacement, bool all, std::string& out) {
  std::vector<PatternItem> items;
  if (auto err = compile_pattern(pattern, items))
    return "invalid pattern (" + std::string(pattern) + ") in substitution: " + *err;
  const RuneString v = to_runes(value);
  Matcher m(items, v.runes, true);
  auto find_from = [&](std::size_t from, std::size_t& b, std::size_t& e) {
    for (std::size_t s = from; s <= v.runes.size(); ++s) {
      if (auto end = m.match(0, s)) {
        b = s;
        e = *end;
        return true;
      }
    }
    return false;
  };
  out.clear();
  if (!all) {
    std::size_t b = 0, e = 0;
    if (find_from(0, b, e)) {
      out = value.substr(0, v.offsets[b]) + replacement + value.substr(v.offsets[e]);
    } else {
      out = value;
    }
    return std::nullopt;
  }
  // Regexp.ReplaceAllString's loop: no replacement for an empty match right after a
  // previous match; always advance at least one rune.
  std::size_t last_end = 0, search = 0;
  const std::size_t n = v.runes.size();
  while (search <= n) {
    std::size_t b = 0, e = 0;
    if (!find_from(search, b, e)) break;
    out.append(value, v.offsets[last_end], v.offsets[b] - v.offsets[last_end]);
    if (e > last_end || b == 0)
      out += expand_template(
          replacement, std::string_view(value).substr(v.offsets[b], v.offsets[e] - v.offsets[b]));
    last_end = e;
    const std::size_t width = search < n ? 1 : 0;
    if (search + width > e)
      search += width;
    else if (search + 1 > e)
      ++search;
    else
      search = e;
  }
  out.append(value, v.offsets[last_end], std::string::npos);
  return std::nullopt;
}

bool is_special_param(long ch) {
  switch (ch) {
    case '@':
    case '*':
    case '#':
    case '?':
    case '-':
    case '$':
    case '!':
    case '0': return true;
    default: return false;
  }
}

class Lexer {
 public:
  Lexer(std::string_view input, const LexOptions& o)
      : sc_(input), o_(o), raw_escapes_(o.raw_escapes) {}

  LexResult run() {
    LexResult r;
    std::string word;
    std::vector<LexWord> words;
    if (auto err = process_stop_on(kEof, raw_escapes_, word, words)) {
      r.error = *err;
      r.used_unknown = used_unknown_;
      return r;
    }
    r.word = std::move(word);
    r.words = std::move(words);
    r.used_unknown = used_unknown_;
    return r;
  }

 private:
  RuneScanner sc_;
  const LexOptions& o_;
  bool raw_escapes_;
  bool used_unknown_ = false;
  int unknown_refs_ = 0;
  int depth_ = 0;

  LexLookup get_env(const std::string& name) {
    if (!o_.lookup) return {};
    LexLookup l = o_.lookup(name);
    if (l.kind == LexLookup::unknown) {
      used_unknown_ = true;
      ++unknown_refs_;
    }
    return l;
  }
  // Keep a reference's text when the variable is unset (SkipUnsetEnv) or unknown.
  bool keep_text(const LexLookup& l) const {
    return (l.kind == LexLookup::unset && o_.skip_unset_env) || l.kind == LexLookup::unknown;
  }

  std::optional<std::string> process_stop_on(long stop, bool raw_escapes, std::string& result,
                                             std::vector<LexWord>& out_words) {
    // Deep ${...${...}} nesting recurses; bound it so hostile input cannot blow the stack.
    if (++depth_ > 500) return std::string("syntax error: nesting too deep");
    const bool saved = raw_escapes_;
    raw_escapes_ = raw_escapes;
    Words words;
    std::optional<std::string> err;
    while (sc_.peek() != kEof) {
      long ch = sc_.peek();
      const std::size_t begin = sc_.pos();
      if (stop != kEof && ch == stop) {
        sc_.next();
        out_words = words.take();
        raw_escapes_ = saved;
        --depth_;
        return std::nullopt;
      }
      if (ch == '$' || ch == '<' || ch == '\'' || ch == '"') {
        const int unknown_before = unknown_refs_;
        std::string tmp;
        if (ch == '$')
          err = process_dollar(tmp);
        else if (ch == '<')
          process_possible_heredoc(tmp);
        else if (ch == '\'')
          err = process_single_quote(tmp);
        else
          err = process_double_quote(tmp);
        if (err) break;
        result += tmp;
        words.from_unknown = unknown_refs_ != unknown_before;
        if (ch == '$')
          words.add_string(tmp, begin, sc_.pos());
        else
          words.add_raw_string(tmp, begin, sc_.pos());
        words.from_unknown = false;
        continue;
      }
      ch = sc_.next();
      if (ch == static_cast<unsigned char>(o_.escape)) {
        if (raw_escapes_) {
          words.add_raw_char(ch, begin, sc_.pos());
          go::append_rune(result, static_cast<char32_t>(ch));
        }
        ch = sc_.next();
        if (ch == kEof) break;
        words.add_raw_char(ch, begin, sc_.pos());
      } else {
        words.add_char(ch, begin, sc_.pos());
      }
      go::append_rune(result, static_cast<char32_t>(ch));
    }
    raw_escapes_ = saved;
    --depth_;
    if (err) return err;
    if (stop != kEof) {
      std::string msg = "unexpected end of statement while looking for matching ";
      go::append_rune(msg, static_cast<char32_t>(stop));
      return msg;
    }
    out_words = words.take();
    return std::nullopt;
  }

  // `<<` (or `<<-`) keeps the blanks after it in its word, so `<< EOF` stays one word.
  void process_possible_heredoc(std::string& result) {
    sc_.next();
    if (sc_.peek() != '<') {
      // assign(1, c), not `= "<"`: g++ 12 at -O3 gives a false -Wrestrict on a
      // one-character literal assigned to a string reference (GCC bug 105329).
      result.assign(1, '<');
      return;
    }
    sc_.next();
    result = "<<";
    if (sc_.peek() == '-') result.push_back(static_cast<char>(sc_.next()));
    for (long p = sc_.peek(); p == ' ' || p == '\t' || p == '\r' || p == '\n'; p = sc_.peek())
      result.push_back(static_cast<char>(sc_.next()));
  }

  std::optional<std::string> process_single_quote(std::string& result) {
    long ch = sc_.next();
    if (o_.raw_quotes) go::append_rune(result, static_cast<char32_t>(ch));
    for (;;) {
      ch = sc_.next();
      if (ch == kEof)
        return std::string("unexpected end of statement while looking for matching single-quote");
      if (ch == '\'') {
        if (o_.raw_quotes) result.push_back('\'');
        return std::nullopt;
      }
      go::append_rune(result, static_cast<char32_t>(ch));
    }
  }

  std::optional<std::string> process_double_quote(std::string& result) {
    long ch = sc_.next();
    if (o_.raw_quotes) go::append_rune(result, static_cast<char32_t>(ch));
    for (;;) {
      const long p = sc_.peek();
      if (p == kEof)
        return std::string("unexpected end of statement while looking for matching double-quote");
      if (p == '"') {
        sc_.next();
        if (o_.raw_quotes) result.push_back('"');
        return std::nullopt;
      }
      if (p == '$') {
        std::string value;
        if (auto err = process_dollar(value)) return err;
        result += value;
        continue;
      }
      ch = sc_.next();
      if (ch == static_cast<unsigned char>(o_.escape)) {
        if (raw_escapes_) go::append_rune(result, static_cast<char32_t>(ch));
        const long n = sc_.peek();
        if (n == kEof) continue;
        if (n == '"' || n == '$' || n == static_cast<unsigned char>(o_.escape)) ch = sc_.next();
      }
      go::append_rune(result, static_cast<char32_t>(ch));
    }
  }

  std::string process_name() {
    std::string name;
    while (sc_.peek() != kEof) {
      long ch = sc_.peek();
      if (name.empty() && go::is_digit(static_cast<char32_t>(ch))) {
        while (sc_.peek() != kEof && go::is_digit(static_cast<char32_t>(sc_.peek())))
          go::append_rune(name, static_cast<char32_t>(sc_.next()));
        return name;
      }
      if (name.empty() && is_special_param(ch)) {
        go::append_rune(name, static_cast<char32_t>(sc_.next()));
        return name;
      }
      if (!go::is_letter(static_cast<char32_t>(ch)) && !go::is_digit(static_cast<char32_t>(ch)) &&
          ch != '_')
        break;
      go::append_rune(name, static_cast<char32_t>(sc_.next()));
    }
    return name;
  }

  std::optional<std::string> process_dollar(std::string& out) {
    sc_.next();
    if (sc_.peek() != '{') {
      const std::string name = process_name();
      if (name.empty()) {
        out.assign(1, '$');  // not `= "$"`: see process_possible_heredoc
        return std::nullopt;
      }
      const LexLookup l = get_env(name);
      out = keep_text(l) ? "$" + name : l.text;
      return std::nullopt;
    }
    sc_.next();
    const long p = sc_.peek();
    if (p == kEof) return std::string("syntax error: missing '}'");
    if (p == '{' || p == '}' || p == ':') return std::string("syntax error: bad substitution");
    const std::string name = process_name();
    long ch = sc_.next();
    std::string chs;
    go::append_rune(chs,
                    ch == kEof ? go::kRuneError : static_cast<char32_t>(ch));  // string(rune(-1))
    bool null_is_unset = false;
    if (ch == '}') {
      const LexLookup l = get_env(name);
      out = keep_text(l) ? "${" + name + "}" : l.text;
      return std::nullopt;
    }
    if (ch == ':') {
      null_is_unset = true;
      ch = sc_.next();
      go::append_rune(chs, ch == kEof ? go::kRuneError : static_cast<char32_t>(ch));
    }
    if (null_is_unset || ch == '+' || ch == '-' || ch == '?' || ch == '#' || ch == '%') {
      const bool raw = ch == '#' || ch == '%';
      std::string word;
      std::vector<LexWord> ignored;
      if (auto err = process_stop_on('}', raw, word, ignored)) {
        if (sc_.peek() == kEof) return std::string("syntax error: missing '}'");
        return err;
      }
      const LexLookup l = get_env(name);
      if (keep_text(l)) {
        out = "${" + name + chs + word + "}";
        return std::nullopt;
      }
      const bool set = l.kind == LexLookup::value;
      const std::string& value = l.text;
      switch (ch) {
        case '-':
          out = (!set || (null_is_unset && value.empty())) ? word : value;
          return std::nullopt;
        case '+':
          out = (!set || (null_is_unset && value.empty())) ? std::string() : word;
          return std::nullopt;
        case '?':
          if (!set) return name + ": " + (word.empty() ? "is not allowed to be unset" : word);
          if (null_is_unset && value.empty())
            return name + ": " + (word.empty() ? "is not allowed to be empty" : word);
          out = value;
          return std::nullopt;
        case '%':
        case '#': {
          bool greedy = false;
          std::string_view pat = word;
          if (!pat.empty() && pat[0] == static_cast<char>(ch)) {
            greedy = true;
            pat.remove_prefix(1);
          }
          return ch == '%' ? trim_suffix(pat, value, greedy, out)
                           : trim_prefix(pat, value, greedy, out);
        }
        default: return "unsupported modifier (" + chs + ") in substitution";
      }
    }
    if (ch == '/') {
      const bool all = sc_.peek() == '/';
      if (all) sc_.next();
      std::string pattern, replacement;
      std::vector<LexWord> ignored;
      if (auto err = process_stop_on('/', true, pattern, ignored)) {
        if (sc_.peek() == kEof) return std::string("syntax error: missing '/' in ${}");
        return err;
      }
      if (auto err = process_stop_on('}', true, replacement, ignored)) {
        if (sc_.peek() == kEof) return std::string("syntax error: missing '}'");
        return err;
      }
      const LexLookup l = get_env(name);
      if (keep_text(l)) {
        out = "${" + name + "/" + pattern + "/" + replacement + "}";
        return std::nullopt;
      }
      return replace(pattern, l.text, replacement, all, out);
    }
    return "unsupported modifier (" + chs + ") in substitution";
  }
};

}  // namespace

LexResult shell_lex(std::string_view input, const LexOptions& options) {
  Lexer lexer(input, options);
  LexResult r = lexer.run();
  if (r.error) *r.error = "failed to process " + go::quote(input) + ": " + *r.error;
  return r;
}

}  // namespace sagelint::parser
