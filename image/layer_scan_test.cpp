// scan_layer over a compressed, verified layer, where inflating runs on a thread of its
// own: the source's errors and the scanner's own arrive as before, and neither side is
// left waiting on the other when one stops in the middle of a layer.
#include "image/layer_scan.hpp"

#include <doctest/doctest.h>

#include <cstring>

#include "tests/support/fixture_builder.hpp"

using namespace sagelint::fixtures;
using namespace sagelint::image;

namespace {

// The blob in `step`-byte reads; after `fail_at` bytes, or at the end when it claims a
// digest it does not have, the read fails with `why`.
class BlobSource : public ByteReader {
 public:
  BlobSource(std::string data, std::size_t step) : data_(std::move(data)), step_(step) {}
  std::size_t fail_at = std::string::npos;
  std::string why = "connection dropped";
  std::string claimed_digest;  // what verified_digest() says
  bool digest_matches = true;

  std::string verified_digest() const override { return claimed_digest; }
  long read(void* buf, std::size_t n) override {
    std::size_t end = std::min(data_.size(), fail_at);
    if (pos_ == end) {
      if (end < data_.size() || !digest_matches) {
        error_ = why;
        return -1;
      }
      return 0;
    }
    std::size_t k = std::min({n, step_, end - pos_});
    std::memcpy(buf, data_.data() + pos_, k);
    pos_ += k;
    return static_cast<long>(k);
  }

 private:
  std::string data_;
  std::size_t step_;
  std::size_t pos_ = 0;
};

std::string noise(std::size_t n) {
  std::string s(n, '\0');
  uint32_t x = 7;
  for (auto& c : s) {
    x = x * 1664525 + 1013904223;
    c = static_cast<char>(x >> 24);
  }
  return s;
}

LayerSpec gzip_layer(std::vector<Entry> entries) {
  LayerSpec l;
  l.entries = std::move(entries);
  l.compression = "gzip";
  return l;
}

}  // namespace

TEST_CASE("layer scan: a gzip layer gives its entries and both digests") {
  std::string diff_id;
  std::string blob = layer_blob(
      gzip_layer({Dir("opt"), File("opt/a.txt", "hello"), File("opt/big", noise(3u << 20))}),
      &diff_id);
  BlobSource src(blob, 70000);
  ScanOptions opt;
  opt.want_content = [](const std::string& p) { return p == "/opt/a.txt"; };
  auto r = scan_layer(src, opt);
  REQUIRE(std::holds_alternative<LayerScan>(r));
  const LayerScan& scan = std::get<LayerScan>(r);
  CHECK(scan.compression == "gzip");
  CHECK(scan.entries.size() == 3);
  CHECK(scan.contents.at("/opt/a.txt") == "hello");
  CHECK(scan.blob_digest == sha256_digest(blob));
  CHECK(scan.diff_id == diff_id);
}

TEST_CASE("layer scan: a transfer failing mid-layer gives its own message, and returns") {
  std::string blob = layer_blob(gzip_layer({File("big", noise(4u << 20))}));
  BlobSource src(blob, 65536);
  src.fail_at = blob.size() / 2;
  src.why = "blob sha256:ab…: truncated: the transfer failed after 2097152 bytes";
  auto r = scan_layer(src, ScanOptions{});
  REQUIRE(std::holds_alternative<std::string>(r));
  CHECK(std::get<std::string>(r).find(src.why) != std::string::npos);
}

TEST_CASE("layer scan: the scanner stopping early releases the inflater blocked on a full pipe") {
  // The bad entry comes first; megabytes follow, more than the inflater may queue.
  std::string blob = layer_blob(gzip_layer({File("../escape", "x"), File("big", noise(6u << 20))}));
  BlobSource src(blob, 1u << 20);
  auto r = scan_layer(src, ScanOptions{});  // a deadlock here hangs (ctest's timeout)
  REQUIRE(std::holds_alternative<std::string>(r));
  CHECK(std::get<std::string>(r) == "entry ../escape escapes the root");
}

TEST_CASE("layer scan: a source that verifies its own digest is trusted only to its end") {
  std::string blob = layer_blob(gzip_layer({File("f", noise(200000))}));
  BlobSource good(blob, 50000);
  good.claimed_digest = sha256_digest(blob);
  auto r = scan_layer(good, ScanOptions{});
  REQUIRE(std::holds_alternative<LayerScan>(r));
  CHECK(std::get<LayerScan>(r).blob_digest == sha256_digest(blob));

  BlobSource bad(blob, 50000);  // every byte decompresses; the verdict comes last
  bad.claimed_digest = sha256_digest(blob);
  bad.digest_matches = false;
  bad.why = "blob sha256:12…: digest mismatch";
  auto e = scan_layer(bad, ScanOptions{});
  REQUIRE(std::holds_alternative<std::string>(e));
  CHECK(std::get<std::string>(e).find("digest mismatch") != std::string::npos);
}
