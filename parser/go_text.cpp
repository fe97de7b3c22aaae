#include "parser/go_text.hpp"

namespace sagelint::parser::go {

Rune decode_rune(std::string_view s, std::size_t at) {
  const auto b0 = static_cast<unsigned char>(s[at]);
  if (b0 < 0x80) return {b0, 1};
  auto cont = [&](std::size_t i) -> int {
    if (at + i >= s.size()) return -1;
    const auto b = static_cast<unsigned char>(s[at + i]);
    return (b & 0xC0) == 0x80 ? (b & 0x3F) : -1;
  };
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    const int c1 = cont(1);
    if (c1 < 0) return {kRuneError, 1};
    return {static_cast<char32_t>(((b0 & 0x1F) << 6) | c1), 2};
  }
  if (b0 >= 0xE0 && b0 <= 0xEF) {
    const int c1 = cont(1);
    if (c1 < 0) return {kRuneError, 1};
    if (b0 == 0xE0 && c1 < 0x20) return {kRuneError, 1};   // overlong
    if (b0 == 0xED && c1 >= 0x20) return {kRuneError, 1};  // surrogate
    const int c2 = cont(2);
    if (c2 < 0) return {kRuneError, 1};
    return {static_cast<char32_t>(((b0 & 0x0F) << 12) | (c1 << 6) | c2), 3};
  }
  if (b0 >= 0xF0 && b0 <= 0xF4) {
    const int c1 = cont(1);
    if (c1 < 0) return {kRuneError, 1};
    if (b0 == 0xF0 && c1 < 0x10) return {kRuneError, 1};
    if (b0 == 0xF4 && c1 >= 0x10) return {kRuneError, 1};
    const int c2 = cont(2);
    if (c2 < 0) return {kRuneError, 1};
    const int c3 = cont(3);
    if (c3 < 0) return {kRuneError, 1};
    return {static_cast<char32_t>(((b0 & 0x07) << 18) | (c1 << 12) | (c2 << 6) | c3), 4};
  }
  return {kRuneError, 1};
}

