#include "parser/json_array.hpp"

#include <cctype>
#include <tao/pegtl.hpp>

#include "parser/go_text.hpp"

namespace sagelint::parser {
namespace {

namespace pegtl = tao::pegtl;

namespace grammar {
struct integer
    : pegtl::sor<pegtl::one<'0'>, pegtl::seq<pegtl::range<'1', '9'>, pegtl::star<pegtl::digit>>> {};
struct fraction : pegtl::seq<pegtl::one<'.'>, pegtl::plus<pegtl::digit>> {};
struct exponent : pegtl::seq<pegtl::one<'e', 'E'>, pegtl::opt<pegtl::one<'+', '-'>>,
                             pegtl::plus<pegtl::digit>> {};
struct number
    : pegtl::seq<pegtl::opt<pegtl::one<'-'>>, integer, pegtl::opt<fraction>, pegtl::opt<exponent>> {
};
}  // namespace grammar

// encoding/json's limit; deeper nesting is a syntax error (and so shell form).
constexpr std::size_t kMaxDepth = 10000;

bool json_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

class Scanner {
 public:
  explicit Scanner(std::string_view s) : s_(s) {}

  // Scans a JSON string at pos_ (on the opening quote). Decodes into *out when given.
  bool string(std::string* out) {
    ++pos_;
    while (pos_ < s_.size()) {
      const auto c = static_cast<unsigned char>(s_[pos_]);
      if (c == '"') {
        ++pos_;
        return true;
      }
      if (c < 0x20) return fail("control character inside a string");
      if (c == '\\') {
        if (pos_ + 1 >= s_.size()) return fail_eof("unterminated string");
        const char e = s_[pos_ + 1];
        switch (e) {
          case '"':
          case '\\':
          case '/':
            if (out) out->push_back(e);
            pos_ += 2;
            continue;
          case 'b':
            if (out) out->push_back('\b');
            pos_ += 2;
            continue;
          case 'f':
            if (out) out->push_back('\f');
            pos_ += 2;
            continue;
          case 'n':
            if (out) out->push_back('\n');
            pos_ += 2;
            continue;
          case 'r':
            if (out) out->push_back('\r');
            pos_ += 2;
            continue;
          case 't':
            if (out) out->push_back('\t');
            pos_ += 2;
            continue;
          case 'u': {
            int cp = u4(pos_ + 2);
            if (cp < 0) {
              pos_ += 2;
              for (int k = 0; k < 4 && pos_ < s_.size(); ++k, ++pos_)
                if (hex_value(s_[pos_]) < 0) return fail("invalid \\u escape in a string");
              return fail_eof("unterminated string");
            }
            pos_ += 6;
            if (cp >= 0xD800 && cp < 0xE000) {
              // A surrogate: combine with a following \uXXXX low surrogate, else U+FFFD.
              const bool next_escape =
                  pos_ + 1 < s_.size() && s_[pos_] == '\\' && s_[pos_ + 1] == 'u';
              const int lo = next_escape ? u4(pos_ + 2) : -1;
              if (cp < 0xDC00 && lo >= 0xDC00 && lo < 0xE000) {
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                pos_ += 6;
              } else {
                cp = go::kRuneError;
              }
            }
            if (out) go::append_rune(*out, static_cast<char32_t>(cp));
            continue;
          }
          default: ++pos_; return fail("invalid escape in a string");
        }
      }
      if (c < 0x80) {
        if (out) out->push_back(static_cast<char>(c));
        ++pos_;
        continue;
      }
      const go::Rune r = go::decode_rune(s_, pos_);
      if (out) {
        if (r.value == go::kRuneError && r.width == 1)
          go::append_rune(*out, go::kRuneError);
        else
          out->append(s_.substr(pos_, r.width));
      }
      pos_ += r.width;
    }
    return fail_eof("unterminated string");
  }

  // A JSON number (RFC 8259 grammar, as encoding/json's scanner accepts it).
  bool number() {
    pegtl::memory_input in(s_.data() + pos_, s_.size() - pos_, "json");
    if (!pegtl::parse<grammar::number>(in)) {
      if (peek() == '-' && pos_ + 1 >= s_.size()) return fail_eof("unterminated array");
      return fail("bare word");  // `[ -f x ]`: a dash that starts no number
    }
    pos_ = static_cast<std::size_t>(in.current() - s_.data());
    // "1." or "1e" stop the grammar early; Go rejects them, and so does what follows.
    if (pos_ < s_.size() && (s_[pos_] == '.' || s_[pos_] == 'e' || s_[pos_] == 'E'))
      return fail("invalid number");
    return true;
  }

  bool literal(std::string_view word) {
    for (char c : word) {
      if (pos_ >= s_.size()) return fail_eof("unterminated array");
      if (s_[pos_] != c) return bare_word();
      ++pos_;
    }
    return true;
  }

  bool bare_word() {
    const char c = s_[pos_];
    if (c == '\'') return fail("single quotes are not valid JSON; use double quotes");
    if (c == '$') return fail("unquoted $VAR");
    return fail("bare word");
  }

  void skip_space() {
    while (pos_ < s_.size() && json_space(s_[pos_])) ++pos_;
  }
  char peek() const { return pos_ < s_.size() ? s_[pos_] : '\0'; }
  bool at_end() const { return pos_ >= s_.size(); }
  std::size_t pos() const { return pos_; }
  void advance() { ++pos_; }

