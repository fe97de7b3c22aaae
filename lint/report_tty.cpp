// `-f tty` (the default): for people at a terminal. Findings grouped per target,
// like hadolint, one line each:
//   path/Dockerfile:7:1 SMP001 error: message
// Colour only when asked for (stdout is a terminal and NO_COLOR is unset).
#include "lint/report.hpp"
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

}  // namespace

void write_tty_report(const LintResults& results, std::ostream& out, TtyStyle style) {
  const char* reset = style.color ? "\033[0m" : "";
  const char* bold = style.color ? "\033[1m" : "";
  bool first_group = true;
  for (const auto& r : results) {
    if (r.findings.empty()) continue;
    if (!first_group) out << '\n';
    first_group = false;
    for (const auto& f : r.findings) {
      using runtime::printable;  // no escape sequence of the input reaches the terminal
      out << bold << printable(f.target);
      if (f.range) out << ':' << f.range->line << ':' << f.range->column;
      out << reset << ' ' << f.rule << ' ' << (style.color ? colour_of(f.severity) : "")
          << to_string(f.severity) << reset << ": " << printable(f.message);
      if (f.path) {
        out << " [" << printable(*f.path);
        if (f.layer) out << ", layer " << *f.layer;
        out << ']';
      } else if (f.pointer && !f.pointer->empty()) {
        out << " [" << printable(*f.pointer) << ']';
      }
      out << '\n';
    }
  }
}

}  // namespace sagelint::lint
