// Reads one layer blob (plain, gzip or zstd tar, detected from its bytes) into its
// list of entries, whiteouts and opaque markers, hashing it on the way when asked.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <string>
#include <variant>
#include <vector>

#include "image/input.hpp"
#include "image/view.hpp"

struct archive;
struct archive_entry;

namespace sagelint::image {

struct LayerScan {
  std::deque<FileEntry> entries;         // tar order; layer index not yet set (a deque: no
                                         // reallocation copies, and merging frees it as it goes)
  std::vector<std::string> whiteouts;    // paths this layer hides in lower layers
  std::vector<std::string> opaque_dirs;  // directories whose lower-layer children this layer hides
  std::map<std::string, std::string> contents;
  std::vector<std::pair<std::string, std::string>> content_links;  // wanted hard link -> its target
  std::string compression;                                         // "none", "gzip", "zstd", ...
  std::string blob_digest, diff_id;  // "sha256:…" when hashing was asked for
};

struct ScanOptions {
  bool hash = true;
  std::function<bool(const std::string& path)> want_content;
  uint64_t max_content = 8u << 20;
  std::function<bool(const std::string& path)> want_head;  // keep only the first head_bytes
  uint64_t head_bytes = 256;
};

// Error: one line without the layer name (the caller adds it).
std::variant<LayerScan, std::string> scan_layer(ByteReader& in, const ScanOptions& options);

// "none", "gzip", "zstd", "xz", "bzip2" from the first bytes.
std::string sniff_compression(const unsigned char* head, std::size_t n);

// Reads a layer entry by entry; shared by scan_layer and unpack_rootfs.
// visit gets libarchive's archive and entry; it may read the entry's data.
using EntryVisitor = std::function<std::optional<std::string>(::archive*, ::archive_entry*)>;
// mostly_headers: the visitor reads little file data, so an uncompressed, unhashed layer
// is read in small blocks and its file data skipped by seeking; false when extracting.
std::optional<std::string> walk_layer(ByteReader& in, bool hash, const EntryVisitor& visit,
                                      std::string* compression, std::string* blob_digest,
                                      std::string* diff_id, bool mostly_headers = true);

}  // namespace sagelint::image
