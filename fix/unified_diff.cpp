#include "fix/unified_diff.hpp"

#include <algorithm>
#include <vector>

namespace sagelint::fix {
namespace {

// Lines with their terminators.
std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> out;
  std::size_t b = 0;
  while (b < text.size()) {
    std::size_t e = text.find('\n', b);
    e = e == std::string_view::npos ? text.size() : e + 1;
    out.push_back(text.substr(b, e - b));
    b = e;
  }
  return out;
}

struct Change {
  std::size_t old_begin, old_end, new_begin, new_end;
};

void put_line(std::string& out, char mark, std::string_view line) {
  out += mark;
  out.append(line);
  if (line.empty() || line.back() != '\n') out += "\n\\ No newline at end of file\n";
}

std::string range(std::size_t begin, std::size_t count) {
  // diff -u names an empty range by the line before it.
  return std::to_string(count == 0 ? begin : begin + 1) + "," + std::to_string(count);
}

}  // namespace

std::string unified_diff(std::string_view old_text, std::string_view new_text,
                         const std::string& name) {
  if (old_text == new_text) return "";
  const auto a = split_lines(old_text);
  const auto b = split_lines(new_text);
  std::vector<Change> changes;
  if (a.size() == b.size()) {
    // --fix keeps every line where it was: compare line by line.
    for (std::size_t i = 0; i < a.size(); ++i) {
      if (a[i] == b[i]) continue;
      if (!changes.empty() && changes.back().old_end == i) {
        ++changes.back().old_end;
        ++changes.back().new_end;
      } else {
        changes.push_back({i, i + 1, i, i + 1});
      }
    }
  } else {
    std::size_t p = 0;
    while (p < a.size() && p < b.size() && a[p] == b[p]) ++p;
    std::size_t s = 0;
    while (s < a.size() - p && s < b.size() - p && a[a.size() - 1 - s] == b[b.size() - 1 - s]) ++s;
    changes.push_back({p, a.size() - s, p, b.size() - s});
  }

  constexpr std::size_t kContext = 3;
  std::string out = "--- " + name + "\n+++ " + name + "\n";
  for (std::size_t c = 0; c < changes.size();) {
    // Changes closer than twice the context share a hunk.
    std::size_t last = c;
    while (last + 1 < changes.size() &&
           changes[last + 1].old_begin - changes[last].old_end <= 2 * kContext)
      ++last;
    const std::size_t ob = changes[c].old_begin - std::min(kContext, changes[c].old_begin);
    const std::size_t nb = changes[c].new_begin - (changes[c].old_begin - ob);
    const std::size_t oe = std::min(a.size(), changes[last].old_end + kContext);
    const std::size_t ne = changes[last].new_end + (oe - changes[last].old_end);
    out += "@@ -" + range(ob, oe - ob) + " +" + range(nb, ne - nb) + " @@\n";
    std::size_t i = ob;
    for (std::size_t k = c; k <= last; ++k) {
      for (; i < changes[k].old_begin; ++i) put_line(out, ' ', a[i]);
      for (std::size_t j = changes[k].old_begin; j < changes[k].old_end; ++j)
        put_line(out, '-', a[j]);
      for (std::size_t j = changes[k].new_begin; j < changes[k].new_end; ++j)
        put_line(out, '+', b[j]);
      i = changes[k].old_end;
    }
    for (; i < oe; ++i) put_line(out, ' ', a[i]);
    c = last + 1;
  }
  return out;
}

}  // namespace sagelint::fix
