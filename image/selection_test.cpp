// Choosing one image in archives and layouts that hold several, and reporting what is missing.
#include <doctest/doctest.h>

#include "image/test_support.hpp"
#include "tests/support/fixture_builder.hpp"

using namespace sagelint::fixtures;
using namespace sagelint::image;
using namespace sagelint::image::testing;

namespace {
ImageSpec tiny(const std::string& tag, const std::string& marker, const std::string& arch = "amd64",
               const std::string& variant = "") {
  ImageSpec img;
  img.tags = {tag};
  img.architecture = arch;
  img.variant = variant;
  LayerSpec l;
  l.entries = {File(marker, marker)};
  img.layers = {l};
  return img;
}
}  // namespace

TEST_CASE(
    "several images in a docker save: --image chooses, ambiguity is an error listing the choices") {
  for (Shape shape : {Shape::docker_classic, Shape::docker_oci, Shape::docker_archive}) {
    TempDir tmp;
    ArchiveSpec spec;
    spec.shape = shape;
    spec.images = {tiny("repo/a:1", "a"), tiny("repo/b:2", "b")};
    write_archive(spec, tmp / "x.tar");
    CHECK(read_error(tmp / "x.tar") ==
          "several images in archive: repo/a:1, repo/b:2; choose one with --image");
    ReadOptions opt;
    opt.image_name = "repo/b:2";
    ImageView v = read_ok(tmp / "x.tar", opt);
    CHECK(v.files.find("/b") != nullptr);
    CHECK(v.files.find("/a") == nullptr);
    CHECK(v.reference == "repo/b:2");
    opt.image_name = "docker.io/repo/a:1";
    CHECK(read_ok(tmp / "x.tar", opt).files.find("/a") != nullptr);
    opt.image_name = "repo/c";
    CHECK(read_error(tmp / "x.tar", opt).find("no image matching --image repo/c") == 0);
  }
}

TEST_CASE("several images in an OCI layout, chosen by ref.name") {
  TempDir tmp;
  ArchiveSpec spec;
  spec.shape = Shape::oci_layout;
  spec.images = {tiny("one", "a"), tiny("two", "b")};
  write_archive(spec, tmp / "l");
  CHECK(read_error(tmp / "l").find(
            "several images in layout: one (linux/amd64), two (linux/amd64)") == 0);
  ReadOptions opt;
  opt.image_name = "two";
  CHECK(read_ok(tmp / "l", opt).files.find("/b") != nullptr);
}

TEST_CASE(
    "a multi-platform index: --platform chooses (default linux/amd64), attestations skipped") {
  for (Shape shape : {Shape::oci_layout, Shape::oci_archive, Shape::docker_oci}) {
    if (shape == Shape::docker_oci)
      continue;  // docker save's manifest.json names one image per platform
    TempDir tmp;
    ArchiveSpec spec;
    spec.shape = shape;
    spec.platform_index = true;
    spec.attestation = true;
    spec.images = {tiny("repo/x:1", "amd"), tiny("repo/x:1", "arm", "arm64", "v8")};
    write_archive(spec, tmp / "x");
    // No --platform: linux/amd64, the architecture of every Processing instance.
    ImageView dflt = read_ok(tmp / "x");
    CHECK(dflt.files.find("/amd") != nullptr);
    CHECK(!dflt.platform_defaulted);
    CHECK(dflt.index_platforms == std::vector<std::string>{"linux/amd64", "linux/arm64/v8"});
    CHECK(dflt.manifest_digest.rfind("sha256:", 0) == 0);
    ReadOptions opt;
    opt.platform = "linux/arm64";
    ImageView v = read_ok(tmp / "x", opt);
    CHECK(v.files.find("/arm") != nullptr);
    CHECK(v.config.architecture == "arm64");
    CHECK(v.reference == "repo/x:1");
    opt.platform = "linux/amd64";
    CHECK(read_ok(tmp / "x", opt).files.find("/amd") != nullptr);
    opt.platform = "linux/s390x";
    CHECK(read_error(tmp / "x", opt).find("no image matching --platform linux/s390x") == 0);
    opt.platform = "nonsense";
    CHECK(read_error(tmp / "x", opt).find("invalid --platform") == 0);
  }
  // One platform plus its attestation is not ambiguous.
  TempDir tmp;
  ArchiveSpec spec;
  spec.shape = Shape::oci_layout;
  spec.platform_index = true;
  spec.attestation = true;
  spec.images = {tiny("repo/x:1", "amd")};
  write_archive(spec, tmp / "x");
  CHECK(read_ok(tmp / "x").files.find("/amd") != nullptr);
}

