#pragma once
// The report formats. Every format is written from the same LintResults, so a run
// with several `-f` options reports exactly the same findings in each.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "rules/finding.hpp"

namespace sagelint::lint {

// What was read of an image target: the digest it resolved to and its layers.
struct ImageSummary {
  std::string digest;        // the image manifest read ("" when the shape has none)
  std::string index_digest;  // the index it was chosen from, when there was one
  std::string config_digest;
  struct Layer {
    std::string digest;
    uint64_t size = 0;
    bool read = false;
    std::string created_by;  // the layer's history created_by, "" when unknown
  };
  std::vector<Layer> layers;
  uint64_t bytes_read = 0;  // from the archive, registry or engine
  // How many leading layers come from the base image, judged from the history
  // (image/base_layers.hpp); nullopt when the history does not tell.
  std::optional<std::size_t> base_layers;
};

// One target as it was linted: its findings (sorted by place), or why it could not
// be read.
struct TargetResult {
  std::string target;
  TargetKind kind = TargetKind::dockerfile;
  std::optional<std::string> error;  // set when the target could not be read or parsed
  std::vector<Finding> findings;
  Severity failure_threshold = Severity::warning;
  std::string source;                 // Dockerfile text, for the tty report's source lines
  int fixable = 0;                    // findings that --fix would fix (counted by lint_command)
  std::optional<ImageSummary> image;  // image targets that were read
};

using LintResults = std::vector<TargetResult>;

enum class ReportFormat { tty, json, sarif, gnu, github, checkstyle, gitlab, junit, html };

std::optional<ReportFormat> report_format_from_string(std::string_view name);
std::string_view report_format_names();  // "tty, json, ..." for messages

struct TtyStyle {
  bool color = false;
};

// What the SARIF report needs beyond the results.
struct SarifSettings {
  std::string docs_url;     // base of the rule pages (helpUri); "" = the build's default
  std::string source_root;  // %SRCROOT%; "" = the working directory
};

void write_tty_report(const LintResults& results, std::ostream& out, TtyStyle style);
void write_json_report(const LintResults& results, std::ostream& out);
void write_sarif_report(const LintResults& results, std::ostream& out,
                        const SarifSettings& settings = {});
void write_gnu_report(const LintResults& results, std::ostream& out);
void write_github_report(const LintResults& results, std::ostream& out);
void write_checkstyle_report(const LintResults& results, std::ostream& out);
void write_gitlab_report(const LintResults& results, std::ostream& out);
void write_junit_report(const LintResults& results, std::ostream& out);
void write_html_report(const LintResults& results, std::ostream& out);

void write_report(ReportFormat format, const LintResults& results, std::ostream& out,
                  TtyStyle tty_style, const SarifSettings& sarif = {});

// Small helpers the formats share.
std::string xml_escape(std::string_view text);
// "line:column" for Dockerfile findings, the image path, the JSON pointer, or "".
std::string finding_place(const Finding& f);
// " [PATH]" for image findings, " [POINTER]" for request findings, else "": what the
// one-line formats append to the message, as they have no field for it.
std::string place_suffix(const Finding& f);

}  // namespace sagelint::lint
