#pragma once
// The command-line part of fleet audits: lint's many-target options and the `report`
// command (`report merge`). Kept apart from cli.cpp, which only calls these.
#include <optional>
#include <string>
#include <vector>

#include "lint/options.hpp"
#include "lint/report_merge.hpp"

namespace CLI {
class App;
}

namespace sagelint::lint {

// Values that are checked after parsing.
struct FleetCliValues {
  std::string shard;           // --shard I/N | auto
  std::string cache_max_size;  // --cache-max-size SIZE[K|M|G]
};

void add_fleet_options(CLI::App& lint, FleetOptions& fleet, FleetCliValues& raw);
// Error: a one-line usage error.
std::optional<std::string> finish_fleet_options(FleetOptions& fleet, const FleetCliValues& raw);

struct ReportCli {
  CLI::App* merge = nullptr;
  MergeOptions options;
  std::vector<std::string> formats;
  std::string threshold;
};
void add_report_command(CLI::App& app, ReportCli& cli);
// After parsing, when cli.merge was parsed. Error: a one-line usage error.
std::optional<std::string> finish_report_options(ReportCli& cli);

// "512M", "2G", "1048576": bytes; nullopt when not a size.
std::optional<uint64_t> parse_size(const std::string& text);

}  // namespace sagelint::lint
