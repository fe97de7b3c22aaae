// The manifest cache: a stored document comes back by its digest, a corrupt or
// truncated entry is ignored and rewritten by the next store, bytes that do not hash to
// the digest asked for are never trusted (nor stored), a tag hint is only returned for
// its own reference, and entries count towards the directory's size limit.
#include "image/manifest_cache.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <vector>

#include "image/sha256.hpp"

using namespace sagelint::image;
namespace fs = std::filesystem;

namespace {

std::string digest_of(const std::string& data) {
  Sha256 h;
  h.update(data.data(), data.size());
  return h.digest();
}

struct TempDir {
  std::string path;
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "sagelint-manifest-cache.XXXXXX").string();
    path = ::mkdtemp(tmpl.data());
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

std::string entry_path(const std::string& dir, const std::string& digest) {
  return dir + "/manifests-v1/" + digest.substr(7);
}

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

void spit(const std::string& path, const std::string& data) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << data;
}

const std::string kManifest =
    R"({"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json"})";
const std::string kType = "application/vnd.oci.image.manifest.v1+json";

}  // namespace

TEST_CASE("manifest cache: a stored document comes back by its digest, with its type") {
  TempDir dir;
  ManifestCache cache(dir.path, 1u << 20);
  const std::string d = digest_of(kManifest);
  CHECK_FALSE(cache.load(d));
  cache.store(d, {kManifest, kType});
  CHECK(cache.stores() == 1);
  auto doc = ManifestCache(dir.path, 1u << 20).load(d);  // another process sees it
  REQUIRE(doc);
  CHECK(doc->body == kManifest);
  CHECK(doc->media_type == kType);
}

TEST_CASE("manifest cache: a body that does not hash to its digest is neither stored nor trusted") {
  TempDir dir;
  ManifestCache cache(dir.path, 1u << 20);
  const std::string d = digest_of(kManifest);
  cache.store(d, {kManifest + " ", kType});  // not the document of d
  CHECK(cache.stores() == 0);
  CHECK_FALSE(fs::exists(entry_path(dir.path, d)));
  // An entry whose checksums are all consistent but whose body belongs to another
  // digest (a renamed file, or one written by something else) is still refused.
  const std::string other = R"({"schemaVersion":2})";
  cache.store(digest_of(other), {other, kType});
  fs::copy_file(entry_path(dir.path, digest_of(other)), entry_path(dir.path, d));
  CHECK_FALSE(cache.load(d));
  CHECK(cache.load(digest_of(other)));
  // Not a digest at all: nothing is read or written.
  CHECK_FALSE(cache.load("sha256:../../etc/passwd"));
  cache.store("latest", {kManifest, kType});
  CHECK(cache.stores() == 1);
}

TEST_CASE("manifest cache: a corrupt or truncated entry is ignored and rebuilt") {
  TempDir dir;
  ManifestCache cache(dir.path, 1u << 20);
  const std::string d = digest_of(kManifest);
  cache.store(d, {kManifest, kType});
  const std::string good = slurp(entry_path(dir.path, d));
  REQUIRE(cache.load(d));

  SUBCASE("one byte of the body flipped") {
    std::string bad = good;
    bad[bad.find("schemaVersion")] ^= 0x20;
    spit(entry_path(dir.path, d), bad);
  }
  SUBCASE("the media type changed") {
    std::string bad = good;
    bad.replace(bad.find("image.manifest"), 5, "IMAGE");
    spit(entry_path(dir.path, d), bad);
  }
  SUBCASE("truncated") { spit(entry_path(dir.path, d), good.substr(0, good.size() / 2)); }
  SUBCASE("empty") { spit(entry_path(dir.path, d), ""); }

  CHECK_FALSE(cache.load(d));
  cache.store(d, {kManifest, kType});  // the next fetch rewrites it
  auto doc = cache.load(d);
  REQUIRE(doc);
  CHECK(doc->body == kManifest);
  CHECK(slurp(entry_path(dir.path, d)) == good);
}

TEST_CASE("manifest cache: a tag hint names the digest last seen for that reference only") {
  TempDir dir;
  ManifestCache cache(dir.path, 1u << 20);
  const std::string d1 = digest_of("one"), d2 = digest_of("two");
  CHECK(cache.last_digest("host:5000/team/app:v1").empty());
  cache.remember("host:5000/team/app:v1", d1);
  CHECK(cache.last_digest("host:5000/team/app:v1") == d1);
  CHECK(cache.last_digest("host:5000/team/app:v2").empty());
  cache.remember("host:5000/team/app:v1", d2);  // the tag moved
  CHECK(cache.last_digest("host:5000/team/app:v1") == d2);
  // A hint file that names another reference (a hash collision, a copied file) is not used.
  std::vector<fs::path> tags;
  for (const auto& e : fs::directory_iterator(dir.path + "/manifests-v1"))
    if (e.path().filename().string().rfind("tag-", 0) == 0) tags.push_back(e.path());
  REQUIRE(tags.size() == 1);
  std::string text = slurp(tags[0].string());
  text.replace(text.find(":v1"), 3, ":v9");
  spit(tags[0].string(), text);
  CHECK(cache.last_digest("host:5000/team/app:v1").empty());
}

TEST_CASE("manifest cache: entries count towards the size limit, least recently used first") {
  TempDir dir;
  // Each entry is about 1 KiB; a limit of 16 KiB evicts once the directory holds more.
  ManifestCache cache(dir.path, 16u << 10);
  std::vector<std::string> digests;
  for (int i = 0; i < 40; ++i) {
    std::string body = std::string(1000, 'x') + std::to_string(i);
    digests.push_back(digest_of(body));
    cache.store(digests.back(), {body, kType});
  }
  uint64_t total = 0;
  for (const auto& e : fs::directory_iterator(dir.path + "/manifests-v1")) total += e.file_size();
  CHECK(total <= (16u << 10));
  CHECK(cache.load(digests.back()));    // the newest is kept
  CHECK_FALSE(cache.load(digests[0]));  // the oldest went first
}