  bool fail(std::string why) {
    if (reason_.empty()) {
      reason_ = std::move(why);
      error_at_ = pos_;
    }
    return false;
  }
  bool fail_eof(std::string why) {
    pos_ = s_.size();
    return fail(std::move(why));
  }
  const std::string& reason() const { return reason_; }
  std::size_t error_at() const { return error_at_; }

 private:
  int u4(std::size_t at) const {
    if (at + 4 > s_.size()) return -1;
    int v = 0;
    for (std::size_t k = 0; k < 4; ++k) {
      const int h = hex_value(s_[at + k]);
      if (h < 0) return -1;
      v = v * 16 + h;
    }
    return v;
  }
  std::string_view s_;
  std::size_t pos_ = 0;
  std::string reason_;
  std::size_t error_at_ = 0;
};

}  // namespace

JsonArrayResult parse_json_array(std::string_view text) {
  JsonArrayResult result;
  const std::size_t start = go::trim_left_space(text);
  if (start >= text.size() || text[start] != '[') return result;
  result.open = start;
  result.status = JsonArrayResult::invalid;

  Scanner sc(text);
  for (std::size_t i = 0; i <= start; ++i) sc.advance();
  // An explicit stack instead of recursion: nesting depth is attacker-controlled.
  std::string stack = "[";
  enum Expect {
    value_or_close,
    value,
    comma_or_close,
    key_or_close,
    key,
    colon
  } expect = value_or_close;
  bool after_comma = false;
  bool non_string = false;
  std::size_t non_string_at = 0;

  for (;;) {
    sc.skip_space();
    if (sc.at_end()) {
      sc.fail_eof(expect == key || expect == key_or_close || expect == colon || stack.back() == '{'
                      ? "unterminated object"
                      : "unterminated array");
      break;
    }
    const char c = sc.peek();
    if (expect == comma_or_close) {
      if (c == ',') {
        sc.advance();
        expect = stack.back() == '[' ? value : key;
        after_comma = true;
        continue;
      }
      if ((c == ']' && stack.back() == '[') || (c == '}' && stack.back() == '{')) {
        sc.advance();
        stack.pop_back();
        if (stack.empty()) {
          result.status = non_string ? JsonArrayResult::not_strings : JsonArrayResult::ok;
          if (non_string) result.error_at = non_string_at;
          if (non_string) result.elements.clear();
          return result;
        }
        continue;
      }
      if (c == '\'' || c == '"' || std::isalnum(static_cast<unsigned char>(c)) || c == '$')
        sc.fail("missing comma between elements");
      else
        sc.fail(std::string("unexpected '") + c + "' after an element");
      break;
    }
    if (expect == colon) {
      if (c != ':') {
        sc.fail("missing ':' in object");
        break;
      }
      sc.advance();
      expect = value;
      continue;
    }
    if (expect == key_or_close || expect == key) {
      if (c == '}' && expect == key_or_close) {
        sc.advance();
        stack.pop_back();
        expect = comma_or_close;
        continue;
      }
      if (c == '}' || c == ']') {
        sc.fail(after_comma ? "trailing comma" : "unexpected close bracket");
        break;
      }
      if (c != '"') {
        c == '\'' ? sc.fail("single quotes are not valid JSON; use double quotes")
                  : sc.fail("object key is not a string");
        break;
      }
      if (!sc.string(nullptr)) break;
      expect = colon;
      after_comma = false;
      continue;
    }
    // A value is expected (or, right after '[', the end of the array).
    if (c == ']' && expect == value_or_close) {
      sc.advance();
      stack.pop_back();
      if (stack.empty()) {
        result.status = non_string ? JsonArrayResult::not_strings : JsonArrayResult::ok;
        if (non_string) result.error_at = non_string_at;
        if (non_string) result.elements.clear();
        return result;
      }
      expect = comma_or_close;
      continue;
    }
    if (c == ']' || c == '}') {
      sc.fail(after_comma ? "trailing comma" : "unexpected close bracket");
      break;
    }
    after_comma = false;
    const bool top = stack.size() == 1;
    const std::size_t vbegin = sc.pos();
    if (c == '"') {
      std::string value_text;
      if (!sc.string(top ? &value_text : nullptr)) break;
      if (top) result.elements.push_back({std::move(value_text), vbegin, sc.pos()});
      expect = comma_or_close;
      continue;
    }
    if (top && !non_string) {
      non_string = true;
      non_string_at = vbegin;
    }
    if (c == '[' || c == '{') {
      if (stack.size() >= kMaxDepth) {
        sc.fail("nested deeper than JSON allows");
        break;
      }
      stack.push_back(c);
      sc.advance();
      expect = c == '[' ? value_or_close : key_or_close;
      continue;
    }
    bool good;
    if (c == '-' || (c >= '0' && c <= '9'))
      good = sc.number();
    else if (c == 't')
      good = sc.literal("true");
    else if (c == 'f')
      good = sc.literal("false");
    else if (c == 'n')
      good = sc.literal("null");
    else
      good = sc.bare_word();
    if (!good) break;
    expect = comma_or_close;
  }
  result.status = JsonArrayResult::invalid;
  result.elements.clear();
  result.reason = sc.reason();
  result.error_at = sc.error_at();
  return result;
}

}  // namespace sagelint::parser
