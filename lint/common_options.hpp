#pragma once
// The options `lint` and `run` share: the config file, which rules run, how their
// findings are judged and where they are reported. Defined once here, so that the two
// commands take the same spellings, help texts and checks.
#include <optional>
#include <string>
#include <vector>

#include "lint/options.hpp"
#include "rules/finding.hpp"

namespace CLI {
class App;
}

namespace sagelint::lint {

// A bad option value: one line on stderr, exit 2.
struct UsageError {
  std::string message;
};

// The option strings as the command line gave them.
struct FindingOptionText {
  std::vector<std::string> formats;  // FMT[=PATH]
  std::string threshold;
  std::vector<std::string> ignored;
  std::vector<std::string> selected;
  std::string config_path;
};

// Adds -f/--format, -t/--failure-threshold, --ignore, --select and -c/--config to `app`.
// `config_default` says where the config is found without -c.
void add_finding_options(CLI::App& app, FindingOptionText& text, const std::string& config_default);

// The checked values: known formats, a severity, upper-cased IDs of registered rules.
struct FindingOptions {
  std::vector<OutputSpec> outputs;
  std::optional<Severity> failure_threshold;
  std::vector<std::string> ignored;
  std::vector<std::string> selected;
  std::string config_path;
};

// Throws UsageError naming the option and the value.
FindingOptions finish_finding_options(const FindingOptionText& text);

// A -t/--failure-threshold value; throws UsageError.
Severity threshold_from_option(const std::string& text);

}  // namespace sagelint::lint
