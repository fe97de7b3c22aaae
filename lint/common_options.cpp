#include "lint/common_options.hpp"

#include <CLI/CLI.hpp>

#include <cctype>

#include "lint/report.hpp"
#include "rules/rule.hpp"

namespace sagelint::lint {
namespace {

std::vector<std::string> rule_ids(const std::string& option, std::vector<std::string> ids) {
  for (auto& id : ids) {
    for (char& c : id) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (rules::find_rule(id)) continue;
    std::string message = option;
    message += ": unknown rule '";
    message += id;
    message += "'";
    throw UsageError{message};
  }
  return ids;
}

}  // namespace

void add_finding_options(CLI::App& app, FindingOptionText& text,
                         const std::string& config_default) {
  app.add_option("-f,--format", text.formats,
                 "Report format FMT[=PATH]: tty (default), json, sarif, gnu, github, "
                 "checkstyle, gitlab, junit, html; repeatable")
      ->allow_extra_args(false);
  app.add_option("-t,--failure-threshold", text.threshold,
                 "Fail on findings at or above: error, warning (default), info, style, none");
  app.add_option("--ignore", text.ignored, "Ignore a rule; repeatable")->allow_extra_args(false);
  app.add_option("-c,--config", text.config_path, "Config file (default: " + config_default + ")");
  app.add_option("--select", text.selected, "Run only these rules: RULE[,RULE...]; repeatable")
      ->delimiter(',')
      ->allow_extra_args(false);
}

Severity threshold_from_option(const std::string& text) {
  auto s = severity_from_string(text);
  if (!s)
    throw UsageError{"--failure-threshold: '" + text +
                     "' is not one of error, warning, info, style, none"};
  return *s;
}

FindingOptions finish_finding_options(const FindingOptionText& text) {
  FindingOptions o;
  for (const auto& f : text.formats) {
    auto spec = parse_output_spec(f);
    if (!spec)
      throw UsageError{"--format: '" + f + "' is not FMT[=PATH] with FMT one of " +
                       std::string(report_format_names())};
    o.outputs.push_back(*spec);
  }
  if (!text.threshold.empty()) o.failure_threshold = threshold_from_option(text.threshold);
  o.ignored = rule_ids("--ignore", text.ignored);
  o.selected = rule_ids("--select", text.selected);
  o.config_path = text.config_path;
  return o;
}

}  // namespace sagelint::lint
