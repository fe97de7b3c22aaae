// Where an image's blobs come from: an OCI layout directory, an uncompressed tar
// (indexed once, members then read in place by offset), or a compressed tar
// (read as a stream: small JSON members are kept in pass 1, layers streamed in pass 2).
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <variant>
#include <vector>

namespace sagelint::image {

// JSON documents (manifests, configs, indexes) above this size are refused.
inline constexpr uint64_t kMaxJsonBytes = 64u << 20;

// A readable byte stream: one blob or archive member.
class ByteReader {
 public:
  virtual ~ByteReader() = default;
  // Up to n bytes into buf; 0 at the end; -1 on error (error_ says why).
  virtual long read(void* buf, std::size_t n) = 0;
  // Moves forward n bytes without reading them when the source allows it.
  virtual bool seekable() const { return false; }
  virtual int64_t skip(int64_t n) {
    (void)n;
    return -1;
  }
  const std::string& error() const { return error_; }
  // The digest ("sha256:…") this stream checks its bytes against itself: the read that
  // would return its end fails instead when they do not match. "" when it checks none
  // (a reader then hashes the bytes itself).
  virtual std::string verified_digest() const { return {}; }

 protected:
  std::string error_;
};

struct InputError {
  std::string message;
};

class Input {
 public:
  virtual ~Input() = default;
  // Names are relative and normalised ("blobs/sha256/ab…", "manifest.json").
  virtual bool has(const std::string& name) const = 0;
  // A whole member, refused when larger than cap. Error: one line.
  virtual std::variant<std::string, InputError> read_small(const std::string& name,
                                                           uint64_t cap) = 0;
  virtual std::optional<uint64_t> size_of(const std::string& name) const = 0;
  // Random access: open() any member, in any thread.
  virtual bool random_access() const = 0;
  virtual std::unique_ptr<ByteReader> open(const std::string& name) = 0;
  // Sequential access: calls visit for each member in names, in archive order.
  using Visit = std::function<std::optional<std::string>(const std::string& name, ByteReader&)>;
  virtual std::optional<std::string> stream(const std::set<std::string>& names, const Visit& visit);
  virtual std::string kind() const = 0;  // "directory", "tar", "compressed tar"
  uint64_t total_bytes = 0;              // size of the input
  std::atomic<uint64_t> bytes_read{0};
};

// Opens path as an input; error: one line naming path and reason.
std::variant<std::unique_ptr<Input>, std::string> open_input(const std::string& path);

// Relative normalised member name ("./a//b" -> "a/b"); nullopt when it leaves the root.
std::optional<std::string> member_name(const std::string& raw);

}  // namespace sagelint::image
