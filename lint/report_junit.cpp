// `-f junit`: JUnit XML, which every CI shows as a test report. One testsuite per
// target and one testcase per finding; a clean target gets one passing testcase,
// so it shows up as checked; an unreadable target one testcase with an <error>.
#include "lint/report.hpp"

namespace sagelint::lint {

void write_junit_report(const LintResults& results, std::ostream& out) {
  std::size_t tests = 0, failures = 0, errors = 0;
  for (const auto& r : results) {
    tests += r.findings.empty() ? 1 : r.findings.size();
    failures += r.findings.size();
    errors += r.error ? 1 : 0;
  }
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      << "<testsuites name=\"sagelint\" tests=\"" << tests << "\" failures=\"" << failures
      << "\" errors=\"" << errors << "\">\n";
  for (const auto& r : results) {
    const std::string name = xml_escape(r.target);
    out << "  <testsuite name=\"" << name << "\" tests=\""
        << (r.findings.empty() ? 1 : r.findings.size()) << "\" failures=\"" << r.findings.size()
        << "\" errors=\"" << (r.error ? 1 : 0) << "\">\n";
    if (r.error) {
      out << "    <testcase name=\"read " << name << "\" classname=\"" << name << "\">\n"
          << "      <error message=\"" << xml_escape(*r.error) << "\"/>\n"
          << "    </testcase>\n";
    } else if (r.findings.empty()) {
      out << "    <testcase name=\"sagelint\" classname=\"" << name << "\"/>\n";
    }
    for (const auto& f : r.findings) {
      std::string place = finding_place(f);
      std::string test_name = f.rule + (place.empty() ? "" : " " + place);
      std::string text = f.target + (f.range ? ":" + place : "") + ": " +
                         std::string(to_string(f.severity)) + ": " + f.rule + ": " + f.message +
                         place_suffix(f);
      out << "    <testcase name=\"" << xml_escape(test_name) << "\" classname=\"" << name
          << "\">\n"
          << "      <failure message=\"" << xml_escape(f.message) << "\" type=\""
          << to_string(f.severity) << "\">" << xml_escape(text) << "</failure>\n"
          << "    </testcase>\n";
    }
    out << "  </testsuite>\n";
  }
  out << "</testsuites>\n";
}

}  // namespace sagelint::lint
