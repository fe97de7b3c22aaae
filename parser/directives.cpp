#include "parser/directives.hpp"

#include <tao/pegtl.hpp>

#include "parser/go_text.hpp"

namespace sagelint::parser {
namespace {

namespace pegtl = tao::pegtl;

// BuildKit's ^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=  (RE2's \s has no \v).
namespace grammar {
struct ws : pegtl::one<' ', '\t', '\n', '\f', '\r'> {};
struct key : pegtl::seq<pegtl::alpha, pegtl::star<pegtl::alnum>> {};
struct head : pegtl::seq<pegtl::one<'#'>, pegtl::star<ws>, key, pegtl::star<ws>, pegtl::one<'='>> {
};
}  // namespace grammar

template <typename Rule>
struct capture_key : pegtl::nothing<Rule> {};
template <>
struct capture_key<grammar::key> {
  template <typename Input>
  static void apply(const Input& in, std::string& key) {
    key = in.string();
  }
};

bool re2_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'; }

// The value group `\s*(.+?)\s*$`: leading and trailing blanks dropped; when the value is
// blanks only, the lazy group still takes the last one (so `# escape=  ` is " ").
std::optional<std::string> directive_value(std::string_view rest) {
  if (rest.empty()) return std::nullopt;
  std::size_t b = 0;
  while (b < rest.size() && re2_space(rest[b])) ++b;
  if (b == rest.size()) return std::string(1, rest.back());
  std::size_t e = rest.size();
  while (e > b && re2_space(rest[e - 1])) --e;
  return std::string(rest.substr(b, e - b));
}

}  // namespace

DirectiveParser::Outcome DirectiveParser::parse_line(std::string_view line, int line_number) {
  Outcome out;
  if (done_) return out;
  std::string key;
  pegtl::memory_input in(line.data(), line.size(), "directive");
  bool matched = false;
  try {
    matched = pegtl::parse<grammar::head, capture_key>(in, key);
  } catch (const pegtl::parse_error&) {
    matched = false;
  }
  std::optional<std::string> value;
  if (matched)
    value = directive_value(line.substr(static_cast<std::size_t>(in.current() - line.data())));
  if (!matched || !value) {
    done_ = true;
    return out;
  }
  key = go::to_lower(key);
  if (key != "syntax" && key != "escape" && key != "check") {
    done_ = true;
    return out;
  }
  if (!seen_.insert(key).second) {
    out.error = "only one " + key + " parser directive can be used";
    return out;
  }
  if (key == "escape") {
    if (*value != "`" && *value != "\\") {
      out.error = "invalid escape token '" + *value + "' does not match ` or \\";
      return out;
    }
    escape_ = (*value)[0];
  }
  out.directive = Directive{key, *value, line_number};
  return out;
}

}  // namespace sagelint::parser
