// The OCI whiteout rules (image-spec layer.md), applied by read_image.
#include <doctest/doctest.h>

#include "image/test_support.hpp"
#include "tests/support/fixture_builder.hpp"

using namespace sagelint::fixtures;
using namespace sagelint::image;
using namespace sagelint::image::testing;

namespace {

// Writes layers as an OCI layout and returns "path type layer" lines (or the error).
std::string merged(const std::vector<std::vector<Entry>>& layers, ReadOptions opt = {}) {
  TempDir tmp;
  ArchiveSpec spec;
  spec.shape = Shape::oci_layout;
  ImageSpec img;
  for (const auto& l : layers) {
    LayerSpec ls;
    ls.entries = l;
    img.layers.push_back(ls);
  }
  spec.images = {img};
  write_archive(spec, tmp / "layout");
  auto r = read_image(tmp / "layout", opt);
  if (auto* e = std::get_if<ReadError>(&r)) return "error: " + e->message;
  return tree_text(std::get<ImageView>(r));
}

const std::vector<Entry> kLower = {Dir("a"), File("a/x", "x"), Dir("a/sub"), File("a/sub/y", "y"),
                                   File("b", "b")};

}  // namespace

TEST_CASE("an opaque marker hides lower children, not the directory or its own layer's entries") {
  const std::string expected = "/ dir L0\n/a dir L0\n/a/new file L1 1\n/b file L0 1\n";
  // The marker applies first wherever it sits in the tar.
  CHECK(merged({kLower, {Opaque("a"), File("a/new", "n")}}) == expected);
  CHECK(merged({kLower, {File("a/new", "n"), Opaque("a")}}) == expected);
  // A new directory of the same name below an opaque one does not bring back lower content.
  CHECK(merged({kLower, {File("a/sub/z", "z"), Opaque("a")}}) ==
        "/ dir L0\n/a dir L0\n/a/sub dir L1\n/a/sub/z file L1 1\n/b file L0 1\n");
}

TEST_CASE("a whiteout hides only lower layers, with the whole subtree") {
  CHECK(merged({kLower, {Whiteout("a")}}) == "/ dir L0\n/b file L0 1\n");
  CHECK(merged({kLower, {Whiteout("a/sub/y")}}) ==
        "/ dir L0\n/a dir L0\n/a/sub dir L0\n/a/x file L0 1\n/b file L0 1\n");
  // Same layer: the whiteout does not hide the layer's own b, in either order.
  CHECK(merged({kLower, {Whiteout("b"), File("b", "bb")}}) ==
        "/ dir L0\n/a dir L0\n/a/sub dir L0\n/a/sub/y file L0 1\n/a/x file L0 1\n/b file L1 2\n");
  CHECK(merged({kLower, {File("b", "bb"), Whiteout("b")}}) ==
        "/ dir L0\n/a dir L0\n/a/sub dir L0\n/a/sub/y file L0 1\n/a/x file L0 1\n/b file L1 2\n");
  // Deleted in layer 1, created again in layer 2.
  CHECK(merged({kLower, {Whiteout("b")}, {File("b", "bbb")}}) ==
        "/ dir L0\n/a dir L0\n/a/sub dir L0\n/a/sub/y file L0 1\n/a/x file L0 1\n/b file L2 3\n");
  // A whiteout of something that never existed is harmless.
  CHECK(merged({kLower, {Whiteout("nothing/here")}}).rfind("error", 0) != 0);
}

TEST_CASE(
    "a non-directory replacing a directory hides its subtree; a directory over a directory keeps "
    "it") {
  CHECK(merged({kLower, {File("a", "file now")}}) == "/ dir L0\n/a file L1 8\n/b file L0 1\n");
  CHECK(merged({kLower, {Symlink("a", "/elsewhere")}}) ==
        "/ dir L0\n/a symlink L1 -> /elsewhere\n/b file L0 1\n");
  CHECK(merged({kLower, {Dir("a", 0700)}}) ==
        "/ dir L0\n/a dir L1\n/a/sub dir L0\n/a/sub/y file L0 1\n/a/x file L0 1\n/b file L0 1\n");
}

TEST_CASE("AUFS metadata is ignored and a bare .wh. is an error") {
  CHECK(merged({kLower,
                {Dir(".wh..wh.plnk"), File(".wh..wh.plnk/123.456", "x"),
                 File(".wh..wh.aufs", "")}}) == merged({kLower}));
  std::string err = merged({kLower, {File("a/.wh.", "")}});
  CHECK(err.find("error: ") == 0);
  CHECK(err.find("invalid whiteout /a/.wh.") != std::string::npos);
  CHECK(err.find("layer 1") != std::string::npos);
}

TEST_CASE("entry names are normalised") {
  CHECK(merged({{Dir("./a/"), File("./a//x", "1"), File("a/./y/../z", "22")}}) ==
        "/ dir L0\n/a dir L0\n/a/x file L0 1\n/a/z file L0 2\n");
}

TEST_CASE("captured contents follow the final filesystem") {
  ReadOptions opt;
  opt.want_content = [](const std::string& p, const ImageConfig&) {
    return p.rfind("/a/", 0) == 0 || p == "/b";
  };
  TempDir tmp;
  ArchiveSpec spec;
  spec.shape = Shape::oci_layout;
  ImageSpec img;
  LayerSpec l0, l1, l2;
  l0.entries = kLower;
  l1.entries = {Whiteout("a/x"), File("b", "new b"), Hardlink("a/h", "b")};
  l2.entries = {Opaque("a/sub")};
  img.layers = {l0, l1, l2};
  spec.images = {img};
  write_archive(spec, tmp / "l");
  ImageView v = read_ok(tmp / "l", opt);
  CHECK(v.contents.count("/a/x") == 0);
  CHECK(v.contents.count("/a/sub/y") == 0);
  CHECK(v.contents.at("/b") == "new b");
  CHECK(v.contents.at("/a/h") == "new b");
  CHECK(v.files.find("/a/h")->size == 5);
  CHECK(v.files.find("/a/sub") != nullptr);
  CHECK_FALSE(v.files.has_children("/a/sub"));
}

TEST_CASE("max_content keeps only the beginning of a big file") {
  ReadOptions opt;
  opt.max_content = 4;
  opt.want_content = [](const std::string&, const ImageConfig&) { return true; };
  TempDir tmp;
  ArchiveSpec spec;
  spec.shape = Shape::oci_layout;
  ImageSpec img;
  LayerSpec l0;
  l0.entries = {File("elf",
                     "\x7f"
                     "ELF and much more")};
  img.layers = {l0};
  spec.images = {img};
  write_archive(spec, tmp / "l");
  ImageView v = read_ok(tmp / "l", opt);
  CHECK(v.contents.at("/elf") ==
        "\x7f"
        "ELF");
  CHECK(v.files.find("/elf")->size == 18);
}
