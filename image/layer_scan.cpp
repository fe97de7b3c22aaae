#include "image/layer_scan.hpp"

#include <archive.h>
#include <archive_entry.h>

#include <exception>
#include <memory>
#include <optional>
#include <thread>

#include "image/byte_pipe.hpp"
#include "image/gzip_inflater.hpp"
#include "image/path.hpp"
#include "image/sha256.hpp"

namespace sagelint::image {

std::string sniff_compression(const unsigned char* b, std::size_t n) {
  auto starts = [&](std::initializer_list<unsigned char> m) {
    if (n < m.size()) return false;
    std::size_t i = 0;
    for (auto c : m)
      if (b[i++] != c) return false;
    return true;
  };
  if (starts({0x1f, 0x8b})) return "gzip";
  if (starts({0x28, 0xb5, 0x2f, 0xfd})) return "zstd";
  if (starts({0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00})) return "xz";
  if (starts({0x42, 0x5a, 0x68})) return "bzip2";
  return "none";
}

namespace {

constexpr std::size_t kBlock = 1 << 20;

// The blob's bytes as libarchive asks for them, hashed on the way (the layer digest).
struct BlobFeed {
  explicit BlobFeed(ByteReader& reader) : in(reader) {}
  ByteReader& in;
  Sha256* hash = nullptr;
  std::vector<unsigned char> buf = std::vector<unsigned char>(kBlock);
  std::size_t peeked = 0;          // bytes of buf read ahead for sniffing, not yet handed out
  std::size_t read_size = kBlock;  // small when skipping by seek, so headers cost little
  std::string error;

  long next(const void** out) {
    if (peeked) {
      *out = buf.data();
      long n = static_cast<long>(peeked);
      peeked = 0;
      return n;
    }
    long got = in.read(buf.data(), read_size);
    if (got < 0) {
      error = in.error();
      return -1;
    }
    if (hash) hash->update(buf.data(), static_cast<std::size_t>(got));
    *out = buf.data();
    return got;
  }
};

la_ssize_t feed_read(archive*, void* data, const void** out) {
  return static_cast<BlobFeed*>(data)->next(out);
}

la_int64_t feed_skip(archive*, void* data, la_int64_t n) {
  auto* f = static_cast<BlobFeed*>(data);
  if (f->peeked) return 0;
  int64_t s = f->in.skip(n);
  return s < 0 ? 0 : s;
}

// Decompressed bytes queued between the inflating thread and the tar reader.
constexpr std::size_t kPlainAhead = 1u << 20;

// The decompressed stream (the DiffID's bytes). The decompressor runs on a thread of its
// own and passes its output through a BytePipe, so decompressing a layer overlaps with
// hashing and parsing that output here; memory stays kPlainAhead. gzip (most layers) is
// inflated by ISA-L straight from the blob feed (`gzip`), the rest by libarchive's
// raw-format reader (`raw`).
struct PlainFeed {
  archive* raw = nullptr;
  BlobFeed* gzip = nullptr;
  Sha256* hash = nullptr;
  std::string error;
  BytePipe pipe{kPlainAhead};
  std::vector<char> buf = std::vector<char>(kPlainAhead / 4);
  std::thread inflater;

  void start() {
    inflater = std::thread([this] { inflate(); });
  }
  // Stops the inflater (at its next write if it is still running) and waits for it:
  // after this the blob feed belongs to the calling thread again.
  void stop() {
    if (!inflater.joinable()) return;
    pipe.cancel();
    inflater.join();
  }
  ~PlainFeed() { stop(); }

