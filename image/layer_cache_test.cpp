// The layer-digest cache: an image read through it gives the same view, a second read
// opens no layer blob, a corrupt or truncated entry is never trusted, contents wanted
// under another image's config are rescanned, and the size limit evicts the least
// recently used entries.
#include "image/layer_cache.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <thread>

#include "image/test_support.hpp"
#include "tests/support/fixture_builder.hpp"

using namespace sagelint::fixtures;
using namespace sagelint::image;
using namespace sagelint::image::testing;
namespace fs = std::filesystem;

namespace {

std::vector<fs::path> entries_in(const std::string& dir) {
  std::vector<fs::path> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir + "/layers-v1", ec)) out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

// A base layer with a file the second layer deletes, and an entrypoint script whose
// content is wanted only by an image whose entrypoint names it.
void write_image(const std::string& dest, const std::string& entrypoint) {
  ArchiveSpec spec;
  spec.shape = Shape::oci_layout;
  ImageSpec img;
  LayerSpec base, app;
  base.compression = "gzip";
  base.entries = {Dir("bin"), File("bin/run.sh", "#!/bin/sh\necho base\n", 0755),
                  File("etc/passwd", "root:x:0:0::/root:/bin/sh\n"), File("opt/gone", "g")};
  app.entries = {Whiteout("opt/gone"), File("opt/ml/job.py", "print(1)\n")};
  img.layers = {base, app};
  img.config = {{"Entrypoint", {entrypoint}}};
  spec.images = {img};
  write_archive(spec, dest);
}

ReadOptions wanting_entrypoint(std::shared_ptr<LayerCache> cache) {
  ReadOptions opt;
  opt.layer_cache = std::move(cache);
  opt.want_content = [](const std::string& path, const ImageConfig& config) {
    return path == "/etc/passwd" ||
           (config.entrypoint && !config.entrypoint->empty() && (*config.entrypoint)[0] == path);
  };
  return opt;
}

std::string contents_text(const ImageView& v) {
  std::string out;
  for (const auto& [path, data] : v.contents) out += path + "=" + data + "\n";
  return out;
}

}  // namespace

TEST_CASE("a second read of an image comes from the cache: same view, no layer blob read") {
  TempDir tmp;
  write_image(tmp / "img", "/bin/run.sh");
  auto cache = std::make_shared<LayerCache>(tmp / "cache", "test 1");
  const ImageView plain = read_ok(tmp / "img", wanting_entrypoint(nullptr));
  const ImageView first = read_ok(tmp / "img", wanting_entrypoint(cache));
  CHECK(cache->stores() == 2);
  CHECK(cache->hits() == 0);
  const ImageView second = read_ok(tmp / "img", wanting_entrypoint(cache));
  CHECK(cache->hits() == 2);
  for (const auto* v : {&first, &second}) {
    CHECK(tree_text(*v) == tree_text(plain));
    CHECK(contents_text(*v) == contents_text(plain));
    CHECK(v->files.find("/opt/gone") == nullptr);  // the whiteout still applies
  }
  CHECK(contents_text(second).find("/bin/run.sh=#!/bin/sh") != std::string::npos);
  uint64_t layer_bytes = 0;
  for (const auto& l : first.layers) layer_bytes += l.size;
  CHECK(first.stats.bytes_read >= layer_bytes);
  CHECK(second.stats.bytes_read < first.stats.bytes_read - layer_bytes + 1);
}

TEST_CASE("an entry lacking a content this image wants is rescanned, and then keeps both") {
  TempDir tmp;
  write_image(tmp / "a", "/bin/run.sh");
  write_image(tmp / "b", "/opt/ml/job.py");  // same base layer, another wanted file
  auto cache = std::make_shared<LayerCache>(tmp / "cache", "test 1");
  read_ok(tmp / "a", wanting_entrypoint(cache));
  const ImageView b = read_ok(tmp / "b", wanting_entrypoint(cache));
  CHECK(b.contents.count("/opt/ml/job.py") == 1);
  CHECK(b.contents.count("/bin/run.sh") == 0);  // kept in the cache, not shown to b
  CHECK(contents_text(b) == contents_text(read_ok(tmp / "b", wanting_entrypoint(nullptr))));
  const uint64_t hits = cache->hits();
  const ImageView a = read_ok(tmp / "a", wanting_entrypoint(cache));
  CHECK(cache->hits() == hits + 2);  // both layers now serve both images
  CHECK(a.contents.count("/bin/run.sh") == 1);
}

