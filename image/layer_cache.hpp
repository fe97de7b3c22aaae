// The layer-digest cache: what scanning one layer blob produced (its entries,
// whiteouts, opaque markers and the file contents the rules asked for), stored on disk
// under the blob's digest, so an image whose layers were all seen before costs only
// its manifest and config. What is cached here is the per-layer scan, never findings:
// the layers are still merged (whiteouts across layers) for every image, and rules run
// on the merged view as without a cache. (A whole image's findings are cached apart,
// by lint/result_cache.hpp, keyed by all its layer digests and the settings.)
//
// The key is the blob digest, the tool's version and the content cap; which file
// contents a scan kept depends on the rules and on the image's config (entrypoint
// scripts), so an entry is used only when it holds every content the current reader
// wants from that layer, and a rescan stores the union. Entries are written to a
// temporary file and renamed (safe for concurrent processes), end with a SHA-256 of
// their body (a corrupt or truncated entry is ignored and rebuilt), and the directory
// is kept under a size limit by deleting the least recently used entries.
//
// Within one process a layer is scanned once even when several images that share it
// start at once: the first load() that misses claims the layer, and a load() of the
// same layer on another thread waits until that claim is dropped (the scan stored, or
// the scan failed), then reads the entry the claimant stored (or claims it in turn).
// A claimant only scans and stores before it drops the claim, never waiting for
// another layer, so no wait can form a cycle.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>

#include "image/layer_scan.hpp"

namespace sagelint::image {

inline constexpr uint64_t kDefaultLayerCacheBytes = 2ull << 30;  // 2 GiB

class LayerCache {
 public:
  // dir: created when missing. salt: what else changes a scan (the tool's version).
  LayerCache(std::string dir, std::string salt, uint64_t max_bytes = kDefaultLayerCacheBytes);

  class Claim;
  struct Lookup {
    std::optional<LayerScan> scan;     // a usable entry, its contents filtered to `want`
    std::set<std::string> kept_paths;  // on a miss: contents an older entry kept (to keep)
    // On a miss: this caller's claim to scan the layer; other threads asking for it wait
    // until it is dropped (with the Lookup), so store() before dropping it.
    std::shared_ptr<Claim> claim;
  };
  // digest: the blob's "sha256:…". options: the scan the caller would run. May wait
  // while another thread of this process scans the same layer.
  Lookup load(const std::string& digest, const ScanOptions& options);
  // Stores a scan of the blob `digest`; only a hashed scan whose blob digest matches.
  void store(const std::string& digest, const LayerScan& scan, const ScanOptions& options);

  const std::string& dir() const { return dir_; }
  uint64_t hits() const { return hits_; }
  uint64_t stores() const { return stores_; }
  // Loads that waited for another thread's scan of the same layer.
  uint64_t waits() const { return waits_; }

 private:
  std::string path_for(const std::string& digest, uint64_t max_content) const;
  Lookup read_entry(const std::string& path, const std::string& digest, const ScanOptions& options);
  void release(const std::string& path);
  void evict();

  std::string dir_, salt_;
  uint64_t max_bytes_;
  std::mutex mu_;
  std::condition_variable released_;
  std::map<std::string, std::thread::id> in_flight_;  // entry path -> the claiming thread
  uint64_t hits_ = 0, stores_ = 0, waits_ = 0, since_evict_ = 0;
};

// Dropping the last copy lets the threads waiting for this layer go on.
class LayerCache::Claim {
 public:
  Claim(LayerCache& cache, std::string path) : cache_(cache), path_(std::move(path)) {}
  Claim(const Claim&) = delete;
  Claim& operator=(const Claim&) = delete;
  ~Claim() { cache_.release(path_); }

 private:
  LayerCache& cache_;
  std::string path_;
};

// Keeps only the contents (and content links) `want` asks for; true when every wanted
// regular file and hard link of the scan has its content.
bool filter_contents(LayerScan& scan, const ScanOptions& options);

}  // namespace sagelint::image
