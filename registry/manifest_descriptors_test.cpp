#include "registry/manifest_descriptors.hpp"

#include <doctest/doctest.h>

using namespace sagelint::registry;

namespace {
const std::string kDigest = "sha256:" + std::string(64, 'a');
const std::string kDigest2 = "sha256:" + std::string(64, 'b');
}  // namespace

TEST_CASE("an image manifest lists its config and layers with their sizes") {
  std::string body =
      R"({"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json",
    "config":{"mediaType":"application/vnd.docker.container.image.v1+json","digest":")" +
      kDigest + R"(","size":1234},
    "layers":[{"mediaType":"application/vnd.docker.image.rootfs.diff.tar.gzip","digest":")" +
      kDigest2 + R"(","size":99}]})";
  auto r = describe_manifest(body, "", "m");
  REQUIRE(std::holds_alternative<ManifestInfo>(r));
  const auto& info = std::get<ManifestInfo>(r);
  CHECK(!info.index);
  REQUIRE(info.children.size() == 2);
  CHECK(info.children[0].digest == kDigest);
  CHECK(info.children[0].size == 1234);
  CHECK(!info.children[0].manifest);
  CHECK(info.children[1].size == 99);
}

TEST_CASE("an index (or manifest list) lists manifests") {
  std::string body =
      R"({"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":")" +
      kDigest + R"(","size":10,"platform":{"os":"linux","architecture":"amd64"}}]})";
  auto r = describe_manifest(body, "application/vnd.oci.image.index.v1+json", "m");
  REQUIRE(std::holds_alternative<ManifestInfo>(r));
  CHECK(std::get<ManifestInfo>(r).index);
  CHECK(std::get<ManifestInfo>(r).children.at(0).manifest);
}

TEST_CASE("schema 1, bad digests and missing sizes are refused") {
  auto s1 = describe_manifest(R"({"schemaVersion":1,"fsLayers":[]})", "", "m");
  REQUIRE(std::holds_alternative<std::string>(s1));
  CHECK(std::get<std::string>(s1).find("schema 1") != std::string::npos);
  auto s1_type =
      describe_manifest("{}", "application/vnd.docker.distribution.manifest.v1+prettyjws", "m");
  CHECK(std::get<std::string>(s1_type).find("schema 1") != std::string::npos);
  auto bad_digest = describe_manifest(
      R"({"schemaVersion":2,"config":{"digest":"sha256:../../etc","size":1}})", "", "m");
  CHECK(std::get<std::string>(bad_digest).find("invalid digest") != std::string::npos);
  auto no_size =
      describe_manifest(R"({"schemaVersion":2,"config":{"digest":")" + kDigest + R"("}})", "", "m");
  CHECK(std::get<std::string>(no_size).find("no valid size") != std::string::npos);
  CHECK(std::holds_alternative<std::string>(describe_manifest("nope", "", "m")));
  CHECK(std::holds_alternative<std::string>(describe_manifest(R"({"schemaVersion":3})", "", "m")));
}
