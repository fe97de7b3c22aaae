#include "registry/www_authenticate.hpp"

#include <cctype>

namespace sagelint::registry {

namespace {

constexpr std::size_t kMaxChallenges = 16;
constexpr std::size_t kMaxParams = 32;

bool is_token_char(char c) {
  static const std::string extra = "!#$%&'*+-.^_`|~";
  return std::isalnum(static_cast<unsigned char>(c)) || extra.find(c) != std::string::npos;
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

struct Cursor {
  const std::string& s;
  std::size_t i = 0;
  bool end() const { return i >= s.size(); }
  void spaces() {
    while (!end() && (s[i] == ' ' || s[i] == '\t')) ++i;
  }
  std::string token() {
    std::size_t b = i;
    while (!end() && is_token_char(s[i])) ++i;
    return s.substr(b, i - b);
  }
  // A quoted-string, with backslash escapes; an unterminated one runs to the end.
  std::string quoted() {
    std::string out;
    ++i;
    while (!end() && s[i] != '"') {
      if (s[i] == '\\' && i + 1 < s.size()) ++i;
      out += s[i++];
    }
    if (!end()) ++i;
    return out;
  }
};

}  // namespace

std::string Challenge::param(const std::string& name) const {
  auto it = params.find(name);
  return it == params.end() ? "" : it->second;
}

std::vector<Challenge> parse_www_authenticate(const std::string& value) {
  std::vector<Challenge> out;
  Cursor c{value};
  while (!c.end() && out.size() < kMaxChallenges) {
    c.spaces();
    while (!c.end() && (c.s[c.i] == ',' || c.s[c.i] == ' ')) ++c.i;
    std::string scheme = c.token();
    if (scheme.empty()) {
      if (!c.end()) ++c.i;  // not a token: skip the character and go on
      continue;
    }
    Challenge ch;
    ch.scheme = lower(scheme);
    // auth-params: name = value pairs separated by commas, until the next scheme
    // (a token followed by a space and not by '=').
    for (;;) {
      c.spaces();
      std::size_t mark = c.i;
      std::string name = c.token();
      c.spaces();
      if (name.empty() || c.end() || c.s[c.i] != '=') {
        c.i = mark;  // the next challenge's scheme (token68 forms are not used by registries)
        break;
      }
      ++c.i;  // '='
      c.spaces();
      std::string v = (!c.end() && c.s[c.i] == '"') ? c.quoted() : c.token();
      if (ch.params.size() < kMaxParams) ch.params.emplace(lower(name), v);
      c.spaces();
      if (!c.end() && c.s[c.i] == ',') {
        ++c.i;
        continue;
      }
      break;
    }
    out.push_back(std::move(ch));
  }
  return out;
}

}  // namespace sagelint::registry
