// `-f checkstyle`: Checkstyle's XML, read by Jenkins (warnings-ng), reviewdog and
// many CI dashboards. One <file> per target, also for clean ones, so a dashboard
// sees that the file was checked.
#include "lint/report.hpp"

namespace sagelint::lint {
namespace {

const char* checkstyle_severity(Severity s) {
  switch (s) {
    case Severity::error: return "error";
    case Severity::warning: return "warning";
    default: return "info";
  }
}

}  // namespace

void write_checkstyle_report(const LintResults& results, std::ostream& out) {
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n";
  for (const auto& r : results) {
    out << "  <file name=\"" << xml_escape(r.target) << "\">\n";
    if (r.error) {
      out << "    <error line=\"1\" severity=\"error\" message=\""
          << xml_escape("cannot lint: " + *r.error) << "\" source=\"sagelint\"/>\n";
    }
    for (const auto& f : r.findings) {
      std::string message = f.message + place_suffix(f);
      out << "    <error line=\"" << (f.range ? f.range->line : 1) << '"';
      if (f.range) out << " column=\"" << f.range->column << '"';
      out << " severity=\"" << checkstyle_severity(f.severity) << "\" message=\""
          << xml_escape(message) << "\" source=\"" << xml_escape(f.rule) << "\"/>\n";
    }
    out << "  </file>\n";
  }
  out << "</checkstyle>\n";
}

}  // namespace sagelint::lint
