#pragma once
// The `.sagelint.yaml` config file: finding it and reading it strictly. A key the
// file should not have is an error (exit 2), never silently ignored: a typo in a
// CI gate's config must not turn the gate off.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "lint/options.hpp"
#include "rules/finding.hpp"
#include "rules/rule.hpp"

namespace sagelint::lint {

struct Config {
  std::string source;  // the file it came from; "" = no config (defaults)
  std::vector<std::string> ignored;
  std::optional<Severity> failure_threshold;
  std::map<std::string, Severity> overrides;               // rule ID -> severity
  std::map<std::string, rules::RuleOptions> rule_options;  // rule ID -> options
  std::vector<OutputSpec> formats;                         // `format`
};

struct ConfigResult {
  Config config;
  std::optional<std::string> error;  // "FILE: KEY: reason", one line
};

// Reads and validates one config file.
ConfigResult load_config(const std::string& path);
ConfigResult parse_config(const std::string& yaml_text, const std::string& source);

// `.sagelint.yaml` or `.sagelint.yml` in `start_dir` or the nearest directory above
// it; nullopt when there is none up to the file system root. `.yaml` wins when a
// directory holds both.
std::optional<std::string> find_config(const std::string& start_dir);

}  // namespace sagelint::lint
