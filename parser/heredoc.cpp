#include "parser/heredoc.hpp"

#include <algorithm>
#include <tao/pegtl.hpp>

#include "parser/shell_lex.hpp"

namespace sagelint::parser {
namespace {

namespace pegtl = tao::pegtl;

// BuildKit's ^(\d*)<<(-?)\s*([^<]*)$
namespace grammar {
struct fd : pegtl::star<pegtl::digit> {};
struct chomp : pegtl::opt<pegtl::one<'-'>> {};
struct delimiter : pegtl::star<pegtl::not_one<'<'>> {};
struct blank : pegtl::one<' ', '\t', '\n', '\f', '\r'> {};  // RE2's \s
struct marker
    : pegtl::seq<fd, pegtl::string<'<', '<'>, chomp, pegtl::star<blank>, delimiter, pegtl::eof> {};
}  // namespace grammar

struct MarkerParts {
  std::string_view fd, chomp, delimiter;
};

template <typename Rule>
struct capture : pegtl::nothing<Rule> {};
template <>
struct capture<grammar::fd> {
  template <typename Input>
  static void apply(const Input& in, MarkerParts& p) {
    p.fd = {in.begin(), in.size()};
  }
};
template <>
struct capture<grammar::chomp> {
  template <typename Input>
  static void apply(const Input& in, MarkerParts& p) {
    p.chomp = {in.begin(), in.size()};
  }
};
template <>
struct capture<grammar::delimiter> {
  template <typename Input>
  static void apply(const Input& in, MarkerParts& p) {
    p.delimiter = {in.begin(), in.size()};
  }
};

std::size_t count_quotes(const std::string& s) {
  return static_cast<std::size_t>(std::count(s.begin(), s.end(), '\'') +
                                  std::count(s.begin(), s.end(), '"'));
}

}  // namespace

HeredocWord parse_heredoc_word(std::string_view word) {
  HeredocWord out;
  MarkerParts parts;
  pegtl::memory_input in(word.data(), word.size(), "heredoc");
  if (!pegtl::parse<grammar::marker, capture>(in, parts)) return out;
  if (parts.delimiter.empty()) return out;

  std::uint64_t fd = 0;
  for (char c : parts.fd) {
    // strconv.ParseUint saturates on overflow (its error is ignored by BuildKit).
    if (fd > (UINT64_MAX - 9) / 10) {
      fd = UINT64_MAX;
      break;
    }
    fd = fd * 10 + static_cast<std::uint64_t>(c - '0');
  }

  // Lex the delimiter with and without quote removal: if the quote counts differ, part
  // of it was quoted, so the body is not expanded.
  LexOptions opts;
  opts.skip_unset_env = true;
  const LexResult plain = shell_lex(parts.delimiter, opts);
  if (plain.error) {
    out.error = plain.error;
    return out;
  }
  if (plain.words.size() != 1) return out;
  opts.raw_quotes = true;
  const LexResult raw = shell_lex(parts.delimiter, opts);
  if (raw.error) {
    out.error = raw.error;
    return out;
  }
  if (raw.words.size() != plain.words.size()) {
    out.error =
        "internal lexing of heredoc produced inconsistent results: " + std::string(parts.delimiter);
    return out;
  }
  HeredocMarker m;
  m.name = plain.words[0].value;
  m.expand = count_quotes(plain.words[0].value) == count_quotes(raw.words[0].value);
  m.chomp = parts.chomp == "-";
  m.file_descriptor = fd;
  out.marker = std::move(m);
  return out;
}

std::optional<std::string> heredocs_from_line(std::string_view line,
                                              std::vector<LineHeredoc>& out) {
  LexOptions opts;
  opts.raw_quotes = true;
  opts.raw_escapes = true;
  opts.skip_unset_env = true;
  const LexResult words = shell_lex(line, opts);  // a lexing error means no words
  for (const LexWord& w : words.words) {
    HeredocWord h = parse_heredoc_word(w.value);
    if (h.error) return h.error;
    if (h.marker) out.push_back({std::move(*h.marker), w.begin, w.end});
  }
  return std::nullopt;
}

std::string chomp_heredoc_content(std::string_view content) {
  std::string out;
  out.reserve(content.size());
  bool line_start = true;
  for (char c : content) {
    if (line_start && c == '\t') continue;
    line_start = c == '\n';
    out.push_back(c);
  }
  return out;
}

}  // namespace sagelint::parser
