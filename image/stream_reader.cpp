// read_image_stream: one front-to-back pass over an image archive that cannot be read
// twice. Every member that is a tar (a layer) is scanned as it passes, keyed by its
// member name; JSON members are kept; the image is resolved and merged at the end.
#include <archive.h>
#include <archive_entry.h>

#include <cstring>
#include <map>
#include <memory>

#include "image/input.hpp"
#include "image/layer_scan.hpp"
#include "image/merge.hpp"
#include "image/tar_members.hpp"

namespace sagelint::image {

namespace {

constexpr std::size_t kPeek = 512;

// The members kept from the pass, as an Input the resolver can ask.
class SpooledInput : public Input {
 public:
  std::map<std::string, Member> members;
  std::map<std::string, std::string> spooled;  // by member name
  std::set<std::string> layers;                // member names scanned as layers

  // The member name that holds name's data.
  std::string holder(const std::string& name) const {
    const Member* m = resolve_member(members, name);
    if (!m) return "";
    for (const auto& [n, mm] : members)
      if (&mm == m) return n;
    return "";
  }
  bool has(const std::string& name) const override { return !holder(name).empty(); }
  std::optional<uint64_t> size_of(const std::string& name) const override {
    const Member* m = resolve_member(members, name);
    if (!m) return std::nullopt;
    return m->size;
  }
  std::variant<std::string, InputError> read_small(const std::string& name, uint64_t cap) override {
    std::string h = holder(name);
    auto it = spooled.find(h);
    if (h.empty()) return InputError{name + ": missing"};
    if (it == spooled.end()) return InputError{name + ": not a JSON document"};
    if (it->second.size() > cap) return InputError{name + ": larger than the limit"};
    return it->second;
  }
  bool random_access() const override { return false; }
  std::unique_ptr<ByteReader> open(const std::string&) override { return nullptr; }
  std::string kind() const override { return "tar"; }
};

// libarchive reads the outer stream through this.
struct Feed {
  ByteReader& in;
  std::atomic<uint64_t>& counter;
  std::vector<char> buf = std::vector<char>(1 << 20);
  std::string error;
};

la_ssize_t feed_read(archive*, void* data, const void** out) {
  auto* f = static_cast<Feed*>(data);
  long got = f->in.read(f->buf.data(), f->buf.size());
  if (got < 0) {
    f->error = f->in.error();
    return -1;
  }
  f->counter += static_cast<uint64_t>(got);
  *out = f->buf.data();
  return got;
}

// One member's data: the bytes peeked to classify it, then the rest.
class EntryReader : public ByteReader {
 public:
  EntryReader(archive* a, std::string head) : a_(a), head_(std::move(head)) {}
  long read(void* buf, std::size_t n) override {
    if (pos_ < head_.size()) {
      std::size_t k = std::min(n, head_.size() - pos_);
      std::memcpy(buf, head_.data() + pos_, k);
      pos_ += k;
      return static_cast<long>(k);
    }
    la_ssize_t got = archive_read_data(a_, buf, n);
    if (got < 0) {
      error_ = archive_error_string(a_) ? archive_error_string(a_) : "read error";
      return -1;
    }
    return static_cast<long>(got);
  }

