#include "lint/fleet_run.hpp"

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <thread>
#include <vector>

#include "image/layer_cache.hpp"
#include "image/manifest_cache.hpp"
#include "lint/result_cache.hpp"
#include "lint/version.hpp"

namespace sagelint::lint {

void for_each_in_flight(std::size_t n, int jobs, const std::function<void(std::size_t)>& work) {
  if (jobs <= 1 || n <= 1) {
    for (std::size_t i = 0; i < n; ++i) work(i);
    return;
  }
  std::atomic<std::size_t> next{0};
  std::vector<std::thread> pool;
  const auto threads = std::min<std::size_t>(static_cast<std::size_t>(jobs), n);
  for (std::size_t t = 0; t < threads; ++t)
    pool.emplace_back([&] {
      for (std::size_t i; (i = next++) < n;) work(i);
    });
  for (auto& t : pool) t.join();
}

int jobs_for(const FleetOptions& fleet) {
  if (fleet.jobs > 0) return fleet.jobs;
  unsigned cpus = std::thread::hardware_concurrency();
  return cpus == 0 ? 1 : static_cast<int>(cpus);
}

std::optional<std::string> layer_cache_dir(const FleetOptions& fleet) {
  if (!fleet.cache_dir.empty()) return fleet.cache_dir;
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg == '/')
    return std::string(xdg) + "/sagelint";
  if (const char* home = std::getenv("HOME"); home && *home == '/')
    return std::string(home) + "/.cache/sagelint";
  return std::nullopt;
}

std::shared_ptr<image::LayerCache> open_layer_cache(const FleetOptions& fleet) {
  if (fleet.no_cache) return nullptr;
  auto dir = layer_cache_dir(fleet);
  if (!dir) return nullptr;
  // The version is part of every key: a new sagelint may scan layers differently.
  return std::make_shared<image::LayerCache>(
      *dir, "sagelint " + std::string(version()),
      fleet.cache_max_bytes ? fleet.cache_max_bytes : image::kDefaultLayerCacheBytes);
}

std::shared_ptr<image::ManifestCache> open_manifest_cache(const FleetOptions& fleet) {
  if (fleet.no_cache) return nullptr;
  auto dir = layer_cache_dir(fleet);
  if (!dir) return nullptr;
  return std::make_shared<image::ManifestCache>(
      *dir, fleet.cache_max_bytes ? fleet.cache_max_bytes : image::kDefaultLayerCacheBytes);
}

std::shared_ptr<ResultCache> open_result_cache(const FleetOptions& fleet) {
  if (fleet.no_cache) return nullptr;
  auto dir = layer_cache_dir(fleet);
  if (!dir) return nullptr;
  // The version is part of every key: a new sagelint may find other things.
  return std::make_shared<ResultCache>(
      *dir, "sagelint " + std::string(version()),
      fleet.cache_max_bytes ? fleet.cache_max_bytes : image::kDefaultLayerCacheBytes);
}

}  // namespace sagelint::lint
