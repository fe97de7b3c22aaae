// The cache directory's size limit (--cache-dir): the layer cache (layers-v1/), the
// manifest cache (manifests-v1/) and the image result cache (results-v1/) share one
// limit, kept by deleting the least recently used entries of all three (a hit touches
// its entry's modification time).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sagelint::image {

// The subdirectories whose entries count towards the limit.
inline constexpr const char* kLayerCacheSubdir = "layers-v1";
inline constexpr const char* kManifestCacheSubdir = "manifests-v1";
inline constexpr const char* kResultCacheSubdir = "results-v1";

// Deletes least recently used entries of dir's cache subdirectories until they hold at
// most 90% of max_bytes, when they hold more than max_bytes; removes temporary files a
// dead process left behind (older than an hour).
void evict_least_recent(const std::string& dir, uint64_t max_bytes);

// The whole content of a cache entry, or nothing when it cannot be read or is larger
// than max_bytes (a larger file is not one of ours).
std::optional<std::string> read_cache_entry(const std::string& path, uint64_t max_bytes);

// The framing every cache entry has: its cache's magic line, the body, then the
// "sha256:<hex>" of the body, so a corrupt or truncated entry is never trusted.
std::string seal_cache_entry(std::string_view magic, const std::string& body);
// The body of a sealed entry; nothing when the magic or the checksum does not match.
std::optional<std::string> unseal_cache_entry(const std::string& data, std::string_view magic);

// Writes data to path through a temporary file renamed over it (readers in other
// processes see the old entry or the new one, never a part); creates the directory.
// false when it could not be written (a cache that cannot be written only costs work).
bool write_cache_entry(const std::string& path, const std::string& data);

}  // namespace sagelint::image
