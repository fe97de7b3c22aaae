#pragma once
// Many targets (SPEC "Many targets"): the command line's targets and --targets-from
// lists, with registry catalogs (docker://HOST/), tag lists (--all-tags) and
// directories expanded into the targets they hold, then the shard's part of them.
#include <filesystem>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "lint/fleet_options.hpp"
#include "registry/registry_client.hpp"

namespace sagelint::lint {

// A `.json` file whose first MiB reads as a CreateProcessingJob request (directories
// are searched for these beside Dockerfiles).
bool is_request_file(const std::filesystem::path& path);

// One target to lint, or one that could not even be listed (error: why, one line).
struct PlannedTarget {
  std::string target;
  std::optional<std::string> error;
};

// Error: a usage error (an unreadable --targets-from file), one line.
std::variant<std::vector<PlannedTarget>, std::string> expand_targets(
    const std::vector<std::string>& positional, const FleetOptions& fleet,
    const registry::RegistryOptions& registry);

// Shard I of N: targets sorted by their string (bytewise), the k-th (0-based) to shard
// k mod N + 1. The result keeps that sorted order.
std::vector<PlannedTarget> select_shard(std::vector<PlannedTarget> targets, Shard shard);

// "I/N" or "auto" (current_host among hosts in resource_config, a SageMaker
// /opt/ml/config/resourceconfig.json). Error: one line.
std::variant<Shard, std::string> parse_shard(const std::string& text,
                                             const std::string& resource_config);

// The resourceconfig.json `--shard auto` reads: $SAGELINT_RESOURCE_CONFIG (for tests),
// else /opt/ml/config/resourceconfig.json.
std::string default_resource_config();

// One target per line; `#` starts a comment line; blank lines are skipped.
std::vector<std::string> parse_target_list(const std::string& text);

// True for Dockerfile, Dockerfile.*, *.Dockerfile, Containerfile (directory search).
bool is_dockerfile_name(const std::string& name);

}  // namespace sagelint::lint