 private:
  void inflate() {
    try {
      if (gzip) return inflate_gzip();
      for (;;) {
        const void* block = nullptr;
        size_t size = 0;
        la_int64_t offset = 0;
        int r = archive_read_data_block(raw, &block, &size, &offset);
        if (r == ARCHIVE_EOF) return pipe.close();
        if (r < ARCHIVE_WARN)
          return pipe.fail(archive_error_string(raw) ? archive_error_string(raw)
                                                     : "decompression failed");
        if (size && !pipe.write(block, size)) return;  // the tar reader stopped
      }
    } catch (const std::exception& ex) {
      pipe.fail(ex.what());
    }
  }
  // Reads the blob to its end (hashing it on the way), so the digest covers bytes after
  // the last member too.
  void inflate_gzip() {
    GzipInflater gz([this](const unsigned char* d, std::size_t n) { return pipe.write(d, n); });
    for (;;) {
      const void* block = nullptr;
      long got = gzip->next(&block);
      if (got < 0) return pipe.fail(gzip->error);
      if (got == 0) break;
      if (!gz.feed(static_cast<const unsigned char*>(block), static_cast<std::size_t>(got))) {
        if (gz.stopped()) return;  // the tar reader stopped
        return pipe.fail(gz.error());
      }
    }
    if (!gz.finish()) return pipe.fail(gz.error());
    pipe.close();
  }
};

la_ssize_t plain_read(archive*, void* data, const void** out) {
  auto* p = static_cast<PlainFeed*>(data);
  long got = p->pipe.read(p->buf.data(), p->buf.size());
  if (got < 0) {
    p->error = p->pipe.error();
    return -1;
  }
  if (p->hash) p->hash->update(p->buf.data(), static_cast<std::size_t>(got));
  *out = p->buf.data();
  return got;
}

struct ArchiveFree {
  void operator()(archive* a) const { archive_read_free(a); }
};
using ArchivePtr = std::unique_ptr<archive, ArchiveFree>;

ArchivePtr new_tar_reader() {
  ArchivePtr a(archive_read_new());
  archive_read_support_format_tar(a.get());
  archive_read_support_format_gnutar(a.get());
  return a;
}

std::string describe(const std::string& compression, const std::string& what) {
  // libarchive's wording for a cut-off stream varies by filter; name it plainly.
  bool truncated = what.find("runcat") != std::string::npos ||
                   what.find("premature") != std::string::npos ||
                   what.find("Premature") != std::string::npos ||
                   what.find("unexpected end") != std::string::npos;
  if (truncated && compression != "none")
    return "truncated " + compression + " stream (" + what + ")";
  if (truncated) return "truncated tar stream (" + what + ")";
  return what;
}

}  // namespace

std::optional<std::string> walk_layer(ByteReader& in, bool hash, const EntryVisitor& visit,
                                      std::string* compression, std::string* blob_digest,
                                      std::string* diff_id, bool mostly_headers) {
  std::optional<Sha256> blob_hash, plain_hash;
  // A source that verifies its own digest (a registry blob) is not hashed a second time:
  // reading it to its end below is what proves its digest.
  const std::string self_verified = hash ? in.verified_digest() : "";
  if (hash && self_verified.empty()) blob_hash.emplace();
  BlobFeed feed(in);
  feed.hash = blob_hash ? &*blob_hash : nullptr;
  // Read ahead to sniff the compression from the bytes, never from the media type.
  while (feed.peeked < 512) {
    long got = in.read(feed.buf.data() + feed.peeked, 512 - feed.peeked);
    if (got < 0) return in.error();
    if (got == 0) break;
    feed.peeked += static_cast<std::size_t>(got);
  }
  if (feed.hash) feed.hash->update(feed.buf.data(), feed.peeked);
  std::string comp = sniff_compression(feed.buf.data(), feed.peeked);
  if (compression) *compression = comp;
  if (feed.peeked == 0) return std::string("empty layer blob (not a tar archive)");

  ArchivePtr raw;
  std::optional<PlainFeed> plain;
  ArchivePtr tar = new_tar_reader();
  // The tar reader parses what a decompressing thread writes (libarchive's raw-format
  // reader `source`, or ISA-L over the blob feed `gzip`), which is hashed as the DiffID.
  auto read_tar_from_thread = [&](archive* source, BlobFeed* gzip) {
    plain_hash.emplace();
    plain.emplace();
    plain->raw = source;
    plain->gzip = gzip;
    plain->hash = &*plain_hash;
    plain->start();
    archive_read_set_read_callback(tar.get(), plain_read);
    archive_read_set_callback_data(tar.get(), &*plain);
  };
  if (comp == "none") {
    // Plain tar: read it directly; without hashing, file data is skipped by seeking.
    archive_read_set_read_callback(tar.get(), feed_read);
    if (!hash && in.seekable()) {
      archive_read_set_skip_callback(tar.get(), feed_skip);
      if (mostly_headers) feed.read_size = 1024;
    }
    archive_read_set_callback_data(tar.get(), &feed);
  } else if (!hash) {
    archive_read_support_filter_all(tar.get());
    archive_read_set_read_callback(tar.get(), feed_read);
    archive_read_set_callback_data(tar.get(), &feed);
  } else if (comp == "gzip") {
    // gzip and verified: inflate with ISA-L and hash its output (the DiffID) while the
    // tar reader parses that same output.
    read_tar_from_thread(nullptr, &feed);
  } else {
    // Other compression, verified: decompress with a raw-format reader and hash its
    // output (the DiffID) while the tar reader parses that same output.
    raw.reset(archive_read_new());
    archive_read_support_filter_all(raw.get());
    archive_read_support_format_raw(raw.get());
    archive_read_set_read_callback(raw.get(), feed_read);
    archive_read_set_callback_data(raw.get(), &feed);
    if (archive_read_open1(raw.get()) != ARCHIVE_OK)
      return describe(comp, feed.error.empty() ? archive_error_string(raw.get())
                                                     ? archive_error_string(raw.get())
                                                     : "unreadable"
                                               : feed.error);
    archive_entry* e = nullptr;
    if (archive_read_next_header(raw.get(), &e) != ARCHIVE_OK)
      return describe(comp, feed.error.empty() ? archive_error_string(raw.get())
                                                     ? archive_error_string(raw.get())
                                                     : "unreadable"
                                               : feed.error);
    read_tar_from_thread(raw.get(), nullptr);
  }

  auto fail = [&](archive* a) -> std::string {
    if (plain) plain->stop();  // its errors are read below
    std::string what = !feed.error.empty()                ? feed.error
                       : (plain && !plain->error.empty()) ? plain->error
                       : archive_error_string(a)          ? archive_error_string(a)
                                                          : "unreadable tar";
    return describe(comp, what);
  };

  if (archive_read_open1(tar.get()) != ARCHIVE_OK) return fail(tar.get());
  archive_entry* entry = nullptr;
  for (;;) {
    int r = archive_read_next_header(tar.get(), &entry);
    if (r == ARCHIVE_EOF) break;
    if (r < ARCHIVE_WARN) return fail(tar.get());
    if (auto err = visit(tar.get(), entry)) return err;
    if (archive_read_data_skip(tar.get()) < ARCHIVE_WARN) return fail(tar.get());
  }
  if (!hash) return std::nullopt;

  // The digests cover every byte, including padding after the tar end and trailing data.
  const void* block = nullptr;
  if (plain) {
    for (;;) {
      long got = plain_read(nullptr, &*plain, &block);
      if (got < 0) {
        plain->stop();
        return describe(comp, plain->error);
      }
      if (got == 0) break;
    }
    plain->stop();  // the inflater is done with the blob feed: the rest is read here
  }
  for (;;) {
    long got = feed.next(&block);
    if (got < 0) return feed.error;
    if (got == 0) break;
  }
  *blob_digest = blob_hash ? blob_hash->digest() : self_verified;
  *diff_id = plain_hash ? plain_hash->digest() : *blob_digest;
  return std::nullopt;
}

std::variant<LayerScan, std::string> scan_layer(ByteReader& in, const ScanOptions& options) {
  LayerScan scan;
  std::vector<char> chunk;
  auto visit = [&](archive* a, archive_entry* e) -> std::optional<std::string> {
    const char* raw = archive_entry_pathname(e);
    if (!raw) return std::string("entry with an unreadable name");
    auto path = normalize_path(raw);
    if (!path) return "entry " + std::string(raw) + " escapes the root";
    auto wh = classify_whiteout(*path);
    switch (wh.kind) {
      case WhiteoutKind::aufs_metadata: return std::nullopt;
      case WhiteoutKind::invalid: return "invalid whiteout " + *path + " (no name after .wh.)";
      case WhiteoutKind::opaque: scan.opaque_dirs.push_back(wh.target); return std::nullopt;
      case WhiteoutKind::whiteout: scan.whiteouts.push_back(wh.target); return std::nullopt;
      case WhiteoutKind::none: break;
    }
    FileEntry f;
    f.path = *path;
    f.mode = static_cast<uint32_t>(archive_entry_perm(e)) & 07777u;
    if (const char* hl = archive_entry_hardlink(e)) {
      auto target = normalize_path(hl);
      if (!target) return "hard link " + *path + " points outside the root (" + hl + ")";
      f.type = FileEntry::hardlink;
      f.link_target = *target;
      if ((options.want_content && options.want_content(f.path)) ||
          (options.want_head && options.want_head(f.path)))
        scan.content_links.emplace_back(f.path, f.link_target);
    } else {
      switch (archive_entry_filetype(e)) {
        case AE_IFREG: f.type = FileEntry::file; break;
        case AE_IFDIR: f.type = FileEntry::dir; break;
        case AE_IFLNK:
          f.type = FileEntry::symlink;
          f.link_target = archive_entry_symlink(e) ? archive_entry_symlink(e) : "";
          break;
        default: f.type = FileEntry::other;
      }
    }
    if (f.type == FileEntry::file) {
      f.size = archive_entry_size(e) > 0 ? static_cast<uint64_t>(archive_entry_size(e)) : 0;
      uint64_t limit = 0;
      if (options.want_content && options.want_content(f.path)) {
        limit = options.max_content;
      } else if (options.want_head && options.want_head(f.path)) {
        limit = options.head_bytes;
      }
      if (limit > 0) {
        std::string data;
        uint64_t want = std::min<uint64_t>(f.size, limit);
        data.reserve(static_cast<std::size_t>(want));
        chunk.resize(64 * 1024UL);
        while (data.size() < want) {
          std::size_t n =
              static_cast<std::size_t>(std::min<uint64_t>(chunk.size(), want - data.size()));
          la_ssize_t got = archive_read_data(a, chunk.data(), n);
          if (got < 0)
            return std::string(archive_error_string(a) ? archive_error_string(a) : "read error");
          if (got == 0) break;
          data.append(chunk.data(), static_cast<std::size_t>(got));
        }
        scan.contents[f.path] = std::move(data);
      }
    }
    scan.entries.push_back(std::move(f));
    return std::nullopt;
  };
  if (auto err =
          walk_layer(in, options.hash, visit, &scan.compression, &scan.blob_digest, &scan.diff_id))
    return *err;
  return scan;
}

}  // namespace sagelint::image
