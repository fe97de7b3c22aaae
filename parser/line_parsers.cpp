#include "parser/line_parsers.hpp"

#include <string_view>

#include "parser/go_text.hpp"
#include "parser/json_array.hpp"

namespace sagelint::parser {

Span LogicalLine::span(std::size_t begin, std::size_t end) const {
  if (end > begin) {
    const Pos last = pos[end - 1];
    return {pos[begin], {last.line, last.column + 1}};
  }
  return {pos[begin], pos[begin]};
}

namespace {

// How an instruction's arguments are read (BuildKit's dispatch table).
enum class Form {
  maybe_json,          // RUN CMD ENTRYPOINT SHELL: JSON array, else one string
  maybe_json_to_list,  // ADD COPY VOLUME: JSON array, else whitespace-split
  whitespace,          // FROM EXPOSE
  string,              // MAINTAINER STOPSIGNAL USER WORKDIR
  env,                 // ENV
  label,               // LABEL
  name_or_name_val,    // ARG
  sub_command,         // ONBUILD
  health,              // HEALTHCHECK
  ignore,              // anything else: kept, arguments dropped
};

Form form_of(std::string_view keyword) {
  struct Entry {
    std::string_view name;
    Form form;
  };
  static constexpr Entry table[] = {
      {"add", Form::maybe_json_to_list},
      {"arg", Form::name_or_name_val},
      {"cmd", Form::maybe_json},
      {"copy", Form::maybe_json_to_list},
      {"entrypoint", Form::maybe_json},
      {"env", Form::env},
      {"expose", Form::whitespace},
      {"from", Form::whitespace},
      {"healthcheck", Form::health},
      {"label", Form::label},
      {"maintainer", Form::string},
      {"onbuild", Form::sub_command},
      {"run", Form::maybe_json},
      {"shell", Form::maybe_json},
      {"stopsignal", Form::string},
      {"user", Form::string},
      {"volume", Form::maybe_json_to_list},
      {"workdir", Form::string},
  };
  for (const Entry& e : table)
    if (e.name == keyword) return e.form;
  return Form::ignore;
}

class LineParser {
 public:
  LineParser(const LogicalLine& line, char escape, Instruction& out)
      : line_(line), s_(line.text), escape_(escape), out_(out) {}

  std::optional<LineError> run(std::size_t begin, std::size_t end) {
    out_.original.assign(s_.substr(begin, end - begin));
    // splitCommand: TrimSpace, then split once on a run of [\t\v\f\r ].
    const std::size_t tb = go::trim_left_space(s_.substr(0, end), begin);
    const std::size_t te = go::trim_right_space(s_, tb, end);
    std::size_t ce = tb;
    while (ce < te && !go::is_ascii_blank(s_[ce])) ++ce;
    out_.original_keyword.assign(s_.substr(tb, ce - tb));
    out_.keyword = go::to_lower(out_.original_keyword);
    out_.keyword_span = line_.span(tb, ce);
    std::size_t rb = ce;
    while (rb < te && go::is_ascii_blank(s_[rb])) ++rb;
    out_.rest.assign(s_.substr(rb, te - rb));
    out_.rest_pos.assign(line_.pos.begin() + static_cast<std::ptrdiff_t>(rb),
                         line_.pos.begin() + static_cast<std::ptrdiff_t>(te) + 1);

    std::size_t ab = te;
    if (ce < te) ab = extract_flags(rb, te);
    ab = go::trim_left_space(s_.substr(0, te), ab);
    const std::size_t ae = go::trim_right_space(s_, ab, te);
    return dispatch(form_of(out_.keyword), ab, ae);
  }

 private:
  const LogicalLine& line_;
  std::string_view s_;
  char escape_;
  Instruction& out_;

  Token token(std::size_t b, std::size_t e) const {
    return Token{std::string(s_.substr(b, e - b)), line_.span(b, e)};
  }
  LineError error(std::string message, std::size_t b, std::size_t e) const {
    return LineError{std::move(message), b, e};
  }

  void push_flag(std::string word, std::size_t b, std::size_t e) {
    Flag f;
    f.raw = std::move(word);
    const std::string_view body = std::string_view(f.raw).substr(2);
    const std::size_t eq = body.find('=');
    f.name.assign(body.substr(0, eq));
    if (eq != std::string_view::npos) f.value = std::string(body.substr(eq + 1));
    f.span = line_.span(b, e);
    out_.flags.push_back(std::move(f));
  }