TEST_CASE("file heads are cached like contents and cut back to what a fresh scan keeps") {
  TempDir tmp;
  write_image(tmp / "img", "/bin/run.sh");
  auto cache = std::make_shared<LayerCache>(tmp / "cache", "test 1");
  auto heads = [&](bool whole_script) {
    ReadOptions opt = wanting_entrypoint(cache);
    opt.head_bytes = 4;
    opt.want_content = [whole_script](const std::string& path, const ImageConfig&) {
      return whole_script && path == "/bin/run.sh";
    };
    opt.want_head = [](const std::string& path, const ImageConfig&) {
      return path == "/bin/run.sh" || path == "/etc/passwd";
    };
    return opt;
  };
  auto plain = [&](bool whole_script) {
    ReadOptions opt = heads(whole_script);
    opt.layer_cache = nullptr;
    return contents_text(read_ok(tmp / "img", opt));
  };
  // Heads only: stored, then served from the cache exactly as a fresh scan gives them.
  const ImageView first = read_ok(tmp / "img", heads(false));
  CHECK(contents_text(first) == plain(false));
  CHECK(first.contents.at("/bin/run.sh") == "#!/b");
  const uint64_t hits = cache->hits();
  CHECK(contents_text(read_ok(tmp / "img", heads(false))) == plain(false));
  CHECK(cache->hits() == hits + 2);
  // The whole script wanted now: a head is not enough, the layer is read again ...
  const ImageView whole = read_ok(tmp / "img", heads(true));
  CHECK(contents_text(whole) == plain(true));
  CHECK(whole.contents.at("/bin/run.sh") == "#!/bin/sh\necho base\n");
  // ... and the entry that now holds it whole still gives a head-only reader its head.
  CHECK(contents_text(read_ok(tmp / "img", heads(false))) == plain(false));
}

TEST_CASE("a corrupt, truncated or foreign entry is ignored and rebuilt") {
  TempDir tmp;
  write_image(tmp / "img", "/bin/run.sh");
  const std::string want = tree_text(read_ok(tmp / "img", wanting_entrypoint(nullptr)));
  {
    auto cache = std::make_shared<LayerCache>(tmp / "cache", "test 1");
    read_ok(tmp / "img", wanting_entrypoint(cache));
  }
  auto files = entries_in(tmp / "cache");
  REQUIRE(files.size() == 2);
  {  // one byte flipped in the middle
    std::fstream f(files[0], std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(static_cast<std::streamoff>(fs::file_size(files[0]) / 2));
    f.put('\x7f');
  }
  fs::resize_file(files[1], fs::file_size(files[1]) / 2);
  auto cache = std::make_shared<LayerCache>(tmp / "cache", "test 1");
  CHECK(tree_text(read_ok(tmp / "img", wanting_entrypoint(cache))) == want);
  CHECK(cache->hits() == 0);
  CHECK(cache->stores() == 2);
  auto again = std::make_shared<LayerCache>(tmp / "cache", "test 1");
  CHECK(tree_text(read_ok(tmp / "img", wanting_entrypoint(again))) == want);
  CHECK(again->hits() == 2);
  // Another version's entries are not used (the key and the entry both name it).
  auto other = std::make_shared<LayerCache>(tmp / "cache", "test 2");
  read_ok(tmp / "img", wanting_entrypoint(other));
  CHECK(other->hits() == 0);
}

TEST_CASE("concurrent readers sharing one cache directory") {
  TempDir tmp;
  write_image(tmp / "img", "/bin/run.sh");
  const std::string want = tree_text(read_ok(tmp / "img", wanting_entrypoint(nullptr)));
  std::vector<std::string> got(6);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < got.size(); ++i)
    threads.emplace_back([&, i] {
      // A cache object each, as separate processes have.
      auto cache = std::make_shared<LayerCache>(tmp / "cache", "test 1");
      auto r = read_image(tmp / "img", wanting_entrypoint(cache));
      if (auto* v = std::get_if<ImageView>(&r)) got[i] = tree_text(*v);
    });
  for (auto& t : threads) t.join();
  for (const auto& g : got) CHECK(g == want);
  for (const auto& f : entries_in(tmp / "cache"))
    CHECK(f.filename().string().find(".tmp.") == std::string::npos);
}

