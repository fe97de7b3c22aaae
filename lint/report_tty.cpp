// `-f tty` (the default): for people at a terminal. Findings grouped per target, each
// with the source line(s) it points at, the exact range underlined (as ruff and rustc
// do), and the rule's one-line fix; image findings with their path, layer and the
// history entry that created them. A summary closes the report. Colour only when asked
// for (a terminal, NO_COLOR unset). `-f gnu` is the terse one-line form.
//   path/Dockerfile:7:12 SMP001 error: message
//      |
//    7 | ENTRYPOINT python run.py
//      |            ^^^^^^^^^^^^^
//      = fix: Write the ENTRYPOINT as a JSON array of strings (exec form). ...
#include <algorithm>
#include <map>
#include <vector>

#include "lint/report.hpp"
#include "rules/rule.hpp"
#include "runtime/printable.hpp"

namespace sagelint::lint {
namespace {

const char* colour_of(Severity s) {
  switch (s) {
    case Severity::error: return "\033[1;31m";
    case Severity::warning: return "\033[1;33m";
    case Severity::info: return "\033[1;36m";
    case Severity::style: return "\033[1;35m";
    case Severity::none: break;
  }
  return "";
}

constexpr int kTabWidth = 4;
constexpr int kMaxColumns = 120;  // of a source line shown
constexpr int kMaxLines = 6;      // of a multi-line range shown

// Display width of a code point in a terminal: 0 for combining marks, 2 for East Asian
// wide and emoji, else 1.
int width_of(char32_t c) {
  if ((c >= 0x0300 && c <= 0x036F) || (c >= 0x200B && c <= 0x200F) || c == 0xFEFF) return 0;
  if ((c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF) ||
      (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
      (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
      (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x1F300 && c <= 0x1F64F) ||
      (c >= 0x1F900 && c <= 0x1F9FF) || (c >= 0x20000 && c <= 0x3FFFD))
    return 2;
  return 1;
}

// One source line as shown: each cell is what is printed and the byte column (1-based)
// it comes from. Tabs become spaces, control bytes `?`, invalid UTF-8 `?`.
struct Cell {
  std::string text;
  int width = 1;
  int column = 1;  // first byte's column
};

std::vector<Cell> cells_of(std::string_view line) {
  std::vector<Cell> out;
  std::size_t i = 0;
  while (i < line.size()) {
    const auto b = static_cast<unsigned char>(line[i]);
    const int column = static_cast<int>(i) + 1;
    if (b == '\t') {
      out.push_back({std::string(kTabWidth, ' '), kTabWidth, column});
      ++i;
      continue;
    }
    if (b < 0x20 || b == 0x7f) {
      out.push_back({"?", 1, column});
      ++i;
      continue;
    }
    if (b < 0x80) {
      out.push_back({std::string(1, line[i]), 1, column});
      ++i;
      continue;
    }
    const std::size_t n = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
    char32_t c = n == 4 ? b & 0x07 : n == 3 ? b & 0x0F : b & 0x1F;
    bool ok = n > 1 && i + n <= line.size();
    for (std::size_t k = 1; ok && k < n; ++k) {
      const auto cb = static_cast<unsigned char>(line[i + k]);
      if ((cb & 0xC0) != 0x80) ok = false;
      c = (c << 6) | (cb & 0x3F);
    }
    if (!ok) {
      out.push_back({"?", 1, column});
      ++i;
      continue;
    }
    out.push_back({std::string(line.substr(i, n)), width_of(c), column});
    i += n;
  }
  return out;
}

std::vector<std::string_view> lines_of(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  std::vector<std::string_view> out;
  std::size_t b = 0;
  while (b < text.size()) {
    std::size_t e = text.find('\n', b);
    if (e == std::string_view::npos) e = text.size();
    std::string_view line = text.substr(b, e - b);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    out.push_back(line);
    b = e + 1;
  }
  return out;
}

struct Paint {
  const char* on = "";
  const char* off = "";
};

// Prints `line` with carets under byte columns [from, to) (to = 0: to its end).
void show_line(std::ostream& out, int number, std::string_view line, int from, int to, int gutter,
               const Paint& blue, const Paint& mark) {
  auto cells = cells_of(line);
  if (to <= 0) to = static_cast<int>(line.size()) + 1;
  // A long line is cut to a window that holds the start of the range.
  std::size_t first = 0;
  int shown = 0;
  for (std::size_t k = 0; k < cells.size() && cells[k].column < from; ++k) shown += cells[k].width;
  if (shown > kMaxColumns / 2) {
    int skip = shown - kMaxColumns / 4;
    while (first < cells.size() && skip > 0) skip -= cells[first++].width;
  }
  std::string text, carets;
  int width = 0;
  const bool cut_left = first > 0;
  if (cut_left) {
    text = "...";
    carets = "   ";
    width = 3;
  }
  bool cut_right = false;
  for (std::size_t k = first; k < cells.size(); ++k) {
    if (width + cells[k].width > kMaxColumns) {
      cut_right = true;
      break;
    }
    text += cells[k].text;
    const bool in = cells[k].column >= from && cells[k].column < to;
    carets += std::string(static_cast<std::size_t>(cells[k].width), in ? '^' : ' ');
    width += cells[k].width;
  }
  if (cut_right) text += "...";
  // An empty range (an insertion point) still gets one caret.
  if (carets.find('^') == std::string::npos) carets += '^';
  while (!carets.empty() && carets.back() == ' ') carets.pop_back();
  std::string num = std::to_string(number);
  out << blue.on << std::string(static_cast<std::size_t>(gutter) - num.size(), ' ') << num << " |"
      << blue.off << ' ' << text << '\n';
  const std::size_t lead = carets.find_first_not_of(' ');
  out << blue.on << std::string(static_cast<std::size_t>(gutter), ' ') << " |" << blue.off << ' '
      << carets.substr(0, lead) << mark.on << carets.substr(lead) << mark.off << '\n';
}

void show_source(std::ostream& out, const Finding& f, const std::vector<std::string_view>& lines,
                 const Paint& blue, const Paint& mark) {
  const SourceRange& r = *f.range;
  if (r.line < 1 || r.line > static_cast<int>(lines.size())) return;
  const int last = std::clamp(r.end_line, r.line, static_cast<int>(lines.size()));
  const int gutter = static_cast<int>(std::to_string(last).size());
  out << blue.on << std::string(static_cast<std::size_t>(gutter), ' ') << " |" << blue.off << '\n';
  for (int l = r.line; l <= last; ++l) {
    if (l - r.line == kMaxLines - 1 && l < last) {
      out << blue.on << std::string(static_cast<std::size_t>(gutter), ' ') << " :" << blue.off
          << '\n';
      l = last;
    }
    const int from = l == r.line ? r.column : 1;
    const int to = l == last ? r.end_column : 0;
    show_line(out, l, lines[static_cast<std::size_t>(l - 1)], from, to, gutter, blue, mark);
  }
}

std::string plural(int n, const std::string& word) {
  const bool mass = word == "info" || word == "style";  // "2 info", not "2 infos"
  return std::to_string(n) + " " + word + (n == 1 || mass ? "" : "s");
}

}  // namespace

void write_tty_report(const LintResults& results, std::ostream& out, TtyStyle style) {
  const char* reset = style.color ? "\033[0m" : "";
  const char* bold = style.color ? "\033[1m" : "";
  const Paint blue{style.color ? "\033[1;34m" : "", reset};
  bool first_group = true;
  std::map<Severity, int> total;
  int fixable = 0, files_with_findings = 0;
  std::vector<std::string> per_file;
  for (const auto& r : results) {
    if (r.findings.empty()) continue;
    if (!first_group) out << '\n';
    first_group = false;
    ++files_with_findings;
    fixable += r.fixable;
    const auto lines = lines_of(r.source);
    std::map<Severity, int> here;
    for (const auto& f : r.findings) {
      using runtime::printable;  // no escape sequence of the input reaches the terminal
      ++here[f.severity];
      ++total[f.severity];
      const Paint mark{style.color ? colour_of(f.severity) : "", reset};
      out << bold << printable(f.target);
      if (f.range) out << ':' << f.range->line << ':' << f.range->column;
      out << reset << ' ' << f.rule << ' ' << mark.on << to_string(f.severity) << reset << ": "
          << printable(f.message);
      if (f.path) {
        out << " [" << printable(*f.path);
        if (f.layer) out << ", layer " << *f.layer;
        out << ']';
      } else if (f.pointer && !f.pointer->empty()) {
        out << " [" << printable(*f.pointer) << ']';
      }
      out << '\n';
      if (f.range && !lines.empty()) show_source(out, f, lines, blue, mark);
      const std::string pad = "   ";
      if (f.path) {
        out << pad << blue.on << '=' << blue.off << " path: " << printable(*f.path);
        if (f.layer) out << " (layer " << *f.layer << ')';
        out << '\n';
        if (f.created_by) {
          auto shown = cells_of(*f.created_by);
          std::string text;
          int width = 0;
          for (const auto& c : shown) {
            if (width + c.width > kMaxColumns) {
              text += "...";
              break;
            }
            text += c.text;
            width += c.width;
          }
          out << pad << blue.on << '=' << blue.off << " created by: " << text << '\n';
        }
      }
      if (const rules::Rule* rule = rules::find_rule(f.rule); rule && !rule->info().fix.empty())
        out << pad << blue.on << '=' << blue.off << " fix: " << rule->info().fix << '\n';
    }
    std::string counts;
    for (const auto& [sev, n] : here)
      counts += (counts.empty() ? "" : ", ") + plural(n, std::string(to_string(sev)));
    per_file.push_back(runtime::printable(r.target) + ": " + counts);
  }
  if (files_with_findings == 0) return;
  out << '\n';
  for (const auto& line : per_file) out << line << '\n';
  std::string counts;
  for (const auto& [sev, n] : total)
    counts += (counts.empty() ? "" : ", ") + plural(n, std::string(to_string(sev)));
  out << bold << "Found " << counts << " in " << plural(files_with_findings, "target") << reset
      << '\n';
  if (fixable > 0)
    out << plural(fixable, "finding") << " can be fixed with `sagelint lint --fix`.\n";
  out << "To accept a finding: `# sagelint ignore=RULE -- reason` above the instruction, "
         "`--ignore RULE`, or a baseline (`--write-baseline FILE`, then `--baseline FILE`).\n";
}

}  // namespace sagelint::lint
