#include "image/layer_cache.hpp"

#include <fcntl.h>
#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <iterator>
#include <vector>

#include "image/cache_eviction.hpp"
#include "image/sha256.hpp"

namespace sagelint::image {
namespace {

constexpr char kMagic[] = "sagelint-layer-cache 1\n";
constexpr uint64_t kMaxEntryBytes = 4ull << 30;  // a larger file is not one of ours

std::string sha256_hex(const std::string& data) {
  Sha256 h;
  h.update(data.data(), data.size());
  return h.digest();  // "sha256:…"
}

class Writer {
 public:
  void u64(uint64_t v) {
    for (int i = 0; i < 8; ++i) out_.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
  }
  void str(const std::string& s) {
    u64(s.size());
    out_ += s;
  }
  std::string take() { return std::move(out_); }

 private:
  std::string out_;
};

class Reader {
 public:
  explicit Reader(const std::string& in) : in_(in) {}
  bool u64(uint64_t& v) {
    if (in_.size() - pos_ < 8) return false;
    v = 0;
    for (int i = 0; i < 8; ++i) v |= uint64_t(static_cast<unsigned char>(in_[pos_ + i])) << (8 * i);
    pos_ += 8;
    return true;
  }
  bool str(std::string& s) {
    uint64_t n;
    if (!u64(n) || n > in_.size() - pos_) return false;
    s.assign(in_, pos_, n);
    pos_ += n;
    return true;
  }
  bool count(uint64_t& n) { return u64(n) && n <= in_.size() - pos_; }  // each item >= 1 byte
  bool at_end() const { return pos_ == in_.size(); }

