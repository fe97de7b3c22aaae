// The manifest cache: manifests and image configs stored on disk under their digest,
// beside the layer cache in --cache-dir, so an image whose layers are all cached costs
// at most one request (the tag's current digest) and an image named by digest none.
// A document is content-addressed: it is used only when its bytes hash to the digest
// it is asked for, so a corrupt, truncated or renamed entry is ignored (and rewritten by
// the next fetch), never trusted. Entries are written to a temporary file and renamed
// (safe for concurrent processes) and count towards the cache directory's size limit
// with least-recently-used eviction (image/cache_eviction.hpp).
//
// What a tag named last time is kept too, as a hint only: it says whether a HEAD
// request can save the GET (the manifest of the digest the registry answers may be
// cached); the registry is still asked every run, since a tag can move.
#pragma once

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>

namespace sagelint::image {

class ManifestCache {
 public:
  struct Document {
    std::string body;
    std::string media_type;  // a manifest's Content-Type, a config's descriptor type
  };

  // dir: created when missing (the layer cache's directory).
  ManifestCache(std::string dir, uint64_t max_bytes);

  // The document whose SHA-256 is digest ("sha256:…"), or nullopt (none, or an entry
  // that fails its checks).
  std::optional<Document> load(const std::string& digest);
  // Stores doc under digest, only when its body hashes to it.
  void store(const std::string& digest, const Document& doc);

  // The digest tag_ref ("host/repository:tag") named when it was last fetched, or "".
  std::string last_digest(const std::string& tag_ref) const;
  // Records it (not written again when unchanged).
  void remember(const std::string& tag_ref, const std::string& digest);

  const std::string& dir() const { return dir_; }
  uint64_t hits() const { return hits_; }
  uint64_t stores() const { return stores_; }

 private:
  std::string path_for_digest(const std::string& digest) const;
  std::string path_for_tag(const std::string& tag_ref) const;
  bool write(const std::string& path, const std::string& data);

  std::string dir_;
  uint64_t max_bytes_;
  std::atomic<uint64_t> hits_{0}, stores_{0}, since_evict_{0};
};

}  // namespace sagelint::image
