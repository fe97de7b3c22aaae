// The image result cache: the findings one image target gave, stored in --cache-dir
// (results-v1/) under a key made of everything they depend on: the tool's version, the
// target as named, the settings that decide which rules run and how their findings are
// finished (selection, ignores, overrides, rule options, threshold), the config digest
// and every layer's blob digest and DiffID. An image seen before with the same settings
// then costs its manifest and config only: no layer scan is loaded or merged and no rule
// runs. A changed image (a moved tag, a rebuilt layer) has another key, so it is linted
// again from the layer cache (image/layer_cache.hpp), which still holds per-layer scans.
//
// Used only when layer digests were verified (not with --no-verify), for inputs read at
// random (registries, OCI layouts, archives). Entries are written to a temporary file
// and renamed, end with a SHA-256 of their key and body (a corrupt or truncated entry is
// ignored and rewritten), and count towards the cache directory's size limit.
#pragma once

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "image/view.hpp"
#include "lint/engine.hpp"
#include "lint/report.hpp"

namespace sagelint::lint {

class ResultCache {
 public:
  // dir: the cache directory (created when missing). salt: the tool's version.
  ResultCache(std::string dir, std::string salt, uint64_t max_bytes);

  // The key of target's findings under settings, for the image the view lists (its
  // config and layers; no file is needed); "" when the view cannot be keyed (the config
  // or a layer has no digest).
  std::string key(const std::string& target, const image::ImageView& view,
                  const LintSettings& settings) const;
  struct Known {
    std::vector<Finding> findings;  // their target set to the caller's
    std::vector<bool> layers_read;  // per layer: its contents went into the findings
  };
  // What is stored under key; nullopt when there is no entry or it fails its checks.
  std::optional<Known> load(const std::string& key, const std::string& target);
  // Stores result's findings and which of its layers were read, under key (a result
  // with an error or without its image summary is not stored).
  void store(const std::string& key, const TargetResult& result);

  uint64_t hits() const { return hits_; }
  uint64_t stores() const { return stores_; }

 private:
  std::string path_for(const std::string& key) const;

  std::string dir_, salt_;
  uint64_t max_bytes_;
  std::atomic<uint64_t> hits_{0}, stores_{0}, since_evict_{0};
};

}  // namespace sagelint::lint