 private:
  const std::string& in_;
  std::size_t pos_ = 0;
};

std::string encode(const std::string& salt, const std::string& digest, uint64_t max_content,
                   const LayerScan& scan) {
  Writer w;
  w.str(salt);
  w.str(digest);
  w.u64(max_content);
  w.str(scan.compression);
  w.str(scan.blob_digest);
  w.str(scan.diff_id);
  w.u64(scan.entries.size());
  for (const auto& e : scan.entries) {
    w.str(e.path);
    w.u64(static_cast<uint64_t>(e.type));
    w.str(e.link_target);
    w.u64(e.mode);
    w.u64(e.size);
  }
  w.u64(scan.whiteouts.size());
  for (const auto& p : scan.whiteouts) w.str(p);
  w.u64(scan.opaque_dirs.size());
  for (const auto& p : scan.opaque_dirs) w.str(p);
  w.u64(scan.contents.size());
  for (const auto& [p, data] : scan.contents) {
    w.str(p);
    w.str(data);
  }
  w.u64(scan.content_links.size());
  for (const auto& [link, target] : scan.content_links) {
    w.str(link);
    w.str(target);
  }
  return w.take();
}

bool decode(const std::string& body, const std::string& salt, const std::string& digest,
            uint64_t max_content, LayerScan& scan) {
  Reader r(body);
  std::string s, d;
  uint64_t cap = 0, n = 0;
  if (!r.str(s) || s != salt || !r.str(d) || d != digest || !r.u64(cap) || cap != max_content)
    return false;
  if (!r.str(scan.compression) || !r.str(scan.blob_digest) || !r.str(scan.diff_id)) return false;
  if (scan.blob_digest != digest) return false;
  if (!r.count(n)) return false;
  for (uint64_t i = 0; i < n; ++i) {
    FileEntry e;
    uint64_t type = 0, mode = 0;
    if (!r.str(e.path) || !r.u64(type) || type > static_cast<uint64_t>(FileEntry::other) ||
        !r.str(e.link_target) || !r.u64(mode) || !r.u64(e.size))
      return false;
    e.type = static_cast<FileEntry::Type>(type);
    e.mode = static_cast<uint32_t>(mode & 07777u);
    scan.entries.push_back(std::move(e));
  }
  for (auto* list : {&scan.whiteouts, &scan.opaque_dirs}) {
    if (!r.count(n)) return false;
    for (uint64_t i = 0; i < n; ++i) {
      if (!r.str(s)) return false;
      list->push_back(s);
    }
  }
  if (!r.count(n)) return false;
  for (uint64_t i = 0; i < n; ++i) {
    std::string data;
    if (!r.str(s) || !r.str(data)) return false;
    scan.contents[s] = std::move(data);
  }
  if (!r.count(n)) return false;
  for (uint64_t i = 0; i < n; ++i) {
    if (!r.str(s) || !r.str(d)) return false;
    scan.content_links.emplace_back(s, d);
  }
  return r.at_end();
}

}  // namespace

bool filter_contents(LayerScan& scan, const ScanOptions& options) {
  // What a fresh scan would keep of each wanted file: its first max_content bytes, or
  // its first head_bytes when only its head is wanted. An entry holding less (a head
  // where the whole file is now wanted) is incomplete; one holding more is cut back,
  // so a view from the cache equals a view from the blob. The predicates are asked
  // once per entry: they are the rules' and cost more than the rest of a cached
  // layer (a second pass over a fleet asks them for every file of every image).
  enum class Want : char { none, head, full };
  auto want_of = [&](const std::string& p) {
    if (options.want_content && options.want_content(p)) return Want::full;
    if (options.want_head && options.want_head(p)) return Want::head;
    return Want::none;
  };
  bool complete = true;
  std::map<std::string, uint64_t> keep;
  std::set<std::string> linked;
  std::map<std::string, bool> link_wanted;  // hard link entries, asked once
  for (const auto& [link, target] : scan.content_links) linked.insert(link);
  for (const auto& e : scan.entries) {
    if (e.type != FileEntry::file && e.type != FileEntry::hardlink) continue;
    const Want want = want_of(e.path);
    if (want == Want::none) {
      if (e.type == FileEntry::hardlink) link_wanted.emplace(e.path, false);
      continue;
    }
    if (e.type == FileEntry::hardlink) {
      link_wanted[e.path] = true;
      if (!linked.count(e.path)) complete = false;
      continue;
    }
    const uint64_t limit = want == Want::full ? options.max_content : options.head_bytes;
    const uint64_t size = std::min<uint64_t>(e.size, limit);
    keep[e.path] = size;
    auto it = scan.contents.find(e.path);
    if (it == scan.contents.end() || it->second.size() < size) complete = false;
  }
  for (auto it = scan.contents.begin(); it != scan.contents.end();) {
    auto k = keep.find(it->first);
    if (k == keep.end()) {
      it = scan.contents.erase(it);
      continue;
    }
    if (it->second.size() > k->second) it->second.resize(static_cast<std::size_t>(k->second));
    ++it;
  }
  auto link_kept = [&](const std::string& link) {
    auto it = link_wanted.find(link);
    if (it == link_wanted.end()) it = link_wanted.emplace(link, want_of(link) != Want::none).first;
    return it->second;
  };
  scan.content_links.erase(std::remove_if(scan.content_links.begin(), scan.content_links.end(),
                                          [&](const auto& l) { return !link_kept(l.first); }),
                           scan.content_links.end());
  return complete;
}

LayerCache::LayerCache(std::string dir, std::string salt, uint64_t max_bytes)
    : dir_(std::move(dir)), salt_(std::move(salt)), max_bytes_(max_bytes) {}

std::string LayerCache::path_for(const std::string& digest, uint64_t max_content) const {
  // The file name hashes the whole key; the entry repeats it, so a collision or a
  // renamed file is not trusted either.
  std::string key = sha256_hex(salt_ + '\n' + digest + '\n' + std::to_string(max_content));
  return dir_ + "/" + kLayerCacheSubdir + "/" + key.substr(7);
}

LayerCache::Lookup LayerCache::load(const std::string& digest, const ScanOptions& options) {
  if (digest.rfind("sha256:", 0) != 0) return {};
  const std::string path = path_for(digest, options.max_content);
  std::shared_ptr<Claim> claim;
  {
    std::unique_lock lock(mu_);
    const auto me = std::this_thread::get_id();
    for (;;) {
      auto it = in_flight_.find(path);
      if (it == in_flight_.end()) {
        in_flight_.emplace(path, me);
        claim = std::make_shared<Claim>(*this, path);
        break;
      }
      if (it->second == me) break;  // this thread's own scan: waiting would never end
      ++waits_;
      released_.wait(lock, [&] { return in_flight_.count(path) == 0; });
    }
  }
  // Read with the claim held: a scan stored before an earlier claim was dropped is seen
  // here, so a layer is not scanned twice because its entry landed between two looks.
  Lookup out = read_entry(path, digest, options);
  if (out.scan) {
    std::lock_guard lock(mu_);
    ++hits_;
  } else {
    out.claim = std::move(claim);
  }
  return out;  // a hit drops the claim here
}

void LayerCache::release(const std::string& path) {
  {
    std::lock_guard lock(mu_);
    in_flight_.erase(path);
  }
  released_.notify_all();
}

LayerCache::Lookup LayerCache::read_entry(const std::string& path, const std::string& digest,
                                          const ScanOptions& options) {
  Lookup out;
  auto data = read_cache_entry(path, kMaxEntryBytes);
  if (!data) return out;
  auto body = unseal_cache_entry(*data, kMagic);
  if (!body) return out;
  LayerScan scan;
  if (!decode(*body, salt_, digest, options.max_content, scan)) return out;
  for (const auto& [p, content] : scan.contents) out.kept_paths.insert(p);
  if (!filter_contents(scan, options)) return out;  // wants a content this entry lacks
  // Least recently used: a hit counts as a use.
  ::utimensat(AT_FDCWD, path.c_str(), nullptr, 0);
  out.kept_paths.clear();
  out.scan = std::move(scan);
  return out;
}

void LayerCache::store(const std::string& digest, const LayerScan& scan,
                       const ScanOptions& options) {
  if (digest.rfind("sha256:", 0) != 0 || !options.hash || scan.blob_digest != digest) return;
  std::string body = encode(salt_, digest, options.max_content, scan);
  std::string data = seal_cache_entry(kMagic, body);
  // A cache that cannot be written only costs time.
  if (!write_cache_entry(path_for(digest, options.max_content), data)) return;
  std::lock_guard lock(mu_);
  ++stores_;
  since_evict_ += data.size();
  // Listing the directory for every entry would cost O(entries^2) over a fleet.
  if (since_evict_ >= max_bytes_ / 16 || stores_ == 1) {
    since_evict_ = 0;
    evict();
  }
}

void LayerCache::evict() { evict_least_recent(dir_, max_bytes_); }

}  // namespace sagelint::image
