#pragma once
// Byte and rune helpers that behave like the Go standard library functions BuildKit's
// parser calls (unicode.IsSpace, strings.TrimSpace, utf8.DecodeRune, strconv.Quote,
// strings.ToLower). Matching Go here is what keeps the parser byte-exact with BuildKit
// on odd input (NBSP, invalid UTF-8, control bytes).
#include <cstddef>
#include <string>
#include <string_view>

namespace sagelint::parser::go {

inline constexpr char32_t kRuneError = 0xFFFD;

struct Rune {
  char32_t value;
  std::size_t width;  // bytes consumed; 1 for an invalid byte (value == kRuneError)
};

// utf8.DecodeRuneInString; `at` must be < s.size().
Rune decode_rune(std::string_view s, std::size_t at);
void append_rune(std::string& out, char32_t r);  // utf8.EncodeRune (invalid -> U+FFFD)

bool is_space(char32_t r);  // unicode.IsSpace
// unicode.IsSpace(rune(b)) on a single byte, as BuildKit's byte loops do it
// (so 0x85 and 0xA0 count as space there).
inline bool is_space_byte(unsigned char b) {
  return b == ' ' || (b >= '\t' && b <= '\r') || b == 0x85 || b == 0xA0;
}
// The regexp class [\t\v\f\r ] (BuildKit's reWhitespace).
inline bool is_ascii_blank(char c) {
  return c == ' ' || c == '\t' || c == '\v' || c == '\f' || c == '\r';
}
bool is_letter(char32_t r);  // unicode.IsLetter (exact for ASCII, approximate beyond)
bool is_digit(char32_t r);   // unicode.IsDigit (ASCII and common decimal blocks)

// Offsets of strings.TrimSpace / TrimLeftFunc(IsSpace): [begin, end) of the kept part.
std::size_t trim_left_space(std::string_view s, std::size_t begin = 0);
std::size_t trim_right_space(std::string_view s, std::size_t begin, std::size_t end);
std::string_view trim_space(std::string_view s);

std::string quote(std::string_view s);     // strconv.Quote
std::string to_lower(std::string_view s);  // strings.ToLower (ASCII, Latin-1, Kelvin sign)

}  // namespace sagelint::parser::go
