#include "lint/report.hpp"

#include <array>
#include <cstdint>
#include <utility>

#include "lint/options.hpp"

namespace sagelint::lint {
namespace {

constexpr std::array<std::pair<std::string_view, ReportFormat>, 9> kFormats{{
    {"tty", ReportFormat::tty},
    {"json", ReportFormat::json},
    {"sarif", ReportFormat::sarif},
    {"gnu", ReportFormat::gnu},
    {"github", ReportFormat::github},
    {"checkstyle", ReportFormat::checkstyle},
    {"gitlab", ReportFormat::gitlab},
    {"junit", ReportFormat::junit},
    {"html", ReportFormat::html},
}};

}  // namespace

std::optional<ReportFormat> report_format_from_string(std::string_view name) {
  for (const auto& [n, f] : kFormats)
    if (n == name) return f;
  return std::nullopt;
}

std::string_view report_format_names() {
  return "tty, json, sarif, gnu, github, checkstyle, gitlab, junit, html";
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
    case ReportFormat::html: write_html_report(results, out); break;
  }
}

std::string xml_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    auto c = static_cast<unsigned char>(text[i]);
    switch (c) {
      case '&':
        out += "&amp;";
        ++i;
        continue;
      case '<':
        out += "&lt;";
        ++i;
        continue;
      case '>':
        out += "&gt;";
        ++i;
        continue;
      case '"':
        out += "&quot;";
        ++i;
        continue;
      case '\'':
        out += "&apos;";
        ++i;
        continue;
      case '\t':
        out += "&#9;";
        ++i;
        continue;
      case '\n':
        out += "&#10;";
        ++i;
        continue;
      case '\r':
        out += "&#13;";
        ++i;
        continue;
      default: break;
    }
    // XML 1.0 cannot carry other control characters, not even as references, nor bytes
    // that are not UTF-8, nor U+FFFE/U+FFFF: each becomes U+FFFD.
    std::size_t len = c < 0x80             ? 1
                      : (c & 0xE0) == 0xC0 ? 2
                      : (c & 0xF0) == 0xE0 ? 3
                      : (c & 0xF8) == 0xF0 ? 4
                                           : 0;
    bool ok = len > 0 && i + len <= text.size();
    std::uint32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
    for (std::size_t k = 1; ok && k < len; ++k) {
      auto cc = static_cast<unsigned char>(text[i + k]);
      ok = (cc & 0xC0) == 0x80;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if (ok && ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
               cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) || cp == 0xFFFE || cp == 0xFFFF ||
               cp < 0x20 || cp == 0x7F))
      ok = false;
    if (!ok) {
      out += "\xEF\xBF\xBD";
      ++i;
      continue;
    }
    out.append(text.substr(i, len));
    i += len;
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
