#pragma once
// The subcommands behind `sagelint lint|rules|dump`. Each returns the process exit
// code (exit_codes.hpp) after flushing everything it wrote.
#include <optional>
#include <string>

#include "lint/options.hpp"

namespace sagelint::lint {

int lint_command(const LintOptions& options);
// `id` empty: list every rule; otherwise explain that one.
int rules_command(const std::string& id);
// Writes docs/rules/ID.md for every rule and docs/rules/README.md into `dir`.
int rules_markdown_command(const std::string& dir);
// `format`: "buildkit" or "json".
int dump_command(const std::string& format, const std::string& path);

// `sagelint processing-job`: lint everything under input_dir, reports to output_dir.
struct ProcessingJobOptions {
  std::string input_dir = "/opt/ml/processing/input";
  std::string output_dir = "/opt/ml/processing/output";
  std::optional<Severity> failure_threshold;
  std::string docs_url;
  bool tls_verify = true;  // --tls-verify=false: docker:// targets in a plain-HTTP registry
};
int processing_job_command(const ProcessingJobOptions& options);

}  // namespace sagelint::lint