void append_rune(std::string& out, char32_t r) {
  if (r > 0x10FFFF || (r >= 0xD800 && r <= 0xDFFF)) r = kRuneError;
  if (r < 0x80) {
    out.push_back(static_cast<char>(r));
  } else if (r < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (r >> 6)));
    out.push_back(static_cast<char>(0x80 | (r & 0x3F)));
  } else if (r < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (r >> 12)));
    out.push_back(static_cast<char>(0x80 | ((r >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (r & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (r >> 18)));
    out.push_back(static_cast<char>(0x80 | ((r >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((r >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (r & 0x3F)));
  }
}

bool is_space(char32_t r) {
  if (r < 0x100) return r == ' ' || (r >= '\t' && r <= '\r') || r == 0x85 || r == 0xA0;
  return r == 0x1680 || (r >= 0x2000 && r <= 0x200A) || r == 0x2028 || r == 0x2029 || r == 0x202F ||
         r == 0x205F || r == 0x3000;
}

bool is_digit(char32_t r) {
  if (r < 0x80) return r >= '0' && r <= '9';
  // The decimal-digit blocks that occur in practice (Arabic-Indic, Devanagari, fullwidth).
  return (r >= 0x0660 && r <= 0x0669) || (r >= 0x06F0 && r <= 0x06F9) ||
         (r >= 0x0966 && r <= 0x096F) || (r >= 0xFF10 && r <= 0xFF19);
}

bool is_letter(char32_t r) {
  if (r < 0x80) return (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z');
  if (r < 0xC0) return r == 0xAA || r == 0xB5 || r == 0xBA;
  if (r == 0xD7 || r == 0xF7) return false;
  if (r == kRuneError || is_space(r) || is_digit(r)) return false;
  if (r >= 0x2000 && r <= 0x2BFF) return false;    // punctuation, symbols, arrows, boxes
  if (r >= 0x3000 && r <= 0x303F) return false;    // CJK punctuation
  if (r >= 0xE000 && r <= 0xF8FF) return false;    // private use
  if (r >= 0xFE00 && r <= 0xFE0F) return false;    // variation selectors
  if (r >= 0x1F000 && r <= 0x1FAFF) return false;  // emoji and symbols
  if (r >= 0x0300 && r <= 0x036F) return false;    // combining marks
  return true;
}

std::size_t trim_left_space(std::string_view s, std::size_t begin) {
  while (begin < s.size()) {
    const Rune r = decode_rune(s, begin);
    if (!is_space(r.value) || (r.value == kRuneError)) break;
    begin += r.width;
  }
  return begin;
}

std::size_t trim_right_space(std::string_view s, std::size_t begin, std::size_t end) {
  // Backwards, rune by rune, as utf8.DecodeLastRuneInString does: a byte sequence that
  // does not decode to exactly the bytes up to `end` is one invalid byte (not a space).
  while (end > begin) {
    const auto last = static_cast<unsigned char>(s[end - 1]);
    if (last < 0x80) {
      if (!is_space(last)) break;
      --end;
      continue;
    }
    std::size_t start = end - 1;
    const std::size_t lim = end - begin >= 4 ? end - 4 : begin;
    while (start > lim && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) --start;
    const Rune r = decode_rune(s.substr(0, end), start);
    if (start + r.width != end || !is_space(r.value)) break;
    end = start;
  }
  return end;
}

std::string_view trim_space(std::string_view s) {
  const std::size_t b = trim_left_space(s);
  const std::size_t e = trim_right_space(s, b, s.size());
  return s.substr(b, e - b);
}

namespace {

// strconv.IsPrint: letters, marks, numbers, punctuation, symbols and U+0020. Exact for
// ASCII and Latin-1; beyond that, the well-known non-printing code points are excluded.
bool is_print(char32_t r) {
  if (r < 0x20 || r == 0x7F) return false;
  if (r < 0x7F) return true;
  if (r < 0xA0) return false;  // C1 controls
  if (r == 0xA0 || r == 0xAD) return false;
  if (is_space(r)) return false;
  if ((r >= 0x0600 && r <= 0x0605) || r == 0x061C || r == 0x06DD || r == 0x070F || r == 0x180E)
    return false;
  if ((r >= 0x200B && r <= 0x200F) || (r >= 0x202A && r <= 0x202E) || (r >= 0x2060 && r <= 0x206F))
    return false;
  if (r >= 0xD800 && r <= 0xF8FF) return false;  // surrogates, private use
  if (r == 0xFEFF || (r >= 0xFFF0 && r <= 0xFFFB) || r == 0xFFFE || r == 0xFFFF) return false;
  if (r >= 0xE0000) return false;            // tags, private use planes
  if ((r & 0xFFFE) == 0xFFFE) return false;  // non-characters
  return r <= 0x10FFFF;
}

const char* kHex = "0123456789abcdef";

}  // namespace

std::string quote(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 2);
  out.push_back('"');
  for (std::size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {
      ++i;
      switch (b) {
        case '"': out += "\\\""; continue;
        case '\\': out += "\\\\"; continue;
        case '\a': out += "\\a"; continue;
        case '\b': out += "\\b"; continue;
        case '\f': out += "\\f"; continue;
        case '\n': out += "\\n"; continue;
        case '\r': out += "\\r"; continue;
        case '\t': out += "\\t"; continue;
        case '\v': out += "\\v"; continue;
        default: break;
      }
      if (b < 0x20 || b == 0x7F) {
        out += "\\x";
        out.push_back(kHex[b >> 4]);
        out.push_back(kHex[b & 15]);
      } else {
        out.push_back(static_cast<char>(b));
      }
      continue;
    }
    const Rune r = decode_rune(s, i);
    if (r.value == kRuneError && r.width == 1) {
      out += "\\x";
      out.push_back(kHex[b >> 4]);
      out.push_back(kHex[b & 15]);
      ++i;
      continue;
    }
    if (is_print(r.value)) {
      out.append(s.substr(i, r.width));
    } else if (r.value < 0x10000) {
      out += "\\u";
      for (int sh = 12; sh >= 0; sh -= 4) out.push_back(kHex[(r.value >> sh) & 15]);
    } else {
      out += "\\U";
      for (int sh = 28; sh >= 0; sh -= 4) out.push_back(kHex[(r.value >> sh) & 15]);
    }
    i += r.width;
  }
  out.push_back('"');
  return out;
}

std::string to_lower(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {
      out.push_back(static_cast<char>(b >= 'A' && b <= 'Z' ? b + 32 : b));
      ++i;
      continue;
    }
    const Rune r = decode_rune(s, i);
    if (r.value == kRuneError && r.width == 1) {
      out += "\xEF\xBF\xBD";  // Go's ToLower rewrites invalid bytes as U+FFFD
    } else if (r.value >= 0xC0 && r.value <= 0xDE && r.value != 0xD7) {
      append_rune(out, r.value + 0x20);
    } else if (r.value == 0x212A) {
      out.push_back('k');
    } else {
      out.append(s.substr(i, r.width));
    }
    i += r.width;
  }
  return out;
}

}  // namespace sagelint::parser::go
