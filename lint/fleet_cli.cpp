#include "lint/fleet_cli.hpp"

#include <CLI/CLI.hpp>

#include <cctype>

#include "lint/fleet_targets.hpp"
#include "lint/report.hpp"

namespace sagelint::lint {

void add_fleet_options(CLI::App& lint, FleetOptions& fleet, FleetCliValues& raw) {
  lint.add_option("--targets-from", fleet.targets_from,
                  "Read targets from FILE, one per line (- = stdin, # comments); repeatable")
      ->allow_extra_args(false);
  lint.add_option("--exclude", fleet.excludes,
                  "Skip files and directories matching GLOB when searching directory targets; "
                  "repeatable")
      ->allow_extra_args(false);
  lint.add_flag("--all-tags", fleet.all_tags,
                "A docker:// target without tag or digest (or docker://HOST/, the catalog) "
                "means every tag");
  lint.add_option("-j,--jobs", fleet.jobs,
                  "Targets in flight (default: the number of CPUs); output order stays the "
                  "input order")
      ->check(CLI::PositiveNumber);
  lint.add_option("--cache-dir", fleet.cache_dir,
                  "Layer cache directory (default: $XDG_CACHE_HOME/sagelint, else "
                  "~/.cache/sagelint)");
  lint.add_flag("--no-cache", fleet.no_cache, "Do not read or write the layer cache");
  lint.add_option("--cache-max-size", raw.cache_max_size,
                  "Size limit of the layer cache, SIZE[K|M|G] (default 2G); the least "
                  "recently used entries are evicted");
  lint.add_option("--shard", raw.shard,
                  "Lint only shard I/N of the targets sorted by name (the k-th to shard "
                  "k mod N + 1), or auto (from /opt/ml/config/resourceconfig.json)");
  lint.add_flag("--no-progress", fleet.no_progress,
                "No progress on stderr (shown only when stderr is a terminal)");
}

std::optional<uint64_t> parse_size(const std::string& text) {
  if (text.empty()) return std::nullopt;
  std::size_t digits = text.find_first_not_of("0123456789");
  if (digits == 0 || digits + 1 < text.size() || (digits == std::string::npos && text.size() > 15))
    return std::nullopt;
  if (digits != std::string::npos && digits > 15) return std::nullopt;
  uint64_t n = std::stoull(text.substr(0, digits));
  if (digits == std::string::npos) return n;
  switch (std::toupper(static_cast<unsigned char>(text[digits]))) {
    case 'K': return n << 10;
    case 'M': return n << 20;
    case 'G': return n << 30;
    default: return std::nullopt;
  }
}

std::optional<std::string> finish_fleet_options(FleetOptions& fleet, const FleetCliValues& raw) {
  if (!raw.shard.empty()) {
    auto shard = parse_shard(raw.shard, default_resource_config());
    if (auto* why = std::get_if<std::string>(&shard)) return *why;
    fleet.shard = std::get<Shard>(shard);
  }
  if (!raw.cache_max_size.empty()) {
    auto size = parse_size(raw.cache_max_size);
    if (!size || *size == 0)
      return "--cache-max-size: '" + raw.cache_max_size + "' is not a size (e.g. 512M, 2G)";
    fleet.cache_max_bytes = *size;
  }
  return std::nullopt;
}

void add_report_command(CLI::App& app, ReportCli& cli) {
  auto* report = app.add_subcommand("report", "Work with JSON reports");
  report->require_subcommand(1);
  cli.merge = report->add_subcommand(
      "merge", "Join JSON reports (the shards of one audit) into one report in any format");
  cli.merge->add_option("reports", cli.options.reports, "JSON reports (lint -f json)")->required();
  cli.merge
      ->add_option("-f,--format", cli.formats,
                   "Report format FMT[=PATH], as for lint (default tty); repeatable")
      ->allow_extra_args(false);
  cli.merge->add_option("-t,--failure-threshold", cli.threshold,
                        "Fail on findings at or above: error, warning (default), info, style, "
                        "none");
}

std::optional<std::string> finish_report_options(ReportCli& cli) {
  for (const auto& f : cli.formats) {
    auto spec = parse_output_spec(f);
    if (!spec)
      return "--format: '" + f + "' is not FMT[=PATH] with FMT one of " +
             std::string(report_format_names());
    cli.options.outputs.push_back(*spec);
  }
  if (!cli.threshold.empty()) {
    auto s = severity_from_string(cli.threshold);
    if (!s)
      return "--failure-threshold: '" + cli.threshold +
             "' is not one of error, warning, info, style, none";
    cli.options.failure_threshold = s;
  }
  return std::nullopt;
}

}  // namespace sagelint::lint
