// `-f gnu`: the GNU compiler message format editors and `grep -n` users read:
//   FILE:LINE:COLUMN: SEVERITY: RULE: MESSAGE
// Findings without a line (images, requests) name their place in brackets:
//   FILE: SEVERITY: RULE: MESSAGE [PATH]
#include "lint/report.hpp"
#include "runtime/printable.hpp"

namespace sagelint::lint {

void write_gnu_report(const LintResults& results, std::ostream& out) {
  for (const auto& r : results) {
    for (const auto& f : r.findings) {
      // A file name or message cannot start a line of its own or carry escape sequences.
      using runtime::printable;
      out << printable(f.target);
      if (f.range) out << ':' << f.range->line << ':' << f.range->column;
      out << ": " << to_string(f.severity) << ": " << f.rule << ": " << printable(f.message)
          << printable(place_suffix(f)) << '\n';
    }
  }
}

}  // namespace sagelint::lint
