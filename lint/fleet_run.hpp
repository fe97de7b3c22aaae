#pragma once
// Running many targets: at most `jobs` in flight (each holds at most one image's view,
// so memory follows the number of jobs, not the size of the fleet), and the layer
// cache they share.
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "lint/fleet_options.hpp"

namespace sagelint::image {
class LayerCache;
class ManifestCache;
}  // namespace sagelint::image

namespace sagelint::lint {

class ResultCache;

// Calls work(i) for i in [0, n) on `jobs` threads (jobs <= 1: in order on this thread).
// The caller stores results by index, so the output order stays the input order.
void for_each_in_flight(std::size_t n, int jobs, const std::function<void(std::size_t)>& work);

// -j: the given count, else the number of CPUs.
int jobs_for(const FleetOptions& fleet);

// --cache-dir DIR, else $XDG_CACHE_HOME/sagelint, else ~/.cache/sagelint.
std::optional<std::string> layer_cache_dir(const FleetOptions& fleet);

// The run's layer cache; null with --no-cache or when no directory can be named.
std::shared_ptr<image::LayerCache> open_layer_cache(const FleetOptions& fleet);

// The run's manifest and config cache, in the same directory and under the same size
// limit; null when there is no layer cache.
std::shared_ptr<image::ManifestCache> open_manifest_cache(const FleetOptions& fleet);

// The run's image result cache (lint/result_cache.hpp), in the same directory and under
// the same size limit; null when there is no layer cache.
std::shared_ptr<ResultCache> open_result_cache(const FleetOptions& fleet);

}  // namespace sagelint::lint