TEST_CASE("an index without linux/amd64: its first platform is read, and the view says so") {
  TempDir tmp;
  ArchiveSpec spec;
  spec.shape = Shape::oci_layout;
  spec.platform_index = true;
  spec.images = {tiny("repo/x:1", "arm", "arm64", "v8"), tiny("repo/x:1", "ppc", "ppc64le")};
  write_archive(spec, tmp / "x");
  ImageView v = read_ok(tmp / "x");
  CHECK(v.files.find("/arm") != nullptr);
  CHECK(v.platform_defaulted);
  CHECK(v.index_platforms.size() == 2);
  CHECK(!v.warnings.empty());
}

TEST_CASE("read_layers = false: the config and the layer list, no files") {
  TempDir tmp;
  ArchiveSpec spec;
  spec.shape = Shape::oci_layout;
  spec.images = {tiny("repo/x:1", "amd")};
  write_archive(spec, tmp / "x");
  ReadOptions opt;
  opt.read_layers = false;
  ImageView v = read_ok(tmp / "x", opt);
  CHECK(v.files.empty());
  REQUIRE(!v.layers.empty());
  CHECK(!v.layers[0].read);
  opt.read_layers = true;
  ImageView full = read_ok(tmp / "x", opt);
  CHECK(full.layers[0].read);
  CHECK(full.files.find("/amd") != nullptr);
}

TEST_CASE("blobs of other platforms may be missing; missing blobs of the chosen image are errors") {
  TempDir tmp;
  ArchiveSpec spec;
  spec.shape = Shape::oci_layout;
  spec.platform_index = true;
  spec.images = {tiny("repo/x:1", "amd"), tiny("repo/x:1", "arm", "arm64")};
  std::string arm_manifest;
  {
    // Find the arm64 manifest by building once and reading its index.
    write_archive(spec, tmp / "probe");
    ReadOptions opt;
    opt.platform = "linux/arm64";
    CHECK(read_ok(tmp / "probe", opt).files.find("/arm") != nullptr);
  }
  spec.tamper = [](const std::string& name, std::string& bytes) {
    return !(name.rfind("blobs/", 0) == 0 && bytes.find("\"arm64\"") != std::string::npos &&
             bytes.find("rootfs") != std::string::npos);
  };
  write_archive(spec, tmp / "partial");
  ReadOptions opt;
  opt.platform = "linux/amd64";
  CHECK(read_ok(tmp / "partial", opt).files.find("/amd") != nullptr);
  opt.platform = "linux/arm64";
  CHECK(read_error(tmp / "partial", opt).find("config sha256:") == 0);
  CHECK(read_error(tmp / "partial", opt).find("missing") != std::string::npos);

  for (Shape shape : {Shape::docker_classic, Shape::oci_archive}) {
    TempDir t2;
    ArchiveSpec s2;
    s2.shape = shape;
    s2.images = {tiny("repo/x:1", "amd")};
    s2.tamper = [](const std::string& name, std::string& bytes) {
      return !(name.find("layer.tar") != std::string::npos ||
               (name.rfind("blobs/", 0) == 0 && bytes.find("ustar") != std::string::npos));
    };
    write_archive(s2, t2 / "x.tar");
    std::string err = read_error(t2 / "x.tar");
    CHECK(err.find("layer 0 (") == 0);
    CHECK(err.find("missing") != std::string::npos);
  }
}

