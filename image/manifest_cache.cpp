#include "image/manifest_cache.hpp"

#include <fcntl.h>
#include <sys/stat.h>

#include <sstream>

#include "image/cache_eviction.hpp"
#include "image/sha256.hpp"

namespace sagelint::image {
namespace {

// An entry: the magic line, the media type line, the body, then the SHA-256 of the
// media type line and the body (the body alone must also hash to the entry's digest).
constexpr char kMagic[] = "sagelint-manifest-cache 1\n";
constexpr char kTagMagic[] = "sagelint-tag 1\n";
constexpr std::size_t kSumLen = 7 + 64;           // "sha256:<hex>"
constexpr uint64_t kMaxEntryBytes = 64ull << 20;  // manifests are <= 4 MiB, configs small

std::string sha256_of(const std::string& data) {
  Sha256 h;
  h.update(data.data(), data.size());
  return h.digest();
}

bool is_digest(const std::string& d) {
  if (d.size() != kSumLen || d.rfind("sha256:", 0) != 0) return false;
  for (std::size_t i = 7; i < d.size(); ++i)
    if (!std::isxdigit(static_cast<unsigned char>(d[i])) ||
        std::isupper(static_cast<unsigned char>(d[i])))
      return false;
  return true;
}

}  // namespace

ManifestCache::ManifestCache(std::string dir, uint64_t max_bytes)
    : dir_(std::move(dir)), max_bytes_(max_bytes) {}

std::string ManifestCache::path_for_digest(const std::string& digest) const {
  return dir_ + "/" + kManifestCacheSubdir + "/" + digest.substr(7);
}

std::string ManifestCache::path_for_tag(const std::string& tag_ref) const {
  // The name hashes the reference; the entry repeats it, so a collision is not trusted.
  return dir_ + "/" + kManifestCacheSubdir + "/tag-" + sha256_of(tag_ref).substr(7);
}

std::optional<ManifestCache::Document> ManifestCache::load(const std::string& digest) {
  if (!is_digest(digest)) return std::nullopt;
  const std::string path = path_for_digest(digest);
  auto data = read_cache_entry(path, kMaxEntryBytes);
  if (!data) return std::nullopt;
  auto sealed = unseal_cache_entry(*data, kMagic);
  if (!sealed) return std::nullopt;
  const std::string& signed_part = *sealed;
  const auto nl = signed_part.find('\n');
  if (nl == std::string::npos) return std::nullopt;
  Document doc{signed_part.substr(nl + 1), signed_part.substr(0, nl)};
  // Content-addressed: the bytes are trusted only when they hash to the digest asked for.
  if (sha256_of(doc.body) != digest) return std::nullopt;
  ::utimensat(AT_FDCWD, path.c_str(), nullptr, 0);  // least recently used: a hit is a use
  ++hits_;
  return doc;
}

bool ManifestCache::write(const std::string& path, const std::string& data) {
  if (!write_cache_entry(path, data))
    return false;  // a cache that cannot be written only costs requests
  since_evict_ += data.size();
  // The documents are small: the directory is listed after every max/16 bytes stored.
  if (since_evict_ >= max_bytes_ / 16) {
    since_evict_ = 0;
    evict_least_recent(dir_, max_bytes_);
  }
  return true;
}

void ManifestCache::store(const std::string& digest, const Document& doc) {
  if (!is_digest(digest) || sha256_of(doc.body) != digest ||
      doc.media_type.find('\n') != std::string::npos || doc.body.size() > kMaxEntryBytes / 2)
    return;
  std::string signed_part = doc.media_type + "\n" + doc.body;
  std::string data = seal_cache_entry(kMagic, signed_part);
  if (write(path_for_digest(digest), data)) ++stores_;
}

std::string ManifestCache::last_digest(const std::string& tag_ref) const {
  auto data = read_cache_entry(path_for_tag(tag_ref), kMaxEntryBytes);
  if (!data) return "";
  std::istringstream in(*data);
  std::string magic, ref, digest;
  if (!std::getline(in, magic) || magic + "\n" != kTagMagic || !std::getline(in, ref) ||
      ref != tag_ref || !std::getline(in, digest) || !is_digest(digest))
    return "";
  return digest;
}

void ManifestCache::remember(const std::string& tag_ref, const std::string& digest) {
  if (!is_digest(digest) || tag_ref.find('\n') != std::string::npos) return;
  if (last_digest(tag_ref) == digest) return;
  write(path_for_tag(tag_ref), kTagMagic + tag_ref + "\n" + digest + "\n");
}

}  // namespace sagelint::image
