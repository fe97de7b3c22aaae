// The image result cache: findings and layer read flags come back under the key they
// were stored with, named after the caller's target; the key changes with the target,
// the config, any layer and the settings; a corrupt, truncated or renamed entry is
// ignored; images that cannot be keyed are not cached.
#include "lint/result_cache.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "tests/support/fixture_builder.hpp"

using namespace sagelint;
using namespace sagelint::lint;
namespace fs = std::filesystem;

namespace {

image::ImageView two_layer_view() {
  image::ImageView v;
  v.config_digest = "sha256:" + std::string(64, 'c');
  for (int i = 0; i < 2; ++i) {
    image::Layer l;
    l.index = i;
    l.digest = "sha256:" + std::string(64, static_cast<char>('a' + i));
    l.diff_id = "sha256:" + std::string(64, static_cast<char>('d' + i));
    v.layers.push_back(l);
  }
  return v;
}

TargetResult result_of(const std::string& target) {
  TargetResult r;
  r.target = target;
  r.kind = TargetKind::image;
  Finding f;
  f.rule = "SMP010";
  f.severity = Severity::warning;
  f.message = "a file under /opt/ml";
  f.target = target;
  f.kind = TargetKind::image;
  f.path = "/opt/ml/input/x";
  f.layer = 1;
  f.created_by = "COPY x /opt/ml/input/x";
  r.findings.push_back(f);
  ImageSummary s;
  s.config_digest = "sha256:" + std::string(64, 'c');
  s.layers = {{"sha256:" + std::string(64, 'a'), 10, false, ""},
              {"sha256:" + std::string(64, 'b'), 20, true, "COPY x /opt/ml/input/x"}};
  s.bytes_read = 30;
  r.image = s;
  return r;
}

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

std::string only_entry(const std::string& dir) {
  std::string found;
  for (const auto& e : fs::directory_iterator(dir + "/results-v1")) found = e.path().string();
  return found;
}

}  // namespace

TEST_CASE("result cache: stored findings and read flags come back under their key") {
  fixtures::TempDir dir;
  ResultCache cache(dir.path(), "sagelint test", 1u << 20);
  LintSettings settings;
  const auto key = cache.key("docker://r/a:1", two_layer_view(), settings);
  REQUIRE(key.rfind("sha256:", 0) == 0);
  CHECK_FALSE(cache.load(key, "docker://r/a:1"));
  cache.store(key, result_of("docker://r/a:1"));
  CHECK(cache.stores() == 1);
  auto known = cache.load(key, "docker://r/a:1 again");
  REQUIRE(known);
  REQUIRE(known->findings.size() == 1);
  const Finding& f = known->findings[0];
  CHECK(f.rule == "SMP010");
  CHECK(f.severity == Severity::warning);
  CHECK(f.target == "docker://r/a:1 again");
  CHECK(f.path == std::optional<std::string>("/opt/ml/input/x"));
  CHECK(f.layer == std::optional<int>(1));
  CHECK(f.created_by == std::optional<std::string>("COPY x /opt/ml/input/x"));
  CHECK(known->layers_read == std::vector<bool>{false, true});
  CHECK(cache.hits() == 1);
}

TEST_CASE("result cache: the key follows the target, the config, every layer and the settings") {
  fixtures::TempDir dir;
  ResultCache cache(dir.path(), "sagelint test", 1u << 20);
  LintSettings settings;
  const auto view = two_layer_view();
  const auto base = cache.key("t", view, settings);
  CHECK(cache.key("t", view, settings) == base);
  CHECK(cache.key("u", view, settings) != base);
  CHECK(ResultCache(dir.path(), "sagelint other", 1u << 20).key("t", view, settings) != base);
  auto v = view;
  v.config_digest[10] = '0';
  CHECK(cache.key("t", v, settings) != base);
  v = view;
  v.layers[1].digest[10] = '0';
  CHECK(cache.key("t", v, settings) != base);
  v = view;
  v.layers[0].diff_id[10] = '0';
  CHECK(cache.key("t", v, settings) != base);
  v = view;
  v.layers.pop_back();
  CHECK(cache.key("t", v, settings) != base);
  auto s = settings;
  s.ignored.insert("SMP010");
  CHECK(cache.key("t", view, s) != base);
  s = settings;
  s.selected.insert("SMP010");
  CHECK(cache.key("t", view, s) != base);
  s = settings;
  s.overrides["SMP010"] = Severity::error;
  CHECK(cache.key("t", view, s) != base);
  s = settings;
  s.rule_options["SMP010"]["allow"] = {"/opt/ml/code"};
  CHECK(cache.key("t", view, s) != base);
  s = settings;
  s.failure_threshold = Severity::error;
  CHECK(cache.key("t", view, s) != base);
  SUBCASE("an image without digests is not keyed") {
    v = view;
    v.config_digest.clear();
    CHECK(cache.key("t", v, settings).empty());
    v = view;
    v.layers[0].diff_id.clear();
    CHECK(cache.key("t", v, settings).empty());
  }
}

TEST_CASE("result cache: a corrupt, truncated or renamed entry is ignored, and rewritten") {
  fixtures::TempDir dir;
  ResultCache cache(dir.path(), "sagelint test", 1u << 20);
  LintSettings settings;
  const auto key = cache.key("t", two_layer_view(), settings);
  cache.store(key, result_of("t"));
  const std::string path = only_entry(dir.path());
  const std::string good = slurp(path);
  REQUIRE(cache.load(key, "t"));

  std::string bad = good;
  bad[bad.size() / 2] ^= 1;
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bad;
  CHECK_FALSE(cache.load(key, "t"));
  fs::resize_file(path, good.size() / 2);
  CHECK_FALSE(cache.load(key, "t"));

  cache.store(key, result_of("t"));
  CHECK(slurp(path) == good);  // this run's bytes read are not part of an entry
  auto other = cache.key("u", two_layer_view(), settings);
  fs::rename(path, dir.path() + "/results-v1/" + other.substr(7));
  CHECK_FALSE(cache.load(other, "u"));
}

TEST_CASE("result cache: a result with an error or without its image summary is not stored") {
  fixtures::TempDir dir;
  ResultCache cache(dir.path(), "sagelint test", 1u << 20);
  const auto key = cache.key("t", two_layer_view(), LintSettings{});
  auto failed = result_of("t");
  failed.error = "unreadable";
  cache.store(key, failed);
  auto bare = result_of("t");
  bare.image.reset();
  cache.store(key, bare);
  CHECK(cache.stores() == 0);
  CHECK_FALSE(cache.load(key, "t"));
}