  // extractBuilderFlags: leading `--words` (quotes and backslashes processed, bytes read
  // one at a time) up to the first other word or a lone `--`. Returns where the
  // arguments start.
  std::size_t extract_flags(std::size_t b, std::size_t e) {
    enum { in_spaces, in_word, in_quote } phase = in_spaces;
    std::string word;
    unsigned char quote = 0;
    bool blank_ok = false;
    unsigned char ch = 0;
    std::size_t word_begin = b;
    for (std::size_t pos = b; pos <= e; ++pos) {
      if (pos != e) ch = static_cast<unsigned char>(s_[pos]);
      if (phase == in_spaces) {
        if (pos == e) break;
        if (go::is_space_byte(ch)) continue;
        if (ch != '-' || pos + 1 == e || s_[pos + 1] != '-') return pos;
        phase = in_word;
        word_begin = pos;
      }
      if (pos == e) {
        if (word != "--" && (blank_ok || !word.empty())) push_flag(std::move(word), word_begin, e);
        break;
      }
      if (phase == in_word) {
        if (go::is_space_byte(ch)) {
          phase = in_spaces;
          if (word == "--") return pos;
          if (blank_ok || !word.empty()) push_flag(std::move(word), word_begin, pos);
          word.clear();
          blank_ok = false;
          continue;
        }
        if (ch == '\'' || ch == '"') {
          quote = ch;
          blank_ok = true;
          phase = in_quote;
          continue;
        }
        if (ch == '\\') {
          if (pos + 1 == e) continue;
          ++pos;
          ch = static_cast<unsigned char>(s_[pos]);
        }
        go::append_rune(word, ch);  // rune(byte): non-ASCII bytes become Latin-1 runes
        continue;
      }
      // in_quote
      if (ch == quote) {
        phase = in_word;
        continue;
      }
      if (ch == '\\') {
        if (pos + 1 == e) {
          phase = in_word;
          continue;
        }
        ++pos;
        ch = static_cast<unsigned char>(s_[pos]);
      }
      go::append_rune(word, ch);
    }
    return e;
  }

  std::optional<LineError> dispatch(Form form, std::size_t ab, std::size_t ae) {
    switch (form) {
      case Form::maybe_json: return maybe_json(ab, ae);
      case Form::maybe_json_to_list: return maybe_json_to_list(ab, ae);
      case Form::whitespace: whitespace(ab, ae); return std::nullopt;
      case Form::string:
        if (ab < ae) out_.args.push_back(token(ab, ae));
        return std::nullopt;
      case Form::env: return name_val(ab, ae, "ENV");
      case Form::label: return name_val(ab, ae, "LABEL");
      case Form::name_or_name_val:
        for (const RawWord& w : parse_words(s_.substr(ab, ae - ab), escape_))
          out_.args.push_back(Token{w.value, line_.span(ab + w.begin, ab + w.end)});
        return std::nullopt;
      case Form::sub_command: return sub_command(ab, ae);
      case Form::health: return health(ab, ae);
      case Form::ignore: out_.args.push_back(Token{"", line_.span(ab, ab)}); return std::nullopt;
    }
    return std::nullopt;
  }

  // parseJSON. Returns true when the arguments were taken as a JSON array.
  bool json(std::size_t ab, std::size_t ae, std::optional<LineError>& err) {
    const JsonArrayResult r = parse_json_array(s_.substr(ab, ae - ab));
    switch (r.status) {
      case JsonArrayResult::ok:
        out_.json = true;
        for (const JsonElement& el : r.elements)
          out_.args.push_back(Token{el.value, line_.span(ab + el.begin, ab + el.end)});
        return true;
      case JsonArrayResult::not_strings:
        err = error(kNotStringArrayError, ab + r.error_at, ae);
        return true;
      case JsonArrayResult::invalid:
        out_.json_error = r.reason;
        out_.json_text_span = line_.span(ab + r.open, ae);
        return false;
      case JsonArrayResult::not_array: return false;
    }
    return false;
  }

  std::optional<LineError> maybe_json(std::size_t ab, std::size_t ae) {
    if (ab == ae) return std::nullopt;
    std::optional<LineError> err;
    if (json(ab, ae, err)) return err;
    out_.args.push_back(token(ab, ae));
    return std::nullopt;
  }

  std::optional<LineError> maybe_json_to_list(std::size_t ab, std::size_t ae) {
    std::optional<LineError> err;
    if (json(ab, ae, err)) return err;
    whitespace(ab, ae);
    return std::nullopt;
  }

  // parseStringsWhitespaceDelimited: split on runs of [\t\v\f\r ].
  void whitespace(std::size_t ab, std::size_t ae) {
    std::size_t i = ab;
    while (i < ae) {
      std::size_t j = i;
      while (j < ae && !go::is_ascii_blank(s_[j])) ++j;
      out_.args.push_back(token(i, j));
      while (j < ae && go::is_ascii_blank(s_[j])) ++j;
      i = j;
    }
  }

