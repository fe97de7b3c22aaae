// The layer-digest cache: what scanning one layer blob produced (its entries,
// whiteouts, opaque markers and the file contents the rules asked for), stored on disk
// under the blob's digest, so an image whose layers were all seen before costs only
// its manifest and config. What is cached is the per-layer scan, never findings: the
// layers are still merged (whiteouts across layers) for every image, and rules run on
// the merged view as without a cache.
//
// The key is the blob digest, the tool's version and the content cap; which file
// contents a scan kept depends on the rules and on the image's config (entrypoint
// scripts), so an entry is used only when it holds every content the current reader
// wants from that layer, and a rescan stores the union. Entries are written to a
// temporary file and renamed (safe for concurrent processes), end with a SHA-256 of
// their body (a corrupt or truncated entry is ignored and rebuilt), and the directory
// is kept under a size limit by deleting the least recently used entries.
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <set>
#include <string>

#include "image/layer_scan.hpp"

namespace sagelint::image {

inline constexpr uint64_t kDefaultLayerCacheBytes = 2ull << 30;  // 2 GiB

class LayerCache {
 public:
  // dir: created when missing. salt: what else changes a scan (the tool's version).
  LayerCache(std::string dir, std::string salt, uint64_t max_bytes = kDefaultLayerCacheBytes);

  struct Lookup {
    std::optional<LayerScan> scan;     // a usable entry, its contents filtered to `want`
    std::set<std::string> kept_paths;  // on a miss: contents an older entry kept (to keep)
  };
  // digest: the blob's "sha256:…". options: the scan the caller would run.
  Lookup load(const std::string& digest, const ScanOptions& options);
  // Stores a scan of the blob `digest`; only a hashed scan whose blob digest matches.
  void store(const std::string& digest, const LayerScan& scan, const ScanOptions& options);

  const std::string& dir() const { return dir_; }
  uint64_t hits() const { return hits_; }
  uint64_t stores() const { return stores_; }

 private:
  std::string path_for(const std::string& digest, uint64_t max_content) const;
  void evict();

  std::string dir_, salt_;
  uint64_t max_bytes_;
  std::mutex mu_;
  uint64_t hits_ = 0, stores_ = 0, since_evict_ = 0;
};

// Keeps only the contents (and content links) `want` asks for; true when every wanted
// regular file and hard link of the scan has its content.
bool filter_contents(LayerScan& scan, const ScanOptions& options);

}  // namespace sagelint::image
