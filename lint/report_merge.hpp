#pragma once
// `sagelint report merge REPORT.json...`: the JSON reports of the shards of one audit
// joined into one report, in any format. Targets are put in the order sharding sorts
// them (by target string, bytewise), so merging the shards of a run whose expanded
// targets were already in that order (a catalog, a tag list, a directory) gives the
// report of the unsharded run.
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "lint/options.hpp"
#include "lint/report.hpp"

namespace sagelint::lint {

struct MergeOptions {
  std::vector<std::string> reports;
  std::vector<OutputSpec> outputs;            // empty: tty on stdout
  std::optional<Severity> failure_threshold;  // unset: warning
};

// One `-f json` report read back. Error: one line naming what is wrong.
std::variant<LintResults, std::string> read_json_report(const std::string& text,
                                                        Severity failure_threshold);

int report_merge_command(const MergeOptions& options);

}  // namespace sagelint::lint
