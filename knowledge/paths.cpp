#include "knowledge/paths.hpp"

#include <vector>

namespace sagelint::knowledge {

std::string normalize_path(std::string_view path, std::string_view base) {
  std::vector<std::string_view> parts;
  auto push_components = [&parts](std::string_view text) {
    std::size_t i = 0;
    while (i <= text.size()) {
      std::size_t j = text.find('/', i);
      if (j == std::string_view::npos) j = text.size();
      std::string_view part = text.substr(i, j - i);
      if (part.empty() || part == ".") {
      } else if (part == "..") {
        if (!parts.empty()) parts.pop_back();
      } else {
        parts.push_back(part);
      }
      i = j + 1;
    }
  };
  if (path.empty() || path.front() != '/') push_components(base);
  push_components(path);
  std::string out;
  for (auto part : parts) {
    out += '/';
    out += part;
  }
  return out.empty() ? "/" : out;
}

bool is_at_or_under(std::string_view path, std::string_view root) {
  if (root == "/") return !path.empty() && path.front() == '/';
  if (path.size() < root.size() || path.substr(0, root.size()) != root) return false;
  return path.size() == root.size() || path[root.size()] == '/';
}

namespace {

// Matches one character against a `[...]` class starting at pattern[p] == '['.
// Returns the index after the class, or npos when the class is unterminated.
std::size_t match_class(std::string_view pattern, std::size_t p, char c, bool& matched) {
  std::size_t i = p + 1;
  bool negate = i < pattern.size() && (pattern[i] == '!' || pattern[i] == '^');
  if (negate) ++i;
  bool any = false;
  bool first = true;
  while (i < pattern.size() && (first || pattern[i] != ']')) {
    first = false;
    char lo = pattern[i];
    char hi = lo;
    if (i + 2 < pattern.size() && pattern[i + 1] == '-' && pattern[i + 2] != ']') {
      hi = pattern[i + 2];
      i += 2;
    }
    if (c >= lo && c <= hi) any = true;
    ++i;
  }
  if (i >= pattern.size()) return std::string_view::npos;
  matched = any != negate;
  return i + 1;
}

bool glob_at(std::string_view pattern, std::size_t p, std::string_view text, std::size_t t) {
  while (p < pattern.size()) {
    char pc = pattern[p];
    if (pc == '*') {
      bool double_star = p + 1 < pattern.size() && pattern[p + 1] == '*';
      std::size_t next = p + (double_star ? 2 : 1);
      // "/**" at the very end also matches the directory itself.
      if (double_star && next == pattern.size() && t == text.size()) return true;
      if (double_star && next < pattern.size() && pattern[next] == '/') {
        // "**/" may match zero components.
        if (glob_at(pattern, next + 1, text, t)) return true;
      }
      for (std::size_t k = t; k <= text.size(); ++k) {
        if (glob_at(pattern, next, text, k)) return true;
        if (k < text.size() && text[k] == '/' && !double_star) return false;
      }
      return false;
    }
    if (t >= text.size()) {
      // "dir/**" matches "dir" itself.
      return pattern.substr(p) == "/**";
    }
    if (pc == '?') {
      if (text[t] == '/') return false;
    } else if (pc == '[') {
      bool matched = false;
      std::size_t after = match_class(pattern, p, text[t], matched);
      if (after == std::string_view::npos) {
        if (text[t] != '[') return false;
      } else {
        if (!matched || text[t] == '/') return false;
        p = after;
        ++t;
        continue;
      }
    } else if (pc == '\\' && p + 1 < pattern.size()) {
      ++p;
      if (pattern[p] != text[t]) return false;
    } else if (pc != text[t]) {
      return false;
    }
    ++p;
    ++t;
  }
  return t == text.size();
}

}  // namespace

bool glob_match(std::string_view pattern, std::string_view path) {
  return glob_at(pattern, 0, path, 0);
}

std::string_view base_name(std::string_view path) {
  while (path.size() > 1 && path.back() == '/') path.remove_suffix(1);
  auto slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

std::string_view dir_name(std::string_view path) {
  while (path.size() > 1 && path.back() == '/') path.remove_suffix(1);
  auto slash = path.rfind('/');
  if (slash == std::string_view::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

}  // namespace sagelint::knowledge