  // parseNameVal: `k=v k2=v2` (triples key, value, "=") or the legacy `k the value`.
  std::optional<LineError> name_val(std::size_t ab, std::size_t ae, const char* what) {
    const std::string_view rest = s_.substr(ab, ae - ab);
    const std::vector<RawWord> words = parse_words(rest, escape_);
    if (words.empty()) return std::nullopt;
    if (words[0].value.find('=') == std::string::npos) {
      std::size_t k = ab;
      while (k < ae && !go::is_ascii_blank(s_[k])) ++k;
      if (k == ae) return error(std::string(what) + " must have two arguments", ab, ae);
      std::size_t v = k;
      while (v < ae && go::is_ascii_blank(s_[v])) ++v;
      out_.args.push_back(token(ab, k));
      out_.args.push_back(token(v, ae));
      out_.args.push_back(Token{"", line_.span(v, v)});
      return std::nullopt;
    }
    for (const RawWord& w : words) {
      const std::size_t eq = w.value.find('=');
      if (eq == std::string::npos)
        return error("Syntax error - can't find = in " + go::quote(w.value) +
                         ". Must be of the form: name=value",
                     ab + w.begin, ab + w.end);
      // '=' is ASCII, so its first occurrence in the source is the one in the word.
      const std::size_t src_eq = s_.find('=', ab + w.begin);
      out_.args.push_back(Token{w.value.substr(0, eq), line_.span(ab + w.begin, src_eq)});
      out_.args.push_back(Token{w.value.substr(eq + 1), line_.span(src_eq + 1, ab + w.end)});
      out_.args.push_back(Token{"=", line_.span(src_eq, src_eq + 1)});
    }
    return std::nullopt;
  }

  std::optional<LineError> sub_command(std::size_t ab, std::size_t ae) {
    if (ab == ae) return std::nullopt;
    auto sub = std::make_unique<Instruction>();
    if (auto err = instruction_from_line(line_, ab, ae, escape_, *sub)) return err;
    sub->span = line_.span(ab, ae);
    out_.onbuild = std::move(sub);
    return std::nullopt;
  }

  // parseHealthConfig: the first word (CMD/NONE/...), then the rest as parseMaybeJSON.
  std::optional<LineError> health(std::size_t ab, std::size_t ae) {
    std::size_t sep = ab;
    while (sep < ae && !go::is_space_byte(static_cast<unsigned char>(s_[sep]))) ++sep;
    std::size_t next = sep;
    while (next < ae && go::is_space_byte(static_cast<unsigned char>(s_[next]))) ++next;
    if (sep == ab) return std::nullopt;
    out_.args.push_back(token(ab, sep));
    return maybe_json(next, ae);
  }
};

}  // namespace

std::optional<LineError> instruction_from_line(const LogicalLine& line, std::size_t begin,
                                               std::size_t end, char escape, Instruction& out) {
  return LineParser(line, escape, out).run(begin, end);
}

std::vector<RawWord> parse_words(std::string_view rest, char escape) {
  enum { in_spaces, in_word, in_quote } phase = in_spaces;
  std::vector<RawWord> words;
  RawWord word;
  char32_t quote = 0;
  bool blank_ok = false;
  char32_t ch = 0;
  std::size_t width = 0;
  const auto esc = static_cast<char32_t>(static_cast<unsigned char>(escape));
  auto finish = [&](std::size_t end) {
    if (blank_ok || !word.value.empty()) {
      word.end = end;
      words.push_back(std::move(word));
    }
    word = RawWord{};
  };
  for (std::size_t pos = 0; pos <= rest.size(); pos += width) {
    if (pos != rest.size()) {
      const go::Rune r = go::decode_rune(rest, pos);
      ch = r.value;
      width = r.width;
    }
    if (phase == in_spaces) {
      if (pos == rest.size()) break;
      if (go::is_space(ch)) continue;
      phase = in_word;
      word.begin = pos;
    }
    if (pos == rest.size()) {
      finish(pos);
      break;
    }
    if (phase == in_word) {
      if (go::is_space(ch)) {
        phase = in_spaces;
        finish(pos);
        blank_ok = false;
        continue;
      }
      if (ch == '\'' || ch == '"') {
        quote = ch;
        blank_ok = true;
        phase = in_quote;
      }
      if (ch == esc) {
        if (pos + width == rest.size()) continue;  // an escape at the very end is dropped
        go::append_rune(word.value, ch);
        pos += width;
        const go::Rune r = go::decode_rune(rest, pos);
        ch = r.value;
        width = r.width;
      }
      go::append_rune(word.value, ch);
      continue;
    }
    // in_quote
    if (ch == quote) phase = in_word;
    if (ch == esc && quote != '\'') {
      if (pos + width == rest.size()) {
        phase = in_word;
        continue;
      }
      pos += width;
      go::append_rune(word.value, ch);
      const go::Rune r = go::decode_rune(rest, pos);
      ch = r.value;
      width = r.width;
    }
    go::append_rune(word.value, ch);
  }
  return words;
}

}  // namespace sagelint::parser
