// `-f github`: GitHub Actions workflow commands, which the runner turns into
// annotations on the pull request's diff:
//   ::error file=FILE,line=N,col=N,endLine=N,endColumn=N,title=RULE::MESSAGE
#include "lint/report.hpp"
#include "runtime/printable.hpp"

namespace sagelint::lint {
namespace {

// GitHub's escaping (actions/toolkit command.ts): data escapes %, CR and LF;
// property values also ':' and ','. Other control characters (ANSI escapes, which the
// log viewer renders) and bytes that are not UTF-8 are made visible first.
std::string escape_data(std::string_view raw) {
  std::string s = runtime::printable(raw, true);
  std::string out;
  for (char c : s) {
    if (c == '%')
      out += "%25";
    else if (c == '\r')
      out += "%0D";
    else if (c == '\n')
      out += "%0A";
    else
      out += c;
  }
  return out;
}

std::string escape_property(std::string_view s) {
  std::string out;
  for (char c : escape_data(s)) {
    if (c == ':')
      out += "%3A";
    else if (c == ',')
      out += "%2C";
    else
      out += c;
  }
  return out;
}

const char* command_of(Severity s) {
  switch (s) {
    case Severity::error: return "error";
    case Severity::warning: return "warning";
    default: return "notice";
  }
}

}  // namespace

void write_github_report(const LintResults& results, std::ostream& out) {
  for (const auto& r : results) {
    for (const auto& f : r.findings) {
      out << "::" << command_of(f.severity) << " file=" << escape_property(f.target);
      if (f.range) {
        out << ",line=" << f.range->line << ",col=" << f.range->column
            << ",endLine=" << f.range->end_line << ",endColumn=" << f.range->end_column;
      }
      out << ",title=" << escape_property(f.rule)
          << "::" << escape_data(f.message + place_suffix(f)) << '\n';
    }
  }
}

}  // namespace sagelint::lint