TEST_CASE("digests are verified unless --no-verify") {
  auto other_layer = [] {
    LayerSpec l;
    l.entries = {File("other", "x")};
    return l;
  };
  SUBCASE("layer digest (OCI, gzip)") {
    TempDir tmp;
    ArchiveSpec spec;
    spec.shape = Shape::oci_layout;
    ImageSpec img = tiny("t", "m");
    img.layers[0].compression = "gzip";
    spec.images = {img};
    LayerSpec swapped = other_layer();
    swapped.compression = "gzip";
    std::string replacement = layer_blob(swapped);
    std::string original = layer_blob(img.layers[0]);
    spec.tamper = [&](const std::string&, std::string& bytes) {
      if (bytes == original) bytes = replacement;
      return true;
    };
    write_archive(spec, tmp / "l");
    std::string err = read_error(tmp / "l");
    CHECK(err.find("layer 0 (sha256:") == 0);
    CHECK(err.find("digest mismatch") != std::string::npos);
    ReadOptions opt;
    opt.verify = false;
    CHECK(read_ok(tmp / "l", opt).files.find("/other") != nullptr);
  }
  SUBCASE("DiffID (classic docker save)") {
    TempDir tmp;
    ArchiveSpec spec;
    spec.shape = Shape::docker_classic;
    spec.images = {tiny("t:1", "m")};
    std::string replacement = layer_blob(other_layer());
    spec.tamper = [&](const std::string& name, std::string& bytes) {
      if (name.find("layer.tar") != std::string::npos) bytes = replacement;
      return true;
    };
    write_archive(spec, tmp / "x.tar");
    std::string err = read_error(tmp / "x.tar");
    CHECK(err.find("DiffID mismatch") != std::string::npos);
    ReadOptions opt;
    opt.verify = false;
    CHECK(read_ok(tmp / "x.tar", opt).files.find("/other") != nullptr);
  }
  SUBCASE("config digest") {
    TempDir tmp;
    ArchiveSpec spec;
    spec.shape = Shape::oci_archive;
    spec.images = {tiny("t", "m")};
    spec.tamper = [&](const std::string& name, std::string& bytes) {
      if (name.rfind("blobs/", 0) == 0 && bytes.find("rootfs") != std::string::npos)
        bytes.insert(1, " ");
      return true;
    };
    write_archive(spec, tmp / "x.tar");
    CHECK(read_error(tmp / "x.tar").find("digest mismatch") != std::string::npos);
    ReadOptions opt;
    opt.verify = false;
    CHECK(read_ok(tmp / "x.tar", opt).files.find("/m") != nullptr);
  }
}

TEST_CASE("a layer blob shared by two layers is read once and applied twice") {
  TempDir tmp;
  ArchiveSpec spec;
  spec.shape = Shape::oci_layout;
  ImageSpec img;
  LayerSpec a, b;
  a.entries = {File("f", "1")};
  b.entries = {Whiteout("f")};
  img.layers = {a, b, a};
  spec.images = {img};
  write_archive(spec, tmp / "l");
  ImageView v = read_ok(tmp / "l");
  CHECK(tree_text(v) == "/ dir L0\n/f file L2 1\n");
}

TEST_CASE("docker save links a layer written before; the link is followed inside the archive") {
  for (std::string outer : {"none", "gzip"}) {
    TempDir tmp;
    ArchiveSpec spec;
    spec.shape = Shape::docker_classic;
    spec.outer_compression = outer;
    ImageSpec a = tiny("repo/a:1", "shared"), b = tiny("repo/b:1", "shared");
    LayerSpec extra;
    extra.entries = {File("only-b", "b")};
    b.layers.push_back(extra);
    spec.images = {a, b};
    write_archive(spec, tmp / "x.tar");
    ReadOptions opt;
    opt.image_name = "repo/b:1";
    ImageView v = read_ok(tmp / "x.tar", opt);
    CHECK(tree_text(v) == "/ dir L0\n/only-b file L1 1\n/shared file L0 6\n");
  }
}
