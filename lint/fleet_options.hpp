#pragma once
// The options of a fleet audit (SPEC "Many targets"): where targets come from, how many
// are in flight, the layer cache, the shard, progress.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace sagelint::lint {

struct Shard {
  int index = 1;  // 1-based
  int count = 1;
};

struct FleetOptions {
  std::vector<std::string> targets_from;  // --targets-from FILE (- = stdin); repeatable
  std::vector<std::string> excludes;      // --exclude GLOB, for directory targets
  bool all_tags = false;                  // --all-tags
  int jobs = 0;                           // -j; 0 = the number of CPUs
  std::string cache_dir;                  // --cache-dir; "" = the default
  bool no_cache = false;                  // --no-cache
  uint64_t cache_max_bytes = 0;           // --cache-max-size; 0 = the default (2 GiB)
  std::optional<Shard> shard;             // --shard I/N (auto is resolved by the CLI)
  bool no_progress = false;               // --no-progress
};

}  // namespace sagelint::lint
