#include "lint/report.hpp"

#include <array>
#include <utility>

#include "lint/options.hpp"

namespace sagelint::lint {
namespace {

constexpr std::array<std::pair<std::string_view, ReportFormat>, 8> kFormats{{
    {"tty", ReportFormat::tty},
    {"json", ReportFormat::json},
    {"sarif", ReportFormat::sarif},
    {"gnu", ReportFormat::gnu},
    {"github", ReportFormat::github},
    {"checkstyle", ReportFormat::checkstyle},
    {"gitlab", ReportFormat::gitlab},
    {"junit", ReportFormat::junit},
}};

}  // namespace

std::optional<ReportFormat> report_format_from_string(std::string_view name) {
  for (const auto& [n, f] : kFormats)
    if (n == name) return f;
  return std::nullopt;
}

std::string_view report_format_names() {
  return "tty, json, sarif, gnu, github, checkstyle, gitlab, junit";
}

std::optional<OutputSpec> parse_output_spec(const std::string& text) {
  OutputSpec spec;
  auto eq = text.find('=');
  spec.format = text.substr(0, eq);
  if (eq != std::string::npos) {
    spec.path = text.substr(eq + 1);
    if (spec.path.empty()) return std::nullopt;
  }
  if (!report_format_from_string(spec.format)) return std::nullopt;
  return spec;
}

void write_report(ReportFormat format, const LintResults& results, std::ostream& out,
                  TtyStyle tty_style, const SarifSettings& sarif) {
  switch (format) {
    case ReportFormat::tty: write_tty_report(results, out, tty_style); break;
    case ReportFormat::json: write_json_report(results, out); break;
    case ReportFormat::sarif: write_sarif_report(results, out, sarif); break;
    case ReportFormat::gnu: write_gnu_report(results, out); break;
    case ReportFormat::github: write_github_report(results, out); break;
    case ReportFormat::checkstyle: write_checkstyle_report(results, out); break;
    case ReportFormat::gitlab: write_gitlab_report(results, out); break;
    case ReportFormat::junit: write_junit_report(results, out); break;
  }
}

std::string xml_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (unsigned char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      case '\t': out += "&#9;"; break;
      case '\n': out += "&#10;"; break;
      case '\r': out += "&#13;"; break;
      default:
        // XML 1.0 cannot carry other control characters, not even as references.
        if (c < 0x20 || c == 0x7f)
          out += "\xEF\xBF\xBD";
        else
          out += static_cast<char>(c);
    }
  }
  return out;
}

std::string finding_place(const Finding& f) {
  if (f.range) return std::to_string(f.range->line) + ":" + std::to_string(f.range->column);
  if (f.path) return *f.path;
  if (f.pointer) return *f.pointer;
  return "";
}

std::string place_suffix(const Finding& f) {
  if (f.path) return " [" + *f.path + "]";
  if (f.pointer && !f.pointer->empty()) return " [" + *f.pointer + "]";
  return "";
}

}  // namespace sagelint::lint