TEST_CASE("the size limit evicts the least recently used entries; a load is a use") {
  TempDir tmp;
  auto make = [&](int i) {
    LayerScan scan;
    FileEntry e;
    e.path = "/f" + std::to_string(i);
    scan.entries.push_back(e);
    scan.blob_digest = sha256_digest("layer " + std::to_string(i));
    return scan;
  };
  ScanOptions opt;
  opt.hash = true;
  std::vector<std::string> digests;
  {
    LayerCache cache(tmp / "cache", "test 1");
    for (int i = 0; i < 3; ++i) {
      auto scan = make(i);
      cache.store(scan.blob_digest, scan, opt);
      digests.push_back(scan.blob_digest);
    }
  }
  auto files = entries_in(tmp / "cache");
  REQUIRE(files.size() == 3);
  const uint64_t size = fs::file_size(files[0]);
  // Stored 30, 20 and 10 seconds ago, in digest order; then entry 0 is used.
  LayerCache cache(tmp / "cache", "test 1", 3 * size + size / 2);
  const auto now = fs::file_time_type::clock::now();
  std::map<std::string, fs::path> by_digest;
  for (int i = 0; i < 3; ++i) {
    for (const auto& f : files) {
      std::ifstream in(f, std::ios::binary);
      std::string data((std::istreambuf_iterator<char>(in)), {});
      if (data.find(digests[i]) != std::string::npos) by_digest[digests[i]] = f;
    }
    fs::last_write_time(by_digest[digests[i]], now - std::chrono::seconds(30 - 10 * i));
  }
  REQUIRE(by_digest.size() == 3);
  CHECK(cache.load(digests[0], opt).scan.has_value());  // now the most recently used
  auto scan = make(3);
  cache.store(scan.blob_digest, scan, opt);  // 4 entries > the limit: one must go
  CHECK(entries_in(tmp / "cache").size() == 3);
  CHECK(fs::exists(by_digest[digests[0]]));
  CHECK_FALSE(fs::exists(by_digest[digests[1]]));  // the least recently used
  CHECK(fs::exists(by_digest[digests[2]]));
  CHECK(cache.load(scan.blob_digest, opt).scan->entries.front().path == "/f3");
  // A scan whose blob digest is not the key is not stored (the key must name the bytes).
  auto wrong = make(7);
  cache.store(digests[2], wrong, opt);
  CHECK(cache.load(digests[2], opt).scan->entries.front().path == "/f2");
}

TEST_CASE("one process scans a layer once: a second load waits for the claimant's store") {
  TempDir tmp;
  LayerCache cache(tmp / "cache", "test 1");
  ScanOptions opt;
  opt.hash = true;
  LayerScan scan;
  FileEntry e;
  e.path = "/shared";
  scan.entries.push_back(e);
  scan.blob_digest = sha256_digest("the shared base");
  const std::string digest = scan.blob_digest;

  auto first = cache.load(digest, opt);
  REQUIRE_FALSE(first.scan);
  REQUIRE(first.claim);
  // The claimant itself asking again must not wait for itself.
  CHECK_FALSE(cache.load(digest, opt).scan);
  std::atomic<bool> returned{false};
  LayerCache::Lookup second;
  std::thread other([&] {
    second = cache.load(digest, opt);
    returned = true;
  });
  for (int i = 0; i < 1000 && cache.waits() == 0; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  CHECK(cache.waits() == 1);
  CHECK_FALSE(returned.load());  // it waits while the first scan is in flight
  cache.store(digest, scan, opt);
  first.claim.reset();
  other.join();
  REQUIRE(second.scan);  // served by the stored entry, not scanned again
  CHECK(second.scan->entries.front().path == "/shared");
  CHECK_FALSE(second.claim);
  CHECK(cache.stores() == 1);
}

TEST_CASE("a claimant that fails hands the layer to the next one waiting") {
  TempDir tmp;
  LayerCache cache(tmp / "cache", "test 1");
  ScanOptions opt;
  opt.hash = true;
  const std::string digest = sha256_digest("a blob whose fetch fails");
  auto first = cache.load(digest, opt);
  REQUIRE(first.claim);
  LayerCache::Lookup second;
  std::thread other([&] { second = cache.load(digest, opt); });
  for (int i = 0; i < 1000 && cache.waits() == 0; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  first = {};  // dropped without a store: the scan failed
  other.join();
  CHECK_FALSE(second.scan);
  CHECK(second.claim);  // now the other thread scans it
}

TEST_CASE("images sharing a base read at once through one cache scan the base once") {
  TempDir tmp;
  write_image(tmp / "a", "/bin/run.sh");
  write_image(tmp / "b", "/bin/run.sh");  // the same base layer blob
  auto cache = std::make_shared<LayerCache>(tmp / "cache", "test 1");
  const std::string want = tree_text(read_ok(tmp / "a", wanting_entrypoint(nullptr)));
  std::vector<std::string> got(4);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < got.size(); ++i)
    threads.emplace_back([&, i] {
      auto r = read_image(tmp / (i % 2 ? "a" : "b"), wanting_entrypoint(cache));
      if (auto* v = std::get_if<ImageView>(&r)) got[i] = tree_text(*v);
    });
  for (auto& t : threads) t.join();
  for (const auto& g : got) CHECK(g == want);
  // Both images' layers are the same blobs: 2 distinct layers, each scanned once.
  CHECK(cache->stores() == 2);
  CHECK(cache->hits() == 6);
}