 private:
  archive* a_;
  std::string head_;
  std::size_t pos_ = 0;
};

bool looks_like_json(const std::string& head) {
  for (char c : head) {
    if (std::isspace(static_cast<unsigned char>(c))) continue;
    return c == '{' || c == '[';
  }
  return false;
}

bool looks_like_tar(const std::string& head, uint64_t size) {
  auto u = reinterpret_cast<const unsigned char*>(head.data());
  if (sniff_compression(u, head.size()) != "none") return true;
  if (head.size() >= 262 && head.compare(257, 5, "ustar") == 0) return true;
  // An empty layer: the end-of-archive blocks only.
  return size >= 1024 && head.size() == kPeek &&
         std::all_of(head.begin(), head.end(), [](char c) { return c == 0; });
}

struct ArchiveFree {
  void operator()(archive* a) const { archive_read_free(a); }
};

std::variant<std::shared_ptr<SpooledInput>, std::string> one_pass(
    ByteReader& source, const ScanOptions& scan_opt, std::atomic<uint64_t>& counter,
    std::map<std::string, std::shared_ptr<LayerScan>>& scans) {
  auto input = std::make_shared<SpooledInput>();
  Feed feed{source, counter, std::vector<char>(1 << 20), {}};
  std::unique_ptr<archive, ArchiveFree> a(archive_read_new());
  archive_read_support_filter_all(a.get());
  archive_read_support_format_tar(a.get());
  archive_read_support_format_gnutar(a.get());
  archive_read_set_read_callback(a.get(), feed_read);
  archive_read_set_callback_data(a.get(), &feed);
  auto fail = [&](const std::string& what) -> std::string {
    if (!feed.error.empty()) return feed.error;
    const char* e = archive_error_string(a.get());
    return what + (e ? std::string(" (") + e + ")" : "");
  };
  if (archive_read_open1(a.get()) != ARCHIVE_OK) return fail("not a tar archive");
  uint64_t spooled_bytes = 0;
  archive_entry* e = nullptr;
  for (;;) {
    int r = archive_read_next_header(a.get(), &e);
    if (r == ARCHIVE_EOF) break;
    if (r < ARCHIVE_WARN) return fail("unreadable archive");
    const char* raw = archive_entry_pathname(e);
    auto name = raw ? member_name(raw) : std::nullopt;
    if (!name) continue;
    record_member(input->members, e, 0);
    if (archive_entry_filetype(e) != AE_IFREG || archive_entry_hardlink(e)) continue;
    uint64_t size = archive_entry_size(e) > 0 ? static_cast<uint64_t>(archive_entry_size(e)) : 0;
    std::string head(kPeek, '\0');
    std::size_t have = 0;
    while (have < kPeek) {
      la_ssize_t got = archive_read_data(a.get(), head.data() + have, kPeek - have);
      if (got < 0) return fail(*name + ": unreadable");
      if (got == 0) break;
      have += static_cast<std::size_t>(got);
    }
    head.resize(have);
    if (looks_like_tar(head, size)) {
      EntryReader reader(a.get(), std::move(head));
      auto res = scan_layer(reader, scan_opt);
      if (auto* err = std::get_if<std::string>(&res)) return *name + ": " + *err;
      scans[*name] = std::make_shared<LayerScan>(std::move(std::get<LayerScan>(res)));
      input->layers.insert(*name);
      continue;
    }
    if (size > kMaxJsonBytes || (!looks_like_json(head) && *name != "oci-layout")) continue;
    if (spooled_bytes + size > 4 * kMaxJsonBytes) return std::string("too much JSON metadata");
    std::string data = head;
    char buf[65536];
    la_ssize_t got;
    while ((got = archive_read_data(a.get(), buf, sizeof buf)) > 0)
      data.append(buf, static_cast<std::size_t>(got));
    if (got < 0) return fail(*name + ": unreadable");
    spooled_bytes += data.size();
    input->spooled[*name] = std::move(data);
  }
  return input;
}

}  // namespace

ReadResult read_image_stream(ByteReader& archive_stream, const std::string& source,
                             const ReadOptions& options, const ImageConfig& content_config) {
  try {
    std::atomic<uint64_t> counter{0};
    std::map<std::string, std::shared_ptr<LayerScan>> scans;
    ScanOptions scan_opt = scan_options(options, content_config);
    auto pass = one_pass(archive_stream, scan_opt, counter, scans);
    if (auto* err = std::get_if<std::string>(&pass)) return ReadError{one_line(*err)};
    auto input = std::get<std::shared_ptr<SpooledInput>>(pass);
    auto prepared = prepare_image(input, options);
    if (auto* err = std::get_if<std::string>(&prepared)) return ReadError{one_line(*err)};
    PreparedImage& image = std::get<PreparedImage>(prepared);
    ImageView view = begin_view(source, image);
    for (std::size_t i = 0; i < image.ref.layers.size(); ++i) {
      const LayerRef& lr = image.ref.layers[i];
      std::string holder = input->holder(lr.blob);
      auto it = scans.find(holder);
      if (it == scans.end())
        return ReadError{one_line(layer_label(i, lr) + ": " + lr.blob + " is not a layer tar")};
      bool reused_later = false;
      for (std::size_t j = i + 1; j < image.ref.layers.size(); ++j)
        reused_later |= input->holder(image.ref.layers[j].blob) == holder;
      LayerScan scan = reused_later ? *it->second : std::move(*it->second);
      if (options.verify)
        if (auto bad = check_layer_digests(image, i, scan.blob_digest, scan.diff_id))
          return ReadError{one_line(*bad)};
      view.layers[i].compression = scan.compression;
      view.layers[i].read = true;
      apply_layer(view, scan, static_cast<int>(i));
    }
    view.stats.input_bytes = counter;
    view.stats.bytes_read = counter;
    return view;
  } catch (const std::bad_alloc&) {
    return ReadError{"out of memory while reading the image"};
  } catch (const std::exception& ex) {
    return ReadError{one_line(ex.what())};
  }
}

}  // namespace sagelint::image
